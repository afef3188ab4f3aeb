"""Mixed traffic for the load bench (bench/load_bench.py): case managers (case list, case
page, a note, the referral list), hotline operators (the contact form, opened then sent) and
coordinators (statistics dashboards). Accounts come from LOAD_ACCOUNTS (JSON: role -> [username,
password]); the server runs without the second factor (bench only).

Users are locust's FastHttpUser (geventhttpclient): locust runs on the same 2 cores as the
server, and its default client (requests) took ~12 % of a core at 40 requests/s, CPU the
server under test did not get."""

from __future__ import annotations

import json
import os
import random
import re

from locust import FastHttpUser, between, events, task
from locust.env import Environment

ACCOUNTS = json.loads(os.environ.get("LOAD_ACCOUNTS", "{}"))
CASE_LINK = re.compile(r'href="/cases/([0-9a-f-]{36})/"')
HIDDEN = re.compile(r'name="(csrfmiddlewaretoken|timer)" value="([^"]+)"')


SIGNED_IN = {"count": 0}


@events.test_start.add_listener
def _reset_count(environment: Environment, **_kwargs: object) -> None:
    SIGNED_IN["count"] = 0


def _signed_in(environment: Environment) -> None:
    """Figures of the steady state: statistics start again once every user has signed in
    (a sign-in hashes a password on purpose: hundreds of milliseconds of CPU each, queued
    behind one another while the users arrive, which is not the traffic being measured)."""
    SIGNED_IN["count"] += 1
    options = environment.parsed_options
    if options is not None and SIGNED_IN["count"] == options.num_users:
        environment.stats.reset_all()


class Member(FastHttpUser):
    abstract = True
    role = ""
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        username, password = ACCOUNTS[self.role]
        page = self.client.get("/accounts/login/", name="login")
        token = dict(HIDDEN.findall(page.text)).get("csrfmiddlewaretoken", "")
        self.client.post(
            "/accounts/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token},
            name="login",
        )
        _signed_in(self.environment)

    def form_fields(self, html: str) -> dict[str, str]:
        return dict(HIDDEN.findall(html))

    def sent(self, url: str, data: dict[str, str]) -> None:
        """A form sent: saved means redirected; the form shown again is a failure."""
        with self.client.post(
            url,
            data,
            name=f"{url.split('/')[1]} form sent",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"not saved ({response.status_code})")


class CaseManager(Member):
    role = "case_manager"
    weight = 6
    cases: list[str] = []

    @task(4)
    def case_list(self) -> None:
        page = random.randint(1, 5)
        response = self.client.get(f"/cases/?page={page}", name="/cases/?page=N")
        found = CASE_LINK.findall(response.text)
        if found:
            self.cases = found

    @task(4)
    def case_page(self) -> None:
        if self.cases:
            self.client.get(f"/cases/{random.choice(self.cases)}/", name="/cases/<id>/")

    @task(1)
    def note(self) -> None:
        """Open a case, write a note on it (the form is on the case page)."""
        if not self.cases:
            return
        case = random.choice(self.cases)
        page = self.client.get(f"/cases/{case}/", name="/cases/<id>/")
        self.sent(
            f"/cases/{case}/notes/new/",
            {**self.form_fields(page.text), "body": "Synthetic load-test note"},
        )

    @task(1)
    def referrals(self) -> None:
        self.client.get("/referrals/", name="/referrals/")


class HotlineOperator(Member):
    role = "hotline_operator"
    weight = 3

    @task
    def contact(self) -> None:
        form = self.client.get("/hotline/new/", name="/hotline/new/")
        self.sent(
            "/hotline/new/",
            {
                **self.form_fields(form.text),
                "channel": "Phone",
                "caller_type": "Witness",
                "urgency": "Normal",
                "outcome": "InformationGiven",
                "summary": "Synthetic load-test call",
            },
        )


class Coordinator(Member):
    role = "coordinator"
    weight = 1

    @task(3)
    def statistics(self) -> None:
        self.client.get("/stats/", name="/stats/")

    @task(1)
    def home(self) -> None:
        self.client.get("/", name="/")
