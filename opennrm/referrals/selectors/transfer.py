"""Reads of transfers of responsibility. The owner, the recipient (once the transfer is proposed
to it) and the coordinator who requested it see a transfer; nobody else learns it exists."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, QuerySet
from django.http import Http404

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.ids import as_uuid
from opennrm.core.panels import EVERYTHING, Panel
from opennrm.core.permissions import Permission
from opennrm.people.validation import age_in_years
from opennrm.people.vocabularies import Gender
from opennrm.referrals.models import Transfer
from opennrm.referrals.vocabularies import TransferState

T = TransferState


def transfers_visible_to(actor: Membership | None) -> QuerySet[Transfer]:
    if actor is None:
        return Transfer.objects.none()
    org = actor.organisation_id
    condition = Q(pk__in=[])
    if actor.can(Permission.VIEW_CASES):
        condition |= Q(from_organisation_id=org)
    if actor.can(Permission.TRANSFER_CASE):
        # A coordinator's request stays between the coordinator and the owner until agreed.
        condition |= Q(to_organisation_id=org) & ~Q(state__in=[T.REQUESTED, T.REFUSED])
    if actor.can(Permission.REQUEST_TRANSFER):
        condition |= Q(requesting_organisation_id=org)
    return Transfer.objects.filter(condition)


def access_transfer(
    *, actor: Membership | None, transfer_id: Any, purpose: str = "view"
) -> Transfer:
    pk = as_uuid(transfer_id)
    transfer = (
        transfers_visible_to(actor)
        .select_related(
            "case__person",
            "from_organisation",
            "to_organisation",
            "requesting_organisation",
            "requested_by",
            "proposed_by",
            "answered_by",
            "consent",
        )
        .filter(pk=pk)
        .first()
        if pk is not None
        else None
    )
    if actor is not None:
        audit_record(
            action="transfer.accessed" if transfer else "transfer.access_refused",
            actor=actor,
            object_type="transfer",
            object_id=transfer_id if pk is not None else "",
            subject_organisation_id=transfer.from_organisation_id if transfer else None,
            details={"purpose": purpose},
        )
    if transfer is None:
        raise Http404
    return transfer


@dataclass(frozen=True)
class TransferSummary:
    """What the proposed recipient sees before it accepts: enough to decide, no identity."""

    nrm_stage: str
    trafficking_status: str
    exploitation: list[str]
    age: int | None
    sex: str
    languages: list[str]


def transfer_summary(transfer: Transfer) -> TransferSummary:
    case = transfer.case
    person = case.person
    return TransferSummary(
        nrm_stage=case.get_nrm_stage_display(),
        trafficking_status=case.get_trafficking_status_display(),
        exploitation=[str(e) for e in case.exploitations.all()],
        age=age_in_years(person.birth_date),
        sex=str(dict(Gender.choices).get(person.gender, "")),
        languages=[geo.language_name(c) for c in person.languages],
    )


def transfers_of_case(case: Case) -> QuerySet[Transfer]:
    return case.transfers.select_related("to_organisation", "from_organisation").order_by(
        "-created_at"
    )


def transfers_needing_answer(actor: Membership) -> list[Transfer]:
    """Proposed to the actor's organisation, or requested of it by the coordinator."""
    if not actor.can(Permission.TRANSFER_CASE):
        return []
    org = actor.organisation_id
    return list(
        Transfer.objects.filter(
            Q(to_organisation_id=org, state=T.PROPOSED)
            | Q(from_organisation_id=org, state=T.REQUESTED)
        )
        .select_related("from_organisation", "to_organisation", "case")
        .order_by("created_at")[:50]
    )


def transfer_list(actor: Membership) -> QuerySet[Transfer]:
    return (
        transfers_visible_to(actor)
        .select_related("from_organisation", "to_organisation", "case", "requesting_organisation")
        .order_by("-created_at")
    )


def transfer_home_panel(actor: Membership) -> Panel | None:
    waiting = transfers_needing_answer(actor)
    if not waiting:
        return None
    return Panel(template="referrals/_transfer_home_panel.html", context={"transfers": waiting})


def transfer_case_rows() -> dict[str, QuerySet[Transfer]]:
    return {"transfers": Transfer.objects.filter(case=OuterRef("pk"))}


def transfer_case_panel(
    actor: Membership, case: Case, present: Container[str] = EVERYTHING
) -> Panel | None:
    if case.owner_organisation_id != actor.organisation_id:
        return None
    return Panel(
        template="referrals/_transfer_case_panel.html",
        context={
            "case_transfers": list(transfers_of_case(case)) if "transfers" in present else [],
            "can_transfer": actor.can(Permission.TRANSFER_CASE),
        },
    )
