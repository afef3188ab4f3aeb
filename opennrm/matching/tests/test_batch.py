"""link_records: clusters of a file with both engines; a bad file is refused whole, naming the
line and column, and nothing is written."""

import csv
import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from opennrm.matching import batch

DATA = Path(__file__).parent / "data" / "small.csv"
HEADER = "id,given_name,family_name,given_name_ar,family_name_ar,birth_date,sex,citizenship,phone"


def _clusters(path):
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    groups = {}
    for row in rows:
        groups.setdefault(row["cluster_id"], set()).add(row["id"])
    return sorted(sorted(g) for g in groups.values()), rows


def test_duckdb_clusters_spellings_scripts_and_particles(tmp_path):
    out = tmp_path / "out.csv"
    call_command("link_records", str(DATA), "--output", str(out))
    groups, rows = _clusters(out)
    # Mohamed El Idrissi = Mohammed Idrissi = محمد الإدريسي; Fatima Zahra Benali = Fatimazahra
    # Ben Ali; the others alone.
    assert groups == [["1", "2", "3"], ["4", "5"], ["6"], ["7"]]
    by_id = {r["id"]: r for r in rows}
    assert float(by_id["1"]["match_probability"]) >= 0.9
    assert by_id["6"]["match_probability"] == ""


@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java")
def test_spark_engine_gives_the_same_clusters(tmp_path):
    duck, spark = tmp_path / "duck.csv", tmp_path / "spark.csv"
    call_command("link_records", str(DATA), "--output", str(duck))
    call_command("link_records", str(DATA), "--output", str(spark), "--engine", "spark")
    assert _clusters(duck)[0] == _clusters(spark)[0]


BAD = [
    ("id,given_name,family_name\n1,A,B\n", "line 1", "missing column(s)"),
    (f"{HEADER}\n1,Ali,Alaoui,,,1990-13-01,M,MA,\n", "line 2, column birth_date", "YYYY"),
    (f"{HEADER}\n1,Ali,Alaoui,,,1990,X,MA,\n", "line 2, column sex", "F, M"),
    (f"{HEADER}\n1,Ali,Alaoui,,,1990,M,ZZ,\n", "line 2, column citizenship", "ISO"),
    (f"{HEADER}\n1,Ali,Alaoui,,,,,,\n1,Aicha,Bennani,,,,,,\n", "line 3, column id", "line 2"),
    (f"{HEADER}\n,,,,,,,,\n" + ",,,,,,,,\n" * 1000, "line 2", "empty row"),
    (f"{HEADER}\n1,Ali,Alaoui\n", "line 2", "3 fields"),
    ("", "line 1", "empty"),
]


@pytest.mark.parametrize(("content", "where", "what"), BAD)
def test_a_bad_file_is_refused_and_nothing_written(tmp_path, content, where, what):
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(content, encoding="utf-8")
    out.write_text("previous result\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("link_records", str(source), "--output", str(out))
    assert where in str(error.value) and what in str(error.value)
    assert "Nothing was written" in str(error.value)
    assert out.read_text(encoding="utf-8") == "previous result\n"


def test_wrong_encoding_names_the_line(tmp_path):
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes((HEADER + "\n1,Aïcha,Alaoui,,,,,,\n").encode("latin-1"))
    with pytest.raises(CommandError, match="line 2: not UTF-8"):
        call_command("link_records", str(source), "--output", str(out))
    assert not out.exists()


def test_threshold_out_of_range_is_refused(tmp_path):
    with pytest.raises(CommandError, match="threshold"):
        call_command(
            "link_records", str(DATA), "--output", str(tmp_path / "o.csv"), "--threshold", "1.5"
        )


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_a_progress_bar_shows_the_stages(tmp_path):
    terminal = Terminal()
    call_command("link_records", str(DATA), "--output", str(tmp_path / "out.csv"), stderr=terminal)
    shown = terminal.getvalue()
    # tqdm redraws the bar in place: the stages pass, and it ends full.
    assert "reading and checking" in shown
    assert "clustering" in shown
    assert "stage 7/7" in shown
    assert "\r" in shown


def test_in_a_log_each_stage_is_one_line_with_its_time(tmp_path):
    log = io.StringIO()
    call_command("link_records", str(DATA), "--output", str(tmp_path / "out.csv"), stderr=log)
    lines = log.getvalue().splitlines()
    assert [line.split("] ", 1)[1] for line in lines] == [
        "reading and checking",
        "scoring the pairs that share a key",
        "clustering",
        "writing",
    ]
    assert "\r" not in log.getvalue()


@pytest.fixture
def in_parallel(monkeypatch):
    """Small chunks shared among worker processes, as a large file is."""
    monkeypatch.setattr(batch, "PARALLEL_FROM_ROWS", 4)
    monkeypatch.setattr(batch, "CHUNK_ROWS", 2)
    monkeypatch.setattr(batch, "MAX_WORKERS", 2)
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 2)


