""" "Is this person already known?" at scale: the intake lookup (blocking keys in PostgreSQL,
Splink scoring) against 1,000,000 persons, as a case manager of the largest organisation.

    python bench/intake_bench.py [--cases 1000000] [--requests 200] [--reuse]

Uses the database of bench/case_list_bench.py (loaded if empty), builds the blocking keys of
every person once (COPY), then times likely_matches() for spellings of existing persons
(another spelling, names swapped, Arabic script only) and for new names. Prints p50/p95."""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import case_list_bench as base  # noqa: E402


def build_keys() -> None:
    from django.db import connection
    from django.utils import timezone

    from opennrm.matching.key_rules import rules_fingerprint
    from opennrm.matching.models import MatchKeyState, PersonMatchKey
    from opennrm.matching.records import NameParts, blocking_keys
    from opennrm.people.models import Person

    if PersonMatchKey.objects.exists():
        return
    started = time.monotonic()
    done = 0
    last = None
    while True:
        # A chunk of persons is read, then its keys copied: one connection cannot do both at
        # once.
        page = Person.objects.order_by("pk")
        chunk = list((page.filter(pk__gt=last) if last else page)[:20_000])
        if not chunk:
            break
        rows = [(p.pk, key) for p in chunk for key in blocking_keys(NameParts.of(p))]
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy("COPY matching_personmatchkey (person_id, key) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        done += len(chunk)
        last = chunk[-1].pk
        if done % 100_000 == 0:
            print(f"  keys for {done:,} persons ({time.monotonic() - started:.0f} s)")
    with connection.cursor() as cursor:
        # As autovacuum would after a bulk load: statistics, and the visibility map that lets
        # the candidate query read the (key, person) index alone.
        cursor.execute("VACUUM ANALYZE matching_personmatchkey")
    MatchKeyState.objects.update_or_create(
        pk=1,
        defaults={"fingerprint": rules_fingerprint(), "built_at": timezone.now(), "persons": done},
    )
    print(f"Keys built for {done:,} persons in {time.monotonic() - started:.0f} s")


def measure(requests: int) -> dict[str, list[float]]:
    from dataclasses import replace

    from opennrm.accounts.models import Membership
    from opennrm.matching.records import NameParts
    from opennrm.matching.selectors import likely_matches
    from opennrm.people.models import Person

    actor = Membership.objects.select_related("organisation", "user").get(
        user__username="bench.manager"
    )
    rng = random.Random(11)
    ids = list(
        Person.objects.filter(registered_by=actor.organisation).values_list("pk", flat=True)[
            :50_000
        ]
    )
    people = list(Person.objects.filter(pk__in=rng.sample(ids, requests)))
    timings: dict[str, list[float]] = {"known person": [], "names swapped": [], "new name": []}
    likely_matches(actor=actor, parts=NameParts.of(people[0]))  # warm the model's SQL
    for index, person in enumerate(people):
        parts = NameParts.of(person)
        if index % 2:
            parts = replace(
                parts,
                given_latin=parts.family_latin,
                family_latin=parts.given_latin,
            )
            label = "names swapped"
        else:
            label = "known person"
        started = time.perf_counter()
        likely_matches(actor=actor, parts=parts)
        timings[label].append((time.perf_counter() - started) * 1000)
        new = NameParts(given_latin=f"Zz{index}q", family_latin="Synthetique", birth_date="1990")
        started = time.perf_counter()
        likely_matches(actor=actor, parts=new)
        timings["new name"].append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    base.prepare_environment(args.reuse)
    if not args.reuse:
        base.recreate_database()
    import django

    django.setup()
    from django.core.management import call_command

    from opennrm.people.models import Person

    call_command("migrate", verbosity=0)
    if not Person.objects.exists():
        print(f"Loading {args.cases:,} cases ...")
        base.load(args.cases)
    build_keys()
    total = Person.objects.count()
    print(f"Measuring {args.requests} lookups of each kind against {total:,} persons ...")
    timings = measure(args.requests)
    print(
        f"\nMachine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}"
    )
    print(f"{'lookup':<20}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for label, values in timings.items():
        ordered = sorted(values)
        print(
            f"{label:<20}{statistics.median(ordered):>10.1f}"
            f"{base.percentile(ordered, 0.95):>10.1f}{max(ordered):>10.1f}"
        )


if __name__ == "__main__":
    main()
