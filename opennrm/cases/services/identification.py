"""Identification decisions with legal deadlines, and the recovery and reflection period.

Preliminary ("reasonable grounds") then final ("conclusive"): each is requested (its due date
counted in working days), decided by an authority, and notified. The case's trafficking status
follows: a positive final decision makes the person an identified victim, a negative one at
either stage records "not a victim"; a positive preliminary decision opens the recovery period."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case, IdentificationDecision, RecoveryPeriod
from opennrm.cases.services.common import case_event, require
from opennrm.cases.services.decision import status_decision_record
from opennrm.cases.vocabularies import (
    DecisionKind,
    DecisionMakingBody,
    IdentificationOutcome,
    IdentificationStage,
    IdentificationState,
    TraffickingStatus,
)
from opennrm.core.calendar import add_working_days
from opennrm.core.errors import ApplicationError, Problems
from opennrm.core.permissions import Permission

# The one table of allowed moves of an identification decision.
IDENTIFICATION_MOVES: dict[str, frozenset[str]] = {
    IdentificationState.REQUESTED: frozenset({IdentificationState.DECIDED}),
    IdentificationState.DECIDED: frozenset({IdentificationState.NOTIFIED}),
    IdentificationState.NOTIFIED: frozenset(),
}


def _move(decision: IdentificationDecision, to: str) -> None:
    if to not in IDENTIFICATION_MOVES[decision.state]:
        raise ApplicationError(
            _("This decision is already “%(state)s”.")
            % {"state": IdentificationState(decision.state).label}
        )
    decision.state = to


def due_date(stage: str, requested_on: date) -> date:
    days = (
        settings.OPENNRM_PRELIMINARY_DECISION_WORKING_DAYS
        if stage == IdentificationStage.PRELIMINARY
        else settings.OPENNRM_FINAL_DECISION_WORKING_DAYS
    )
    return add_working_days(requested_on, days)


def identification_deadlines_recompute() -> int:
    """After the calendar changed: the due date of every decision still awaited, on the
    calendar as it is now. Returns how many moved."""
    moved = 0
    awaited = IdentificationDecision.objects.select_for_update().filter(
        state=IdentificationState.REQUESTED
    )
    for decision in awaited:
        due = due_date(decision.stage, decision.requested_on)
        if due != decision.due_on:
            decision.due_on = due
            decision.save(update_fields=["due_on", "updated_at"])
            moved += 1
    return moved


def identification_decision_request(
    *, actor: Membership, case: Case, stage: str, requested_on: date | None = None
) -> IdentificationDecision:
    require(actor, Permission.RECORD_STATUS_DECISION)
    requested_on = requested_on or timezone.localdate()
    if stage not in IdentificationStage.values:
        raise ApplicationError(_("Unknown kind of decision."), field="stage")
    if requested_on > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field="requested_on")
    with transaction.atomic():
        decisions = IdentificationDecision.objects.select_for_update().filter(case=case)
        if decisions.filter(stage=stage, state=IdentificationState.REQUESTED).exists():
            raise ApplicationError(_("This decision has already been requested."), field="stage")
        if (
            stage == IdentificationStage.FINAL
            and not decisions.filter(
                stage=IdentificationStage.PRELIMINARY, outcome=IdentificationOutcome.POSITIVE
            ).exists()
        ):
            raise ApplicationError(
                _("A final decision follows a positive preliminary decision."), field="stage"
            )
        decision = IdentificationDecision.objects.create(
            case=case,
            stage=stage,
            requested_on=requested_on,
            requested_by=actor.user,
            requesting_organisation=actor.organisation,
            due_on=due_date(stage, requested_on),
        )
        case_event(
            actor,
            case,
            "case.identification_requested",
            decision_id=str(decision.pk),
            stage=stage,
            due_on=decision.due_on.isoformat(),
        )
    return decision


def identification_decision_record(
    *,
    actor: Membership,
    decision: IdentificationDecision,
    outcome: str,
    decided_on: date,
    decision_making_body: str,
    decided_by_name: str,
    reasons: str,
) -> IdentificationDecision:
    require(actor, Permission.RECORD_STATUS_DECISION)
    problems = Problems()
    if outcome not in IdentificationOutcome.values:
        problems.add(_("Choose positive or negative."), field="outcome")
    if decision_making_body not in DecisionMakingBody.values:
        problems.add(_("Say which authority decided."), field="decision_making_body")
    if not decided_by_name.strip():
        problems.add(_("Say who decided (name and function)."), field="decided_by_name")
    if not reasons.strip():
        problems.add(_("Give the reasons for this decision."), field="reasons")
    if decided_on < decision.requested_on:
        problems.add(_("A decision cannot precede its request."), field="decided_on")
    if decided_on > timezone.localdate():
        problems.add(_("This date is in the future."), field="decided_on")
    problems.raise_any()
    case = decision.case
    with transaction.atomic():
        locked = IdentificationDecision.objects.select_for_update().get(pk=decision.pk)
        _move(locked, IdentificationState.DECIDED)
        final = locked.stage == IdentificationStage.FINAL
        positive = outcome == IdentificationOutcome.POSITIVE
        status = (
            TraffickingStatus.NOT_A_VICTIM
            if not positive
            else TraffickingStatus.ACTUAL
            if final
            else TraffickingStatus.POSSIBLE
        )
        history = status_decision_record(
            actor=actor,
            case=case,
            status=status,
            kind=DecisionKind.FINAL if final else DecisionKind.PRELIMINARY,
            decided_on=decided_on,
            decision_making_body=decision_making_body,
            reasons=reasons,
            via_identification=True,
        )
        locked.outcome = outcome
        locked.decided_on = decided_on
        locked.decision_making_body = decision_making_body
        locked.decided_by_name = decided_by_name.strip()
        locked.reasons = reasons.strip()
        locked.status_decision = history
        locked.save(
            update_fields=[
                "state",
                "outcome",
                "decided_on",
                "decision_making_body",
                "decided_by_name",
                "reasons",
                "status_decision",
                "updated_at",
            ]
        )
        if positive and not final:
            ends_on = decided_on + timedelta(days=settings.OPENNRM_RECOVERY_PERIOD_DAYS)
            RecoveryPeriod.objects.create(
                case=case,
                decision=locked,
                starts_on=decided_on,
                ends_on=ends_on,
                initially_ends_on=ends_on,
            )
        case_event(
            actor,
            case,
            "case.identification_decided",
            decision_id=str(locked.pk),
            stage=locked.stage,
            outcome=outcome,
        )
    return locked


def identification_decision_notify(
    *, actor: Membership, decision: IdentificationDecision, notified_on: date, notified_to: str
) -> IdentificationDecision:
    require(actor, Permission.RECORD_STATUS_DECISION)
    if not notified_to.strip():
        raise ApplicationError(_("Say who was notified."), field="notified_to")
    if decision.decided_on and notified_on < decision.decided_on:
        raise ApplicationError(
            _("A decision cannot be notified before it was taken."), field="notified_on"
        )
    if notified_on > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field="notified_on")
    with transaction.atomic():
        locked = IdentificationDecision.objects.select_for_update().get(pk=decision.pk)
        _move(locked, IdentificationState.NOTIFIED)
        locked.notified_on = notified_on
        locked.notified_to = notified_to.strip()
        locked.save(update_fields=["state", "notified_on", "notified_to", "updated_at"])
        case_event(actor, locked.case, "case.identification_notified", decision_id=str(locked.pk))
    return locked


def recovery_period_extend(
    *, actor: Membership, period: RecoveryPeriod, ends_on: date, reason: str
) -> RecoveryPeriod:
    require(actor, Permission.RECORD_STATUS_DECISION)
    if ends_on <= period.ends_on:
        raise ApplicationError(
            _("The new end must be later than the current one."), field="ends_on"
        )
    if not reason.strip():
        raise ApplicationError(_("Give the reason for the extension."), field="reason")
    with transaction.atomic():
        period.ends_on = ends_on
        period.extension_reason = reason.strip()[:500]
        period.save(update_fields=["ends_on", "extension_reason", "updated_at"])
        case_event(
            actor,
            period.case,
            "case.recovery_period_extended",
            period_id=str(period.pk),
            ends_on=ends_on.isoformat(),
        )
    return period
