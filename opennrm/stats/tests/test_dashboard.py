"""The national picture on the home page of the commission and donors."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from opennrm.cases.services import identification_decision_request
from opennrm.cases.tests.factories import open_case
from opennrm.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(case_manager):
    case = open_case(case_manager, identified_on=date(2025, 1, 2))
    return identification_decision_request(
        actor=case_manager,
        case=case,
        stage="Preliminary",
        requested_on=timezone.localdate() - timedelta(days=60),
    )


def test_the_coordinator_sees_the_national_picture(client, login, member_of, overdue):
    coordinator = member_of("coordinator")
    login(client, coordinator)
    page = client.get("/")
    [panel] = [p.context for p in page.context["panels"] if "headlines" in p.context]
    assert [h.key for h in panel["headlines"]] == [
        "presumed_victims",
        "identified_victims",
        "hotline_contacts",
    ]
    assert panel["map"].startswith("<svg")
    assert panel["overdue"] == [{"organisation": overdue.case.owner_organisation.name, "n": 1}]
    assert panel["centres"] == []
    body = page.content.decode()
    assert 'data-testid="national-picture"' in body
    assert overdue.case.reference_code not in body
    assert AuditEvent.objects.filter(
        action="statistics.viewed", actor_user_id=coordinator.user_id
    ).exists()


def test_the_donor_sees_aggregates_but_not_the_organisations_work(
    client, login, member_of, overdue
):
    login(client, member_of("donor_viewer"))
    [panel] = [p.context for p in client.get("/").context["panels"] if "headlines" in p.context]
    assert "overdue" not in panel
    assert "centres" not in panel
    # One case: a count from fewer than 5 persons is hidden.
    assert all(h.this_year.text in {"0", "< 5"} for h in panel["headlines"])


def test_organisations_do_not_get_the_national_panel(client, login, case_manager):
    login(client, case_manager)
    assert not [p for p in client.get("/").context["panels"] if "headlines" in p.context]
