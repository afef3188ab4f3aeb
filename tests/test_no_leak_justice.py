"""A criminal proceeding is seen by the authorities that have been in charge of it and by the
lawyers of its victims. Every other organisation, in every role, and the victim's own case
manager learn nothing of it on its routes: not that it exists, not its facts, not who is in it."""

import uuid
from datetime import datetime, time

import pytest
from django.utils import timezone

from opennrm.accounts.roles import Role
from opennrm.cases.tests.factories import open_case
from opennrm.core.calendar import add_working_days
from opennrm.justice.models import Authority
from opennrm.justice.services import hearing_schedule, measure_request
from opennrm.justice.tests.factories import add_accused, link, open_proceeding
from tests.test_no_leak import _patterns

pytestmark = pytest.mark.django_db

PROCEEDING_ROUTES = [r for r, _p in _patterns() if "<uuid:proceeding_id>" in r]
SECRETS = ["Synthetic facts", "Atlas", "Salma", "Testaoui", "سلمى", "Suspectoui", "كريم المشتبه"]


@pytest.fixture
def proceeding(member_of, case_manager):
    police = member_of("judicial_police_officer")
    made = open_proceeding(police)
    link(case_manager, open_case(case_manager), made)
    made.accused = add_accused(police, made)
    victim = made.victim = made.cases.get()
    made.hearing = hearing_schedule(
        actor=police,
        proceeding=made,
        scheduled_at=timezone.make_aware(
            datetime.combine(add_working_days(timezone.localdate(), 2), time(10))
        ),
        court=Authority.objects.get(code="CA_CASABLANCA"),
        purpose="Trial",
    )
    made.measure = measure_request(
        actor=police,
        victim=victim,
        kind="PoliceProtection",
        requested_on=made.opened_on,
        requested_by="Victim",
    )
    return made


STEPS = {"accused": "charge", "hearings": "reschedule", "measures": "grant"}


def _path(route, proceeding):
    path = route.replace("<uuid:proceeding_id>", str(proceeding.pk))
    path = path.replace("<uuid:perpetrator_id>", str(proceeding.accused.pk))
    path = path.replace("<uuid:hearing_id>", str(proceeding.hearing.pk))
    path = path.replace("<uuid:measure_id>", str(proceeding.measure.pk))
    path = path.replace("<uuid:link_id>", str(proceeding.victim.pk))
    for kind, step in STEPS.items():
        if f"/{kind}/" in path:
            path = path.replace("<slug:step>", step)
    return "/" + path


def _ref(pk):
    return type("Ref", (), {"pk": pk})()


class _Missing:
    pk = uuid.uuid4()
    accused = _ref(uuid.uuid4())
    hearing = _ref(uuid.uuid4())
    measure = _ref(uuid.uuid4())
    victim = _ref(uuid.uuid4())


def test_walker_found_the_proceeding_routes():
    # The proceeding, its next stage, adding a suspect, a suspect's page and its steps,
    # setting a hearing and its steps, recording a protection request and its steps, and a
    # victim's participation.
    assert len(PROCEEDING_ROUTES) == 10


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_other_organisations_learn_nothing_of_a_proceeding(
    client, login, member_of, proceeding, role
):
    login(client, member_of(role))
    for route in PROCEEDING_ROUTES:
        for method in ("get", "post"):
            real = getattr(client, method)(_path(route, proceeding))
            missing = getattr(client, method)(_path(route, _Missing()))
            assert real.status_code == missing.status_code, (role, route, method)
            assert real.status_code in {404, 405}, (role, route, method)
            body = real.content.decode()
            for secret in [proceeding.reference_code, *SECRETS]:
                assert secret not in body, (role, route, method, secret)
    listing = client.get("/justice/").content.decode()
    assert proceeding.reference_code not in listing


def test_the_victims_case_manager_sees_no_proceeding_route(client, login, case_manager, proceeding):
    login(client, case_manager)
    for route in PROCEEDING_ROUTES:
        for method in ("get", "post"):
            real = getattr(client, method)(_path(route, proceeding))
            assert real.status_code in {404, 405}, (route, method)
            body = real.content.decode()
            assert "Synthetic facts" not in body
            assert "Suspectoui" not in body
