from datetime import date

import pytest

from opennrm.cases.tests.factories import open_case
from opennrm.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_cases(case_manager):
    return [open_case(case_manager, identified_on=date(2026, 3, 1)) for _ in range(3)]


def test_an_organisation_reads_its_own_figures_in_full(client, login, case_manager, three_cases):
    login(client, case_manager)
    page = client.get("/stats/?scope=own&year=2026")
    assert page.status_code == 200
    [first] = [t for t in page.context["tables"] if t.key == "first_contacts"]
    assert first.table.total.text == "3"
    assert AuditEvent.objects.filter(
        action="statistics.viewed", actor_user_id=case_manager.user_id
    ).exists()


def test_the_donor_reads_national_aggregates_with_small_numbers_hidden(
    client, login, member_of, three_cases
):
    login(client, member_of("donor_viewer"))
    page = client.get("/stats/?year=2026&by=sex")
    assert page.status_code == 200
    [first] = [t for t in page.context["tables"] if t.key == "first_contacts"]
    assert first.table.total.text == "< 5"
    body = page.content.decode()
    assert "&lt; 5" in body
    for case in three_cases:
        assert case.reference_code not in body
    # A donor has no organisation figures to choose.
    assert client.get("/stats/?scope=own&year=2026").status_code == 400


def test_another_organisation_counts_nothing_of_these_cases(client, login, member_of, three_cases):
    login(client, member_of("case_manager"))
    page = client.get("/stats/?scope=own&year=2026")
    [first] = [t for t in page.context["tables"] if t.key == "first_contacts"]
    assert first.table.total.text == "0"


def test_roles_without_figures_are_refused_and_bad_filters_explained(client, login, member_of):
    login(client, member_of("system_admin"))
    assert client.get("/stats/").status_code == 403
    login(client, member_of("coordinator"))
    bad = client.get("/stats/?year=1850&by=shoe")
    assert bad.status_code == 400
    assert bad.context["tables"] == []
