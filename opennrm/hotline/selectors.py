from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Avg, Count, F, QuerySet
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from opennrm.accounts.models import Membership
from opennrm.accounts.roles import Role
from opennrm.core.audit import audit_record
from opennrm.core.permissions import Permission
from opennrm.hotline.models import Contact
from opennrm.hotline.vocabularies import Channel, Outcome, Urgency
from opennrm.people.services import phone_indexes
from opennrm.people.validation import parse_phone_or_none


def contacts_visible_to(actor: Membership | None) -> QuerySet[Contact]:
    if actor is None or not actor.can(Permission.VIEW_CONTACTS):
        return Contact.objects.none()
    return Contact.objects.filter(organisation_id=actor.organisation_id)


def access_contact(*, actor: Membership | None, contact_id: Any, purpose: str = "view") -> Contact:
    try:
        pk = uuid.UUID(str(contact_id))
    except ValueError:
        pk = None
    contact = (
        contacts_visible_to(actor).select_related("person", "operator").filter(pk=pk).first()
        if pk
        else None
    )
    if contact is None:
        raise Http404
    audit_record(
        action="contact.accessed",
        actor=actor,
        object_type="contact",
        object_id=contact.pk,
        subject_organisation_id=contact.organisation_id,
        details={"purpose": purpose},
    )
    return contact


def earlier_contacts_from_same_number(*, contact: Contact) -> int:
    """How many earlier contacts of this organisation came from the same number: the number
    itself is never stored, only its keyed hash."""
    if not contact.caller_phone_index:
        return 0
    return Contact.objects.filter(
        organisation_id=contact.organisation_id,
        caller_phone_index=contact.caller_phone_index,
        started_at__lt=contact.started_at,
    ).count()


def contacts_from_number(*, actor: Membership, phone: str) -> int:
    normalised = parse_phone_or_none(phone)
    if not normalised:
        return 0
    return (
        contacts_visible_to(actor).filter(caller_phone_index__in=phone_indexes(normalised)).count()
    )


def open_emergencies(*, actor: Membership | None) -> QuerySet[Contact]:
    """Open emergencies: a coordinator sees every hotline's, others their organisation's. The
    list carries no identifying value (the summary is not shown there)."""
    if actor is None:
        return Contact.objects.none()
    base = Contact.objects.filter(urgency=Urgency.EMERGENCY, emergency_closed_at__isnull=True)
    if actor.role == Role.COORDINATOR and actor.can(Permission.VIEW_CONTACTS):
        return base.select_related("organisation").order_by("started_at")
    return (
        contacts_visible_to(actor)
        .filter(urgency=Urgency.EMERGENCY, emergency_closed_at__isnull=True)
        .order_by("started_at")
    )


@dataclass(frozen=True)
class HotlineDashboard:
    per_day: list[Any]
    outcomes: list[Any]
    average_handling_seconds: float | None
    queue: list[Contact]
    callbacks_due: list[Contact]


def hotline_dashboard(*, actor: Membership, days: int = 14) -> HotlineDashboard:
    contacts = contacts_visible_to(actor)
    since = timezone.now() - timedelta(days=days)
    recent = contacts.filter(started_at__gte=since)
    counted = (
        recent.annotate(day=TruncDate("started_at"))
        .values("day", "channel")
        .annotate(n=Count("id"))
        .order_by("-day", "channel")
    )
    per_day = [{**row, "label": Channel(row["channel"]).label} for row in counted]
    outcomes = [
        {**row, "label": Outcome(row["outcome"]).label}
        for row in recent.values("outcome").annotate(n=Count("id")).order_by("-n")
    ]
    handled = recent.filter(ended_at__isnull=False, operator__isnull=False)
    average = handled.aggregate(avg=Avg(F("ended_at") - F("started_at")))["avg"]
    return HotlineDashboard(
        per_day=per_day,
        outcomes=outcomes,
        average_handling_seconds=average.total_seconds() if average else None,
        queue=list(
            contacts.filter(outcome=Outcome.PENDING, closed_at__isnull=True).order_by("started_at")[
                :50
            ]
        ),
        callbacks_due=list(
            contacts.filter(
                callback_due_at__isnull=False,
                callback_due_at__lte=timezone.now(),
                callback_done_at__isnull=True,
                closed_at__isnull=True,
            )
            .exclude(outcome__in=[Outcome.CASE_OPENED, Outcome.LINKED_TO_CASE])
            .order_by("callback_due_at")[:50]
        ),
    )


@dataclass(frozen=True)
class ContactFilters:
    started_from: date | None = None
    started_to: date | None = None
    channel: str = ""
    caller_type: str = ""
    outcome: str = ""
    urgency: str = ""
    region: str = ""
    sort: str = ""


# Columns the contact list sorts by (the default: newest first).
CONTACT_SORTS = {
    "started": ("started_at", "id"),
    "-started": ("-started_at", "-id"),
    "urgency": ("urgency", "-started_at"),
    "-urgency": ("-urgency", "-started_at"),
}


def contact_rows(actor: Membership | None, filters: ContactFilters) -> QuerySet[Contact]:
    """The organisation's contacts, filtered and sorted; no summary is read."""
    contacts = contacts_visible_to(actor)
    for name in ("channel", "caller_type", "outcome", "urgency", "region"):
        value = getattr(filters, name)
        if value:
            contacts = contacts.filter(**{name: value})
    if filters.started_from:
        contacts = contacts.filter(started_at__date__gte=filters.started_from)
    if filters.started_to:
        contacts = contacts.filter(started_at__date__lte=filters.started_to)
    return contacts.defer("summary").order_by(
        *CONTACT_SORTS.get(filters.sort, CONTACT_SORTS["-started"])
    )
