"""Batch linkage of a file: read and check it strictly, link with Splink, write clusters.

A malformed file is refused as a whole with the line and column of the first problem, and no
output is written: organisations clean a spreadsheet before import, and half an answer would
be worse than none."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.utils import timezone

from opennrm.core import geo
from opennrm.core.errors import ApplicationError
from opennrm.matching.records import NameParts, splink_record
from opennrm.people.validation import normalise_phone
from opennrm.people.vocabularies import Gender

COLUMNS = [
    "id",
    "given_name",
    "family_name",
    "given_name_ar",
    "family_name_ar",
    "birth_date",
    "sex",
    "citizenship",
    "phone",
]
SEXES = {
    "": "",
    "f": Gender.FEMININE,
    "female": Gender.FEMININE,
    "feminine": Gender.FEMININE,
    "femme": Gender.FEMININE,
    "m": Gender.MASCULINE,
    "male": Gender.MASCULINE,
    "masculine": Gender.MASCULINE,
    "homme": Gender.MASCULINE,
}


@dataclass(frozen=True)
class CsvError(Exception):
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


def _decoded_lines(path: Path) -> Iterator[str]:
    with path.open("rb") as raw:
        for number, line in enumerate(raw, start=1):
            try:
                text = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                raise CsvError(number, "", "not UTF-8 text (save the file as CSV UTF-8)") from None
            yield text


def _birth(value: str, line: int, this_year: int) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        if len(value) == 4 and value.isdigit():
            year = int(value)
        else:
            year = date.fromisoformat(value).year
            if len(value) != 10:
                raise ValueError
    except ValueError:
        raise CsvError(line, "birth_date", f"{value!r} is not YYYY-MM-DD or YYYY") from None
    if not 1900 <= year <= this_year:
        raise CsvError(line, "birth_date", f"{value!r} is out of range")
    return value


def _row(values: dict[str, str], line: int, this_year: int) -> dict[str, Any]:
    sex = values["sex"].strip().lower()
    if sex not in SEXES:
        raise CsvError(line, "sex", f"{values['sex']!r} is not F, M or empty")
    citizenship = values["citizenship"].strip().upper()
    if citizenship and not geo.is_country(citizenship):
        raise CsvError(line, "citizenship", f"{values['citizenship']!r} is not an ISO code")
    try:
        phone = normalise_phone(values["phone"])
    except ApplicationError:
        raise CsvError(line, "phone", f"{values['phone']!r} is not a phone number") from None
    parts = NameParts(
        given_latin=values["given_name"].strip(),
        family_latin=values["family_name"].strip(),
        given_arabic=values["given_name_ar"].strip(),
        family_arabic=values["family_name_ar"].strip(),
        birth_date=_birth(values["birth_date"], line, this_year),
        gender=SEXES[sex],
        citizenships=(citizenship,) if citizenship else (),
        phone=phone,
    )
    return splink_record(values["id"].strip(), parts, blocking=True)


def read_records(
    path: Path, *, on_row: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """The file's records, or CsvError naming the first bad line and column."""
    if not path.is_file():
        raise CsvError(0, "", f"{path} is not a file")
    reader = csv.reader(_decoded_lines(path))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise CsvError(1, "", "the file is empty") from None
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h not in COLUMNS]
    if missing or unknown:
        problems = []
        if missing:
            problems.append("missing column(s) " + ", ".join(missing))
        if unknown:
            problems.append("unknown column(s) " + ", ".join(unknown))
        raise CsvError(1, "", "; ".join(problems) + ". Expected: " + ", ".join(COLUMNS))
    records: list[dict[str, Any]] = []
    this_year = timezone.localdate().year
    first_line: dict[str, int] = {}
    for fields in reader:
        line = reader.line_num
        if len(fields) != len(header):
            raise CsvError(line, "", f"{len(fields)} fields where the header has {len(header)}")
        values = dict(zip(header, fields, strict=True))
        if not any(v.strip() for v in fields):
            raise CsvError(line, "", "empty row")
        identifier = values["id"].strip()
        if not identifier:
            raise CsvError(line, "id", "empty id")
        if identifier in first_line:
            raise CsvError(line, "id", f"{identifier!r} already on line {first_line[identifier]}")
        first_line[identifier] = line
        records.append(_row(values, line, this_year))
        if on_row is not None:
            on_row(line)
    if not records:
        raise CsvError(2, "", "no rows after the header")
    return records


def write_clusters(path: Path, rows: list[tuple[str, str, float | None]]) -> None:
    """Write id, cluster_id, match_probability atomically: a temporary file, then a rename."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "cluster_id", "match_probability"])
    for identifier, cluster, probability in rows:
        writer.writerow([identifier, cluster, "" if probability is None else f"{probability:.6f}"])
    directory = path.resolve().parent
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".link_records_", suffix=".csv")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(buffer.getvalue())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
