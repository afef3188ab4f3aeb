from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.hotline.follow_up import callback_attempt_record, contact_close, contact_update
from opennrm.hotline.models import CallbackAttempt
from opennrm.hotline.selectors import hotline_dashboard
from opennrm.hotline.services import ContactDetails, contact_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(member_of):
    return member_of("hotline_operator")


def _contact(operator, **overrides):
    values = {
        "channel": "Phone",
        "caller_type": "Witness",
        "started_at": timezone.now() - timedelta(hours=3),
        "summary": "Synthetic report",
        "callback_due_at": timezone.now() - timedelta(hours=1),
    }
    values.update(overrides)
    return contact_record(actor=operator, details=ContactDetails(**values))


def test_a_call_back_not_reached_stays_due_then_reached_clears(operator):
    contact = _contact(operator)
    assert contact in hotline_dashboard(actor=operator).callbacks_due
    later = timezone.now() + timedelta(hours=2)
    callback_attempt_record(
        actor=operator, contact=contact, reached=False, note="Voicemail", next_callback_at=later
    )
    contact.refresh_from_db()
    assert contact.callback_due_at == later and contact.callback_done_at is None
    callback_attempt_record(actor=operator, contact=contact, reached=True, note="Spoke to her.")
    contact.refresh_from_db()
    assert contact.callback_done_at is not None
    assert contact not in hotline_dashboard(actor=operator).callbacks_due
    assert CallbackAttempt.objects.filter(contact=contact).count() == 2
    events = AuditEvent.objects.filter(action="contact.callback_attempted")
    assert events.count() == 2 and "Spoke" not in str(list(events.values("details")))


def test_the_operator_updates_the_outcome_and_closes_the_contact(operator):
    contact = _contact(operator, callback_due_at=None)
    assert contact in hotline_dashboard(actor=operator).queue  # not handled yet
    with pytest.raises(ApplicationError, match="before closing"):
        contact_close(actor=operator, contact=contact)
    with pytest.raises(ApplicationError, match="Open a case"):
        contact_update(actor=operator, contact=contact, outcome="CaseOpened", callback_due_at=None)
    contact_update(
        actor=operator, contact=contact, outcome="InformationGiven", callback_due_at=None
    )
    contact_close(actor=operator, contact=contact)
    contact.refresh_from_db()
    assert contact.closed_at is not None and contact.closed_by_id == operator.user_id
    assert contact not in hotline_dashboard(actor=operator).queue
    with pytest.raises(ApplicationError, match="closed"):
        contact_update(actor=operator, contact=contact, outcome="NoAction", callback_due_at=None)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"contact.updated", "contact.closed"} <= actions


def test_follow_up_through_the_contact_page(client, login, operator, member_of):
    contact = _contact(operator)
    login(client, operator)
    page = client.get(reverse("hotline:contact", kwargs={"contact_id": contact.pk}))
    assert 'data-testid="follow-up"' in page.content.decode()
    client.post(
        reverse("hotline:callback", kwargs={"contact_id": contact.pk}),
        {"reached": "yes", "note": "Reached"},
    )
    client.post(
        reverse("hotline:update", kwargs={"contact_id": contact.pk}),
        {"outcome": "ReferredToServices", "callback_due_at": ""},
    )
    client.post(reverse("hotline:close", kwargs={"contact_id": contact.pk}))
    contact.refresh_from_db()
    assert contact.outcome == "ReferredToServices" and contact.closed_at is not None
    body = client.get(reverse("hotline:contact", kwargs={"contact_id": contact.pk})).content
    assert b'data-testid="contact-closed"' in body and b'data-testid="follow-up"' not in body
    # Another organisation's operator reaches nothing.
    login(client, member_of("hotline_operator"))
    response = client.post(
        reverse("hotline:update", kwargs={"contact_id": contact.pk}),
        {"outcome": "NoAction"},
    )
    assert response.status_code == 404
