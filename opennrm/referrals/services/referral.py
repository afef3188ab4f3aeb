"""Referrals: sending with consent and a disclosure profile, the recipient's answer, service and
outcome, revocation, expiry and cancellation when the consent is withdrawn.

Every change is one transaction that checks the allowed transition, claims the row (so two
people answering at once cannot both win), writes the referral's history and the audit event,
and notifies the other side after commit."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opennrm.accounts.models import Membership, Organisation
from opennrm.cases.models import Case, ConsentRecord, SupportAction
from opennrm.cases.services import support_action_follow_referral
from opennrm.cases.vocabularies import (
    ConsentGivenBy,
    ConsentPurpose,
    SupportActionStatus,
    SupportDelivery,
)
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.calendar import working_deadline
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.core.references import new_reference
from opennrm.core.workflow import Workflow
from opennrm.people.validation import age_in_years
from opennrm.referrals import notices
from opennrm.referrals.models import DisclosureProfile, Referral, ReferralEvent, Service
from opennrm.referrals.vocabularies import (
    OPEN_STATES,
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
REFERRAL_WORKFLOW = Workflow(
    model=Referral,
    states=ReferralState,
    moves=ALLOWED_TRANSITIONS,
    refused=gettext_lazy("A referral that is “%(state)s” cannot become “%(to)s”."),
    stale=STALE_REFERRAL_MESSAGE,
    version_field="version",
    changed_at_field="state_changed_at",
)


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
    support_action: SupportAction | None = None


def _require(actor: Membership, permission: Permission) -> None:
    if not actor.can(permission):
        raise PermissionDenied(_("Your role does not allow this."))


def is_child(case: Case, on: date | None = None) -> bool:
    """A person whose known age is below the age of majority. An unknown age does not make a
    child here: the case worker records the guardian's consent when in doubt."""
    age = age_in_years(case.person.birth_date, on)
    return age is not None and age < settings.OPENNRM_AGE_OF_MAJORITY


