"""Decisions on trafficking status: a dated history; the case shows the latest."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case, StatusDecision
from opennrm.cases.services.common import case_event, require
from opennrm.cases.vocabularies import (
    DecisionKind,
    DecisionMakingBody,
    TraffickingStatus,
)
from opennrm.core.errors import Problems
from opennrm.core.permissions import Permission


def status_decision_record(
    *,
    actor: Membership,
    case: Case,
    status: str,
    kind: str,
    decided_on: date,
    decision_making_body: str,
    reasons: str = "",
    via_identification: bool = False,
) -> StatusDecision:
    """A decision on the person's trafficking status, kept as a dated history. Preliminary and
    formal identification are recorded only as identification decisions (requested, decided
    with their deadline, notified), which call this with `via_identification`; recorded
    directly, a decision is a review of an earlier one."""
    require(actor, Permission.RECORD_STATUS_DECISION)
    problems = Problems()
    if kind in {DecisionKind.PRELIMINARY, DecisionKind.FINAL} and not via_identification:
        problems.add(
            _(
                "Preliminary and formal identification are recorded as identification "
                "decisions, from the case page."
            ),
            field="kind",
        )
    if status not in TraffickingStatus.values:
        problems.add(_("Unknown trafficking status."), field="status")
    if kind not in DecisionKind.values or kind == DecisionKind.INITIAL:
        problems.add(_("Choose the kind of decision."), field="kind")
    if decision_making_body not in DecisionMakingBody.values:
        problems.add(_("Unknown decision-making body."), field="decision_making_body")
    if decided_on > timezone.localdate():
        problems.add(_("This date is in the future."), field="decided_on")
    if decided_on < case.identified_on:
        problems.add(_("A decision cannot precede the first contact."), field="decided_on")
    if kind in {DecisionKind.FINAL, DecisionKind.REVIEW} and not reasons.strip():
        problems.add(_("Give the reasons for this decision."), field="reasons")
    problems.raise_any()
    with transaction.atomic():
        decision = StatusDecision.objects.create(
            case=case,
            status=status,
            kind=kind,
            decided_on=decided_on,
            decision_making_body=decision_making_body,
            decided_by_organisation=actor.organisation,
            recorded_by=actor.user,
            reasons=reasons.strip(),
        )
        latest = case.status_decisions.order_by("-decided_on", "-created_at").first()
        if latest is not None and latest.status != case.trafficking_status:
            # Not a version bump: a decision does not make an open edit form of the case stale.
            case.trafficking_status = latest.status
            Case.objects.filter(pk=case.pk).update(
                trafficking_status=latest.status, updated_at=timezone.now()
            )
        case_event(
            actor,
            case,
            "case.status_decided",
            decision_id=str(decision.pk),
            status=status,
            kind=kind,
        )
    return decision
