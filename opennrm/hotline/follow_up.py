"""After the call: the operator updates a contact's outcome, records call-back attempts and
closes the contact once handled. Each write is one transaction with its audit event; the
unhandled queue and the call-backs due clear by these as well as by linking a case."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.hotline.models import CallbackAttempt, Contact
from opennrm.hotline.services import _event, _require
from opennrm.hotline.vocabularies import Outcome

# Outcomes that only linking a person gives (through the case pages).
LINKED_OUTCOMES = frozenset({Outcome.CASE_OPENED, Outcome.LINKED_TO_CASE})


def _open(contact: Contact) -> None:
    if contact.closed_at is not None:
        raise ApplicationError(_("This contact is closed."))


def contact_update(
    *, actor: Membership, contact: Contact, outcome: str, callback_due_at: datetime | None
) -> Contact:
    """Change what came of a contact, and when to call back (empty: no call-back)."""
    _require(actor, Permission.RECORD_CONTACT)
    _open(contact)
    if outcome not in Outcome.values:
        raise ApplicationError(_("Unknown outcome."), field="outcome")
    if outcome in LINKED_OUTCOMES and contact.person_id is None:
        raise ApplicationError(
            _("Open a case or link the contact to a case for this outcome."), field="outcome"
        )
    if callback_due_at is not None and callback_due_at < contact.started_at:
        raise ApplicationError(
            _("A call-back cannot be due before the call."), field="callback_due_at"
        )
    with transaction.atomic():
        changed = [
            name
            for name, value in (("outcome", outcome), ("callback_due_at", callback_due_at))
            if getattr(contact, name) != value
        ]
        contact.outcome = outcome
        if callback_due_at != contact.callback_due_at:
            contact.callback_due_at = callback_due_at
            contact.callback_done_at = None
        contact.save(update_fields=["outcome", "callback_due_at", "callback_done_at", "updated_at"])
        _event(actor, contact, "contact.updated", fields=changed)
    return contact


def callback_attempt_record(
    *,
    actor: Membership,
    contact: Contact,
    reached: bool,
    note: str = "",
    next_callback_at: datetime | None = None,
) -> CallbackAttempt:
    """A call-back made: reached, the call-back is done; not reached, it may be due again."""
    _require(actor, Permission.RECORD_CONTACT)
    _open(contact)
    now = timezone.now()
    if next_callback_at is not None and next_callback_at <= now:
        raise ApplicationError(_("The next call-back is in the future."), field="next_callback_at")
    if reached and next_callback_at is not None:
        raise ApplicationError(
            _("The caller was reached: no further call-back is due."), field="next_callback_at"
        )
    with transaction.atomic():
        attempt = CallbackAttempt.objects.create(
            contact=contact,
            attempted_at=now,
            reached=reached,
            note=note.strip(),
            made_by=actor.user,
        )
        if reached:
            contact.callback_done_at = now
        elif next_callback_at is not None:
            contact.callback_due_at = next_callback_at
        contact.save(update_fields=["callback_done_at", "callback_due_at", "updated_at"])
        _event(
            actor,
            contact,
            "contact.callback_attempted",
            reached=reached,
            rescheduled=next_callback_at is not None,
        )
    return attempt


def contact_close(*, actor: Membership, contact: Contact) -> Contact:
    """Nothing more to do for this contact: it leaves the queue and the call-backs due."""
    _require(actor, Permission.RECORD_CONTACT)
    _open(contact)
    if contact.outcome == Outcome.PENDING:
        raise ApplicationError(_("Record what came of the contact before closing it."))
    if contact.is_open_emergency:
        raise ApplicationError(_("Close the emergency first."))
    with transaction.atomic():
        contact.closed_at = timezone.now()
        contact.closed_by = actor.user
        contact.save(update_fields=["closed_at", "closed_by", "updated_at"])
        _event(actor, contact, "contact.closed", outcome=contact.outcome)
    return contact
