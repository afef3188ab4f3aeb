"""Hotline contacts: record one in seconds, the emergency path, linking to a person."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership, Organisation
from opennrm.accounts.roles import Role
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.hotline.models import Contact
from opennrm.hotline.vocabularies import CallerType, Channel, EmergencyService, Outcome, Urgency
from opennrm.people.models import Person
from opennrm.people.services import phone_index
from opennrm.people.validation import normalise_phone
from opennrm.screening.models import Indicator
from opennrm.screening.rules import indicator_key

MAX_CONTACT_HOURS = 12


def _require(actor: Membership, permission: Permission) -> None:
    if not actor.can(permission):
        raise PermissionDenied(_("Your role does not allow this."))


def _event(actor: Membership | None, contact: Contact, action: str, **details: object) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="contact",
        object_id=contact.pk,
        subject_organisation_id=contact.organisation_id,
        details=dict(details),
    )


@dataclass(frozen=True)
class ContactDetails:
    channel: str
    caller_type: str
    started_at: datetime
    urgency: str = Urgency.NORMAL
    outcome: str = Outcome.PENDING
    language: str = ""
    region: str = ""
    province: str = ""
    summary: str = ""
    indicators_observed: list[str] = field(default_factory=list)
    caller_phone: str = ""
    callback_due_at: datetime | None = None


def known_indicator_ids() -> set[str]:
    """The ids ("dimension.code") of the indicators of the active guides."""
    return {
        indicator_key(number, code)
        for number, code in Indicator.objects.filter(
            dimension__indicator_set__is_active=True
        ).values_list("dimension__number", "code")
    }


def _clean(details: ContactDetails, now: datetime) -> dict[str, object]:
    if details.channel not in Channel.values:
        raise ApplicationError(_("Unknown channel."), field="channel")
    if details.caller_type not in CallerType.values:
        raise ApplicationError(_("Unknown caller type."), field="caller_type")
    if details.urgency not in Urgency.values:
        raise ApplicationError(_("Unknown urgency."), field="urgency")
    if details.outcome not in Outcome.values:
        raise ApplicationError(_("Unknown outcome."), field="outcome")
    if details.started_at > now or details.started_at < now - timedelta(hours=MAX_CONTACT_HOURS):
        raise ApplicationError(_("The start time is not plausible."), field="started_at")
    region = geo.checked_place(details.region, details.province, fields=("region", "province"))
    if details.language and not geo.is_language(details.language):
        raise ApplicationError(_("Unknown language code."), field="language")
    # Most calls tick no indicator: the guides are read only when some were ticked.
    observed = set(details.indicators_observed)
    unknown = sorted(observed - known_indicator_ids()) if observed else []
    if unknown:
        raise ApplicationError(
            _("Unknown indicator(s): %(ids)s") % {"ids": ", ".join(unknown)},
            field="indicators_observed",
        )
    if details.callback_due_at is not None and details.callback_due_at < details.started_at:
        raise ApplicationError(
            _("A call-back cannot be due before the call."), field="callback_due_at"
        )
    phone = normalise_phone(details.caller_phone) if details.caller_phone.strip() else ""
    return {
        "channel": details.channel,
        "caller_type": details.caller_type,
        "started_at": details.started_at,
        "urgency": details.urgency,
        "outcome": details.outcome,
        "language": details.language,
        "region": region,
        "province": details.province,
        "summary": details.summary.strip(),
        "indicators_observed": sorted(set(details.indicators_observed)),
        "caller_phone_index": phone_index(phone),
        "callback_due_at": details.callback_due_at,
    }


def contact_record(
    *, actor: Membership, details: ContactDetails, now: datetime | None = None
) -> Contact:
    """Record a contact; it ends now (the call timer started when the form opened). `now` is
    only given when importing contacts recorded elsewhere at that time (demo data, imports)."""
    _require(actor, Permission.RECORD_CONTACT)
    now = now or timezone.now()
    values = _clean(details, now)
    with transaction.atomic():
        contact = Contact.objects.create(
            organisation=actor.organisation, operator=actor.user, ended_at=now, **values
        )
        _event(actor, contact, "contact.recorded", urgency=contact.urgency, outcome=contact.outcome)
    return contact


def emergency_refer(*, actor: Membership, contact: Contact, service: str, called: str) -> Contact:
    """The short path: record that the emergency was passed to police or prosecution, whom,
    and when (now). It stays on the coordinators' dashboards until closed."""
    _require(actor, Permission.RECORD_CONTACT)
    if service not in EmergencyService.values:
        raise ApplicationError(_("Say which service was called."), field="service")
    if not called.strip():
        raise ApplicationError(_("Say who was called."), field="called")
    with transaction.atomic():
        contact.urgency = Urgency.EMERGENCY
        contact.emergency_service = service
        contact.emergency_contact = called.strip()
        contact.emergency_called_at = timezone.now()
        if contact.outcome == Outcome.PENDING:
            contact.outcome = Outcome.REFERRED_TO_POLICE
        contact.save(
            update_fields=[
                "urgency",
                "emergency_service",
                "emergency_contact",
                "emergency_called_at",
                "outcome",
                "updated_at",
            ]
        )
        _event(actor, contact, "contact.emergency_referred", service=service)
    return contact


