"""Support plans (HTCDS spl_) and their actions. Actions delivered through a referral are
moved by the referral itself (referrals.services calls support_action_follow_referral)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case, SupportAction, SupportPlan
from opennrm.cases.services.common import case_event, require
from opennrm.cases.vocabularies import (
    SupportActionStatus,
    SupportDelivery,
    SupportType,
)
from opennrm.core.concurrency import claim_version
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission

A = SupportActionStatus
# What an in-house action may become; a referred one follows its referral instead.
IN_HOUSE_MOVES: dict[str, frozenset[str]] = {
    A.PLANNED: frozenset(
        {A.IN_PROGRESS, A.DELIVERED, A.PARTIALLY_DELIVERED, A.NOT_DELIVERED, A.CANCELLED}
    ),
    A.IN_PROGRESS: frozenset({A.DELIVERED, A.PARTIALLY_DELIVERED, A.NOT_DELIVERED, A.CANCELLED}),
}
STALE_PLAN_MESSAGE = gettext_lazy(
    "This plan was changed by someone else meanwhile. Reload the page."
)


@dataclass(frozen=True)
class SupportPlanDetails:
    objectives: str
    action_plan: str = ""
    planned_end_on: date | None = None


def _check_plan(details: SupportPlanDetails) -> None:
    if not details.objectives.strip():
        raise ApplicationError(_("Write the plan's objectives."), field="objectives")


def support_plan_create(
    *, actor: Membership, case: Case, details: SupportPlanDetails
) -> SupportPlan:
    require(actor, Permission.EDIT_CASE)
    _check_plan(details)
    if SupportPlan.objects.filter(case=case).exists():
        raise ApplicationError(_("This case already has a support plan."))
    with transaction.atomic():
        plan = SupportPlan.objects.create(
            case=case,
            objectives=details.objectives.strip(),
            action_plan=details.action_plan.strip(),
            planned_end_on=details.planned_end_on,
            created_by=actor.user,
        )
        case_event(actor, case, "case.support_plan_created", plan_id=str(plan.pk))
    return plan


def support_plan_update(
    *,
    actor: Membership,
    plan: SupportPlan,
    details: SupportPlanDetails,
    expected_version: int,
    actual_end_on: date | None = None,
) -> SupportPlan:
    require(actor, Permission.EDIT_CASE)
    _check_plan(details)
    if actual_end_on is not None and actual_end_on > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field="actual_end_on")
    with transaction.atomic():
        plan.version = claim_version(
            SupportPlan, plan.pk, expected_version, str(STALE_PLAN_MESSAGE)
        )
        plan.objectives = details.objectives.strip()
        plan.action_plan = details.action_plan.strip()
        plan.planned_end_on = details.planned_end_on
        plan.actual_end_on = actual_end_on
        plan.save(
            update_fields=[
                "objectives",
                "action_plan",
                "planned_end_on",
                "actual_end_on",
                "updated_at",
            ]
        )
        case_event(actor, plan.case, "case.support_plan_updated", plan_id=str(plan.pk))
    return plan


def support_action_add(
    *,
    actor: Membership,
    plan: SupportPlan,
    support_type: str,
    description: str,
    delivery: str,
    due_on: date | None = None,
) -> SupportAction:
    require(actor, Permission.EDIT_CASE)
    if support_type not in SupportType.values:
        raise ApplicationError(_("Choose the type of support."), field="support_type")
    if delivery not in SupportDelivery.values:
        raise ApplicationError(_("Say how it is delivered."), field="delivery")
    if not description.strip():
        raise ApplicationError(_("Say what is to be done."), field="description")
    with transaction.atomic():
        action = SupportAction.objects.create(
            plan=plan,
            support_type=support_type,
            description=description.strip(),
            delivery=delivery,
            due_on=due_on,
        )
        SupportPlan.objects.filter(pk=plan.pk).update(
            version=F("version") + 1, updated_at=timezone.now()
        )
        case_event(
            actor,
            plan.case,
            "case.support_action_added",
            action_id=str(action.pk),
            support_type=support_type,
            delivery=delivery,
        )
    return action


def support_action_record(
    *,
    actor: Membership,
    action: SupportAction,
    status: str,
    on: date,
    note: str = "",
) -> SupportAction:
    """Progress of an action delivered in-house: started, delivered (fully or not), cancelled."""
    require(actor, Permission.EDIT_CASE)
    if action.delivery != SupportDelivery.IN_HOUSE:
        raise ApplicationError(
            _("This action is delivered through a referral: its referral records the outcome.")
        )
    if status not in IN_HOUSE_MOVES.get(action.status, frozenset()):
        raise ApplicationError(
            _("An action that is “%(state)s” cannot become “%(to)s”.")
            % {
                "state": action.get_status_display(),
                "to": SupportActionStatus(status).label
                if status in SupportActionStatus.values
                else status,
            },
            field="status",
        )
    if on > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field="on")
    if status in {A.PARTIALLY_DELIVERED, A.NOT_DELIVERED, A.CANCELLED} and not note.strip():
        raise ApplicationError(_("Say what was not delivered, and why."), field="note")
    with transaction.atomic():
        fields = {"status": status, "updated_at": timezone.now()}
        if status == A.IN_PROGRESS:
            fields["started_on"] = on
        else:
            fields["completed_on"] = on
            fields["outcome_note"] = note.strip()
        updated = SupportAction.objects.filter(pk=action.pk, status=action.status).update(**fields)
        if not updated:
            raise ApplicationError(str(STALE_PLAN_MESSAGE))
        action.refresh_from_db()
        case_event(
            actor,
            action.plan.case,
            "case.support_action_recorded",
            action_id=str(action.pk),
            status=status,
        )
    return action


def support_action_follow_referral(
    *, action: SupportAction, status: str, on: date | None = None, note: str = ""
) -> None:
    """Called by the referral services, inside their transaction, when a referral delivering
    this action changes: the action shows where its referral stands."""
    fields: dict[str, object] = {"status": status, "updated_at": timezone.now()}
    if status == A.IN_PROGRESS and on is not None:
        fields["started_on"] = on
    if status in {A.DELIVERED, A.PARTIALLY_DELIVERED, A.NOT_DELIVERED}:
        fields["completed_on"] = on
        fields["outcome_note"] = note
    SupportAction.objects.filter(pk=action.pk).update(**fields)
