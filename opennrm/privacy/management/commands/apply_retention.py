from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opennrm.privacy.services.retention import apply_retention, retention_preview
from opennrm.privacy.vocabularies import RecordKind


class Command(BaseCommand):
    help = (
        "Apply the retention rules: erase the persons whose every case is closed for longer than "
        "its rule keeps it, anonymise or delete old contacts and feedback texts. Records under a "
        "legal hold or in an open proceeding are kept. Run daily by the scheduler."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--preview",
            action="store_true",
            help="Say what would go, per organisation; change nothing.",
        )
        parser.add_argument(
            "--date", help="Apply the rules as on this day (YYYY-MM-DD) instead of today."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"--date {options['date']!r} is not a date (YYYY-MM-DD).", returncode=2
                ) from None
        if options["preview"]:
            preview = retention_preview(today)
            labels = dict(RecordKind.choices)
            for line in preview.lines:
                self.stdout.write(
                    f"{line.organisation}\t{labels[line.kind]}\tdue {line.due}\theld {line.held}"
                )
            self.stdout.write(f"Total: {preview.due} due, {preview.held} kept by a legal hold.")
            return
        run = apply_retention(today)
        self.stdout.write(
            f"Erased {run.persons_erased} person(s) ({run.persons_held} kept by a legal hold); "
            f"{run.contacts} hotline contact(s), {run.web_reports} web report(s) and "
            f"{run.feedback_answers} feedback answer(s) anonymised or deleted."
        )
        for failure in run.failures:
            self.stderr.write(f"Not erased: {failure}")
