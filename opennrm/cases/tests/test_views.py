import json

import pytest
from django.contrib.sessions.models import Session

from opennrm.cases.models import Case
from opennrm.cases.tests.factories import open_case
from opennrm.core.models import AuditEvent

pytestmark = pytest.mark.django_db

OPEN_FORM = {
    "given_name_latin": "Awa",
    "family_name_latin": "Exempla",
    "given_name_arabic": "آوا",
    "family_name_arabic": "إكزامبلا",
    "gender": "Feminine",
    "birth_date": "2001",
    "citizenships": ["SN"],
    "languages": ["wol"],
    "phone": "+221 77 123 45 67",
    "identified_on": "2026-03-02",
    "identification_region": "MA-06",
    "exploitation_types": ["ForcedLabour", "Servitude"],
    "initial_status": "PossibleVictimOfTrafficking",
    "decision_making_body": "NGO",
}


def test_case_open_form_creates_case_and_redirects(client, login, case_manager):
    login(client, case_manager)
    response = client.post("/cases/new/", OPEN_FORM)
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.person.phone == "+221771234567"


def test_case_open_form_shows_translated_errors_and_stores_nothing(client, login, case_manager):
    case_manager.user.preferred_language = "fr"
    case_manager.user.save()
    login(client, case_manager)
    response = client.post("/cases/new/", {**OPEN_FORM, "birth_date": "2001-13"})
    assert response.status_code == 200
    assert (
        "Cette date n’existe pas." in response.content.decode()
        or "Cette date" in response.content.decode()
    )
    assert not Case.objects.exists()


