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


def _conceal(police, case_manager, proceeding):
    from opennrm.justice.models import Authority
    from opennrm.justice.services import measure_decide, measure_request

    victim = link(case_manager, open_case(case_manager), proceeding)
    measure = measure_request(
        actor=case_manager,
        victim=victim,
        kind="IdentityConcealment",
        requested_on=proceeding.opened_on,
        requested_by="Victim",
    )
    return measure_decide(
        actor=police,
        measure=measure,
        grant=True,
        decided_on=proceeding.opened_on,
        authority=Authority.objects.get(code="PG_CASABLANCA"),
    )


def test_a_concealed_person_appears_to_the_justice_roles_by_pseudonym_only(
    client, login, police, case_manager, member_of
):
    from opennrm.justice.tests.factories import add_accused, charge, judge

    proceeding = open_proceeding(police)
    measure = _conceal(police, case_manager, proceeding)
    judgment = judge(police, charge(police, add_accused(police, proceeding)))
    from decimal import Decimal

    from opennrm.justice.services import CompensationDetails, compensation_record

    compensation_record(
        actor=police,
        judgment=judgment,
        details=CompensationDetails(victim=measure.victim, awarded=Decimal(1000)),
    )
    login(client, police)
    for path in (
        f"/justice/{proceeding.pk}/",
        f"/justice/{proceeding.pk}/accused/{judgment.charge.perpetrator_id}/",
    ):
        page = client.get(path).content.decode()
        assert "X-1" in page, path
        for secret in ("Salma", "Testaoui", "سلمى", measure.victim.case.owner_organisation.name):
            assert secret not in page, (path, secret)
    # The police may not reveal it; the route answers like a missing one.
    assert (
        client.post(
            f"/justice/{proceeding.pk}/measures/{measure.pk}/reveal/", {"reason": "A long reason"}
        ).status_code
        == 404
    )


def test_a_prosecutor_reveals_with_a_reason_and_sees_it_once(
    client, login, police, case_manager, member_of
):
    from opennrm.justice.models import Authority, IdentityReveal
    from opennrm.justice.services import proceeding_move

    proceeding = open_proceeding(police)
    measure = _conceal(police, case_manager, proceeding)
    prosecutor = member_of("prosecutor")
    proceeding_move(
        actor=police,
        proceeding=proceeding,
        to_stage="Prosecution",
        on=proceeding.opened_on,
        authority=acting_for(prosecutor, "PG_CASABLANCA"),
    )
    login(client, prosecutor)
    url = f"/justice/{proceeding.pk}/measures/{measure.pk}/reveal/"
    asked = client.post(url, {"reason": "Confrontation ordered by the investigating judge"})
    assert asked.status_code == 302 and asked["Location"].startswith("/accounts/confirm/")
    assert IdentityReveal.objects.count() == 0
    login(client, prosecutor, confirmed=True)
    refused = client.post(url, {"reason": "short"})
    assert refused.status_code == 400
    assert "Salma" not in refused.content.decode()
    shown = client.post(url, {"reason": "Confrontation ordered by the investigating judge"})
    assert shown.status_code == 200
    assert "Salma" in shown.content.decode()
    assert IdentityReveal.objects.count() == 1
    assert "Salma" not in client.get(f"/justice/{proceeding.pk}/").content.decode()
    assert Authority.objects.filter(organisation=prosecutor.organisation).exists()


def test_the_lawyer_reads_the_real_name_of_a_concealed_client(
    client, login, police, case_manager, member_of
):
    lawyer = member_of("victims_lawyer")
    proceeding = open_proceeding(police)
    measure = _conceal(police, case_manager, proceeding)
    measure.victim.legal_aid_organisation = lawyer.organisation
    measure.victim.save()
    login(client, lawyer)
    page = client.get(f"/justice/{proceeding.pk}/").content.decode()
    assert "Salma" in page
    assert "X-1" not in page


