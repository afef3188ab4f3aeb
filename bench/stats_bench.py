"""National statistics at scale: load N cases (persons, forms of exploitation, means of
control, identification decisions, hotline contacts, referrals) into PostgreSQL, then measure
the national report's figures (every figure, every breakdown, this year and last, cold cache),
its PDF, and the p50/p95 of the statistics pages and the coordinator's home page through the
full Django stack.

    python bench/stats_bench.py [--cases 1000000] [--requests 60] [--reuse] [--year 2026]

BENCH_STATS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/opennrm_stats_bench) is
dropped and re-created unless --reuse is given and it already holds the data. No name is
stored (the figures never read one); every other column is filled as the application would.
Prints the figures recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

os.environ.setdefault(
    "BENCH_DATABASE_URL",
    os.environ.get(
        "BENCH_STATS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/opennrm_stats_bench"
    ),
)
from case_list_bench import percentile, prepare_environment, recreate_database  # noqa: E402

FIRST_YEAR = 2016
REGIONS = [f"MA-{n:02d}" for n in range(1, 13)]
REGION_WEIGHTS = [14, 9, 10, 12, 5, 22, 9, 3, 8, 2, 3, 3]
BANDS = ["0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+", ""]
BAND_WEIGHTS = [2, 12, 12, 14, 14, 12, 18, 8, 4, 4]
CITIZENSHIPS = [["MA"], ["SN"], ["CI"], ["GN"], ["NG"], ["CM"], ["CD"], ["BD"], ["PK"], []]
CITIZENSHIP_WEIGHTS = [45, 10, 8, 7, 8, 6, 4, 4, 3, 5]
FORMS = [
    "SexualExploitation",
    "ForcedLabour",
    "ForcedBegging",
    "Servitude",
    "CriminalPurposes",
    "ForcedMarriage",
]
CONTROLS = ["DebtBondage", "WithholdsDocuments", "PhysicalThreats", "FalsePromises"]


def _columns(model: Any) -> list[Any]:
    return list(model._meta.concrete_fields)


def _default(field: Any, now: datetime) -> Any:
    from django.db import models

    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        value = field.get_default()
        return json.dumps(value) if isinstance(field, models.JSONField) else value
    if field.null:
        return None
    if isinstance(field, models.JSONField):
        return "[]"
    if isinstance(field, models.BooleanField):
        return False
    return ""


def copy_models(cursor: Any, model: Any, rows: list[dict[str, Any]], now: datetime) -> None:
    """COPY rows of a model, every column not given filled with its default."""
    fields = _columns(model)
    names = [f.column for f in fields]
    with cursor.copy(f"COPY {model._meta.db_table} ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            values = []
            for f in fields:
                value = row[f.attname] if f.attname in row else _default(f, now)
                if isinstance(value, list | dict):
                    value = json.dumps(value)
                values.append(value)
            copy.write_row(values)


def copy_exploitations(cursor: Any, rows: list[dict[str, Any]]) -> None:
    """COPY the forms of exploitation of cases (their own key is the database's sequence)."""
    with cursor.copy("COPY cases_caseexploitation (case_id, exploitation_type) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row["case_id"], row["exploitation_type"]])


def load(n_cases: int, seed: int = 7) -> None:  # noqa: PLR0915
    from django.db import connection

    from opennrm.accounts.models import OrganisationType
    from opennrm.accounts.services import membership_grant, organisation_create, user_create
    from opennrm.cases.models import Case, IdentificationDecision
    from opennrm.core.references import new_reference
    from opennrm.hotline.models import Contact
    from opennrm.people.models import Person
    from opennrm.referrals.models import DisclosureProfile, Referral

    rng = random.Random(seed)
    now = datetime.now(UTC)
    types = [
        OrganisationType.NGO,
        OrganisationType.LAW_ENFORCEMENT,
        OrganisationType.UN_AGENCY,
        OrganisationType.RECEPTION_CENTRE,
    ]
    organisations = [
        organisation_create(name=f"Bench organisation {i}", org_type=types[i % len(types)])
        for i in range(16)
    ]
    commission = organisation_create(
        name="Bench commission", org_type=OrganisationType.NATIONAL_COMMISSION
    )
    coordinator = user_create(username="bench.coordinator", password="bench-password-2026")
    membership_grant(user=coordinator, organisation=commission, role="coordinator")
    sender = user_create(username="bench.sender", password="bench-password-2026")
    membership_grant(user=sender, organisation=organisations[0], role="case_manager")
    profile = DisclosureProfile.objects.first()
    if profile is None:
        raise SystemExit("no disclosure profile: run the migrations first")
    used: set[str] = set()

    def reference(prefix: str) -> str:
        code = new_reference(prefix)
        while code in used:
            code = new_reference(prefix)
        used.add(code)
        return code

    days = (date(2026, 12, 31) - date(FIRST_YEAR, 1, 1)).days
    batch = 50_000
    started = time.monotonic()
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        for offset in range(0, n_cases, batch):
            persons, cases, forms, decisions, contacts, referrals = [], [], [], [], [], []
            for _ in range(min(batch, n_cases - offset)):
                person_id, case_id = uuid.uuid4(), uuid.uuid4()
                owner = rng.choice(organisations)
                first = date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randint(0, days))
                at = datetime(first.year, first.month, first.day, 10, tzinfo=UTC)
                persons.append(
                    {
                        "id": person_id,
                        "reference_code": reference("P"),
                        "registered_by_id": owner.pk,
                        "gender": rng.choices(["Feminine", "Masculine", ""], [55, 43, 2])[0],
                        "citizenships": rng.choices(CITIZENSHIPS, CITIZENSHIP_WEIGHTS)[0],
                    }
                )
                cases.append(
                    {
                        "id": case_id,
                        "reference_code": reference("C"),
                        "person_id": person_id,
                        "owner_organisation_id": owner.pk,
                        "stage_changed_at": at,
                        "identified_on": first,
                        "identification_region": rng.choices(REGIONS, REGION_WEIGHTS)[0],
                        "age_band": rng.choices(BANDS, BAND_WEIGHTS)[0],
                        "methods_of_control": rng.sample(CONTROLS, k=rng.randint(0, 2)),
                    }
                )
                for kind in rng.sample(FORMS, k=rng.choice([1, 1, 2])):
                    forms.append({"case_id": case_id, "exploitation_type": kind})
                for stage, share in (("Preliminary", 0.6), ("Final", 0.35)):
                    if rng.random() < share:
                        requested = first + timedelta(days=rng.randint(0, 20))
                        decided = requested + timedelta(days=rng.randint(0, 12))
                        decisions.append(
                            {
                                "id": uuid.uuid4(),
                                "case_id": case_id,
                                "stage": stage,
                                "state": "Decided",
                                "requested_on": requested,
                                "requested_by_id": sender.pk,
                                "requesting_organisation_id": owner.pk,
                                "due_on": requested + timedelta(days=7),
                                "outcome": rng.choices(["Positive", "Negative"], [85, 15])[0],
                                "decided_on": decided,
                            }
                        )
                if rng.random() < 0.3:
                    contacts.append(
                        {
                            "id": uuid.uuid4(),
                            "organisation_id": owner.pk,
                            "channel": rng.choice(["Phone", "WhatsApp", "WebForm", "SMS"]),
                            "started_at": at,
                            "caller_type": rng.choice(["PossibleVictim", "Witness", "Relative"]),
                            "region": rng.choices(REGIONS, REGION_WEIGHTS)[0],
                            "outcome": rng.choice(["CaseOpened", "InformationGiven", "NoAction"]),
                            "person_id": person_id,
                        }
                    )
                if rng.random() < 0.25:
                    sent = at + timedelta(days=rng.randint(1, 30))
                    answered = rng.random() < 0.9
                    referrals.append(
                        {
                            "id": uuid.uuid4(),
                            "reference_code": reference("R"),
                            "case_id": case_id,
                            "sender_organisation_id": owner.pk,
                            "sent_by_id": sender.pk,
                            "recipient_organisation_id": rng.choice(organisations).pk,
                            "service_types": [rng.choice(["Shelter", "Health", "Legal"])],
                            "disclosure_profile_id": profile.pk,
                            "state": rng.choice(["Accepted", "Completed", "Declined"])
                            if answered
                            else "Expired",
                            "state_changed_at": sent,
                            "sent_at": sent,
                            "response_due_at": sent + timedelta(hours=48),
                            "responded_at": sent + timedelta(hours=rng.randint(1, 60))
                            if answered
                            else None,
                        }
                    )
            copy_models(cursor, Person, persons, now)
            copy_models(cursor, Case, cases, now)
            copy_exploitations(cursor, forms)
            copy_models(cursor, IdentificationDecision, decisions, now)
            copy_models(cursor, Contact, contacts, now)
            copy_models(cursor, Referral, referrals, now)
            print(
                f"  loaded {offset + len(cases):>9,} cases ({time.monotonic() - started:.0f} s)",
                flush=True,
            )
    connection.connection.autocommit = True
    with connection.connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def measure_report(year: int) -> dict[str, float]:
    from django.core.cache import cache

    from opennrm.stats import report

    cache.clear()
    started = time.perf_counter()
    built = report.build(year, "fr", "internal")
    figures = time.perf_counter() - started
    started = time.perf_counter()
    pdf = report.render_pdf(built)
    rendered = time.perf_counter() - started
    started = time.perf_counter()
    report.build(year, "ar", "public")
    public = time.perf_counter() - started
    return {
        "figures, internal edition (cold)": figures,
        "PDF rendering": rendered,
        "figures, public edition (after the internal)": public,
        "PDF size (KB)": len(pdf) / 1024,
    }


def measure_pages(requests: int, year: int) -> dict[str, list[float]]:
    from django.core.cache import cache
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from opennrm.accounts.models import Membership

    membership = Membership.objects.select_related("user").get(user__username="bench.coordinator")
    device, _ = TOTPDevice.objects.get_or_create(
        user=membership.user, name="bench", defaults={"confirmed": True}
    )
    client = Client()
    client.force_login(membership.user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    chapters = ["identification", "protection", "return", "prosecution", "partnership"]
    pages = {
        "home (national picture)": ["/"],
        "statistics chapter": [f"/stats/?year={year}&chapter={c}" for c in chapters],
        "figure by region": [f"/stats/first_contacts/?year={year}&by=region"],
    }
    timings: dict[str, list[float]] = {label: [] for label in pages}
    cache.clear()
    started = time.perf_counter()
    for urls in pages.values():
        for url in urls:
            assert client.get(url).status_code == 200, url
    timings["first views (cold cache), all pages"] = [(time.perf_counter() - started) * 1000]
    for i in range(requests):
        for label, urls in pages.items():
            url = urls[i % len(urls)]
            start = time.perf_counter()
            response = client.get(url)
            timings[label].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--year", type=int, default=2026)
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
        print(f"Loading {args.cases:,} cases into {os.environ['DATABASE_URL']} ...")
        load(args.cases)
    total = Case.objects.count()
    print(f"Measuring over {total:,} cases, year {args.year} ...")
    report_times = measure_report(args.year)
    timings = measure_pages(args.requests, args.year)
    print(
        f"\nMachine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}"
    )
    for label, value in report_times.items():
        print(f"{label:<48}{value:>10.1f}")
    print(f"\n{'page':<40}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for label, values in timings.items():
        print(
            f"{label:<40}{statistics.median(values):>10.1f}{percentile(values, 0.95):>10.1f}"
            f"{max(values):>10.1f}"
        )


if __name__ == "__main__":
    main()
