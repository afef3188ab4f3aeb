"""Case register at scale: load N cases into PostgreSQL, then measure the p50/p95 latency of the
case list, a name search and a case page through the full Django stack (middleware, access
selectors, audit writes, templates), as a case manager of the largest organisation.

    python bench/case_list_bench.py [--cases 1000000] [--requests 200] [--reuse]

BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/opennrm_bench) is dropped and
re-created unless --reuse is given and it already holds the data. Prints the figures recorded
in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/opennrm_bench")
KEYS = {
    "active": "kbench",
    "data_keys": {"kbench": base64.b64encode(os.urandom(32)).decode()},
    "blind_index_key": base64.b64encode(os.urandom(32)).decode(),
    "audit_key": base64.b64encode(os.urandom(32)).decode(),
}
KEY_FILE = ROOT / "var" / "bench-keys.json"


def prepare_environment(reuse: bool) -> None:
    KEY_FILE.parent.mkdir(exist_ok=True)
    if not (reuse and KEY_FILE.exists()):
        KEY_FILE.write_text(json.dumps(KEYS))
    os.environ["OPENNRM_KEYS_JSON"] = KEY_FILE.read_text()
    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ["OPENNRM_HTTPS"] = "false"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"


def recreate_database() -> None:
    import psycopg

    name = BENCH_URL.rsplit("/", 1)[1]
    admin = BENCH_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def load(n_cases: int, seed: int = 7) -> None:
    """Bulk-load synthetic organisations, persons (encrypted, with blind indexes), cases,
    exploitation types and initial decisions with COPY."""
    from django.db import connection
    from stats_bench import BAND_WEIGHTS, BANDS, copy_exploitations, copy_models

    from opennrm.accounts.models import OrganisationType
    from opennrm.accounts.services import membership_grant, organisation_create, user_create
    from opennrm.cases.models import Case
    from opennrm.core.crypto import encrypt
    from opennrm.core.references import new_reference
    from opennrm.demo.names import ORIGINS
    from opennrm.people.models import Person
    from opennrm.people.services import name_index, phone_index

    rng = random.Random(seed)
    used: set[str] = set()

    def reference(prefix: str) -> str:
        # Random codes: at a million, two alike are likely somewhere (the birthday problem).
        code = new_reference(prefix)
        while code in used:
            code = new_reference(prefix)
        used.add(code)
        return code

    organisations = [
        organisation_create(name=f"Bench organisation {i}", org_type=OrganisationType.NGO)
        for i in range(15)
    ]
    # The benchmark user's organisation owns 30% of all cases: the heaviest realistic list.
    weights = [30] + [70 / 14] * 14
    manager = user_create(username="bench.manager", password="bench-password-2026")
    membership_grant(user=manager, organisation=organisations[0], role="case_manager")
    stages = [
        "Identification",
        "ImmediateAssistance",
        "LongTermAssistance",
        "ReturnReintegration",
        "Closed",
    ]
    statuses = [
        "PossibleVictimOfTrafficking",
        "ActualVictimOfTrafficking",
        "NotAVictimOfTrafficking",
    ]
    kinds = [
        "SexualExploitation",
        "ForcedLabour",
        "ForcedBegging",
        "Servitude",
        "CriminalPurposes",
        "SlaveryOrSimilarPractices",
    ]
    now = datetime.now(UTC)
    batch = 50_000
    started = time.monotonic()
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        for offset in range(0, n_cases, batch):
            persons, cases, exploitations = [], [], []
            for _ in range(min(batch, n_cases - offset)):
                origin = rng.choices(ORIGINS, weights=[o[0] for o in ORIGINS])[0]
                given = rng.choice(origin[3] + origin[4])
                family = rng.choice(origin[5])
                phone = f"+2126{rng.randint(10_000_000, 99_999_999)}"
                person_id, case_id = uuid.uuid4(), uuid.uuid4()
                updated = now - timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
                owner = rng.choices(organisations, weights=weights)[0]
                # Columns not named here take their model default (copy_models), so the loader
                # keeps up with new columns.
                persons.append(
                    {
                        "id": person_id,
                        "created_at": updated,
                        "updated_at": updated,
                        "reference_code": reference("P"),
                        "registered_by_id": owner.pk,
                        "given_name_latin": encrypt(
                            given[0], context="people.person.given_name_latin"
                        ),
                        "family_name_latin": encrypt(
                            family[0], context="people.person.family_name_latin"
                        ),
                        "given_name_arabic": encrypt(
                            given[1], context="people.person.given_name_arabic"
                        ),
                        "family_name_arabic": encrypt(
                            family[1], context="people.person.family_name_arabic"
                        ),
                        "name_latin_index": name_index(f"{given[0]} {family[0]}"),
                        "name_arabic_index": name_index(f"{given[1]} {family[1]}"),
                        "gender": "Feminine",
                        "citizenships": origin[1],
                        "languages": origin[2],
                        "phone": encrypt(phone, context="people.person.phone"),
                        "phone_index": phone_index(phone),
                    }
                )
                cases.append(
                    {
                        "id": case_id,
                        "created_at": updated,
                        "updated_at": updated,
                        "reference_code": reference("C"),
                        "person_id": person_id,
                        "owner_organisation_id": owner.pk,
                        "status": "Active",
                        "nrm_stage": rng.choice(stages),
                        "stage_changed_at": updated,
                        "trafficking_status": rng.choice(statuses),
                        "identified_on": date(2024, 1, 1) + timedelta(days=rng.randint(0, 900)),
                        "identification_region": "MA-01",
                        "country_of_exploitation": "MA",
                        "methods_of_control": ["DebtBondage"],
                        "age_band": rng.choices(BANDS, BAND_WEIGHTS)[0],
                    }
                )
                for kind in rng.sample(kinds, k=rng.choice([1, 1, 2])):
                    exploitations.append({"case_id": case_id, "exploitation_type": kind})
            copy_models(cursor, Person, persons, now)
            copy_models(cursor, Case, cases, now)
            copy_exploitations(cursor, exploitations)
            print(
                f"  loaded {offset + len(cases):>9,} cases ({time.monotonic() - started:.0f} s)",
                flush=True,
            )
    # Steady state: what autovacuum would have done after the load (visibility map, stats).
    connection.connection.autocommit = True
    with connection.connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(requests: int) -> dict[str, list[float]]:
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from opennrm.accounts.models import Membership
    from opennrm.cases.models import Case
    from opennrm.people.models import Person

    membership = Membership.objects.select_related("user").get(user__username="bench.manager")
    device, _ = TOTPDevice.objects.get_or_create(
        user=membership.user, name="bench", defaults={"confirmed": True}
    )
    client = Client()
    client.force_login(membership.user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    own = Case.objects.filter(owner_organisation_id=membership.organisation_id)
    rng = random.Random(11)
    sample_ids = list(own.order_by("?").values_list("id", flat=True)[:requests])
    people = Person.objects.filter(pk__in=own.order_by("?").values("person_id")[:requests])
    names = [f"{p.given_name_latin} {p.family_name_latin}" for p in people]
    timings: dict[str, list[float]] = {"case list": [], "name search": [], "case page": []}
    stages = ["", "Identification", "ImmediateAssistance"]

    def timed(label, url):
        start = time.perf_counter()
        response = client.get(url)
        timings[label].append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (label, response.status_code)

    for i in range(requests + 10):  # the first 10 warm caches and are not counted
        stage = rng.choice(stages)
        page = rng.randint(1, 40)
        timed("case list", f"/cases/?nrm_stage={stage}&page={page}")
        token = client.post("/cases/search/", {"q": names[i % len(names)]})["Location"]
        timed("name search", token)
        case_id = sample_ids[i % len(sample_ids)]
        timed("case page", f"/cases/{case_id}/")
        if i < 10:
            for values in timings.values():
                values.clear()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()

    prepare_environment(args.reuse)
    if not args.reuse:
        recreate_database()
    import django

    django.setup()
    from django.core.management import call_command

    from opennrm.cases.models import Case

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not Case.objects.exists():
        print(f"Loading {args.cases:,} cases into {BENCH_URL} ...")
        load(args.cases)
    total = Case.objects.count()
    print(f"Measuring {args.requests} requests of each kind over {total:,} cases ...")
    timings = measure(args.requests)
    print(
        f"\nMachine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}"
    )
    print(f"{'request':<14}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for label, values in timings.items():
        print(
            f"{label:<14}{statistics.median(values):>10.1f}{percentile(values, 0.95):>10.1f}"
            f"{max(values):>10.1f}"
        )


if __name__ == "__main__":
    main()