def test_the_case_manager_asks_for_protection_and_sees_hearings_on_the_case_page(
    client, login, police, case_manager
):
    from datetime import datetime, time

    from django.utils import timezone

    from opennrm.core.calendar import add_working_days
    from opennrm.justice.models import Authority, ProtectionMeasure
    from opennrm.justice.services import hearing_schedule

    proceeding = open_proceeding(police)
    case = open_case(case_manager)
    link(case_manager, case, proceeding)
    login(client, case_manager)
    assert client.get(f"/justice/case/{case.pk}/protection/").status_code == 200
    response = client.post(
        f"/justice/case/{case.pk}/protection/",
        {
            "link": case.proceedings.get().pk,
            "kind": "PoliceProtection",
            "requested_on": str(proceeding.opened_on),
            "requested_by": "CaseManager",
        },
    )
    assert response.status_code == 302
    assert ProtectionMeasure.objects.get().state == "Requested"
    day = add_working_days(timezone.localdate(), 3)
    hearing_schedule(
        actor=police,
        proceeding=proceeding,
        scheduled_at=timezone.make_aware(datetime.combine(day, time(9))),
        court=Authority.objects.get(code="CA_CASABLANCA"),
        purpose="Trial",
    )
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Police protection" in page
    assert "Next hearing" in page
    home = client.get("/").content.decode()
    assert "Upcoming hearings" in home
    assert "in 3 working days" in home


def test_the_recorder_sets_a_hearing_through_the_page_and_a_day_off_is_refused(
    client, login, police
):
    from opennrm.justice.models import Authority

    proceeding = open_proceeding(police)
    login(client, police)
    response = client.post(
        f"/justice/{proceeding.pk}/hearings/new/",
        {
            "scheduled_at": "2026-12-05T10:00",
            "court": Authority.objects.get(code="CA_CASABLANCA").pk,
            "purpose": "Trial",
        },
    )
    assert response.status_code == 400
    assert "not a working day" in response.content.decode()
    assert not proceeding.hearings.exists()


def test_the_figures_page_counts_the_organisations_own_proceedings(
    client, login, police, case_manager, member_of
):
    from django.utils import timezone

    from opennrm.justice.tests.factories import add_accused, charge, judge

    today = timezone.localdate()
    proceeding = open_proceeding(police, on=today.replace(month=1, day=1))
    judge(police, charge(police, add_accused(police, proceeding)), decided_on=today)
    login(client, police)
    page = client.get(f"/justice/figures/?year={today.year}")
    assert page.status_code == 200
    assert page.context["convicted"] == 1
    other = member_of("prosecutor")
    login(client, other)
    assert client.get("/justice/figures/").context["convicted"] == 0
    login(client, case_manager)
    assert client.get("/justice/figures/").status_code == 403


def test_the_hearing_agenda_for_the_court_and_the_victims_side(
    client, login, police, case_manager, member_of
):
    from datetime import datetime, time

    from django.utils import timezone

    from opennrm.core.calendar import add_working_days
    from opennrm.justice.models import Authority
    from opennrm.justice.services import hearing_schedule

    proceeding = open_proceeding(police)
    link(case_manager, open_case(case_manager), proceeding)
    day = add_working_days(timezone.localdate(), 2)
    hearing_schedule(
        actor=police,
        proceeding=proceeding,
        scheduled_at=timezone.make_aware(datetime.combine(day, time(9, 30))),
        court=Authority.objects.get(code="CA_CASABLANCA"),
        purpose="Trial",
    )
    for member in (police, case_manager):
        login(client, member)
        page = client.get("/justice/hearings/").content.decode()
        assert proceeding.reference_code in page
        assert "09:30" in page
    login(client, member_of("case_manager"))
    assert proceeding.reference_code not in client.get("/justice/hearings/").content.decode()
    login(client, member_of("donor_viewer"))
    assert client.get("/justice/hearings/").status_code == 403
