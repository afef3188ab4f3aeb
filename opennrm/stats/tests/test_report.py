"""The annual national report: both languages rendered to PDF and read back as text."""

import shutil
import subprocess
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opennrm.cases.tests.factories import open_case, person_details
from opennrm.stats import report

pytestmark = pytest.mark.django_db
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext): .ci/run installs it"
)


@pytest.fixture
def year_of_cases(case_manager):
    for n, gender in ((14, "Feminine"), (7, "Masculine")):
        for _ in range(n):
            open_case(
                case_manager,
                identified_on=date(2025, 5, 1),
                identification_region="MA-06",
                person=person_details(gender=gender),
            )


PDFTOTEXT = shutil.which("pdftotext")


def _text(path):
    return subprocess.run(
        [PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@needs_pdftotext
def test_the_report_in_french_and_arabic(tmp_path, year_of_cases):
    french = tmp_path / "fr.pdf"
    call_command("national_report", year=2025, language="fr", output=french)
    text = _text(french)
    assert "Rapport national" in text
    assert "Personnes en premier contact" in text
    assert "En 2025 : 21 personnes" in text
    assert "Sommaire" in text
    assert "Contexte et cadre" in text and "loi n° 27-14" in text  # the country's own text
    assert "Plan national 2023-2030" in text and "Prévention" in text
    arabic = tmp_path / "ar.pdf"
    call_command("national_report", year=2025, language="ar", output=arabic)
    text = _text(arabic)
    assert "التشخيص" in text  # the identification chapter
    assert "21" in text


@needs_pdftotext
def test_the_public_edition_hides_and_rounds(tmp_path, year_of_cases):
    public = tmp_path / "public.pdf"
    call_command("national_report", year=2025, language="en", edition="public", output=public)
    text = _text(public)
    assert "Public edition" in text
    assert "In 2025: 20 persons" in text  # 21 rounded to the nearest 5
    assert "< 11" in text  # the 7 men
    assert "Admissions to reception centres" not in text


def test_a_year_without_data_says_so():
    built = report.build(2017, "en", "internal")
    assert built.empty
    assert "No data was recorded for 2017" in report.render_html(built)


def test_bad_requests_exit_with_a_clear_message(tmp_path):
    for options, message in [
        ({"year": 2025, "language": "de"}, "unknown language"),
        ({"year": 1990, "language": "fr"}, "no report for 1990"),
        ({"year": 2025, "language": "fr", "edition": "secret"}, "unknown edition"),
    ]:
        with pytest.raises(CommandError, match=message) as raised:
            call_command("national_report", output=tmp_path / "x.pdf", **options)
        assert raised.value.returncode == 2
    with pytest.raises(CommandError, match="no such folder"):
        call_command("national_report", year=2025, output=tmp_path / "no" / "x.pdf")
