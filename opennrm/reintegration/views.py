"""Returns: open from the case page, the return page with its steps, the list of returns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.cases.selectors import access_case
from opennrm.core import spreadsheets
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.pagination import CappedPaginator, list_queries
from opennrm.core.permissions import Permission
from opennrm.reintegration import exports as return_exports
from opennrm.reintegration import selectors, services
from opennrm.reintegration.forms import (
    ArrivalForm,
    CloseForm,
    FollowUpForm,
    GoalForm,
    GoalStatusForm,
    ReceivingForm,
    ReturnOpenForm,
    RiskForm,
)
from opennrm.reintegration.list_forms import ReturnFilterForm
from opennrm.reintegration.models import ReturnPlan
from opennrm.reintegration.selectors import return_referrals
from opennrm.reintegration.vocabularies import FollowUpOutcome, GoalStatus, ReturnState


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    return actor


@member_required
def return_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.VIEW_CASES):
        raise PermissionDenied
    overdue, soon = selectors.follow_ups_due(actor)
    form = ReturnFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound and form.is_valid() else selectors.ReturnFilters()
    page = CappedPaginator(selectors.return_rows(actor, filters), 50).get_page(
        request.GET.get("page")
    )
    query_string, sort_query = list_queries(request)
    return render(
        request,
        "reintegration/return_list.html",
        {
            "page": page,
            "form": form if form.is_bound else ReturnFilterForm(),
            "current_sort": filters.sort,
            "query_string": query_string,
            "sort_query": sort_query,
            "follow_ups": {"overdue": overdue, "soon": soon},
        },
    )


@member_required
def return_export(request: HttpRequest, fmt: str) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.VIEW_CASES):
        raise PermissionDenied
    form = ReturnFilterForm(request.GET or None)

    def lines() -> list[list[spreadsheets.Cell]]:
        filters = form.filters() if form.is_bound else selectors.ReturnFilters()
        return return_exports.return_export(actor=actor, filters=filters, fmt=fmt)

    return spreadsheets.list_export(fmt, lines, name="returns", title=_("Returns"), form=form)


@member_required
def return_new(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.EDIT_CASE):
        raise PermissionDenied
    case = access_case(actor=actor, case_id=case_id, purpose="return")
    form = ReturnOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.return_open(actor=actor, case=case, details=form.details())
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Return opened. Assess the risks next."))
            return redirect("reintegration:return", return_id=plan.pk)
    return render(request, "reintegration/return_new.html", {"form": form, "case": case})


@member_required
def return_detail(request: HttpRequest, return_id: str) -> HttpResponse:
    actor = _actor(request)
    plan = selectors.access_return(actor=actor, return_id=return_id)
    return render(
        request,
        "reintegration/return_detail.html",
        {
            "plan": plan,
            "case": plan.case,
            "goals": plan.goals.all(),
            "follow_ups": plan.follow_ups.all(),
            "can_edit": actor.can(Permission.EDIT_CASE),
            "risk_form": RiskForm(
                initial={"level": plan.risk_level, "risks": plan.risks, "notes": plan.risk_notes}
            ),
            "receiving_form": ReceivingForm(referrals=return_referrals(plan)),
            "arrival_form": ArrivalForm(),
            "goal_form": GoalForm(),
            "close_form": CloseForm(),
            "can_assess": plan.state
            in {ReturnState.PLANNING, ReturnState.ON_HOLD, ReturnState.CLEARED},
            "close_step": "close" if plan.state == ReturnState.RETURNED else "cancel",
            "today": timezone.localdate(),
            "goal_statuses": GoalStatus.choices,
            "outcomes": FollowUpOutcome.choices,
        },
    )


ASSESSABLE = frozenset({ReturnState.PLANNING, ReturnState.ON_HOLD, ReturnState.CLEARED})
Step = Callable[[Membership, ReturnPlan, HttpRequest], object]


def _form(form: forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise ApplicationError(" ".join(str(e) for errors in form.errors.values() for e in errors))
    return form.cleaned_data


def _risk(actor: Membership, plan: ReturnPlan, request: HttpRequest) -> object:
    data = _form(RiskForm(request.POST))
    return services.return_assess_risk(
        actor=actor,
        plan=plan,
        level=data["level"],
        risks=data["risks"],
        notes=data["notes"],
        proceed=data["proceed"],
    )


def _receiving(actor: Membership, plan: ReturnPlan, request: HttpRequest) -> object:
    data = _form(ReceivingForm(request.POST, referrals=return_referrals(plan)))
    return services.return_set_receiving(actor=actor, plan=plan, referral=data["referral"])


def _arrival(actor: Membership, plan: ReturnPlan, request: HttpRequest) -> object:
    data = _form(ArrivalForm(request.POST))
    return services.return_record_arrival(actor=actor, plan=plan, returned_on=data["returned_on"])


def _goal(actor: Membership, plan: ReturnPlan, request: HttpRequest) -> object:
    data = _form(GoalForm(request.POST))
    return services.goal_add(
        actor=actor, plan=plan, domain=data["domain"], objective=data["objective"]
    )


def _goal_status(actor: Membership, plan: ReturnPlan, request: HttpRequest) -> object:
    data = _form(GoalStatusForm(request.POST))
    goal = selectors.access_goal(plan=plan, goal_id=data["goal_id"])
    return services.goal_update(actor=actor, goal=goal, status=data["status"])


def _follow_up(actor: Membership, plan: ReturnPlan, request: HttpRequest) -> object:
    data = _form(FollowUpForm(request.POST))
    visit = selectors.access_follow_up(plan=plan, visit_id=data["visit_id"])
    return services.follow_up_record(
        actor=actor,
        visit=visit,
        done_on=data["done_on"],
        outcome=data["outcome"],
        done_by=data["done_by"],
        notes=data["notes"],
    )


def _close(actor: Membership, plan: ReturnPlan, request: HttpRequest) -> object:
    data = _form(CloseForm(request.POST))
    return services.return_close(actor=actor, plan=plan, note=data["note"])


def _cancel(actor: Membership, plan: ReturnPlan, request: HttpRequest) -> object:
    data = _form(CloseForm(request.POST))
    return services.return_close(actor=actor, plan=plan, note=data["note"], cancel=True)


STEPS: dict[str, Step] = {
    "risk": _risk,
    "receiving": _receiving,
    "arrival": _arrival,
    "goal": _goal,
    "goal-status": _goal_status,
    "follow-up": _follow_up,
    "close": _close,
    "cancel": _cancel,
}


@member_required
@require_POST
def return_step(request: HttpRequest, return_id: str, step: str) -> HttpResponse:
    actor = _actor(request)
    plan = selectors.access_return(actor=actor, return_id=return_id, purpose=step)
    action = STEPS.get(step)
    try:
        if action is None:
            raise ApplicationError(_("Unknown action."))
        action(actor, plan, request)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Saved."))
    return redirect("reintegration:return", return_id=plan.pk)
