"""Batch linkage of a file: read and check it strictly, link with Splink, write clusters.

A malformed file is refused as a whole with the line and column of the first problem, and no
output is written: organisations clean a spreadsheet before import, and half an answer would
be worse than none."""

from __future__ import annotations

import csv
import functools
import io
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import phonenumbers
from django.conf import settings
from django.utils import timezone

from opennrm.core import geo
from opennrm.matching.records import NameParts, Registration, is_january_first, splink_record
from opennrm.people.vocabularies import Gender

if TYPE_CHECKING:
    from opennrm.matching.linkage import Linked

# A file is read in chunks of rows, shared among the cores from this many rows.
CHUNK_ROWS = 20_000
PARALLEL_FROM_ROWS = 50_000
MAX_WORKERS = 4

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
# Columns a file may add: a second family name, and who registered the record and when
# (records of one person written by two organisations are often registered weeks apart, a
# namesake's at any time). Compared only where the file gives them.
OPTIONAL_COLUMNS = ["family_name_2", "organisation", "registered_on"]
MAX_ORGANISATION = 200
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


# What a file's phones were: a number in the numbering plan's allocated ranges; one that is
# possible (right length, a typo or a range newer than the library), kept and compared; one
# that is not even possible, treated as missing; none.
PHONE_VALID = "valid"
PHONE_POSSIBLE = "possible"
PHONE_IMPOSSIBLE = "impossible"
PHONE_NONE = "none"


