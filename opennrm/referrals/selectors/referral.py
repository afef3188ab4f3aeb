from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case, SupportAction
from opennrm.cases.selectors import CaseFilters, filter_cases
from opennrm.cases.vocabularies import SupportActionStatus, SupportDelivery
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.ids import as_uuid
from opennrm.core.panels import EVERYTHING, Panel
from opennrm.core.permissions import Permission
from opennrm.people.validation import age_in_years
from opennrm.people.vocabularies import Gender
from opennrm.referrals.models import Referral, ReferralEvent
from opennrm.referrals.vocabularies import DisclosedField, ReferralEventKind, ReferralState

# --- Referrals ------------------------------------------------------------------------------

SENDER = "sender"
RECIPIENT = "recipient"


def referrals_visible_to(actor: Membership | None) -> QuerySet[Referral]:
    """The one starting point of every referral query: those the actor's organisation sent
    (for roles that see cases) and those it received (for roles that answer referrals)."""
    if actor is None:
        return Referral.objects.none()
    condition = Q(pk__in=[])
    if actor.can(Permission.VIEW_CASES):
        condition |= Q(sender_organisation_id=actor.organisation_id)
    if actor.can(Permission.RESPOND_TO_REFERRAL):
        condition |= Q(recipient_organisation_id=actor.organisation_id)
    return Referral.objects.filter(condition)


def access_referral(
    *, actor: Membership | None, referral_id: Any, purpose: str = "view"
) -> Referral:
    """A referral of the actor's organisation, sent or received, or 404; audited either way."""
    pk = as_uuid(referral_id)
    referral = (
        referrals_visible_to(actor)
        .select_related(
            "case__person",
            "case__owner_organisation",
            "case__case_owner",
            "sender_organisation",
            "sent_by",
            "recipient_organisation",
            "service",
            "disclosure_profile",
            "consent",
        )
        .filter(pk=pk)
        .first()
        if pk is not None
        else None
    )
    if actor is not None:
        audit_record(
            action="referral.accessed" if referral else "referral.access_refused",
            actor=actor,
            object_type="referral",
            object_id=referral_id if pk is not None else "",
            subject_organisation_id=referral.case.owner_organisation_id if referral else None,
            details={"purpose": purpose},
        )
    if referral is None:
        raise Http404
    return referral


def side_of(actor: Membership, referral: Referral) -> str:
    return SENDER if referral.sender_organisation_id == actor.organisation_id else RECIPIENT


@dataclass(frozen=True)
class DisclosedItem:
    key: str
    label: str
    values: list[str]


def _documents(referral: Referral) -> list[str]:
    return [
        " · ".join(
            v
            for v in (
                doc.get_document_type_display(),
                doc.number,
                geo.country_name(doc.issuing_country) if doc.issuing_country else "",
                "" if doc.held_by_person else str(_("withheld from the person")),
            )
            if v
        )
        for doc in referral.case.person.documents.all()
    ]


def _present(*values: str) -> list[str]:
    return [v for v in values if v]


def _age(referral: Referral) -> list[str]:
    age = age_in_years(referral.case.person.birth_date)
    return [str(age)] if age is not None else []


F = DisclosedField
# How each disclosable field reads from the referral, its case and person.
_DISCLOSERS: dict[str, Callable[[Referral], list[str]]] = {
    F.GIVEN_NAME: lambda r: _present(
        r.case.person.given_name_latin, r.case.person.given_name_arabic
    ),
    F.FAMILY_NAME: lambda r: _present(
        r.case.person.family_name_latin, r.case.person.family_name_arabic
    ),
    F.AGE: _age,
    F.BIRTH_DATE: lambda r: _present(r.case.person.birth_date),
    F.SEX: lambda r: [str(dict(Gender.choices).get(r.case.person.gender, ""))],
    F.CITIZENSHIP: lambda r: [geo.country_name(c) for c in r.case.person.citizenships],
    F.LANGUAGES: lambda r: [geo.language_name(c) for c in r.case.person.languages],
    F.PHONE: lambda r: _present(r.case.person.phone),
    F.MEDICAL_NEEDS: lambda r: _present(r.medical_needs),
    F.IDENTITY_DOCUMENTS: _documents,
    F.TRAFFICKING_STATUS: lambda r: [r.case.get_trafficking_status_display()],
    F.EXPLOITATION_TYPES: lambda r: [str(e) for e in r.case.exploitations.all()],
    F.NARRATIVE: lambda r: _present(r.case.narrative),
}


