"""The case list: filters by period, age band, sex and citizenship, sorting, and its export
(identifying columns for the roles allowed, every export audited)."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from opennrm.cases.tests.factories import open_case, person_details
from opennrm.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(case_manager):
    return [
        open_case(
            case_manager,
            identified_on=date(2026, 1, 10),
            person=person_details(gender="Feminine", citizenships=["SN"]),
        ),
        open_case(
            case_manager,
            identified_on=date(2026, 3, 5),
            person=person_details(given_name_latin="Awa", gender="Feminine", citizenships=["MA"]),
        ),
        open_case(
            case_manager,
            identified_on=date(2025, 12, 1),
            person=person_details(given_name_latin="Omar", gender="Masculine", citizenships=["MA"]),
        ),
    ]


def _codes(page):
    return [c.reference_code for c in page.context["page"].object_list]


def test_filters_and_sorting(client, login, case_manager, three):
    first, second, third = three
    login(client, case_manager)
    assert _codes(client.get("/cases/?sex=Masculine")) == [third.reference_code]
    assert set(_codes(client.get("/cases/?citizenship=MA"))) == {
        second.reference_code,
        third.reference_code,
    }
    in_2026 = client.get("/cases/?first_contact_from=2026-01-01&first_contact_to=2026-12-31")
    assert set(_codes(in_2026)) == {first.reference_code, second.reference_code}
    oldest_first = client.get("/cases/?sort=first_contact")
    assert _codes(oldest_first) == [c.reference_code for c in (third, first, second)]
    assert 'aria-sort="ascending"' in oldest_first.content.decode()
    band = first.age_band
    assert first.reference_code in _codes(client.get(f"/cases/?age_band={band}"))
    backwards = client.get("/cases/?first_contact_from=2026-05-01&first_contact_to=2026-01-01")
    assert "comes before" in backwards.content.decode()


def test_export_without_and_with_identifying_columns(client, login, case_manager, member_of, three):
    login(client, case_manager)
    exported = client.get("/cases/export.csv?sex=Feminine")
    lines = list(csv.reader(io.StringIO(exported.content.decode())))
    assert len(lines) == 3  # header and two women
    assert "Salma" not in exported.content.decode()  # no name without the permission
    refused = client.get("/cases/export.xlsx?identifying=1")
    assert refused.status_code == 400
    assert "may not export names" in refused.content.decode()
    supervisor = member_of("supervisor", case_manager.organisation)
    login(client, supervisor)
    # Names and phones leave only after the supervisor confirmed who they are (step-up).
    asked = client.get("/cases/export.xlsx?identifying=1&sex=Masculine")
    assert asked.status_code == 302 and asked["Location"].startswith("/accounts/confirm/")
    login(client, supervisor, confirmed=True)
    xlsx = client.get("/cases/export.xlsx?identifying=1&sex=Masculine")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == three[2].reference_code
    assert "Omar" in rows[1]
    events = AuditEvent.objects.filter(action="cases.exported").order_by("occurred_at")
    assert [e.details["rows"] for e in events] == [2, 1]
    assert [e.details["identifying"] for e in events] == [False, True]
    assert client.get("/cases/export.pdf").status_code == 404


def test_an_export_holds_only_the_readers_cases(client, login, member_of, three):
    login(client, member_of("case_manager"))
    lines = client.get("/cases/export.csv").content.decode().splitlines()
    assert len(lines) == 1  # the header only
