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


def test_the_recorder_adds_a_suspect_charges_and_judges_through_the_pages(client, login, police):
    from opennrm.justice.models import Authority, Offence, Perpetrator

    proceeding = open_proceeding(police, on=date(2026, 1, 10))
    login(client, police)
    response = client.post(
        f"/justice/{proceeding.pk}/accused/new/",
        {"status": "Suspect", "family_name": "Suspectoui", "gender": "Masculine"},
    )
    perpetrator = Perpetrator.objects.get()
    assert response.status_code == 302
    base = f"/justice/{proceeding.pk}/accused/{perpetrator.pk}/"
    offence = Offence.objects.get(article="448-1")
    assert (
        client.post(
            base + "charge/", {"offence": offence.pk, "charged_on": "2026-01-12"}
        ).status_code
        == 302
    )
    charge = perpetrator.charges.get()
    court = Authority.objects.get(code="CA_CASABLANCA")
    refused = client.post(
        base + "judgment/",
        {
            "charge": charge.pk,
            "instance": "FirstInstance",
            "decided_on": "2026-01-11",
            "court": court.pk,
            "outcome": "Acquittal",
            "prison_months": 6,
            "suspended_months": 0,
            "fine": 0,
        },
    )
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "before the charge" in body
    assert "carries no sentence" in body
    assert not charge.judgments.exists()
    accepted = client.post(
        base + "judgment/",
        {
            "charge": charge.pk,
            "instance": "FirstInstance",
            "decided_on": "2026-03-01",
            "court": court.pk,
            "outcome": "Conviction",
            "prison_months": 120,
            "suspended_months": 0,
            "fine": "50000",
        },
    )
    assert accepted.status_code == 302
    page = client.get(base).content.decode()
    assert "Conviction" in page
    assert "120 months firm" in page


def test_the_case_manager_sees_the_judgment_by_label_never_the_accused_name(
    client, login, police, case_manager
):
    from opennrm.justice.tests.factories import add_accused, charge, judge

    proceeding = open_proceeding(police, on=date(2026, 1, 10))
    case = open_case(case_manager)
    link(case_manager, case, proceeding)
    judge(police, charge(police, add_accused(police, proceeding)), decided_on=date(2026, 4, 1))
    login(client, case_manager)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "A-1" in page
    assert "Conviction" in page
    assert "Suspectoui" not in page
    assert "كريم المشتبه" not in page


def test_a_lawyer_sees_the_accused_but_not_a_suspect(
    client, login, police, case_manager, member_of
):
    from opennrm.justice.tests.factories import add_accused, charge

    lawyer = member_of("victims_lawyer")
    proceeding = open_proceeding(police)
    link(case_manager, open_case(case_manager), proceeding, legal_aid=lawyer.organisation)
    accused = add_accused(police, proceeding, family_name="Accusoui")
    charge(police, accused)
    suspect = add_accused(police, proceeding, family_name="Suspectoui")
    login(client, lawyer)
    page = client.get(f"/justice/{proceeding.pk}/").content.decode()
    assert "Accusoui" in page
    assert "Suspectoui" not in page
    assert client.get(f"/justice/{proceeding.pk}/accused/{suspect.pk}/").status_code == 404
    accused_page = client.get(f"/justice/{proceeding.pk}/accused/{accused.pk}/").content.decode()
    assert "Synthetic role details" not in accused_page
    assert "Record a judgment" not in accused_page
