"""Return and reintegration: every write is one transaction with its audit event on the case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.cases.vocabularies import SupportType
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.calendar import add_months
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.core.references import new_reference
from opennrm.core.workflow import Workflow
from opennrm.referrals.models import Referral
from opennrm.reintegration.models import FollowUpVisit, ReintegrationGoal, ReturnPlan
from opennrm.reintegration.vocabularies import (
    FollowUpOutcome,
    GoalStatus,
    ReintegrationDomain,
    ReturnDirection,
    ReturnRisk,
    ReturnState,
    RiskLevel,
)

R = ReturnState
ALLOWED_RETURN_MOVES: dict[str, frozenset[str]] = {
    R.PLANNING: frozenset({R.CLEARED, R.ON_HOLD, R.CANCELLED}),
    R.ON_HOLD: frozenset({R.CLEARED, R.ON_HOLD, R.CANCELLED}),
    R.CLEARED: frozenset({R.CLEARED, R.ON_HOLD, R.RETURNED, R.CANCELLED}),
    R.RETURNED: frozenset({R.COMPLETED}),
}


def _require_owner(actor: Membership, case: Case) -> None:
    if not actor.can(Permission.EDIT_CASE) or case.owner_organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Your role does not allow this."))


def _event(actor: Membership, plan: ReturnPlan, action: str, **details: object) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="case",
        object_id=plan.case_id,
        subject_organisation_id=plan.case.owner_organisation_id,
        details={"return_id": str(plan.pk), **details},
    )


RETURN_WORKFLOW = Workflow(
    model=ReturnPlan,
    states=ReturnState,
    moves=ALLOWED_RETURN_MOVES,
    refused=gettext_lazy("A return that is “%(state)s” cannot become “%(to)s”."),
    stale=gettext_lazy("This return was changed by someone else meanwhile. Reload the page."),
)


def _check_move(plan: ReturnPlan, to_state: str) -> None:
    RETURN_WORKFLOW.check(plan, to_state)


@dataclass(frozen=True)
class ReturnDetails:
    direction: str
    destination_country: str
    voluntary_confirmed_on: date
    destination_place: str = ""
    planned_travel_on: date | None = None


def return_open(*, actor: Membership, case: Case, details: ReturnDetails) -> ReturnPlan:
    _require_owner(actor, case)
    if details.direction not in ReturnDirection.values:
        raise ApplicationError(_("Choose the direction of the return."), field="direction")
    if not geo.is_country(details.destination_country):
        raise ApplicationError(_("Unknown country code."), field="destination_country")
    home = settings.OPENNRM_DEPLOYMENT_COUNTRY
    if (details.direction == ReturnDirection.INBOUND) != (details.destination_country == home):
        raise ApplicationError(
            _("The destination country does not match the direction of the return."),
            field="destination_country",
        )
    today = timezone.localdate()
    if details.voluntary_confirmed_on > today:
        raise ApplicationError(_("This date is in the future."), field="voluntary_confirmed_on")
    if details.planned_travel_on is not None and details.planned_travel_on < today:
        raise ApplicationError(_("This date is in the past."), field="planned_travel_on")
    try:
        with transaction.atomic():
            plan = ReturnPlan.objects.create(
                reference_code=new_reference("V"),
                case=case,
                direction=details.direction,
                destination_country=details.destination_country,
                destination_place=details.destination_place.strip(),
                voluntary_confirmed_on=details.voluntary_confirmed_on,
                planned_travel_on=details.planned_travel_on,
                created_by=actor.user,
            )
            _event(actor, plan, "return.opened", destination_country=details.destination_country)
    except IntegrityError:
        raise ApplicationError(_("This case already has a return under way.")) from None
    return plan


def return_assess_risk(
    *,
    actor: Membership,
    plan: ReturnPlan,
    level: str,
    risks: list[str],
    notes: str,
    proceed: bool,
) -> ReturnPlan:
    """Record the risk assessment; the return proceeds (cleared) or waits (on hold). A high
    risk can be cleared only with the reasons written down."""
    _require_owner(actor, plan.case)
    if level not in RiskLevel.values:
        raise ApplicationError(_("Choose the level of risk."), field="level")
    if set(risks) - set(ReturnRisk.values):
        raise ApplicationError(_("Unknown value."), field="risks")
    if proceed and level == RiskLevel.HIGH and not notes.strip():
        raise ApplicationError(
            _("The risk is high: explain how it is mitigated before clearing the return."),
            field="notes",
        )
    to_state = R.CLEARED if proceed else R.ON_HOLD
    _check_move(plan, to_state)
    return RETURN_WORKFLOW.step(
        plan,
        to_state,
        actor=actor,
        changes={
            "risk_level": level,
            "risks": sorted(set(risks)),
            "risk_notes": notes.strip(),
            "risk_assessed_on": timezone.localdate(),
            "risk_assessed_by": actor.user,
        },
        after=lambda moved, _from: _event(
            actor, moved, "return.risk_assessed", level=level, proceed=proceed
        ),
    )


def return_set_receiving(*, actor: Membership, plan: ReturnPlan, referral: Referral) -> ReturnPlan:
    """The receiving organisation is reached by a (transnational) referral of the same case."""
    _require_owner(actor, plan.case)
    if (
        referral.case_id != plan.case_id
        or SupportType.RETURN_ASSISTANCE not in referral.service_types
    ):
        raise ApplicationError(
            _("Choose a return-assistance referral of this case."), field="referral"
        )
    with transaction.atomic():
        plan.receiving_referral = referral
        plan.save(update_fields=["receiving_referral", "updated_at"])
        _event(actor, plan, "return.receiving_set", referral_id=str(referral.pk))
    return plan


def return_record_arrival(*, actor: Membership, plan: ReturnPlan, returned_on: date) -> ReturnPlan:
    """The person arrived: the follow-up visits are scheduled from that date."""
    _require_owner(actor, plan.case)
    _check_move(plan, R.RETURNED)
    if returned_on > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field="returned_on")
    if plan.risk_assessed_on and returned_on < plan.risk_assessed_on:
        raise ApplicationError(
            _("The return cannot precede its risk assessment."), field="returned_on"
        )

    def after(moved: ReturnPlan, _from_state: str) -> None:
        FollowUpVisit.objects.bulk_create(
            FollowUpVisit(
                plan=moved,
                months_after_return=months,
                due_on=add_months(returned_on, months),
            )
            for months in settings.OPENNRM_FOLLOW_UP_MONTHS
        )
        _event(actor, moved, "return.arrived", returned_on=returned_on.isoformat())

    return RETURN_WORKFLOW.step(
        plan, R.RETURNED, actor=actor, changes={"returned_on": returned_on}, after=after
    )


def return_close(
    *, actor: Membership, plan: ReturnPlan, note: str, cancel: bool = False
) -> ReturnPlan:
    """Complete the reintegration (after the follow-ups), or cancel a return not yet made."""
    _require_owner(actor, plan.case)
    to_state = R.CANCELLED if cancel else R.COMPLETED
    _check_move(plan, to_state)
    if not note.strip():
        raise ApplicationError(_("Write a closing note."), field="note")
    if to_state == R.COMPLETED and plan.follow_ups.filter(done_on__isnull=True).exists():
        raise ApplicationError(
            _("Record every follow-up visit (or that the person could not be reached) first.")
        )
    return RETURN_WORKFLOW.step(
        plan,
        to_state,
        actor=actor,
        changes={"closed_on": timezone.localdate(), "closing_note": note.strip()},
        after=lambda moved, _from: _event(actor, moved, "return.closed", state=to_state),
    )


def goal_add(
    *, actor: Membership, plan: ReturnPlan, domain: str, objective: str
) -> ReintegrationGoal:
    _require_owner(actor, plan.case)
    if domain not in ReintegrationDomain.values:
        raise ApplicationError(_("Choose the domain."), field="domain")
    if not objective.strip():
        raise ApplicationError(_("Write the objective."), field="objective")
    if plan.state in {R.COMPLETED, R.CANCELLED}:
        raise ApplicationError(_("This return is closed."))
    with transaction.atomic():
        goal = ReintegrationGoal.objects.create(
            plan=plan, domain=domain, objective=objective.strip()
        )
        _event(actor, plan, "return.goal_added", domain=domain)
    return goal


def goal_update(*, actor: Membership, goal: ReintegrationGoal, status: str) -> ReintegrationGoal:
    _require_owner(actor, goal.plan.case)
    if status not in GoalStatus.values:
        raise ApplicationError(_("Unknown value."), field="status")
    with transaction.atomic():
        goal.status = status
        goal.save(update_fields=["status", "updated_at"])
        _event(actor, goal.plan, "return.goal_updated", domain=goal.domain, status=status)
    return goal


def follow_up_record(
    *,
    actor: Membership,
    visit: FollowUpVisit,
    done_on: date,
    outcome: str,
    done_by: str = "",
    notes: str = "",
) -> FollowUpVisit:
    _require_owner(actor, visit.plan.case)
    if outcome not in FollowUpOutcome.values:
        raise ApplicationError(_("Choose the outcome."), field="outcome")
    if done_on > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field="done_on")
    if visit.plan.returned_on and done_on < visit.plan.returned_on:
        raise ApplicationError(_("A follow-up comes after the return."), field="done_on")
    earliest = visit.due_on - timedelta(days=settings.OPENNRM_FOLLOW_UP_EARLIEST_DAYS)
    if done_on < earliest:
        raise ApplicationError(
            _(
                "This visit is due on %(due)s: it can be recorded from %(earliest)s, not "
                "earlier. Record what happened before as a note on the case."
            )
            % {
                "due": formats.date_format(visit.due_on, "DATE_FORMAT"),
                "earliest": formats.date_format(earliest, "DATE_FORMAT"),
            },
            field="done_on",
        )
    if outcome in {FollowUpOutcome.AT_RISK, FollowUpOutcome.RETRAFFICKED} and not notes.strip():
        raise ApplicationError(_("Say what was found and what is done about it."), field="notes")
    with transaction.atomic():
        updated = FollowUpVisit.objects.filter(pk=visit.pk, done_on__isnull=True).update(
            done_on=done_on,
            outcome=outcome,
            done_by=done_by.strip()[:200],
            notes=notes.strip(),
            recorded_by=actor.user,
            updated_at=timezone.now(),
        )
        if not updated:
            raise ApplicationError(_("This follow-up is already recorded."))
        visit.refresh_from_db()
        _event(
            actor,
            visit.plan,
            "return.follow_up_recorded",
            months=visit.months_after_return,
            outcome=outcome,
        )
    return visit