def disclosed_record(referral: Referral) -> list[DisclosedItem]:
    """What the recipient sees of the person and the case: the fields the referral discloses,
    and nothing at all once the referral is no longer open."""
    if not referral.is_open:
        return []
    labels = dict(DisclosedField.choices)
    return [
        DisclosedItem(key=key, label=str(labels[key]), values=_DISCLOSERS[key](referral) or ["—"])
        for key in DisclosedField.values
        if key in referral.disclosed_fields
    ]


def referral_events(referral: Referral, *, for_recipient: bool = False) -> list[ReferralEvent]:
    """The referral's history. Once it is no longer open (declined, expired, revoked,
    cancelled, completed) the recipient sees only its state changes, without any text:
    messages and notes may hold the person's data ("her phone: ...")."""
    events = referral.events.select_related("organisation", "user").order_by(
        "occurred_at", "created_at"
    )
    if not (for_recipient and not referral.is_open):
        return list(events)
    kept = list(events.filter(kind=ReferralEventKind.STATE))
    for event in kept:
        event.text = ""
    return kept


def referrals_of_case(case: Case) -> QuerySet[Referral]:
    """A case's referrals, for the owner's case page (the case was obtained by access_case)."""
    return case.referrals.select_related("recipient_organisation", "service").order_by("-sent_at")


def incoming_referrals(actor: Membership, *, state: str = "") -> QuerySet[Referral]:
    if not actor.can(Permission.RESPOND_TO_REFERRAL):
        return Referral.objects.none()
    received = referrals_visible_to(actor).filter(recipient_organisation_id=actor.organisation_id)
    if state:
        received = received.filter(state=state)
    return received.select_related("sender_organisation", "service").order_by("-sent_at")


def outgoing_referrals(actor: Membership, *, state: str = "") -> QuerySet[Referral]:
    sent = referrals_visible_to(actor).filter(sender_organisation_id=actor.organisation_id)
    if state:
        sent = sent.filter(state=state)
    return sent.select_related("recipient_organisation", "service", "case").order_by("-sent_at")


@dataclass(frozen=True)
class ReferralFilters:
    direction: str = "outgoing"  # or "incoming"
    state: str = ""
    service_type: str = ""
    sent_from: date | None = None
    sent_to: date | None = None
    sort: str = ""
    # The victim's case (sent referrals only: a recipient filters on nothing it was not shown).
    cases: CaseFilters | None = None


# Columns the referral list sorts by, each with a tie-breaker (the default: newest first).
REFERRAL_SORTS = {
    "sent": ("sent_at", "id"),
    "-sent": ("-sent_at", "-id"),
    "due": ("response_due_at", "id"),
    "-due": ("-response_due_at", "-id"),
    "state": ("state", "-sent_at"),
    "-state": ("-state", "-sent_at"),
}


def referral_rows(actor: Membership, filters: ReferralFilters) -> QuerySet[Referral]:
    """The referrals the organisation received or sent, filtered and sorted."""
    found = (
        incoming_referrals(actor, state=filters.state)
        if filters.direction == "incoming"
        else outgoing_referrals(actor, state=filters.state)
    )
    if filters.service_type:
        # A JSON list: its text holds the value between quotes.
        found = found.filter(service_types__icontains=f'"{filters.service_type}"')
    if filters.sent_from:
        found = found.filter(sent_at__date__gte=filters.sent_from)
    if filters.sent_to:
        found = found.filter(sent_at__date__lte=filters.sent_to)
    if filters.cases is not None and filters.direction != "incoming":
        found = found.filter(case__in=filter_cases(Case.objects.all(), filters.cases))
    return found.order_by(*REFERRAL_SORTS.get(filters.sort, REFERRAL_SORTS["-sent"]))


