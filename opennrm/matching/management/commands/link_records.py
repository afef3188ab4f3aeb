from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opennrm.matching.batch import CsvError, read_records, write_clusters
from opennrm.matching.linkage import link_dataset
from opennrm.matching.progress import Stages

# Reading, the three training steps, scoring, clustering, writing.
STAGES = [
    "reading and checking",
    "training: how often two records are one person",
    "training: u by random sampling",
    "training: m by expectation-maximisation",
    "scoring the pairs that share a key",
    "clustering",
    "writing",
]


class Command(BaseCommand):
    help = (
        "Deduplicate a CSV file (id, given_name, family_name, given_name_ar, family_name_ar, "
        "birth_date, sex, citizenship, phone) and write id, cluster_id, match_probability."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path)
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
        parser.add_argument("--threshold", type=float, default=0.9)

    def handle(self, *args: Any, **options: Any) -> None:
        logging.getLogger("splink").setLevel(logging.WARNING)
        threshold = options["threshold"]
        if not 0 < threshold < 1:
            raise CommandError("--threshold must be between 0 and 1 (exclusive).")
        output: Path = options["output"]
        if not output.resolve().parent.is_dir():
            raise CommandError(f"{output.parent} is not a directory.")
        # The bar writes to the stream itself: Django's wrapper would end each redraw a line.
        with Stages(STAGES, cast(TextIO, self.stderr._out)) as stage:
            stage("reading and checking")
            try:
                records = read_records(options["input"], on_row=stage.rows)
            except CsvError as problem:
                raise CommandError(f"{options['input']}: {problem}. Nothing was written.") from None
            try:
                rows = link_dataset(
                    records, threshold=threshold, engine=options["engine"], stage=stage
                )
            except (ValueError, ImportError) as exc:
                raise CommandError(f"{exc}. Nothing was written.") from exc
            stage("writing")
            write_clusters(output, rows)
            stage.done()
        clusters = len({cluster for _id, cluster, _p in rows})
        self.stdout.write(
            f"{len(records):,} records in {clusters:,} clusters written to {output} "
            f"in {stage.elapsed:.1f} s."
        )