def test_a_file_read_in_parallel_gives_the_same_records_in_order(in_parallel, monkeypatch):
    parallel = batch.read_records(DATA)
    monkeypatch.setattr(batch, "PARALLEL_FROM_ROWS", 10**9)
    assert parallel == batch.read_records(DATA)
    assert [r["unique_id"] for r in parallel] == ["1", "2", "3", "4", "5", "6", "7"]


def test_in_parallel_the_first_bad_line_is_named(in_parallel, tmp_path):
    lines = DATA.read_text(encoding="utf-8").splitlines()
    # A bad date on line 5 (the second chunk), and a row of the wrong shape on line 9.
    lines[4] = lines[4].replace("1985-03-01", "1985-13-01")
    lines.append("8,Omar")
    source = tmp_path / "in.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(batch.CsvError) as problem:
        batch.read_records(source)
    assert (problem.value.line, problem.value.column) == (5, "birth_date")
    # And the other way round: a shape problem on line 4, before the bad date.
    lines[3] = "3,Omar"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(batch.CsvError) as problem:
        batch.read_records(source)
    assert problem.value.line == 4
    assert "fields where the header has" in problem.value.message


def _spreadsheet(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER.split(","))
        writer.writerows(rows)


def test_a_large_file_with_only_names_and_dates_is_linked(tmp_path):
    """No sex, citizenship or phone (many spreadsheets): trained and linked all the same."""
    givens = "Mohamed Fatima Youssef Khadija Omar Aicha Rachid Salma Hamza Nadia Karim Souad"
    roots = "Ali Omar Tazi Saidi Fassi Hamdi Karimi Lahlou Mansouri Naciri Berrada Zerouali"
    families = [f"{p}{r}" for p in ("Ben", "El ", "Ait ", "Bou", "") for r in roots.split()]
    rows = []
    for n in range(1200):
        # Different persons: no two share a name and a date of birth, nor a name and a month.
        given, family = givens.split()[n % 12], families[(n * 7 + n // 600) % len(families)]
        born = f"{1950 + n % 50}-{1 + (n // 50) % 12:02d}-{2 + n // 600:02d}"
        rows.append([f"r{n}", given, family, "", "", born, "", "", ""])
    # Person r2 (Youssef, born 1952-01-02) written again by another agency: Yusuf.
    rows.append(["again", "Yusuf", rows[2][2], "", "", rows[2][5], "", "", ""])
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    _spreadsheet(source, rows)
    # Twelve given names among 1,200 records: agreeing names say little, the date decides.
    call_command("link_records", str(source), "--output", str(out), "--threshold", "0.5")
    _groups, written = _clusters(out)
    cluster = {r["id"]: r["cluster_id"] for r in written}
    assert len(cluster) == 1201
    assert cluster["again"] == cluster["r2"]
    assert len(set(cluster.values())) == 1200


def test_a_phone_outside_the_numbering_plan_does_not_refuse_the_file(tmp_path, capsys):
    """06-83-09-17-34 is possible but not allocated: kept and compared; 12 is not even
    possible: treated as missing. Only a malformed file is refused."""
    source, out, report = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "report.txt"
    source.write_text(
        f"{HEADER}\n"
        "1,Ali,Alaoui,,,1990-02-03,M,MA,06-83-09-17-34\n"
        "2,Aly,Alaoui,,,1990,M,MA,0683091734\n"
        "3,Aicha,Bennani,,,,F,MA,12\n"
        "4,Karim,Tazi,كريم,التازي,1985-07-09,M,MA,0612345678\n",
        encoding="utf-8",
    )
    call_command("link_records", str(source), "--output", str(out), "--report", str(report))
    terminal = capsys.readouterr().out
    expected = (
        "Phones: 1 valid, 2 possible but outside the allocated ranges (kept and compared), "
        "1 not possible (treated as missing), 0 none"
    )
    assert expected in terminal
    text = report.read_text(encoding="utf-8")
    assert expected in text
    assert "1 full" not in text and "2 full, 1 year only" in text and "1 none" in text
    assert "Names in Arabic script: 1" in text
    records, _summary = batch.read_file(source)
    by_id = {r["unique_id"]: r for r in records}
    assert by_id["1"]["phone"] == by_id["2"]["phone"] == "+212683091734"
    assert by_id["3"]["phone"] is None
    assert all(not key.startswith("_") for r in records for key in r)
    _groups, rows = _clusters(out)
    cluster_of = {row["id"]: row["cluster_id"] for row in rows}
    assert cluster_of["1"] == cluster_of["2"]  # the phone they share, as written, counts


def test_the_report_sorts_groups_and_lists_the_ambiguous_for_review(tmp_path, capsys):
    """Two namesakes born the same year (full dates differ), each with a second record; a
    record with the year only could be either: listed for review, merged with neither."""
    source, out, report = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "report.txt"
    source.write_text(
        f"{HEADER}\n"
        "a1,Mamadou,Diallo,,,1990-05-02,M,SN,+221771234567\n"
        "a2,Mamadou,Diallo,,,1990-05-02,M,SN,+221771234567\n"
        "c1,Mamadou,Diallo,,,1990-11-20,M,SN,+221779876543\n"
        "c2,Mamadou,Diallo,,,1990-11-20,M,SN,+221779876543\n"
        "b,Mamadou,Diallo,,,1990,M,SN,\n"
        "z,Awa,Ndiaye,,,1985-03-04,,,\n",
        encoding="utf-8",
    )
    call_command("link_records", str(source), "--output", str(out), "--report", str(report))
    groups, _rows = _clusters(out)
    assert groups == [["a1", "a2"], ["b"], ["c1", "c2"], ["z"]]
    text = report.read_text(encoding="utf-8")
    assert "Sex not given: 1; citizenship not given: 1" in text
    assert "Groups of records found to be one person: 2 (4 records); records alone: 2" in text
    assert "Of these groups: 2 certain" in text
    assert "Ambiguous: 1 records" in text
    line = next(x for x in text.splitlines() if x.startswith("  record b:"))
    assert "group a1 (" in line and "group c1 (" in line
    assert "Ambiguous: 1 records" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            "s1,Fatoumata,Camara,,,1994-03-07,F,GN,\n"
            "s2,Fatoumata,Camara,,,1994-07-03,F,GN,\n"
            "n1,Fatoumata,Camara,,,1994-07-21,F,GN,\n",
            [["n1"], ["s1", "s2"]],
            id="day and month swapped",
        ),
        pytest.param(
            "y1,Aminata,Diallo,,,1994-03-07,F,SN,\n"
            "y2,Aminata,Diallo,,,1995-03-07,F,SN,\n"
            "n1,Aminata,Diallo,,,1995-09-21,F,SN,\n",
            [["n1"], ["y1", "y2"]],
            id="year typed one off",
        ),
    ],
)
def test_one_date_written_two_ways_is_read_as_one_date(tmp_path, rows, expected):
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(f"{HEADER}\n{rows}", encoding="utf-8")
    call_command("link_records", str(source), "--output", str(out))
    groups, _rows = _clusters(out)
    assert groups == expected


