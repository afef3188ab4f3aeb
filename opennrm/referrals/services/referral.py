"""Referrals: sending with consent and a disclosure profile, the recipient's answer, service and
outcome, revocation, expiry and cancellation when the consent is withdrawn.

Every change is one transaction that checks the allowed transition, claims the row (so two
people answering at once cannot both win), writes the referral's history and the audit event,
and notifies the other side after commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opennrm.accounts.models import Membership, Organisation
from opennrm.cases.models import Case, ConsentRecord
from opennrm.cases.vocabularies import ConsentGivenBy, ConsentPurpose
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.calendar import add_working_days
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.core.references import new_reference
from opennrm.people.validation import age_in_years
from opennrm.referrals import notices
from opennrm.referrals.models import DisclosureProfile, Referral, ReferralEvent, Service
from opennrm.referrals.vocabularies import (
    DisclosedField,
    ReferralEventKind,
    ReferralOutcome,
    ReferralState,
    ServiceType,
)

S = ReferralState
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.SENT: frozenset({S.ACCEPTED, S.DECLINED, S.EXPIRED, S.REVOKED, S.CANCELLED}),
    # Accepted -> completed directly covers "the person never came": outcome not delivered.
    S.ACCEPTED: frozenset({S.IN_SERVICE, S.COMPLETED, S.REVOKED, S.CANCELLED}),
    S.IN_SERVICE: frozenset({S.COMPLETED, S.REVOKED, S.CANCELLED}),
}
STALE_REFERRAL_MESSAGE = gettext_lazy(
    "This referral was changed by someone else meanwhile. Reload the page."
)
CHILD_CONSENT_GIVERS = frozenset({ConsentGivenBy.GUARDIAN, ConsentGivenBy.COMPETENT_AUTHORITY})


@dataclass(frozen=True)
class ReferralRequest:
    """What the sender fills in. Exactly one of recipient_organisation and
    external_recipient_name names the recipient."""

    service_types: list[str]
    reason: str
    disclosure_profile: DisclosureProfile
    recipient_organisation: Organisation | None = None
    service: Service | None = None
    external_recipient_name: str = ""
    external_recipient_email: str = ""
    external_recipient_country: str = ""
    urgent: bool = False
    medical_needs: str = ""
    extra_fields: list[str] = field(default_factory=list)
    consent: ConsentRecord | None = None
    consent_override_reason: str = ""
    outcome_due_on: date | None = None


def _require(actor: Membership, permission: Permission) -> None:
    if not actor.can(permission):
        raise PermissionDenied(_("Your role does not allow this."))


def is_child(case: Case, on: date | None = None) -> bool:
    """A person whose known age is below the age of majority. An unknown age does not make a
    child here: the case worker records the guardian's consent when in doubt."""
    age = age_in_years(case.person.birth_date, on)
    return age is not None and age < settings.OPENNRM_AGE_OF_MAJORITY


def consent_covers(
    consent: ConsentRecord,
    *,
    case: Case,
    recipient: Organisation | None,
    on: date | None = None,
    purposes: frozenset[str] = frozenset({ConsentPurpose.REFERRAL}),
) -> bool:
    """A consent in force, for a referral, of this case, naming this recipient (an organisation,
    or for a recipient without an account a described one), given by the guardian or the
    competent authority if the person is a child."""
    if consent.case_id != case.pk or not consent.is_in_force:
        return False
    if consent.purpose not in purposes:
        return False
    if recipient is not None and consent.recipient_organisation_id != recipient.pk:
        return False
    if recipient is None and (
        consent.recipient_organisation_id is not None or not consent.recipient_description
    ):
        return False
    return not (is_child(case, on) and consent.given_by not in CHILD_CONSENT_GIVERS)


def covering_consent(
    case: Case,
    recipient: Organisation | None,
    purposes: frozenset[str] = frozenset({ConsentPurpose.REFERRAL}),
) -> ConsentRecord | None:
    """The most recent consent that covers sharing the case with this recipient."""
    for consent in case.consents.filter(purpose__in=purposes).order_by("-given_at"):
        if consent_covers(consent, case=case, recipient=recipient, purposes=purposes):
            return consent
    return None


