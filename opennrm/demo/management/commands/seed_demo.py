from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings
from django.utils import translation

from opennrm.demo.data import DEMO_PASSWORD
from opennrm.demo.generator import demo_logins, is_seeded, seed


class Command(BaseCommand):
    help = "Build a synthetic Moroccan deployment (organisations, users, persons, cases)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=520)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if organisations exist."
        )
        parser.add_argument(
            "--print-logins", action="store_true", help="Only print the demo logins."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["print_logins"]:
            self._print_logins()
            return
        if options["persons"] < 0:
            raise CommandError("--persons must be zero or more.")
        if is_seeded():
            if options["if_empty"]:
                self.stdout.write("Demo data already present.")
                return
            raise CommandError("The database already has organisations; use a fresh database.")
        started = time.monotonic()
        # The demo's referrals notify people; synthetic notices stay in the app, not the mail.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            world = seed(persons=options["persons"], seed_value=options["seed"])
        self.stdout.write(
            f"Seeded {len(world.organisations)} organisations, {world.cases} cases "
            f"in {time.monotonic() - started:.0f} s."
        )

    def _print_logins(self) -> None:
        # The terminal speaks English throughout (roles included), whatever the default
        # interface language; each user picks theirs once logged in.
        with translation.override("en"):
            logins = demo_logins()
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        for username, organisation, role in logins:
            self.stdout.write(f"  {username:<14} {organisation:<14} {role}")
        self.stdout.write("Open http://127.0.0.1:8000/\n")
