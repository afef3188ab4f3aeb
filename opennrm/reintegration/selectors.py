"""Reads of returns: through the case's owner only (a return is part of the case)."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import OuterRef, QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.cases.selectors import CaseFilters, cases_owned_by, filter_cases
from opennrm.cases.vocabularies import SupportType
from opennrm.core.audit import audit_record
from opennrm.core.ids import as_uuid
from opennrm.core.panels import EVERYTHING, DigestSection, Panel
from opennrm.core.permissions import Permission
from opennrm.referrals.models import Referral
from opennrm.reintegration.models import FollowUpVisit, ReintegrationGoal, ReturnPlan

# Follow-ups shown as "due soon" this many days ahead.
DUE_SOON_DAYS = 14


def returns_visible_to(actor: Membership | None) -> QuerySet[ReturnPlan]:
    return ReturnPlan.objects.filter(case__in=cases_owned_by(actor))


def access_return(*, actor: Membership, return_id: Any, purpose: str = "view") -> ReturnPlan:
    pk = as_uuid(return_id)
    plan = (
        returns_visible_to(actor)
        .select_related("case__person", "receiving_referral", "risk_assessed_by")
        .filter(pk=pk)
        .first()
        if pk is not None
        else None
    )
    audit_record(
        action="case.accessed" if plan else "case.access_refused",
        actor=actor,
        object_type="case",
        object_id=plan.case_id if plan else "",
        subject_organisation_id=plan.case.owner_organisation_id if plan else None,
        details={"purpose": f"return_{purpose}"},
    )
    if plan is None:
        raise Http404
    return plan


def access_follow_up(*, plan: ReturnPlan, visit_id: Any) -> FollowUpVisit:
    pk = as_uuid(visit_id)
    visit = plan.follow_ups.filter(pk=pk).first() if pk is not None else None
    if visit is None:
        raise Http404
    return visit


def access_goal(*, plan: ReturnPlan, goal_id: Any) -> ReintegrationGoal:
    pk = as_uuid(goal_id)
    goal = plan.goals.filter(pk=pk).first() if pk is not None else None
    if goal is None:
        raise Http404
    return goal


def follow_ups_due(
    actor: Membership, today: date | None = None
) -> tuple[list[FollowUpVisit], list[FollowUpVisit]]:
    """(overdue, due within two weeks) follow-up visits of the actor's organisation's cases."""
    today = today or timezone.localdate()
    pending = (
        FollowUpVisit.objects.filter(plan__in=returns_visible_to(actor), done_on__isnull=True)
        .select_related("plan__case")
        .order_by("due_on")
    )
    overdue = list(pending.filter(due_on__lt=today)[:50])
    soon = list(
        pending.filter(due_on__gte=today, due_on__lte=today + timedelta(DUE_SOON_DAYS))[:50]
    )
    return overdue, soon


def return_case_rows() -> dict[str, QuerySet[ReturnPlan]]:
    return {"returns": ReturnPlan.objects.filter(case=OuterRef("pk"))}


def return_case_panel(
    actor: Membership, case: Case, present: Container[str] = EVERYTHING
) -> Panel | None:
    if case.owner_organisation_id != actor.organisation_id:
        return None
    plans = (
        list(case.returns.prefetch_related("follow_ups").order_by("-created_at"))
        if "returns" in present
        else []
    )
    return Panel(
        template="reintegration/_case_panel.html",
        context={
            "returns": plans,
            "can_open": actor.can(Permission.EDIT_CASE)
            and not any(p.state in {"Planning", "Cleared", "OnHold", "Returned"} for p in plans),
            "today": timezone.localdate(),
        },
    )


def return_home_panel(actor: Membership) -> Panel | None:
    # Those who work on cases act on follow-up visits; the hotline does not.
    if not actor.can(Permission.EDIT_CASE):
        return None
    overdue, soon = follow_ups_due(actor)
    if not overdue and not soon:
        return None
    return Panel(
        template="reintegration/_home_panel.html", context={"overdue": overdue, "soon": soon}
    )


def follow_up_digest_section(actor: Membership, today: date) -> DigestSection | None:
    overdue, _soon = follow_ups_due(actor, today)
    if not overdue:
        return None
    return DigestSection(
        title=_("Follow-up visits after a return, overdue"),
        lines=[
            _("%(case)s: %(months)s-month visit due on %(due)s")
            % {
                "case": v.plan.case.reference_code,
                "months": v.months_after_return,
                "due": formats.date_format(v.due_on, "SHORT_DATE_FORMAT"),
            }
            for v in overdue
        ],
    )


@dataclass(frozen=True)
class ReturnFilters:
    state: str = ""
    direction: str = ""
    destination_country: str = ""
    returned_from: date | None = None
    returned_to: date | None = None
    sort: str = ""
    cases: CaseFilters | None = None


# Columns the return list sorts by (the default: the latest opened first).
RETURN_SORTS = {
    "opened": ("created_at", "id"),
    "-opened": ("-created_at", "-id"),
    "arrived": ("returned_on", "id"),
    "-arrived": ("-returned_on", "-id"),
    "state": ("state", "-created_at"),
    "-state": ("-state", "-created_at"),
}


def return_rows(actor: Membership | None, filters: ReturnFilters) -> QuerySet[ReturnPlan]:
    """The organisation's returns, filtered and sorted; no destination address is read."""
    plans = returns_visible_to(actor).select_related("case")
    for name in ("state", "direction", "destination_country"):
        value = getattr(filters, name)
        if value:
            plans = plans.filter(**{name: value})
    if filters.returned_from:
        plans = plans.filter(returned_on__gte=filters.returned_from)
    if filters.returned_to:
        plans = plans.filter(returned_on__lte=filters.returned_to)
    if filters.cases is not None:
        plans = plans.filter(case__in=filter_cases(Case.objects.all(), filters.cases))
    return plans.defer("destination_place", "risk_notes").order_by(
        *RETURN_SORTS.get(filters.sort, RETURN_SORTS["-opened"])
    )


def return_referrals(plan: ReturnPlan) -> QuerySet[Referral]:
    """The referrals of the plan's case that ask for return assistance (the receiving side)."""
    # JSON containment differs between SQLite and PostgreSQL: a case has few referrals.
    return Referral.objects.filter(
        pk__in=[
            r.pk
            for r in plan.case.referrals.all()
            if SupportType.RETURN_ASSISTANCE in r.service_types
        ]
    )
