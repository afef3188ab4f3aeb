from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opennrm.matching.batch import (
    PHONE_IMPOSSIBLE,
    PHONE_NONE,
    PHONE_POSSIBLE,
    PHONE_VALID,
    CsvError,
    FileSummary,
    found_counts,
    read_file,
    write_clusters,
)
from opennrm.matching.linkage import Linked, link_dataset
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
        parser.add_argument(
            "--report",
            type=Path,
            help="Also write what the file held and what was found (plain text).",
        )
        parser.add_argument(
            "--january-first-is-a-date",
            action="store_true",
            help=(
                "The file's births on 1 January are real dates. Without it, 1 January is read "
                "as the usual placeholder for a year of birth only."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        logging.getLogger("splink").setLevel(logging.WARNING)
        threshold = options["threshold"]
        if not 0 < threshold < 1:
            raise CommandError("--threshold must be between 0 and 1 (exclusive).")
        output: Path = options["output"]
        report: Path | None = options["report"]
        for path in (output, report):
            if path is not None and not path.resolve().parent.is_dir():
                raise CommandError(f"{path.parent} is not a directory.")
        # The bar writes to the stream itself: Django's wrapper would end each redraw a line.
        with Stages(STAGES, cast(TextIO, self.stderr._out)) as stage:
            stage("reading and checking")
            try:
                records, summary = read_file(
                    options["input"],
                    on_row=stage.rows,
                    january_first_is_date=options["january_first_is_a_date"],
                )
            except CsvError as problem:
                raise CommandError(f"{options['input']}: {problem}. Nothing was written.") from None
            try:
                linked = link_dataset(
                    records, threshold=threshold, engine=options["engine"], stage=stage
                )
            except (ValueError, ImportError) as exc:
                raise CommandError(f"{exc}. Nothing was written.") from exc
            stage("writing")
            write_clusters(output, linked.rows)
            held, found = held_lines(summary), found_lines(linked)
            lines = [*held, *found, *review_lines(linked)]
            if report is not None:
                report.write_text("\n".join(lines) + "\n", encoding="utf-8")
            stage.done()
        clusters = len({cluster for _id, cluster, _p in linked.rows})
        self.stdout.write(
            f"{len(records):,} records in {clusters:,} clusters written to {output} "
            f"in {stage.elapsed:.1f} s."
        )
        self.stdout.write(held[2])  # the phones: how many were kept, how many set aside
        for line in found[1:]:  # groups: certain, likely; records left for review
            self.stdout.write(line)
        if report is not None:
            self.stdout.write(f"Report written to {report}.")


def held_lines(summary: FileSummary) -> list[str]:
    """What the file held, for the person who sent it: how many records had what (the phones
    third)."""
    phones = summary.phones
    lines = [
        f"Records: {summary.records:,}",
        f"Dates of birth: {summary.full_dates:,} full, {summary.years_only:,} year only, "
        f"{summary.no_date:,} none; {summary.january_first:,} on 1 January, "
        + (
            "read as dates (--january-first-is-a-date)"
            if summary.january_first_is_date
            else "read as a year only (the usual placeholder; --january-first-is-a-date if "
            "they are real)"
        ),
        f"Phones: {phones[PHONE_VALID]:,} valid, {phones[PHONE_POSSIBLE]:,} possible but "
        f"outside the allocated ranges (kept and compared), {phones[PHONE_IMPOSSIBLE]:,} not "
        f"possible (treated as missing), {phones[PHONE_NONE]:,} none",
        f"Names in Arabic script: {summary.arabic_script:,}",
        f"Sex not given: {summary.no_sex:,}; citizenship not given: {summary.no_citizenship:,}",
    ]
    if summary.second_family_name or summary.organisation or summary.registered_on:
        lines.append(
            f"Second family name: {summary.second_family_name:,}; organisation that registered "
            f"it: {summary.organisation:,} ({summary.organisations:,} organisations); date of "
            f"registration: {summary.registered_on:,}"
        )
    return lines


def found_lines(linked: Linked) -> list[str]:
    """The groups found, certain or likely, and the records left for review."""
    found = found_counts(linked)
    certain_at = settings.OPENNRM_MATCH_CERTAIN_PROBABILITY
    return [
        f"Groups of records found to be one person: {found.groups:,} "
        f"({found.grouped_records:,} records); records alone: {found.alone:,}",
        f"Of these groups: {found.certain:,} certain (every record at or above {certain_at:g} "
        f"with another of its group), {found.likely:,} likely (check before merging files)",
        f"Ambiguous: {found.ambiguous:,} records as likely to be one person as another, "
        "left alone for review",
    ]


def review_lines(linked: Linked) -> list[str]:
    """Each record left alone, with the groups it may belong to (nothing merged)."""
    lines: list[str] = []
    if linked.undecided:
        lines += [
            "",
            "For review (nothing merged): each record, then the groups it may belong to, with "
            "the match probability",
        ]
        for record, people in sorted(linked.undecided.items()):
            choices = ", ".join(
                f"group {cluster} ({probability:.2f})" for cluster, probability in people
            )
            lines.append(f"  record {record}: {choices}")
    return lines
