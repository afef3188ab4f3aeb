from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opennrm.core.errors import ApplicationError
from opennrm.hotline.models import Contact
from opennrm.hotline.selectors import (
    earlier_contacts_from_same_number,
    hotline_dashboard,
    open_emergencies,
)
from opennrm.hotline.services import (
    ContactDetails,
    contact_record,
    emergency_close,
    emergency_refer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(member_of):
    return member_of("hotline_operator")


def _details(**overrides):
    values = {
        "channel": "Phone",
        "caller_type": "Witness",
        "started_at": timezone.now() - timedelta(minutes=4),
        "summary": "Synthetic report: workers locked in a farm building",
        "caller_phone": "0612345678",
        "region": "MA-09",
        "indicators_observed": ["5.confiscation_of_documents"],
    }
    values.update(overrides)
    return ContactDetails(**values)


def test_contact_recorded_with_handling_time_and_no_clear_number(operator):
    contact = contact_record(actor=operator, details=_details())
    assert 235 <= contact.handling_seconds <= 245
    assert contact.caller_phone_index
    assert "612345678" not in str(Contact.objects.values_list().get(pk=contact.pk))


def test_repeat_caller_recognised_by_number(operator):
    contact_record(actor=operator, details=_details())
    second = contact_record(actor=operator, details=_details(caller_phone="+212 6 12 34 56 78"))
    other = contact_record(actor=operator, details=_details(caller_phone="0661000000"))
    assert earlier_contacts_from_same_number(contact=second) == 1
    assert earlier_contacts_from_same_number(contact=other) == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"started_at": timezone.now() + timedelta(hours=1)}, "started_at"),
        ({"indicators_observed": ["9.invented"]}, "indicators_observed"),
        ({"channel": "Pigeon"}, "channel"),
        ({"caller_phone": "12"}, "phone"),
        ({"region": "MA-99"}, "region"),
    ],
)
def test_bad_contact_input_is_refused_and_stores_nothing(operator, overrides, field):
    with pytest.raises(ApplicationError) as error:
        contact_record(actor=operator, details=_details(**overrides))
    assert error.value.field == field
    assert not Contact.objects.exists()


def test_emergency_path_shows_on_every_coordinator_dashboard_until_closed(operator, member_of):
    contact = contact_record(actor=operator, details=_details(urgency="Emergency"))
    emergency_refer(
        actor=operator, contact=contact, service="Police", called="Synthetic duty officer"
    )
    coordinator = member_of("coordinator")
    assert list(open_emergencies(actor=coordinator)) == [contact]
    assert contact.outcome == "ReferredToPolice"
    emergency_close(actor=operator, contact=contact)
    assert list(open_emergencies(actor=coordinator)) == []
    with pytest.raises(ApplicationError):
        emergency_close(actor=operator, contact=contact)


def test_emergency_needs_who_was_called(operator):
    contact = contact_record(actor=operator, details=_details())
    with pytest.raises(ApplicationError):
        emergency_refer(actor=operator, contact=contact, service="Police", called=" ")


def test_roles_without_hotline_cannot_record(member_of):
    with pytest.raises(PermissionDenied):
        contact_record(actor=member_of("prosecutor"), details=_details())


def test_dashboard_counts(operator):
    contact_record(actor=operator, details=_details())
    contact_record(actor=operator, details=_details(channel="WhatsApp", outcome="NoAction"))
    board = hotline_dashboard(actor=operator)
    assert sum(row["n"] for row in board.per_day) == 2
    assert 235 <= board.average_handling_seconds <= 245
    assert len(board.queue) == 1  # the pending one
    assert {str(row["label"]) for row in board.per_day} == {"Phone (toll-free line)", "WhatsApp"}


def test_new_contact_page_times_the_call_and_saves(client, login, operator):
    login(client, operator)
    page = client.get("/hotline/new/")
    form = page.context["form"]
    assert "data-timer-start" in page.content.decode()
    response = client.post(
        "/hotline/new/",
        {
            "timer": form.initial["timer"],
            "channel": "Phone",
            "caller_type": "PossibleVictim",
            "urgency": "Normal",
            "outcome": "InformationGiven",
            "summary": "Asked about rights",
        },
    )
    contact = Contact.objects.get()
    assert response["Location"] == f"/hotline/{contact.pk}/"
    forged = client.post(
        "/hotline/new/",
        {
            "timer": "forged",
            "channel": "Phone",
            "caller_type": "Witness",
            "urgency": "Normal",
            "outcome": "NoAction",
        },
    )
    assert forged.status_code == 200
    assert Contact.objects.count() == 1


def test_contact_of_another_organisation_is_404(client, login, operator, member_of):
    contact = contact_record(actor=operator, details=_details())
    login(client, member_of("hotline_operator"))
    assert client.get(f"/hotline/{contact.pk}/").status_code == 404


def test_contact_becomes_a_case_and_a_later_contact_links_to_it(client, login, member_of):
    manager = member_of("case_manager")
    contact = contact_record(actor=manager, details=_details(language="wol"))
    login(client, manager)
    page = client.get(f"/cases/new/?contact={contact.pk}")
    assert page.context["form"].initial["identification_region"] == "MA-09"
    response = client.post(
        "/cases/new/",
        {
            "contact": str(contact.pk),
            "given_name_latin": "Awa",
            "family_name_latin": "Exempla",
            "gender": "Feminine",
            "identified_on": timezone.localdate().isoformat(),
            "exploitation_types": ["ForcedLabour"],
            "initial_status": "PossibleVictimOfTrafficking",
            "decision_making_body": "NGO",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.outcome == "CaseOpened"
    case = contact.person.cases.get()
    later = contact_record(actor=manager, details=_details())
    linked = client.post(
        f"/cases/from-contact/{later.pk}/link/", {"reference": case.reference_code.lower()}
    )
    assert linked["Location"] == f"/cases/{case.pk}/"
    later.refresh_from_db()
    assert later.person == case.person
    assert later.outcome == "LinkedToExistingCase"


def test_linking_to_a_case_of_another_organisation_finds_nothing(client, login, member_of):
    from opennrm.cases.tests.factories import open_case

    manager = member_of("case_manager")
    foreign_case = open_case(member_of("case_manager"))
    contact = contact_record(actor=manager, details=_details())
    login(client, manager)
    client.post(
        f"/cases/from-contact/{contact.pk}/link/", {"reference": foreign_case.reference_code}
    )
    contact.refresh_from_db()
    assert contact.person is None


def test_contact_links_to_a_case_found_by_name_or_phone(client, login, member_of):
    from opennrm.cases.tests.factories import open_case

    manager = member_of("case_manager")
    case = open_case(manager)
    login(client, manager)
    for term in ("Salma Testaoui", "0612345678"):
        contact = contact_record(actor=manager, details=_details())
        client.post(f"/cases/from-contact/{contact.pk}/link/", {"reference": term})
        contact.refresh_from_db()
        assert contact.person == case.person


def test_province_sets_its_region_and_must_belong_to_the_chosen_one(operator):
    contact = contact_record(actor=operator, details=_details(region="", province="MA-CHT"))
    assert contact.region == "MA-06"
    with pytest.raises(ApplicationError) as error:
        contact_record(actor=operator, details=_details(region="MA-01", province="MA-CHT"))
    assert error.value.field == "province"
