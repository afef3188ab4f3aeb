from __future__ import annotations

import logging
from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from opennrm.cases.models import Case
from opennrm.matching.linkage import review_pairs
from opennrm.matching.progress import Stages
from opennrm.matching.records import NameParts, splink_record
from opennrm.matching.review import candidate_queue
from opennrm.matching.selectors import strong_identifier_agrees
from opennrm.matching.services import raise_alert
from opennrm.people.models import Person
from opennrm.people.selectors import iterate_persons

STAGES = [
    "reading persons",
    "training: how often two records are one person",
    "training: u by random sampling",
    "training: m by expectation-maximisation",
    "scoring the pairs that share a key",
    "filling the review queue and the alerts",
]


class Command(BaseCommand):
    help = (
        "Link every person in the database (Splink, batch): pairs held by one organisation go "
        "to its review queue, pairs across organisations to the data protection officer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")

    def handle(self, *args: Any, **options: Any) -> None:
        logging.getLogger("splink").setLevel(logging.WARNING)
        with Stages(STAGES, cast(TextIO, self.stderr._out)) as stage:
            queued, alerted, pairs, records = self._link(options["engine"], stage)
            stage.done()
        if records < 2:
            self.stdout.write("Fewer than two persons: nothing to link.")
            return
        self.stdout.write(
            f"{pairs:,} likely pairs among {records:,} persons: {queued:,} queued "
            f"for review, {alerted:,} cross-organisation alert(s), in "
            f"{stage.elapsed:.1f} s."
        )

    def _link(self, engine: str, stage: Stages) -> tuple[int, int, int, int]:
        """(queued, alerted, likely pairs, persons)."""
        stage("reading persons")
        persons = {
            str(p.pk): p for p in iterate_persons(Person.objects.filter(merged_into__isnull=True))
        }
        # Who may edit each person: the owners of its cases (the registrant while it has
        # none). A pair goes to a review queue only when one organisation owns everything.
        owners: dict[str, set[object]] = {}
        for person_id, org in Case.objects.values_list("person_id", "owner_organisation_id"):
            owners.setdefault(str(person_id), set()).add(org)
        holders = {pk: owners.get(pk) or {p.registered_by_id} for pk, p in persons.items()}
        records = [splink_record(pk, NameParts.of(p), blocking=True) for pk, p in persons.items()]
        if len(records) < 2:
            return 0, 0, 0, len(records)
        pairs = review_pairs(
            records,
            threshold=settings.OPENNRM_MATCH_REVIEW_THRESHOLD,
            engine=engine,
            stage=stage,
        )
        stage("filling the review queue and the alerts")
        by_id = {r["unique_id"]: r for r in records}
        queued = alerted = 0
        with transaction.atomic():
            for left, right, pair in pairs:
                shared = holders[left] | holders[right]
                if len(shared) == 1:
                    made = candidate_queue(
                        organisation_id=next(iter(shared)),  # type: ignore[arg-type]
                        person=persons[left],
                        other=persons[right],
                        pair=pair,
                    )
                    queued += made is not None
                elif (
                    pair.probability >= settings.OPENNRM_MATCH_ALERT_THRESHOLD
                    and strong_identifier_agrees(by_id[left], by_id[right])
                ):
                    alerted += raise_alert(persons[left], persons[right], pair) is not None
        return queued, alerted, len(pairs), len(records)
