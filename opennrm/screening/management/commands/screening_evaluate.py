from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opennrm.core.errors import ApplicationError
from opennrm.screening.rules import evaluate
from opennrm.screening.selectors import indicator_set


class Command(BaseCommand):
    help = (
        "Evaluate the decision rules of an indicator set for the indicators found; prints the "
        "dimensions present and whether the person is a presumed victim (indicative only)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--set", required=True, dest="slug", help="Indicator set slug.")
        parser.add_argument("--set-version", type=int, help="Set version (default: latest).")
        parser.add_argument(
            "--indicators", default="", help="Comma-separated indicator ids, e.g. 1.debt_bondage"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids = [i.strip() for i in options["indicators"].split(",") if i.strip()]
        try:
            chosen = indicator_set(slug=options["slug"], version=options["set_version"])
            result = evaluate(chosen, ids)
        except ApplicationError as exc:
            self.stderr.write(exc.message)
            raise SystemExit(2) from None
        self.stdout.write(json.dumps(result.as_json()))
