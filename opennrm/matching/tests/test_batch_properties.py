"""The CSV import of `link_records` (hypothesis): a well-formed file gives one record per row,
in order, with its id; any other file is refused with the line and column of its first problem,
never with a crash."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opennrm.matching import batch

NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz -'é", max_size=15)
BIRTHS = st.one_of(
    st.just(""),
    st.integers(min_value=1900, max_value=2025).map(str),
    st.dates(min_value=__import__("datetime").date(1900, 1, 1))
    .filter(lambda d: d.year <= 2025)
    .map(lambda d: d.isoformat()),
)
ROWS = st.fixed_dictionaries(
    {
        "given_name": NAMES,
        "family_name": NAMES,
        "given_name_ar": st.text(alphabet="ابتسمنوي ", max_size=10),
        "family_name_ar": st.text(alphabet="ابتسمنوي ", max_size=10),
        "birth_date": BIRTHS,
        "sex": st.sampled_from(["", "F", "m", "Femme", "HOMME"]),
        "citizenship": st.sampled_from(["", "MA", "sn", "NG", "CI"]),
        "phone": st.one_of(st.just(""), st.text(alphabet="0123456789 +-", max_size=14)),
    }
)
FIXTURES = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60, deadline=None
)


def _write(path, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=batch.COLUMNS, lineterminator="\n")
    writer.writeheader()
    for number, row in enumerate(rows, start=1):
        writer.writerow({"id": f"r{number}", **row})
    path.write_text(buffer.getvalue(), encoding="utf-8")


@FIXTURES
@given(rows=st.lists(ROWS, min_size=1, max_size=30))
def test_a_well_formed_file_gives_one_record_per_row_in_order(tmp_path, rows):
    path = tmp_path / "people.csv"
    _write(path, rows)
    records, summary = batch.read_file(path)
    assert [r["unique_id"] for r in records] == [f"r{n}" for n in range(1, len(rows) + 1)]
    assert summary.records == len(rows)


@FIXTURES
@given(
    rows=st.lists(ROWS, min_size=2, max_size=20),
    bad_row=st.integers(min_value=0, max_value=19),
    column=st.sampled_from(["birth_date", "sex", "citizenship"]),
    value=st.sampled_from(["31/12/1990", "1990-02-30", "1850", "X", "ZZZ9"]),
)
def test_the_first_bad_value_is_named_by_line_and_column(tmp_path, rows, bad_row, column, value):
    bad_row %= len(rows)
    rows[bad_row] = {**rows[bad_row], column: value}
    path = tmp_path / "people.csv"
    _write(path, rows)
    with pytest.raises(batch.CsvError) as refused:
        batch.read_file(path)
    # The header is line 1: row n is on line n + 2 (0-based n).
    assert (refused.value.line, refused.value.column) == (bad_row + 2, column)


@FIXTURES
@given(content=st.binary(max_size=400))
def test_any_bytes_are_read_or_refused_with_a_line(tmp_path, content):
    path = tmp_path / "anything.csv"
    path.write_bytes(
        b"id,given_name,family_name,given_name_ar,family_name_ar,birth_date,sex,citizenship,phone\n"
        + content
    )
    try:
        records, _ = batch.read_file(path)
    except batch.CsvError as error:
        assert error.line >= 1 and str(error)
    else:
        assert records
