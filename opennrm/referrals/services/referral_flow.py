"""The recipient's answer and what follows: accept, decline, service, outcome, revoke,
messages and further disclosure, expiry, cancellation when the consent is withdrawn."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from opennrm.accounts.models import Membership
from opennrm.cases.models import ConsentRecord
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.referrals import notices
from opennrm.referrals.models import Referral, ReferralEvent
from opennrm.referrals.services.referral import (
    STALE_REFERRAL_MESSAGE,
    S,
    _audit,
    _event,
    _move,
    _require,
)
from opennrm.referrals.vocabularies import (
    DeclineReason,
    DisclosedField,
    ReferralEventKind,
    ReferralOutcome,
)


def _require_recipient(actor: Membership, referral: Referral) -> None:
    _require(actor, Permission.RESPOND_TO_REFERRAL)
    if referral.recipient_organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Only the recipient can answer this referral."))


def _refuse_if_expired(referral: Referral, now: datetime) -> None:
    if referral.state == S.SENT and now > referral.response_due_at:
        with transaction.atomic():
            _move(referral, S.EXPIRED, actor=None, action="referral.expired", now=now)
        raise ApplicationError(
            _(
                "The time to answer this referral has passed: it has expired. "
                "The sender has been told."
            )
        )


def referral_accept(
    *, actor: Membership, referral: Referral, note: str = "", now: datetime | None = None
) -> Referral:
    _require_recipient(actor, referral)
    now = now or timezone.now()
    _refuse_if_expired(referral, now)
    outcome_due = referral.outcome_due_on or (
        timezone.localtime(now).date() + timedelta(days=settings.OPENNRM_REFERRAL_OUTCOME_DAYS)
    )
    with transaction.atomic():
        return _move(
            referral,
            S.ACCEPTED,
            actor=actor,
            action="referral.accepted",
            text=note.strip(),
            now=now,
            responded_at=now,
            outcome_due_on=outcome_due,
        )


def referral_decline(
    *,
    actor: Membership,
    referral: Referral,
    reason: str,
    code: str = DeclineReason.OTHER,
    now: datetime | None = None,
) -> Referral:
    _require_recipient(actor, referral)
    if not reason.strip():
        raise ApplicationError(
            _("Say why you decline: the sender needs it to refer elsewhere."), field="reason"
        )
    if code not in DeclineReason.values:
        raise ApplicationError(_("Choose why you decline."), field="code")
    now = now or timezone.now()
    _refuse_if_expired(referral, now)
    with transaction.atomic():
        return _move(
            referral,
            S.DECLINED,
            actor=actor,
            action="referral.declined",
            text=reason.strip(),
            now=now,
            responded_at=now,
            decline_reason=reason.strip(),
            decline_code=code,
        )


def _require_delivering_side(actor: Membership, referral: Referral) -> None:
    """The recipient records service and outcome; for a recipient without an account, the
    sender records them on its behalf."""
    if referral.is_external:
        _require(actor, Permission.SEND_REFERRAL)
        if referral.sender_organisation_id != actor.organisation_id:
            raise PermissionDenied(_("Your role does not allow this."))
    else:
        _require_recipient(actor, referral)


def referral_start_service(*, actor: Membership, referral: Referral, started_on: date) -> Referral:
    _require_delivering_side(actor, referral)
    if started_on > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field="started_on")
    if referral.responded_at and started_on < timezone.localtime(referral.responded_at).date():
        raise ApplicationError(
            _("The service cannot start before the referral was accepted."), field="started_on"
        )
    with transaction.atomic():
        return _move(
            referral,
            S.IN_SERVICE,
            actor=actor,
            action="referral.service_started",
            service_started_on=started_on,
        )


def referral_complete(
    *, actor: Membership, referral: Referral, outcome: str, note: str, completed_on: date
) -> Referral:
    _require_delivering_side(actor, referral)
    if outcome not in ReferralOutcome.values:
        raise ApplicationError(_("Choose the outcome."), field="outcome")
    if outcome != ReferralOutcome.DELIVERED and not note.strip():
        raise ApplicationError(_("Say what was not delivered, and why."), field="note")
    if completed_on > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field="completed_on")
    started = referral.service_started_on
    if started and completed_on < started:
        raise ApplicationError(_("The service cannot end before it started."), field="completed_on")
    with transaction.atomic():
        return _move(
            referral,
            S.COMPLETED,
            actor=actor,
            action="referral.completed",
            text=note.strip(),
            completed_on=completed_on,
            outcome=outcome,
            outcome_note=note.strip(),
        )


def referral_revoke(*, actor: Membership, referral: Referral, reason: str) -> Referral:
    """The sender, or a supervisor of the sending organisation, withdraws the referral."""
    if referral.sender_organisation_id != actor.organisation_id or not (
        (actor.user_id == referral.sent_by_id and actor.can(Permission.SEND_REFERRAL))
        or actor.can(Permission.SUPERVISE_REFERRALS)
    ):
        raise PermissionDenied(
            _("Only the person who sent the referral, or a supervisor, can revoke it.")
        )
    if not reason.strip():
        raise ApplicationError(_("Say why the referral is revoked."), field="reason")
    with transaction.atomic():
        return _move(
            referral,
            S.REVOKED,
            actor=actor,
            action="referral.revoked",
            text=reason.strip(),
            closing_reason=reason.strip(),
        )


def referral_message(*, actor: Membership, referral: Referral, text: str) -> ReferralEvent:
    """A message from one side to the other, kept in the referral's history."""
    if actor.organisation_id == referral.sender_organisation_id:
        _require(actor, Permission.SEND_REFERRAL)
    else:
        _require_recipient(actor, referral)
    if not referral.is_open:
        raise ApplicationError(_("This referral is closed."))
    if not text.strip():
        raise ApplicationError(_("Write the message."), field="text")
    with transaction.atomic():
        event = _event(referral, kind=ReferralEventKind.MESSAGE, actor=actor, text=text.strip())
        _audit(referral, "referral.message_added", actor)
        notices.referral_message(referral, actor=actor)
    return event


