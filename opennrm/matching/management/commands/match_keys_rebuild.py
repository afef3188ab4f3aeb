from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opennrm.matching.services import match_keys_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the blocking keys of every person (keyed hashes of name readings) after an "
        "upgrade that changed the key rules or a new hashing key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-outdated",
            action="store_true",
            help="do nothing when the stored keys are already built by this version's rules",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        done = match_keys_rebuild(if_outdated=options["if_outdated"])
        if done is None:
            self.stdout.write("Duplicate-detection keys are up to date.")
        else:
            self.stdout.write(f"{done} person(s) keyed.")
