from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from opennrm.matching.services import match_keys_rebuild


class Command(BaseCommand):
    help = "Recompute the blocking keys of every person (keyed hashes of name readings)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{match_keys_rebuild()} person(s) keyed.")
