from datetime import date

import pytest

from opennrm.cases.tests.factories import open_case
from opennrm.justice.models import Proceeding, ProceedingCase
from opennrm.justice.tests.factories import acting_for, link, open_proceeding

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(member_of):
    return member_of("judicial_police_officer")


def test_police_open_a_proceeding_through_the_form(client, login, police):
    acting_for(police, "PJ_06")
    login(client, police)
    assert client.get("/justice/new/").status_code == 200
    response = client.post(
        "/justice/new/",
        {
            "authority": acting_for(police, "PJ_06").pk,
            "stage": "Complaint",
            "opened_on": "2026-02-01",
            "summary": "Synthetic facts",
        },
    )
    proceeding = Proceeding.objects.get()
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert proceeding.reference_code in page
    assert "Synthetic facts" in page


def test_a_form_with_an_impossible_move_says_why_and_saves_nothing(client, login, police):
    proceeding = open_proceeding(police, on=date(2026, 2, 10))
    login(client, police)
    response = client.post(
        f"/justice/{proceeding.pk}/move/",
        {
            "to_stage": "PoliceInvestigation",
            "on": "2026-02-01",
            "authority": proceeding.authority_id,
            "version": proceeding.version,
        },
    )
    assert response.status_code == 400
    assert "before the proceeding" in response.content.decode()
    proceeding.refresh_from_db()
    assert proceeding.stage == "Complaint"


def test_the_case_manager_links_from_the_case_page_and_sees_the_stage_not_the_facts(
    client, login, police, case_manager
):
    proceeding = open_proceeding(police)
    case = open_case(case_manager)
    login(client, case_manager)
    response = client.post(
        f"/justice/case/{case.pk}/link/",
        {"reference": proceeding.reference_code.lower(), "role": "Victim", "basis": "Complaint"},
    )
    assert response.status_code == 302
    assert ProceedingCase.objects.filter(case=case, proceeding=proceeding).exists()
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert proceeding.reference_code in page
    assert "Complaint or report" in page
    assert "Synthetic facts" not in page
    assert "Atlas" not in page
    assert client.get(f"/justice/{proceeding.pk}/").status_code == 404


def test_a_lawyer_sees_stage_and_client_but_not_the_investigation(
    client, login, police, case_manager, member_of
):
    lawyer = member_of("victims_lawyer")
    proceeding = open_proceeding(police)
    link(case_manager, open_case(case_manager), proceeding, legal_aid=lawyer.organisation)
    login(client, lawyer)
    listing = client.get("/justice/").content.decode()
    assert proceeding.reference_code in listing
    page = client.get(f"/justice/{proceeding.pk}/").content.decode()
    assert "Salma" in page
    assert "Synthetic facts" not in page
    assert "Atlas" not in page
    assert "Record the next stage" not in page


def test_the_justice_menu_is_for_justice_roles(client, login, police, case_manager):
    login(client, police)
    assert "/justice/" in client.get("/").content.decode()
    login(client, case_manager)
    assert 'href="/justice/"' not in client.get("/").content.decode()
    assert client.get("/justice/").status_code == 403
