from __future__ import annotations

import logging
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opennrm.matching.model import model_store, train
from opennrm.matching.models import MatchModel
from opennrm.matching.records import NameParts, splink_record
from opennrm.people.models import Person
from opennrm.people.selectors import iterate_persons


class Command(BaseCommand):
    help = (
        "Train the duplicate-detection model (Splink, unsupervised) on the persons in the "
        "database and make it the active one. The data never leaves this process."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--max-pairs", type=float, default=1e6)
        parser.add_argument("--limit", type=int, default=0, help="train on at most N persons")
        parser.add_argument(
            "--if-missing", action="store_true", help="do nothing if a model is active"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Splink reports each training step at INFO; the command prints its own summary.
        logging.getLogger("splink").setLevel(logging.WARNING)
        if options["if_missing"] and MatchModel.objects.filter(is_active=True).exists():
            self.stdout.write("A model is already active.")
            return
        started = time.monotonic()
        persons = Person.objects.order_by("created_at")
        if options["limit"]:
            persons = persons[: options["limit"]]
        records = [splink_record(str(p.pk), NameParts.of(p)) for p in iterate_persons(persons)]
        if len(records) < 50:
            raise CommandError(f"Only {len(records)} persons: too few to train a model (50+).")
        try:
            settings = train(records, max_pairs=options["max_pairs"])
        except ValueError as exc:  # Splink: a level never observed among likely matches
            raise CommandError(
                f"The model could not be trained on these {len(records)} persons ({exc}). "
                "Training needs data with some duplicates in it."
            ) from exc
        model = model_store(settings, len(records))
        self.stdout.write(
            f"Model trained on {len(records)} persons in {time.monotonic() - started:.0f} s; "
            f"active since {model.trained_at:%Y-%m-%d %H:%M}."
        )