def emergency_close(*, actor: Membership, contact: Contact) -> Contact:
    _require(actor, Permission.RECORD_CONTACT)
    if not contact.is_open_emergency:
        raise ApplicationError(_("There is no open emergency on this contact."))
    with transaction.atomic():
        contact.emergency_closed_at = timezone.now()
        contact.save(update_fields=["emergency_closed_at", "updated_at"])
        _event(actor, contact, "contact.emergency_closed")
    return contact


def contact_link_person(
    *, actor: Membership, contact: Contact, person: Person, outcome: str
) -> Contact:
    """Link a contact to a person the caller obtained through an access selector."""
    _require(actor, Permission.RECORD_CONTACT)
    if outcome not in {Outcome.CASE_OPENED, Outcome.LINKED_TO_CASE}:
        raise ApplicationError(_("Unknown outcome."), field="outcome")
    with transaction.atomic():
        contact.person = person
        contact.outcome = outcome
        contact.save(update_fields=["person", "outcome", "updated_at"])
        _event(actor, contact, "contact.linked", person_id=str(person.pk), outcome=outcome)
    return contact


def public_report_organisation() -> Organisation:
    """Where anonymous web reports land: the organisation named in OPENNRM_PUBLIC_REPORTS_TO
    (short name), else the one whose hotline operator joined first."""
    if settings.OPENNRM_PUBLIC_REPORTS_TO:
        found = Organisation.objects.filter(
            short_name=settings.OPENNRM_PUBLIC_REPORTS_TO, is_active=True
        ).first()
    else:
        membership = (
            Membership.objects.filter(role=Role.HOTLINE_OPERATOR, is_active=True)
            .order_by("created_at")
            .select_related("organisation")
            .first()
        )
        found = membership.organisation if membership else None
    if found is None:
        raise ApplicationError(_("Reports cannot be received at the moment. Please call instead."))
    return found


def public_report_submit(
    *,
    summary: str,
    region: str = "",
    caller_type: str = CallerType.ANONYMOUS,
    language: str = "",
    contact_back: str = "",
) -> Contact:
    """An anonymous report from the public web form. It lands in the hotline queue; the person
    reporting learns nothing about what is known."""
    if not summary.strip():
        raise ApplicationError(_("Describe the situation."), field="summary")
    if caller_type not in CallerType.values:
        raise ApplicationError(_("Unknown caller type."), field="caller_type")
    if region and not geo.is_region(region):
        raise ApplicationError(_("Unknown region code."), field="region")
    organisation = public_report_organisation()
    now = timezone.now()
    text = summary.strip()
    if contact_back.strip():
        text += "\n\n" + _("How to reach the person reporting:") + " " + contact_back.strip()
    with transaction.atomic():
        contact = Contact.objects.create(
            organisation=organisation,
            channel=Channel.WEB_FORM,
            caller_type=caller_type,
            started_at=now,
            language=language,
            region=region,
            summary=text,
            outcome=Outcome.PENDING,
        )
        _event(None, contact, "contact.web_report_received")
    return contact