OPTIONAL = f"{HEADER},family_name_2,organisation,registered_on"


@pytest.mark.parametrize(
    ("row", "where", "what"),
    [
        ("1,Ali,Alaoui,,,1990,M,MA,,,IOM,2024-02-30", "column registered_on", "YYYY-MM-DD"),
        ("1,Ali,Alaoui,,,1990,M,MA,,,IOM,2099-01-01", "column registered_on", "in the future"),
        ("1,Ali,Alaoui,,,1990,M,MA,,,IOM,1985-01-01", "column registered_on", "before 1990"),
        ("1,Ali,Alaoui,,,1990,M,MA,,," + "x" * 201 + ",", "column organisation", "200"),
    ],
)
def test_a_bad_registration_is_refused_naming_its_column(tmp_path, row, where, what):
    source = tmp_path / "in.csv"
    source.write_text(f"{OPTIONAL}\n{row}\n", encoding="utf-8")
    with pytest.raises(batch.CsvError) as raised:
        batch.read_file(source)
    assert f"line 2, {where}" in str(raised.value) and what in str(raised.value)


def test_a_column_given_twice_or_unknown_is_refused(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(f"{HEADER},organisation,organisation\n", encoding="utf-8")
    with pytest.raises(batch.CsvError, match="given twice: organisation"):
        batch.read_file(source)
    source.write_text(f"{HEADER},mother\n", encoding="utf-8")
    expected = r"unknown column\(s\) mother.*optional: family_name_2"
    with pytest.raises(batch.CsvError, match=expected):
        batch.read_file(source)


def test_the_optional_columns_are_read_and_counted(tmp_path, capsys):
    """A second family name is one of the family name's readings (with the first, and alone);
    one organisation however it is capitalised; the report says how many records had each."""
    source, out, report = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "report.txt"
    source.write_text(
        f"{OPTIONAL}\n"
        "1,Fatima,Alaoui,,,1990-02-03,F,MA,,Ismaili,OIM Rabat,2024-03-01\n"
        "2,Fatima,Alaoui Ismaili,,,1990,F,MA,,,oim  rabat,2024-03-20\n"
        "3,Fatima,Ismaili,,,1990-02-03,F,MA,,,Hotline,\n"
        "4,Karim,Tazi,,,1985-07-09,M,MA,,,,\n",
        encoding="utf-8",
    )
    records, summary = batch.read_file(source)
    by_id = {r["unique_id"]: r for r in records}
    assert set(by_id["2"]["family_keys"]) <= set(by_id["1"]["family_keys"])
    assert set(by_id["3"]["family_keys"]) <= set(by_id["1"]["family_keys"])
    assert by_id["1"]["organisation"] == by_id["2"]["organisation"] == "oim rabat"
    assert by_id["2"]["registered_day"] - by_id["1"]["registered_day"] == 19
    assert by_id["3"]["registered_day"] is None and by_id["4"]["organisation"] is None
    assert (summary.second_family_name, summary.organisation, summary.organisations) == (1, 3, 2)
    assert summary.registered_on == 2
    call_command("link_records", str(source), "--output", str(out), "--report", str(report))
    groups, _rows = _clusters(out)
    assert groups == [["1", "2", "3"], ["4"]]
    assert (
        "Second family name: 1; organisation that registered it: 3 (2 organisations); "
        "date of registration: 2"
    ) in report.read_text(encoding="utf-8")


def test_a_second_family_name_that_differs_counts_against():
    from opennrm.matching.model import SECOND_FAMILY, score, settings_creator
    from opennrm.matching.records import NameParts, splink_record

    def record(identifier, second):
        parts = NameParts("Fatima", "Alaoui", birth_date="1990", gender="F", family_2=second)
        return splink_record(identifier, parts, blocking=True)

    model = settings_creator(extra=[SECOND_FAMILY])
    (same,) = score(record("a", "Ismaili"), [record("b", "Ismaili")], model)
    (other,) = score(record("a", "Ismaili"), [record("c", "Bennani")], model)
    (unsaid,) = score(record("a", "Ismaili"), [record("d", "")], model)
    assert same.probability > unsaid.probability > other.probability
    assert "family_name_2" in same.agreeing and "family_name_2" in other.disagreeing


def _registered_file(path, with_registration):
    """1,200 different persons registered from 2018 on, 100 of them written twice within 20
    days; then two namesakes (Mamadou Diallo, 1990), each with a record giving the year only,
    registered 10 days after its own person's and years away from the other's."""
    givens = "Mohamed Fatima Youssef Khadija Omar Aicha Rachid Salma Hamza Nadia Karim Souad"
    roots = "Ali Omar Tazi Saidi Fassi Hamdi Karimi Lahlou Mansouri Naciri Berrada Zerouali"
    families = [f"{p}{r}" for p in ("Ben", "El ", "Ait ", "Bou", "") for r in roots.split()]
    organisations = ["hotline", "iom", "ngo tanger", "police oujda", "shelter agadir"]
    rows = []
    for n in range(1200):
        given, family = givens.split()[n % 12], families[(n * 7 + n // 600) % len(families)]
        born = f"{1950 + n % 50}-{1 + (n // 50) % 12:02d}-{2 + n // 600:02d}"
        day = f"{2018 + n % 6}-{1 + n % 12:02d}-{1 + n % 9:02d}"
        organisation = organisations[n % 5]
        rows.append([f"r{n}", given, family, "", "", born, "", "", "", "", organisation, day])
        if n % 12 == 0:
            later = f"{2018 + n % 6}-{1 + n % 12:02d}-{11 + n % 9:02d}"
            rows.append([f"r{n}b", given, family, "", "", born, "", "", "", "", "iom", later])
    rows += [
        line.split(",")
        for line in (
            "a1,Mamadou,Diallo,,,1990-05-02,M,SN,,,hotline,2019-03-01",
            "b1,Mamadou,Diallo,,,1990,M,SN,,,ngo tanger,2019-03-11",
            "c1,Mamadou,Diallo,,,1990-11-20,M,SN,,,hotline,2023-06-01",
            "b2,Mamadou,Diallo,,,1990,M,SN,,,iom,2023-06-11",
        )
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(OPTIONAL.split(",") if with_registration else HEADER.split(","))
        writer.writerows(row if with_registration else row[:9] for row in rows)


@pytest.mark.parametrize("with_registration", [True, False])
def test_the_registration_tells_namesakes_apart(tmp_path, with_registration):
    """A year of birth alone cannot say which Mamadou Diallo born in 1990 a record is; that it
    was registered ten days after one of them, and years away from the other, can."""
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    _registered_file(source, with_registration)
    call_command("link_records", str(source), "--output", str(out))
    _groups, rows = _clusters(out)
    cluster = {r["id"]: r["cluster_id"] for r in rows}
    if with_registration:
        assert cluster["b1"] == cluster["a1"] and cluster["b2"] == cluster["c1"]
        assert cluster["a1"] != cluster["c1"]
    else:
        assert cluster["b1"] == "b1" and cluster["b2"] == "b2"  # left alone, for review


JANUARY = (
    "j1,Mamadou,Diallo,,,1990-01-01,M,SN,\n"
    "j2,Mamadou,Diallo,,,1990-01-01,M,SN,\n"
    "c1,Mamadou,Diallo,,,1990-11-20,M,SN,+221779876543\n"
    "c2,Mamadou,Diallo,,,1990-11-20,M,SN,+221779876543\n"
    "b,Mamadou,Diallo,,,1990,M,SN,\n"
)


@pytest.mark.parametrize("real", [True, False])
def test_the_file_says_whether_its_births_on_1_january_are_real(tmp_path, real):
    """1 January is read as "born that year" (the usual placeholder) unless the sender says
    the file's 1 January dates are real: then two records born on that day are one person, not
    two records that could be any Mamadou Diallo born in 1990."""
    source, out, report = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "report.txt"
    source.write_text(f"{HEADER}\n{JANUARY}", encoding="utf-8")
    flag = ["--january-first-is-a-date"] if real else []
    call_command("link_records", str(source), "--output", str(out), "--report", str(report), *flag)
    groups, _rows = _clusters(out)
    text = report.read_text(encoding="utf-8")
    if real:
        assert groups == [["b"], ["c1", "c2"], ["j1", "j2"]]
        assert "4 full, 1 year only, 0 none; 2 on 1 January, read as dates" in text
    else:
        # Read as "born in 1990", they could be the Mamadou Diallo born on 20 November.
        assert ["j1", "j2"] not in groups
        assert "2 full, 3 year only, 0 none; 2 on 1 January, read as a year only" in text
    records, summary = batch.read_file(source, january_first_is_date=real)
    j1 = next(r for r in records if r["unique_id"] == "j1")
    assert j1["birth_date"] == ("1990-01-01" if real else None) and j1["birth_year"] == 1990
    assert summary.january_first == 2 and summary.january_first_is_date is real
