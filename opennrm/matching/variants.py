"""The tables of real spellings duplicate detection is measured on (opennrm/matching/data/):
the Maghreb table (a name in Arabic script and its Latin spellings) and the migrants' table
(West African and South Asian spellings of one name, each line with its source). Read by the
key-rules fingerprint, the tests, the demo and the benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).resolve().parent / "data"
MAGHREB_TABLE = DATA / "name_variants.tsv"
MIGRANTS_TABLE = DATA / "name_variants_migrants.tsv"


class VariantName(NamedTuple):
    arabic: str  # "" where the table has no Arabic form
    spellings: list[str]  # Latin spellings, the first the most usual
    source: str  # where the table says these spellings are one name ("" for the Maghreb table)


def _rows(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]


def _spellings(field: str) -> list[str]:
    return [spelling.strip() for spelling in field.split(",") if spelling.strip()]


def maghreb_names() -> list[VariantName]:
    return [VariantName(ar.strip(), _spellings(latin), "") for ar, latin in _rows(MAGHREB_TABLE)]


def migrant_names() -> list[VariantName]:
    return [
        VariantName("", _spellings(latin), source.strip())
        for latin, source in _rows(MIGRANTS_TABLE)
    ]
