from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opennrm.matching.batch import CsvError, read_records, write_clusters
from opennrm.matching.model import link_dataset


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
        started = time.monotonic()
        stages = ["reading and checking", "training", "scoring", "clustering", "writing"]
        step = {"n": 0}

        def stage(label: str) -> None:
            step["n"] += 1
            elapsed = time.monotonic() - started
            self.stderr.write(f"[{elapsed:7.1f} s] {label}")

        tty = sys.stderr.isatty()

        def on_row(line: int) -> None:
            if tty and line % 10000 == 0:
                self.stderr.write(f"\r  {line:,} lines read", ending="")

        stage(stages[0])
        try:
            records = read_records(options["input"], on_row=on_row)
        except CsvError as problem:
            raise CommandError(f"{options['input']}: {problem}. Nothing was written.") from None
        if tty:
            self.stderr.write("")
        self.stderr.write(f"  {len(records):,} records")
        try:
            rows = link_dataset(records, threshold=threshold, engine=options["engine"], stage=stage)
        except (ValueError, ImportError) as exc:
            raise CommandError(f"{exc}. Nothing was written.") from exc
        stage("writing")
        write_clusters(output, rows)
        clusters = len({cluster for _id, cluster, _p in rows})
        self.stdout.write(
            f"{len(rows):,} records in {clusters:,} clusters written to {output} "
            f"in {time.monotonic() - started:.1f} s."
        )