def batch_phone(raw: str) -> tuple[str, str]:
    """(E.164 digits or "", what the phone was). Agencies' files hold numbers outside the
    allocated ranges ("06-83-09-17-34"): a file is not refused for a phone."""
    if not raw.strip():
        return "", PHONE_NONE
    try:
        number = phonenumbers.parse(raw, settings.OPENNRM_DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return "", PHONE_IMPOSSIBLE
    if not phonenumbers.is_possible_number(number):
        return "", PHONE_IMPOSSIBLE
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return e164, PHONE_VALID if phonenumbers.is_valid_number(number) else PHONE_POSSIBLE


def _registered_on(value: str, line: int) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        day = date.fromisoformat(value)
        if len(value) != 10:
            raise ValueError
    except ValueError:
        raise CsvError(line, "registered_on", f"{value!r} is not YYYY-MM-DD") from None
    if not date(1990, 1, 1) <= day <= timezone.localdate():
        raise CsvError(line, "registered_on", f"{value!r} is before 1990 or in the future")
    return value


def _registration(values: dict[str, str], line: int) -> Registration:
    organisation = " ".join(values.get("organisation", "").split())
    if len(organisation) > MAX_ORGANISATION:
        raise CsvError(line, "organisation", f"longer than {MAX_ORGANISATION} characters")
    return Registration(
        # One organisation however its name is capitalised.
        organisation=organisation.casefold(),
        registered_on=_registered_on(values.get("registered_on", ""), line),
    )


def _row(
    values: dict[str, str], line: int, this_year: int, january_first_is_date: bool = False
) -> dict[str, Any]:
    sex = values["sex"].strip().lower()
    if sex not in SEXES:
        raise CsvError(line, "sex", f"{values['sex']!r} is not F, M or empty")
    citizenship = values["citizenship"].strip().upper()
    if citizenship and not geo.is_country(citizenship):
        raise CsvError(line, "citizenship", f"{values['citizenship']!r} is not an ISO code")
    phone, phone_kind = batch_phone(values["phone"])
    parts = NameParts(
        given_latin=values["given_name"].strip(),
        family_latin=values["family_name"].strip(),
        given_arabic=values["given_name_ar"].strip(),
        family_arabic=values["family_name_ar"].strip(),
        birth_date=_birth(values["birth_date"], line, this_year),
        gender=SEXES[sex],
        citizenships=(citizenship,) if citizenship else (),
        phone=phone,
        family_2=values.get("family_name_2", "").strip(),
        january_first_is_date=january_first_is_date,
    )
    record = splink_record(
        values["id"].strip(), parts, blocking=True, registration=_registration(values, line)
    )
    record[PHONE_KIND] = phone_kind
    record[ARABIC] = bool(parts.given_arabic or parts.family_arabic)
    record[JANUARY_FIRST] = is_january_first(parts.birth_date)
    return record


# Kept on each record while the file is read, for the report; taken off before linking.
PHONE_KIND = "_phone_kind"
ARABIC = "_arabic_script"
JANUARY_FIRST = "_january_first"


@dataclass
class FileSummary:
    """What the records of a file hold: the accuracy report and the terminal say it."""

    records: int = 0
    phones: dict[str, int] = field(default_factory=dict)
    full_dates: int = 0
    years_only: int = 0
    no_date: int = 0
    arabic_script: int = 0
    no_sex: int = 0
    no_citizenship: int = 0
    second_family_name: int = 0
    # Records that say which organisation registered them, how many organisations, and records
    # that say when.
    organisation: int = 0
    organisations: int = 0
    registered_on: int = 0
    # Records born on 1 January, and how they were read: as a year only (the usual placeholder)
    # or, where whoever sent the file said its dates are real, as dates.
    january_first: int = 0
    january_first_is_date: bool = False


def summarise(records: list[dict[str, Any]], *, january_first_is_date: bool = False) -> FileSummary:
    """Count what the records hold and take the reading marks off them."""
    summary = FileSummary(records=len(records), january_first_is_date=january_first_is_date)
    phones: dict[str, int] = dict.fromkeys(
        (PHONE_VALID, PHONE_POSSIBLE, PHONE_IMPOSSIBLE, PHONE_NONE), 0
    )
    for record in records:
        kind = record.pop(PHONE_KIND, PHONE_NONE)
        phones[kind] += 1
        if record["birth_date"]:
            summary.full_dates += 1
        elif record["birth_year"]:
            summary.years_only += 1
        else:
            summary.no_date += 1
        summary.arabic_script += bool(record.pop(ARABIC, False))
        summary.january_first += bool(record.pop(JANUARY_FIRST, False))
        summary.no_sex += not record.get("sex")
        summary.no_citizenship += not record.get("citizenship")
        summary.second_family_name += bool(record.get("family2_keys"))
        summary.organisation += bool(record.get("organisation"))
        summary.registered_on += record.get("registered_day") is not None
    summary.organisations = len({r["organisation"] for r in records if r.get("organisation")})
    summary.phones = phones
    return summary


def _header(reader: Any) -> list[str]:
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise CsvError(1, "", "the file is empty") from None
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h not in COLUMNS and h not in OPTIONAL_COLUMNS]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise CsvError(1, "", "column(s) given twice: " + ", ".join(repeated))
    if missing or unknown:
        problems = []
        if missing:
            problems.append("missing column(s) " + ", ".join(missing))
        if unknown:
            problems.append("unknown column(s) " + ", ".join(unknown))
        expected = ", ".join(COLUMNS) + "; optional: " + ", ".join(OPTIONAL_COLUMNS)
        raise CsvError(1, "", "; ".join(problems) + ". Expected: " + expected)
    return header


Rows = list[tuple[int, dict[str, str]]]


def _rows(reader: Any, header: list[str]) -> tuple[Rows, CsvError | None]:
    """The file's rows up to its first problem of shape (field count, empty row or id), and
    that problem: what each value says is checked afterwards, in parallel."""
    rows: Rows = []
    first_line: dict[str, int] = {}
    for fields in reader:
        line = reader.line_num
        if len(fields) != len(header):
            return rows, CsvError(
                line, "", f"{len(fields)} fields where the header has {len(header)}"
            )
        values = dict(zip(header, fields, strict=True))
        if not any(v.strip() for v in fields):
            return rows, CsvError(line, "", "empty row")
        identifier = values["id"].strip()
        if not identifier:
            return rows, CsvError(line, "id", "empty id")
        if identifier in first_line:
            return rows, CsvError(
                line, "id", f"{identifier!r} already on line {first_line[identifier]}"
            )
        first_line[identifier] = line
        rows.append((line, values))
    return rows, None


