"""manage.py national_report --year 2026 --language fr|ar|en --edition internal|public
--output report.pdf: the national commission's annual report as a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opennrm.stats import report


class Command(BaseCommand):
    help = "Write the national annual report (PDF) for a year, in one language and edition."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--language", default="fr", help="fr, ar or en")
        parser.add_argument("--edition", default="internal", help="internal or public")
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument("--html", action="store_true", help="write the HTML, not the PDF")

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        if not output.parent.is_dir():
            raise CommandError(f"no such folder: {output.parent}", returncode=2)
        try:
            built = report.build(options["year"], options["language"], options["edition"])
        except report.ReportError as error:
            raise CommandError(str(error), returncode=2) from error
        if options["html"]:
            output.write_text(report.render_html(built), encoding="utf-8")
        else:
            output.write_bytes(report.render_pdf(built))
        pages = "" if options["html"] else " (PDF)"
        self.stdout.write(f"{output}{pages}: {built.edition} edition, {built.year}")