def response_deadline(sent_at: datetime, *, urgent: bool) -> datetime:
    if urgent:
        return sent_at + timedelta(hours=settings.OPENNRM_REFERRAL_URGENT_RESPONSE_HOURS)
    local = timezone.localtime(sent_at)
    due_day = add_working_days(local.date(), settings.OPENNRM_REFERRAL_RESPONSE_WORKING_DAYS)
    return local.replace(year=due_day.year, month=due_day.month, day=due_day.day)


def _validate_request(actor: Membership, case: Case, request: ReferralRequest) -> list[str]:
    if case.owner_organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Only the organisation that owns the case can refer it."))
    recipient = request.recipient_organisation
    external = request.external_recipient_name.strip()
    if (recipient is None) == (not external):
        raise ApplicationError(
            _("Choose a recipient organisation, or name a recipient without an account."),
            field="recipient_organisation",
        )
    if recipient is not None:
        if not recipient.is_active:
            raise ApplicationError(
                _("This organisation is no longer active."), field="recipient_organisation"
            )
        if recipient.pk == actor.organisation_id:
            raise ApplicationError(
                _("A referral goes to another organisation."), field="recipient_organisation"
            )
    if request.service is not None and (
        recipient is None
        or request.service.organisation_id != recipient.pk
        or not request.service.is_active
    ):
        raise ApplicationError(
            _("This service is not offered by the chosen organisation."), field="service"
        )
    if request.external_recipient_country and not geo.is_country(
        request.external_recipient_country
    ):
        raise ApplicationError(_("Unknown country code."), field="external_recipient_country")
    if not request.service_types or set(request.service_types) - set(ServiceType.values):
        raise ApplicationError(_("Choose the services requested."), field="service_types")
    if not request.reason.strip():
        raise ApplicationError(
            _("Say why the person is referred: the recipient reads it first."), field="reason"
        )
    if not request.disclosure_profile.is_active:
        raise ApplicationError(_("This disclosure profile is not in use."), field="profile")
    if set(request.extra_fields) - set(DisclosedField.values):
        raise ApplicationError(_("Unknown value."), field="extra_fields")
    if request.outcome_due_on is not None and request.outcome_due_on < timezone.localdate():
        raise ApplicationError(_("This date is in the past."), field="outcome_due_on")
    disclosed = set(request.disclosure_profile.fields) | set(request.extra_fields)
    return [f for f in DisclosedField.values if f in disclosed]


def _resolve_consent(
    actor: Membership, case: Case, request: ReferralRequest
) -> tuple[ConsentRecord | None, str]:
    recipient = request.recipient_organisation
    consent = request.consent
    if consent is not None and not consent_covers(consent, case=case, recipient=recipient):
        raise ApplicationError(
            _(
                "This consent does not cover the referral: it must be in force, for a referral, "
                "name this recipient and, for a child, be given by the guardian or the "
                "competent authority."
            ),
            field="consent",
        )
    if consent is None and recipient is not None:
        consent = covering_consent(case, recipient)
    if consent is not None:
        return consent, ""
    override = request.consent_override_reason.strip()
    if not override:
        raise ApplicationError(
            _(
                "No recorded consent covers this referral. Record the consent first"
                "%(child)s, or, if your role allows it, give the reason to proceed without."
            )
            % {"child": _(" (the guardian's, for a child)") if is_child(case) else ""},
            field="consent",
        )
    _require(actor, Permission.OVERRIDE_REFERRAL_CONSENT)
    return None, override


def _event(
    referral: Referral,
    *,
    kind: str,
    actor: Membership | None,
    state: str = "",
    text: str = "",
    added_fields: list[str] | None = None,
    at: datetime | None = None,
) -> ReferralEvent:
    return ReferralEvent.objects.create(
        referral=referral,
        kind=kind,
        organisation=actor.organisation if actor else None,
        user=actor.user if actor else None,
        state=state,
        text=text,
        added_fields=added_fields or [],
        occurred_at=at or timezone.now(),
    )