def same_recipient_name(first: str, second: str) -> bool:
    """Two names of a recipient without an account are one recipient when they are written
    alike once case, accents' encoding and spacing are set aside ("Clinique Ibn Sina,
    Tetouan" is not "Association Espoir, Dakar")."""

    def plain(name: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", name).casefold().split())

    return bool(plain(first)) and plain(first) == plain(second)


def consent_covers(
    consent: ConsentRecord,
    *,
    case: Case,
    recipient: Organisation | None,
    recipient_name: str = "",
    on: date | None = None,
    purposes: frozenset[str] = frozenset({ConsentPurpose.REFERRAL}),
) -> bool:
    """A consent in force, for a referral, of this case, naming this recipient (an organisation,
    or for a recipient without an account the same name the referral gives it), given by the
    guardian or the competent authority if the person is a child."""
    if consent.case_id != case.pk or not consent.is_in_force:
        return False
    if consent.purpose not in purposes:
        return False
    if recipient is not None and consent.recipient_organisation_id != recipient.pk:
        return False
    if recipient is None and (
        consent.recipient_organisation_id is not None
        or not same_recipient_name(consent.recipient_description, recipient_name)
    ):
        return False
    return not (is_child(case, on) and consent.given_by not in CHILD_CONSENT_GIVERS)


def covering_consent(
    case: Case,
    recipient: Organisation | None,
    purposes: frozenset[str] = frozenset({ConsentPurpose.REFERRAL}),
    *,
    recipient_name: str = "",
) -> ConsentRecord | None:
    """The most recent consent that covers sharing the case with this recipient."""
    for consent in case.consents.filter(purpose__in=purposes).order_by("-given_at"):
        if consent_covers(
            consent,
            case=case,
            recipient=recipient,
            recipient_name=recipient_name,
            purposes=purposes,
        ):
            return consent
    return None


def response_deadline(sent_at: datetime, *, urgent: bool) -> datetime:
    """Urgent: hours, whatever the day. Otherwise whole working days: sent on a weekend or a
    holiday, the answer is due at the end of the second working day after it."""
    if urgent:
        return sent_at + timedelta(hours=settings.OPENNRM_REFERRAL_URGENT_RESPONSE_HOURS)
    return working_deadline(sent_at, settings.OPENNRM_REFERRAL_RESPONSE_WORKING_DAYS)


def referral_deadlines_recompute() -> int:
    """After the calendar changed: the answer deadline of every referral still awaiting one,
    on the calendar as it is now. Returns how many moved."""
    moved = 0
    for referral in Referral.objects.select_for_update().filter(state=S.SENT, urgent=False):
        due = response_deadline(referral.sent_at, urgent=False)
        if due != referral.response_due_at:
            referral.response_due_at = due
            referral.save(update_fields=["response_due_at", "updated_at"])
            moved += 1
    return moved


def _validate_recipient(actor: Membership, request: ReferralRequest) -> None:
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


def _validate_request(actor: Membership, case: Case, request: ReferralRequest) -> list[str]:
    if case.owner_organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Only the organisation that owns the case can refer it."))
    _validate_recipient(actor, request)
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
    action = request.support_action
    if action is not None and (
        action.plan.case_id != case.pk
        or action.delivery != SupportDelivery.REFERRAL
        or action.is_done
        or action.referrals.filter(state__in=list(OPEN_STATES)).exists()
    ):
        raise ApplicationError(
            _("This action of the support plan cannot be delivered by a new referral."),
            field="support_action",
        )
    disclosed = set(request.disclosure_profile.fields) | set(request.extra_fields)
    return [f for f in DisclosedField.values if f in disclosed]


def _resolve_consent(
    actor: Membership, case: Case, request: ReferralRequest
) -> tuple[ConsentRecord | None, str]:
    recipient = request.recipient_organisation
    name = "" if recipient is not None else request.external_recipient_name
    consent = request.consent
    if consent is not None and not consent_covers(
        consent, case=case, recipient=recipient, recipient_name=name
    ):
        raise ApplicationError(
            _(
                "This consent does not cover the referral: it must be in force, for a referral, "
                "name this recipient and, for a child, be given by the guardian or the "
                "competent authority."
            ),
            field="consent",
        )
    if consent is None:
        consent = covering_consent(case, recipient, recipient_name=name)
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
            support_action=request.support_action,
        )
        _event(referral, kind=ReferralEventKind.STATE, actor=actor, state=S.SENT, at=now)
        referral_sync_support_action(referral)
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
            # The reason stays encrypted on the referral: the append-only log holds no values.
            _audit(referral, "referral.consent_overridden", actor)
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
    now = now or timezone.now()

    def after(moved: Referral, from_state: str) -> None:
        _event(moved, kind=ReferralEventKind.STATE, actor=actor, state=to_state, text=text, at=now)
        _audit(moved, action, actor, from_state=from_state, to_state=to_state)
        referral_sync_support_action(moved)
        notices.referral_changed(moved, actor=actor)

    return REFERRAL_WORKFLOW.step(referral, to_state, changes=changes, after=after, now=now)


# Where a support plan action stands while a referral delivers it.
_ACTION_STATUS = {
    S.SENT: SupportActionStatus.REFERRED,
    S.ACCEPTED: SupportActionStatus.IN_PROGRESS,
    S.IN_SERVICE: SupportActionStatus.IN_PROGRESS,
    S.DECLINED: SupportActionStatus.PLANNED,
    S.EXPIRED: SupportActionStatus.PLANNED,
    S.REVOKED: SupportActionStatus.PLANNED,
    S.CANCELLED: SupportActionStatus.PLANNED,
}
_OUTCOME_STATUS = {
    ReferralOutcome.DELIVERED: SupportActionStatus.DELIVERED,
    ReferralOutcome.PARTIALLY_DELIVERED: SupportActionStatus.PARTIALLY_DELIVERED,
    ReferralOutcome.NOT_DELIVERED: SupportActionStatus.NOT_DELIVERED,
}


def referral_sync_support_action(referral: Referral) -> None:
    """Keep the support plan action this referral delivers in step with it."""
    if referral.support_action is None:
        return
    if referral.state == S.COMPLETED:
        support_action_follow_referral(
            action=referral.support_action,
            status=_OUTCOME_STATUS[ReferralOutcome(referral.outcome)],
            on=referral.completed_on,
            note=referral.outcome_note,
        )
    else:
        support_action_follow_referral(
            action=referral.support_action,
            status=_ACTION_STATUS[ReferralState(referral.state)],
            on=referral.service_started_on,
        )
