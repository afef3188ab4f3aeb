"""The crash-safety drill (issue 14): the application runs under gunicorn on a fresh database
while several client processes open cases and add notes through the API (the services behind
it); the server is killed with SIGKILL at random moments, then restarted, for a number of
rounds. Afterwards every write the server acknowledged must be there, whole (the person, the
case, its encrypted values readable, its audit event), nothing may be half written, and the
audit chain must verify.

    python scripts/crash_drill.py [--rounds 20] [--writers 3] [--engine sqlite|postgresql|both]

PostgreSQL is used when DATABASE_URL names a server (a database opennrm_crash is made there
and dropped afterwards). Prints one report line per engine; exit 1 when anything was lost.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import json
import multiprocessing
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
USERNAME, PASSWORD = "crash.writer", "crash-drill-password-2026"
SETUP = f"""
from opennrm.accounts.services import membership_grant, organisation_create, user_create
org = organisation_create(name="Crash drill NGO", org_type="NGO")
user = user_create(username="{USERNAME}", password="{PASSWORD}")
membership_grant(user=user, organisation=org, role="case_manager")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "2",
            "--graceful-timeout",
            "1",
            "--log-level",
            "critical",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill takes every worker
    )


def wait_ready(port: int, timeout: float = 60.0) -> None:
    """Until the application answers (the workers have loaded it), not merely listens."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5):
                return
        except (OSError, urllib.error.URLError):
            time.sleep(0.05)
    raise SystemExit("the server did not start")


class Client:
    """A case worker's session: log in (CSRF cookie first), then JSON calls."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _csrf(self) -> str:
        return next((c.value or "" for c in self.jar if c.name == "csrftoken"), "")

    def login(self) -> None:
        self.opener.open(f"{self.base}/accounts/login/", timeout=10).read()
        data = urllib.parse.urlencode(
            {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": self._csrf()}
        ).encode()
        self.opener.open(f"{self.base}/accounts/login/", data=data, timeout=10).read()

    def post(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        request = urllib.request.Request(
            f"{self.base}{path}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "X-CSRFToken": self._csrf()},
            method="POST",
        )
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, {}


def writer(number: int, base: str, stop: Any, results: Any) -> None:
    """Open cases and add notes until told to stop; report what was acknowledged."""
    rng = random.Random(number)
    client = Client(base)
    acked_cases: list[tuple[str, str]] = []
    acked_notes: list[tuple[str, str, str]] = []
    unsure = 0
    refused: dict[str, int] = {}
    sequence = 0
    logged_in = False
    while not stop.is_set():
        try:
            if not logged_in:
                client.login()
                logged_in = True
            sequence += 1
            marker = f"w{number}-{sequence}"
            if acked_cases and rng.random() < 0.4:
                case_id = rng.choice(acked_cases)[0]
                status, body = client.post(
                    f"/api/v1/cases/{case_id}/notes/", {"body": f"Note {marker}"}
                )
                if status == 201:
                    acked_notes.append((case_id, body["id"], marker))
            else:
                status, body = client.post(
                    "/api/v1/cases/",
                    {
                        "person": {"given_name_latin": "Drill", "family_name_latin": marker},
                        "case": {
                            "identified_on": "2026-11-02",
                            "exploitation_types": ["ForcedLabour"],
                            "narrative": f"Narrative {marker}",
                        },
                    },
                )
                if status == 201:
                    acked_cases.append((body["id"], marker))
            if status in (401, 403):
                logged_in = False
            elif status != 201:
                unsure += 1
                refused[str(status)] = refused.get(str(status), 0) + 1
        except (
            OSError,
            urllib.error.URLError,
            http.client.HTTPException,
            json.JSONDecodeError,
        ) as error:
            # The server died under this request (before answering, or halfway through the
            # answer: IncompleteRead): it may or may not have been written.
            if os.environ.get("CRASH_DRILL_DEBUG"):
                print(f"writer {number}: {error!r}", file=sys.stderr)
            unsure += 1
            time.sleep(0.05)
    results.put({"cases": acked_cases, "notes": acked_notes, "unsure": unsure, "refused": refused})


def verify(acked_file: str) -> int:
    """Run inside Django (DATABASE_URL of the drill): every acknowledged write is whole."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from opennrm.cases.models import Case, CaseNote
    from opennrm.core.audit import audit_verify
    from opennrm.core.models import AuditEvent
    from opennrm.people.models import Person

    acked = json.loads(Path(acked_file).read_text())
    problems: list[str] = []
    cases = {str(c.pk): c for c in Case.objects.select_related("person")}
    notes = {str(n.pk): n for n in CaseNote.objects.all()}
    opened = set(
        AuditEvent.objects.filter(action="case.opened").values_list("object_id", flat=True)
    )
    noted = {
        str(details.get("note_id"))
        for details in AuditEvent.objects.filter(action="case.note_added").values_list(
            "details", flat=True
        )
    }
    for case_id, marker in acked["cases"]:
        case = cases.get(case_id)
        if case is None:
            problems.append(f"lost case {marker}")
        elif case.narrative != f"Narrative {marker}" or case.person.family_name_latin != marker:
            problems.append(f"case {marker} does not read back")
    for _case_id, note_id, marker in acked["notes"]:
        note = notes.get(note_id)
        if note is None:
            problems.append(f"lost note {marker}")
        elif note.body != f"Note {marker}":
            problems.append(f"note {marker} does not read back")
    # Nothing half written: every case has its person and its audit event, acknowledged or
    # not (a write cut by the kill is either whole or absent).
    persons = set(Person.objects.values_list("pk", flat=True))
    half = [
        str(c.pk) for c in cases.values() if str(c.pk) not in opened or c.person_id not in persons
    ] + [note_id for note_id in notes if note_id not in noted]
    orphans = Person.objects.filter(cases__isnull=True).count()
    chain = audit_verify()
    lost = sum(1 for p in problems if p.startswith("lost"))
    print(
        f"  {len(acked['cases']) + len(acked['notes']):,} acknowledged writes "
        f"({len(acked['cases']):,} cases, {len(acked['notes']):,} notes), "
        f"{acked['unsure']:,} attempts failed while the server was down or dying; "
        f"in the database {len(cases):,} cases, "
        f"{len(notes):,} notes; lost {lost}, unreadable {len(problems) - lost}, "
        f"half written {len(half) + orphans}; audit chain "
        f"{'intact' if chain.intact else 'BROKEN'} ({chain.checked:,} events)"
    )
    return 0 if not problems and not half and not orphans and chain.intact else 1


def drill(engine: str, database_url: str, rounds: int, writers: int, work: Path) -> int:
    keys = work / f"keys-{engine}.json"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "OPENNRM_KEY_FILE": str(keys),
        "OPENNRM_REQUIRE_MFA": "false",
        "DJANGO_DEBUG": "false",
        "OPENNRM_HTTPS": "false",
        "OPENNRM_TASK_QUEUE_FILE": str(work / f"tasks-{engine}.sqlite3"),
        "OPENNRM_SUBJECT_KEY_ESCROW": str(work / f"escrow-{engine}"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "OPENNRM_STATIC_ROOT": str(work / "static"),
    }
    env.pop("OPENNRM_KEYS_JSON", None)
    manage(env, "generate_keys")
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "-c", SETUP)
    if not (work / "static").exists():
        manage(env, "collectstatic", "--noinput")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(env, port)
    wait_ready(port)
    stop = multiprocessing.Event()
    results: Any = multiprocessing.Queue()
    clients = [
        multiprocessing.Process(target=writer, args=(n, base, stop, results))
        for n in range(writers)
    ]
    for client in clients:
        client.start()
    rng = random.Random(2026)
    started = time.monotonic()
    for _round in range(rounds):
        # Kill at a random moment of a busy period: writes are in flight in every worker.
        time.sleep(rng.uniform(0.3, 2.5))
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        time.sleep(rng.uniform(0.05, 0.3))
        server = start_server(env, port)
        wait_ready(port)
    time.sleep(1.0)
    stop.set()
    gathered = [results.get(timeout=60) for _ in clients]
    for client in clients:
        client.join(timeout=30)
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)
    acked = {
        "cases": [c for g in gathered for c in g["cases"]],
        "notes": [n for g in gathered for n in g["notes"]],
        "unsure": sum(g["unsure"] for g in gathered),
    }
    refused: dict[str, int] = {}
    for g in gathered:
        for status, count in g["refused"].items():
            refused[status] = refused.get(status, 0) + count
    if refused:
        print(f"  answers other than 201 (during restarts): {refused}")
    acked_file = work / f"acked-{engine}.json"
    acked_file.write_text(json.dumps(acked))
    print(f"--- crash drill on {engine}: {rounds} SIGKILLs in {time.monotonic() - started:.0f} s")
    check = subprocess.run(
        [PY, __file__, "--verify", str(acked_file)], cwd=ROOT, env=env, check=False
    )
    return check.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--verify", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.verify:
        return verify(args.verify)
    sys.path.insert(0, str(ROOT))
    failed = 0
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if args.engine in ("sqlite", "both"):
            failed |= drill(
                "sqlite", f"sqlite:///{work / 'crash.sqlite3'}", args.rounds, args.writers, work
            )
        pg = os.environ.get("DATABASE_URL", "")
        if args.engine in ("postgresql", "both") and pg.startswith("postgres"):
            server = pg.rsplit("/", 1)[0]
            admin = f"{server}/postgres"
            subprocess.run(
                ["psql", admin, "-qc", "DROP DATABASE IF EXISTS opennrm_crash"],
                check=True,
                capture_output=True,
            )
            subprocess.run(
                ["psql", admin, "-qc", "CREATE DATABASE opennrm_crash"],
                check=True,
                capture_output=True,
            )
            try:
                failed |= drill(
                    "postgresql", f"{server}/opennrm_crash", args.rounds, args.writers, work
                )
            finally:
                subprocess.run(
                    ["psql", admin, "-qc", "DROP DATABASE IF EXISTS opennrm_crash"],
                    check=False,
                    capture_output=True,
                )
    print("crash drill: " + ("FAILED" if failed else "every acknowledged write is there, whole"))
    return failed


if __name__ == "__main__":
    sys.exit(main())