def _audit(referral: Referral, action: str, actor: Membership | None, **details: object) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="referral",
        object_id=referral.pk,
        subject_organisation_id=referral.case.owner_organisation_id,
        details={"case_id": str(referral.case_id), **details},
    )


def referral_send(*, actor: Membership, case: Case, request: ReferralRequest) -> Referral:
    _require(actor, Permission.SEND_REFERRAL)
    disclosed = _validate_request(actor, case, request)
    consent, override = _resolve_consent(actor, case, request)
    now = timezone.now()
    with transaction.atomic():
        referral = Referral.objects.create(
            reference_code=new_reference("R"),
            case=case,
            sender_organisation=actor.organisation,
            sent_by=actor.user,
            recipient_organisation=request.recipient_organisation,
            service=request.service,
            external_recipient_name=request.external_recipient_name.strip(),
            external_recipient_email=request.external_recipient_email.strip(),
            external_recipient_country=request.external_recipient_country,
            service_types=sorted(set(request.service_types)),
            urgent=request.urgent,
            reason=request.reason.strip(),
            medical_needs=request.medical_needs.strip(),
            disclosure_profile=request.disclosure_profile,
            disclosed_fields=disclosed,
            consent=consent,
            consent_override_reason=override,
            state=ReferralState.SENT,
            state_changed_at=now,
            sent_at=now,
            response_due_at=response_deadline(now, urgent=request.urgent),
            outcome_due_on=request.outcome_due_on,
        )
        _event(referral, kind=ReferralEventKind.STATE, actor=actor, state=S.SENT, at=now)
        _audit(
            referral,
            "referral.sent",
            actor,
            recipient_organisation_id=str(request.recipient_organisation.pk)
            if request.recipient_organisation
            else "",
            external=bool(referral.external_recipient_name),
            profile=request.disclosure_profile.key,
            disclosed_fields=disclosed,
            urgent=request.urgent,
            consent_id=str(consent.pk) if consent else "",
        )
        if override:
            _audit(referral, "referral.consent_overridden", actor, reason=override)
        notices.referral_changed(referral, actor=actor)
    return referral


def _move(
    referral: Referral,
    to_state: str,
    *,
    actor: Membership | None,
    action: str,
    text: str = "",
    now: datetime | None = None,
    **changes: object,
) -> Referral:
    """Apply an allowed transition atomically: the UPDATE only matches if nobody moved the
    referral since it was read."""
    if to_state not in ALLOWED_TRANSITIONS.get(referral.state, frozenset()):
        raise ApplicationError(
            _("A referral that is “%(state)s” cannot become “%(to)s”.")
            % {"state": referral.get_state_display(), "to": ReferralState(to_state).label}
        )
    now = now or timezone.now()
    updated = Referral.objects.filter(
        pk=referral.pk, state=referral.state, version=referral.version
    ).update(
        state=to_state,
        state_changed_at=now,
        version=F("version") + 1,
        updated_at=now,
        **changes,
    )
    if not updated:
        raise ApplicationError(str(STALE_REFERRAL_MESSAGE))
    from_state = referral.state
    referral.refresh_from_db()
    _event(referral, kind=ReferralEventKind.STATE, actor=actor, state=to_state, text=text, at=now)
    _audit(referral, action, actor, from_state=from_state, to_state=to_state)
    notices.referral_changed(referral, actor=actor)
    return referral


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
    *, actor: Membership, referral: Referral, reason: str, now: datetime | None = None
) -> Referral:
    _require_recipient(actor, referral)
    if not reason.strip():
        raise ApplicationError(
            _("Say why you decline: the sender needs it to refer elsewhere."), field="reason"
        )
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
    reason = _("The person withdrew the consent this referral relied on.")
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