def test_case_page_shows_identity_and_is_audited(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    response = client.get(f"/cases/{case.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Salma Testaoui" in body
    assert "سلمى التستاوي" in body
    assert AuditEvent.objects.filter(action="case.accessed", object_id=str(case.pk)).exists()


def test_case_list_shows_reference_codes_not_names(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    body = client.get("/cases/").content.decode()
    assert case.reference_code in body
    assert case.person.reference_code in body
    assert "Testaoui" not in body


def test_search_term_stays_out_of_the_url(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    response = client.post("/cases/search/", {"q": "Salma Testaoui"})
    assert "Salma" not in response["Location"]
    listing = client.get(response["Location"])
    assert list(listing.context["page"].object_list) == [case]
    stored = json.dumps([s.get_decoded() for s in Session.objects.all()], ensure_ascii=False)
    assert "Salma" not in stored
    assert "opennrm_searches" in stored


def test_edit_with_stale_version_shows_conflict_message(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    form = {
        "identified_on": "2026-01-15",
        "exploitation_types": ["ForcedLabour"],
        "narrative": "first",
        "version": "1",
    }
    assert client.post(f"/cases/{case.pk}/edit/", form).status_code == 302
    response = client.post(f"/cases/{case.pk}/edit/", {**form, "narrative": "second"})
    assert response.status_code == 200
    assert "Someone else changed this case" in response.content.decode()
    case.refresh_from_db()
    assert case.narrative == "first"


def test_role_without_permission_gets_403_on_own_case_form(client, login, case_manager, member_of):
    case = open_case(case_manager)
    shelter = member_of("service_provider", organisation=case_manager.organisation)
    login(client, shelter)
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    assert client.get(f"/cases/{case.pk}/edit/").status_code == 403


def test_stage_change_and_note_through_the_page(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    client.post(f"/cases/{case.pk}/stage/", {"to_stage": "ImmediateAssistance", "version": "1"})
    client.post(f"/cases/{case.pk}/notes/new/", {"body": "Accompanied to the clinic"})
    case.refresh_from_db()
    assert case.nrm_stage == "ImmediateAssistance"
    assert case.notes.get().body == "Accompanied to the clinic"


def test_organisation_admin_sees_access_log_of_own_cases(client, login, case_manager, member_of):
    case = open_case(case_manager)
    admin = member_of("organisation_admin", organisation=case_manager.organisation)
    login(client, admin)
    body = client.get("/cases/access-log/").content.decode()
    assert "Case registered" in body
    assert case_manager.user.username in body
    assert client.get(f"/cases/{case.pk}/").status_code == 404


def test_arabic_pages_are_right_to_left(client, login, case_manager):
    case_manager.user.preferred_language = "ar"
    case_manager.user.save()
    login(client, case_manager)
    body = client.get("/cases/").content.decode()
    assert '<html lang="ar" dir="rtl"' in body
    assert "bootstrap.rtl.min.css" in body


def test_identity_document_recorded_encrypted_and_shown(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    response = client.post(
        f"/cases/{case.pk}/person/documents/new/",
        {"document_type": "Passport", "number": "AB 123 456", "issuing_country": "SN"},
    )
    assert response.status_code == 302
    document = case.person.documents.get()
    assert document.number == "AB 123 456"
    assert document.held_by_person is False  # unticked box: withheld
    assert "AB 123 456" in client.get(f"/cases/{case.pk}/").content.decode()


def test_note_added_with_htmx_returns_only_the_notes_card(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    response = client.post(
        f"/cases/{case.pk}/notes/new/", {"body": "Phoned the centre"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<section class="card mb-4" id="case-notes">')
    assert "Phoned the centre" in body
    empty = client.post(f"/cases/{case.pk}/notes/new/", {"body": " "}, HTTP_HX_REQUEST="true")
    assert "The note is empty." in empty.content.decode()
    assert case.notes.count() == 1


def test_every_error_of_a_form_shows_at_once_with_a_summary(client, login, case_manager):
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    case = open_case(case_manager)
    login(client, case_manager)
    url = reverse("cases:decision_add", kwargs={"case_id": case.pk})
    response = client.post(
        url,
        {
            "status": "ActualVictimOfTrafficking",
            "decided_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "decision_making_body": "Police",
            "reasons": "",
        },
    )
    body = response.content.decode()
    assert 'data-testid="error-summary"' in body
    # The date and the missing reasons, both on the first submit.
    assert "This date is in the future." in body and "Give the reasons" in body
    summary = body.split('data-testid="error-summary"')[1].split("</div>")[0]
    assert 'href="#id_decided_on"' in summary and 'href="#id_reasons"' in summary
    assert '<span class="text-danger" aria-hidden="true">*</span>' in body


def test_home_groups_deadlines_puts_own_work_first_and_shows_each_role_its_own(
    client, login, case_manager, member_of
):
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from opennrm.cases.services.identification import identification_decision_request

    long_ago = timezone.localdate() - timedelta(days=40)
    cases = []
    for _ in range(7):
        case = open_case(case_manager, identified_on=long_ago)
        identification_decision_request(
            actor=case_manager, case=case, stage="Preliminary", requested_on=long_ago
        )
        cases.append(case)
    assert all(c.case_owner_id == case_manager.user_id for c in cases)  # the creator works on it
    login(client, case_manager)
    body = client.get("/").content.decode()
    assert body.index('data-testid="my-cases"') < body.index('data-testid="deadlines"')
    counts = body.split('data-testid="deadline-counts"')[1].split("</p>")[0]
    assert "7 decisions overdue" in counts
    urgent = body.split('data-testid="most-urgent"')[1].split("</ul>")[0]
    assert urgent.count("<li") == 5
    assert reverse("cases:deadlines") in body
    full = client.get(reverse("cases:deadlines")).content.decode()
    assert all(c.reference_code in full for c in cases)
    # The hotline operator of the same organisation does not act on identification deadlines.
    login(client, member_of("hotline_operator", case_manager.organisation))
    body = client.get("/").content.decode()
    assert 'data-testid="deadlines"' not in body
    assert client.get(reverse("cases:deadlines")).status_code == 403


def test_the_likely_matches_box_listens_to_the_identity_fields_only(client, login, case_manager):
    login(client, case_manager)
    page = client.get("/cases/new/").content.decode()
    assert 'hx-trigger="input from:[data-match-field] delay:400ms' in page
    for name in ("given_name_latin", "family_name_arabic", "birth_date", "phone"):
        tag = page.split(f'name="{name}"')[1].split(">")[0]
        assert "data-match-field" in tag, name
    narrative = page.split('name="narrative"')[1].split(">")[0]
    assert "data-match-field" not in narrative


def test_case_page_shows_the_latest_events_and_links_to_the_whole_trail(
    client, login, case_manager
):
    case = open_case(case_manager)
    login(client, case_manager)
    for _ in range(12):
        client.get(f"/cases/{case.pk}/")
    page = client.get(f"/cases/{case.pk}/")
    assert len(page.context["audit_trail"]) == 10
    assert 'data-testid="whole-audit-trail"' in page.content.decode()
    trail = client.get(f"/cases/{case.pk}/audit/")
    assert trail.status_code == 200
    shown = [e.seq for e in trail.context["page"].object_list]
    expected = AuditEvent.objects.filter(object_id__in=[str(case.pk), str(case.person_id)])
    assert len(shown) == min(50, expected.count()) > 13
    assert shown == sorted(shown, reverse=True)


def test_case_audit_trail_is_refused_to_other_organisations_and_roles(
    client, login, case_manager, member_of
):
    case = open_case(case_manager)
    login(client, member_of("case_manager"))
    assert client.get(f"/cases/{case.pk}/audit/").status_code == 404
    provider = member_of("service_provider", case_manager.organisation)
    login(client, provider)
    assert client.get(f"/cases/{case.pk}/audit/").status_code == 403
    assert not AuditEvent.objects.filter(
        action="case.accessed", actor_user_id=provider.user_id
    ).exists()
