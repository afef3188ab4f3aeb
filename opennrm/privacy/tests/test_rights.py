"""The rights of the person: requests with their legal deadline, the access copy (everything
the organisation holds, in the person's language, audited), answers, and erasure on request."""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opennrm.cases.models import CaseAccessGrant
from opennrm.cases.services import case_note_add
from opennrm.cases.tests.factories import open_case
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.core.subject_keys import clear_cache
from opennrm.people.models import Person
from opennrm.privacy.access_export import access_record, render_json
from opennrm.privacy.services.holds import legal_hold_place
from opennrm.privacy.services.rights import (
    rights_request_done,
    rights_request_erase,
    rights_request_record,
    rights_request_refuse,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def case(case_manager):
    made = open_case(case_manager, narrative="Recruited in Beni Mellal for a farm job")
    case_note_add(actor=case_manager, case=made, body="Her sister lives in Fes")
    return made


def test_a_request_has_its_legal_deadline_and_is_audited(case_manager, case, settings):
    settings.OPENNRM_RIGHTS_REQUEST_DAYS = 30
    request = rights_request_record(
        actor=case_manager, case=case, kind="Access", received_on=TODAY - timedelta(days=2)
    )
    assert request.due_on == TODAY + timedelta(days=28)
    assert request.reference_code.startswith("D-")
    event = AuditEvent.objects.get(action="rights_request.recorded")
    assert event.details["kind"] == "Access" and event.object_id == str(case.pk)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"kind": "Everything"}, "Choose the right"),
        ({"received_on": TODAY + timedelta(days=1)}, "future"),
        ({"made_by": "Neighbour"}, "who made"),
    ],
)
def test_bad_requests_are_refused(case_manager, case, values, message):
    arguments = {"kind": "Access", "received_on": TODAY, **values}
    with pytest.raises(ApplicationError, match=message):
        rights_request_record(actor=case_manager, case=case, **arguments)


def test_only_the_owning_organisation_records_and_answers(case_manager, case, member_of):
    other = member_of("case_manager")
    with pytest.raises(ApplicationError, match="owns the case"):
        rights_request_record(actor=other, case=case, kind="Access", received_on=TODAY)
    operator = member_of("hotline_operator", case_manager.organisation)
    with pytest.raises(ApplicationError, match="does not allow"):
        rights_request_record(actor=operator, case=case, kind="Access", received_on=TODAY)


def test_the_access_copy_holds_everything_in_the_persons_language(case_manager, case):
    record = access_record(actor=case_manager, case=case, language="ar")
    titles = [s.title for s in record.sections]
    assert "البيانات الشخصية" in titles  # personal details, in Arabic
    values = " ".join(v for s in record.sections for i in s.items for _label, v in i.lines)
    for expected in ("Salma", "سلمى", "+212612345678", "12 Rue Imaginaire", "Beni Mellal", "Fes"):
        assert expected in values
    document = json.loads(render_json(record))
    assert document["person"] == case.person.reference_code
    assert any(r["values"].get("narrative") for s in document["sections"] for r in s["records"])


def test_an_access_request_is_answered_with_a_pdf_and_audited(client, login, case_manager, case):
    request = rights_request_record(actor=case_manager, case=case, kind="Access", received_on=TODAY)
    login(client, case_manager)
    page = client.get(reverse("privacy:request", args=[request.pk]))
    assert page.status_code == 200
    export = reverse("privacy:request_export", args=[request.pk])
    asked = client.post(export, {"language": "fr", "file_format": "pdf"})
    assert asked.status_code == 302 and asked["Location"].startswith("/accounts/confirm/")
    assert not AuditEvent.objects.filter(action="person.access_exported").exists()
    login(client, case_manager, confirmed=True)
    response = client.post(export, {"language": "fr", "file_format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action="person.access_exported")
    assert event.details["format"] == "pdf" and event.details["records"] > 3
    done = client.post(
        reverse("privacy:request_answer", args=[request.pk, "done"]), {"version": request.version}
    )
    assert done.status_code == 302
    request.refresh_from_db()
    assert (request.state, request.answered_on) == ("Done", TODAY)


def test_another_organisation_never_reaches_a_request(client, login, case_manager, case, member_of):
    request = rights_request_record(actor=case_manager, case=case, kind="Access", received_on=TODAY)
    other = member_of("supervisor")
    # Even with read access to the case (a former owner), the request is not theirs.
    CaseAccessGrant.objects.create(
        case=case, organisation=other.organisation, granted_by=case_manager.user
    )
    login(client, other)
    for url in (
        reverse("privacy:request", args=[request.pk]),
        reverse("privacy:request_new", args=[case.pk]),
    ):
        assert client.get(url).status_code == 404
    response = client.post(
        reverse("privacy:request_export", args=[request.pk]),
        {"language": "fr", "file_format": "json"},
    )
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="person.access_exported").exists()


def test_an_erasure_request_erases_and_answers(case_manager, case, member_of):
    supervisor = member_of("supervisor", case_manager.organisation)
    request = rights_request_record(
        actor=case_manager, case=case, kind="Erasure", received_on=TODAY
    )
    with pytest.raises(ApplicationError, match="does not allow"):
        rights_request_erase(actor=case_manager, request=request)
    with pytest.raises(ApplicationError, match="done by erasing"):
        rights_request_done(actor=case_manager, request=request)
    rights_request_erase(actor=supervisor, request=request, expected_version=request.version)
    clear_cache()
    person = Person.objects.get(pk=case.person_id)
    assert person.erased_at is not None and person.given_name_latin == ""
    request.refresh_from_db()
    assert request.state == "Done"
    erased = AuditEvent.objects.get(action="person.erased")
    assert erased.details["request_id"] == str(request.pk)
    with pytest.raises(ApplicationError, match="answered already"):
        rights_request_refuse(actor=supervisor, request=request, reason="LegalObligation")


def test_an_erasure_under_a_legal_hold_is_refused_with_its_reason(case_manager, case, member_of):
    supervisor = member_of("supervisor", case_manager.organisation)
    legal_hold_place(actor=member_of("data_protection_officer"), case=case, reason="CourtOrder")
    request = rights_request_record(
        actor=case_manager, case=case, kind="Erasure", received_on=TODAY
    )
    with pytest.raises(ApplicationError, match="legal hold"):
        rights_request_erase(actor=supervisor, request=request)
    request.refresh_from_db()
    assert request.state == "Open"
    rights_request_refuse(actor=supervisor, request=request, reason="LegalHold")
    request.refresh_from_db()
    assert (request.state, request.refusal_reason) == ("Refused", "LegalHold")


def test_a_late_request_shows_on_the_home_page_and_the_list(client, login, case_manager, case):
    rights_request_record(
        actor=case_manager, case=case, kind="Objection", received_on=date(2026, 1, 5)
    )
    login(client, case_manager)
    home = client.get("/").content.decode()
    assert 'data-testid="rights-home"' in home and "late" in home
    listing = client.get(reverse("privacy:requests")).content.decode()
    assert "table-danger" in listing
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="rights-panel"' in page
