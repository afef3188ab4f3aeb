from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opennrm.screening.selectors import indicator_sets, set_as_json


class Command(BaseCommand):
    help = "List the identification guide's indicator sets (active versions)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print the sets as JSON.")
        parser.add_argument("--all-versions", action="store_true", help="Include retired versions.")

    def handle(self, *args: Any, **options: Any) -> None:
        sets = indicator_sets(active_only=not options["all_versions"])
        if options["json"]:
            self.stdout.write(
                json.dumps([set_as_json(s) for s in sets], ensure_ascii=False, indent=2)
            )
            return
        for item in sets:
            count = sum(d.indicators.count() for d in item.dimensions.all())
            status = "verified" if item.verified else "NOT VERIFIED"
            self.stdout.write(
                f"{item.slug} v{item.version}  {item.population}/{item.exploitation}  "
                f"{count} indicators  {status}"
            )