@dataclass(frozen=True)
class ReferralWork:
    """What needs someone's attention, on both sides."""

    to_answer: list[Referral]
    incoming_outcome_overdue: list[Referral]
    awaiting_answer_overdue: list[Referral]
    expired_recently: list[Referral]
    outgoing_outcome_overdue: list[Referral]

    @property
    def any(self) -> bool:
        return bool(
            self.to_answer
            or self.incoming_outcome_overdue
            or self.awaiting_answer_overdue
            or self.expired_recently
            or self.outgoing_outcome_overdue
        )


LIMIT = 50


def referral_work(actor: Membership, *, now: datetime | None = None) -> ReferralWork:
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    incoming = incoming_referrals(actor)
    outgoing = outgoing_referrals(actor)
    in_service = [ReferralState.ACCEPTED, ReferralState.IN_SERVICE]
    expired_since = now - timedelta(days=settings.OPENNRM_REFERRAL_EXPIRED_SHOWN_DAYS)
    return ReferralWork(
        to_answer=list(
            incoming.filter(state=ReferralState.SENT, response_due_at__gte=now).order_by(
                "response_due_at"
            )[:LIMIT]
        ),
        incoming_outcome_overdue=list(
            incoming.filter(state__in=in_service, outcome_due_on__lt=today).order_by(
                "outcome_due_on"
            )[:LIMIT]
        ),
        awaiting_answer_overdue=list(
            outgoing.filter(state=ReferralState.SENT, response_due_at__lt=now).order_by(
                "response_due_at"
            )[:LIMIT]
        ),
        expired_recently=list(
            outgoing.filter(
                state=ReferralState.EXPIRED, state_changed_at__gte=expired_since
            ).order_by("-state_changed_at")[:LIMIT]
        ),
        outgoing_outcome_overdue=list(
            outgoing.filter(state__in=in_service, outcome_due_on__lt=today).order_by(
                "outcome_due_on"
            )[:LIMIT]
        ),
    )


def referral_home_panel(actor: Membership) -> Panel | None:
    if not (actor.can(Permission.RESPOND_TO_REFERRAL) or actor.can(Permission.SEND_REFERRAL)):
        return None
    return Panel(
        template="referrals/_home_panel.html",
        context={"work": referral_work(actor), "now": timezone.now()},
    )


def referral_case_rows() -> dict[str, QuerySet[Referral]]:
    return {"referrals": Referral.objects.filter(case=OuterRef("pk"))}


def referral_case_panel(
    actor: Membership, case: Case, present: Container[str] = EVERYTHING
) -> Panel:
    referrals = referrals_of_case(case) if "referrals" in present else Referral.objects.none()
    if case.owner_organisation_id != actor.organisation_id:
        # A former owner with read access sees only the referrals it sent itself.
        referrals = referrals.filter(sender_organisation_id=actor.organisation_id)
    return Panel(
        template="referrals/_case_panel.html",
        context={
            "case_referrals": list(referrals),
            "can_refer": actor.can(Permission.SEND_REFERRAL)
            and case.owner_organisation_id == actor.organisation_id,
        },
    )


def actions_a_referral_can_deliver(case: Case) -> QuerySet[SupportAction]:
    """The planned actions of the case's support plan that are to be delivered by referral."""
    return SupportAction.objects.filter(
        plan__case=case,
        delivery=SupportDelivery.REFERRAL,
        status=SupportActionStatus.PLANNED,
    )