Problem = tuple[int, str, str]


def _records_of(
    rows: Rows, this_year: int, january_first_is_date: bool = False
) -> tuple[list[dict[str, Any]], Problem | None]:
    """Records of some rows, up to the first bad value (line, column, message)."""
    records = []
    for line, values in rows:
        try:
            records.append(_row(values, line, this_year, january_first_is_date))
        except CsvError as problem:
            return records, (problem.line, problem.column, problem.message)
    return records, None


def _chunks(rows: Rows) -> Iterator[Rows]:
    for start in range(0, len(rows), CHUNK_ROWS):
        yield rows[start : start + CHUNK_ROWS]


def read_records(
    path: Path, *, on_row: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    return read_file(path, on_row=on_row)[0]


def read_file(
    path: Path,
    *,
    on_row: Callable[[int], None] | None = None,
    january_first_is_date: bool = False,
) -> tuple[list[dict[str, Any]], FileSummary]:
    """The file's records and what they hold, or CsvError naming the first bad line and
    column (a malformed file: encoding, header, columns, a date that does not exist). A phone
    that is not even possible is not a reason to refuse a file: it is treated as missing.
    A birth on 1 January is read as a year only unless `january_first_is_date` (the sender
    says the file's 1 January dates are real).

    Working out each record's keys takes most of the time: a large file is shared among the
    machine's cores, in chunks of rows, and put back together in order."""
    if not path.is_file():
        raise CsvError(0, "", f"{path} is not a file")
    reader = csv.reader(_decoded_lines(path))
    header = _header(reader)
    rows, shape_problem = _rows(reader, header)
    this_year = timezone.localdate().year
    work = functools.partial(
        _records_of, this_year=this_year, january_first_is_date=january_first_is_date
    )
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    records: list[dict[str, Any]] = []
    value_problem: Problem | None = None
    pool = (
        multiprocessing.get_context("fork").Pool(workers)
        if len(rows) >= PARALLEL_FROM_ROWS and workers > 1
        else None
    )
    try:
        results = pool.imap(work, _chunks(rows)) if pool else map(work, _chunks(rows))
        for chunk, (done, problem) in zip(_chunks(rows), results, strict=False):
            records.extend(done)
            if problem is not None:
                value_problem = problem
                break
            if on_row is not None:
                on_row(chunk[-1][0])
    finally:
        if pool is not None:
            pool.terminate()
    problems = [p for p in (shape_problem, value_problem and CsvError(*value_problem)) if p]
    if problems:
        raise min(problems, key=lambda p: p.line)
    if not records:
        raise CsvError(2, "", "no rows after the header")
    return records, summarise(records, january_first_is_date=january_first_is_date)


@dataclass(frozen=True)
class FoundCounts:
    """What a linkage found: groups of records found to be one person (certain when every
    record scores at least OPENNRM_MATCH_CERTAIN_PROBABILITY with another of its group, else
    likely), records alone, records left for review."""

    groups: int
    grouped_records: int
    alone: int
    certain: int
    likely: int
    ambiguous: int


def found_counts(linked: Linked) -> FoundCounts:
    members: dict[str, list[float | None]] = {}
    for _id, cluster, probability in linked.rows:
        members.setdefault(cluster, []).append(probability)
    grouped = [p for p in members.values() if len(p) > 1]
    certain_at = settings.OPENNRM_MATCH_CERTAIN_PROBABILITY
    certain = sum(1 for p in grouped if min(x or 0.0 for x in p) >= certain_at)
    return FoundCounts(
        groups=len(grouped),
        grouped_records=sum(len(p) for p in grouped),
        alone=len(members) - len(grouped),
        certain=certain,
        likely=len(grouped) - certain,
        ambiguous=len(linked.undecided),
    )


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
