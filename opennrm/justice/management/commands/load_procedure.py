"""Load (or reload) a country's criminal procedure: stages, allowed moves and authorities."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from opennrm.core.audit import audit_record
from opennrm.justice.models import Authority, JusticeStage, JusticeStageMove, Offence
from opennrm.justice.procedures import (
    ProcedureFileError,
    load_offences,
    load_procedure,
    read_procedure,
)


class Command(BaseCommand):
    help = "Load a country's criminal procedure from a JSON file (see justice/data/procedures/)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = read_procedure(options["file"])
        except ProcedureFileError as exc:
            raise CommandError(str(exc)) from exc
        with transaction.atomic():
            counts = load_procedure(
                data,
                stage_model=JusticeStage,
                move_model=JusticeStageMove,
                authority_model=Authority,
            )
            counts["offences"] = load_offences(data, offence_model=Offence)
            audit_record(
                action="justice.procedure_loaded",
                object_type="procedure",
                object_id=data["country"],
                details=counts,
            )
        self.stdout.write(
            f"{data['country']}: {counts['stages']} stages, {counts['moves']} moves, "
            f"{counts['authorities']} authorities, {counts['offences']} offences"
        )