def referral_disclose_more(
    *, actor: Membership, referral: Referral, fields: list[str], note: str = ""
) -> Referral:
    """The sender shows the recipient more than the profile did (never less: what was seen
    cannot be unseen)."""
    _require(actor, Permission.SEND_REFERRAL)
    if referral.sender_organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Your role does not allow this."))
    if not referral.is_open:
        raise ApplicationError(_("This referral is closed."))
    if set(fields) - set(DisclosedField.values):
        raise ApplicationError(_("Unknown value."), field="fields")
    added = [f for f in DisclosedField.values if f in set(fields) - set(referral.disclosed_fields)]
    if not added:
        raise ApplicationError(
            _("Choose something the recipient does not see yet."), field="fields"
        )
    with transaction.atomic():
        disclosed = [
            f for f in DisclosedField.values if f in set(referral.disclosed_fields) | set(added)
        ]
        updated = Referral.objects.filter(pk=referral.pk, version=referral.version).update(
            disclosed_fields=disclosed, version=F("version") + 1, updated_at=timezone.now()
        )
        if not updated:
            raise ApplicationError(str(STALE_REFERRAL_MESSAGE))
        referral.refresh_from_db()
        _event(
            referral,
            kind=ReferralEventKind.DISCLOSURE,
            actor=actor,
            text=note.strip(),
            added_fields=added,
        )
        _audit(referral, "referral.disclosure_extended", actor, added_fields=added)
        notices.referral_message(referral, actor=actor)
    return referral


def referrals_expire_overdue(*, now: datetime | None = None) -> int:
    """Expire every referral still unanswered after its deadline (run every few minutes)."""
    now = now or timezone.now()
    expired = 0
    overdue = Referral.objects.filter(state=S.SENT, response_due_at__lt=now).select_related(
        "case", "recipient_organisation"
    )
    for referral in overdue:
        try:
            with transaction.atomic():
                _move(referral, S.EXPIRED, actor=None, action="referral.expired", now=now)
        except ApplicationError:
            continue  # answered meanwhile
        expired += 1
    return expired


def referrals_cancel_for_withdrawn_consent(actor: Membership, consent: ConsentRecord) -> None:
    """Withdrawing a consent cancels the open referrals that relied on it and tells the
    recipients. Runs inside the withdrawal's transaction."""
    # Stored as its English text, translated for each reader when shown (`in_reader_language`).
    reason = gettext_noop("The person withdrew the consent this referral relied on.")
    for referral in Referral.objects.filter(
        consent=consent, state__in=[S.SENT, S.ACCEPTED, S.IN_SERVICE]
    ).select_related("case"):
        _move(
            referral,
            S.CANCELLED,
            actor=actor,
            action="referral.cancelled",
            text=reason,
            closing_reason=reason,
        )
