"""The public statistics page: no login, the public rule, only publishable figures."""

from datetime import date

import pytest

from opennrm.cases.tests.factories import open_case, person_details

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_of_cases(case_manager):
    for n, gender in ((13, "Feminine"), (3, "Masculine")):
        for _ in range(n):
            open_case(
                case_manager,
                identified_on=date(2025, 5, 1),
                identification_region="MA-06",
                person=person_details(gender=gender),
            )


def _figure(page, key):
    [table] = [t for t, _svg in page.context["figures"] if t.key == key]
    return table


def test_anyone_reads_rounded_figures_with_small_ones_hidden(client, year_of_cases):
    page = client.get("/statistics/?year=2025")
    assert page.status_code == 200
    first = _figure(page, "first_contacts")  # by sex: 13 women, 3 men
    assert [c[0].text for _label, c, _t in first.table.lines()] == ["< 11", "< 11"]
    assert first.table.total.text == "15"  # 16, rounded to the nearest 5
    assert "&lt; 11" in page.content.decode()
    tangier = _figure(client.get("/statistics/?year=2025&region=MA-06"), "first_contacts")
    assert tangier.table.total.text == "15"
    csv = client.get("/statistics/first_contacts.csv?year=2025").content.decode()
    assert "< 11" in csv and "Female" in csv


def test_only_publishable_figures_and_clear_errors(client, settings):
    protection = client.get("/statistics/?year=2025&chapter=protection")
    assert "admissions" not in {t.key for t, _svg in protection.context["figures"]}
    assert client.get("/statistics/admissions.csv?year=2025").status_code == 404
    assert client.get("/statistics/?year=1999").status_code == 400
    settings.OPENNRM_PUBLIC_STATISTICS_LIMIT = 1
    assert client.get("/statistics/?year=2025").status_code == 429
