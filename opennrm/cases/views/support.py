"""A case's support plan and its actions."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.cases import selectors, services
from opennrm.cases.support_forms import SupportActionForm, SupportActionRecordForm, SupportPlanForm
from opennrm.cases.views.case import _actor, _require, _save_case_form
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission


@member_required
def support_plan_edit(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="support_plan")
    _require(request, Permission.EDIT_CASE)
    plan = selectors.support_plan_of(case)
    form = SupportPlanForm(
        request.POST or None, initial=SupportPlanForm.initial_plan(plan) if plan else {}
    )
    if plan is None:
        del form.fields["actual_end_on"]

    def save() -> object:
        if plan is None:
            return services.support_plan_create(actor=actor, case=case, details=form.details())
        return services.support_plan_update(
            actor=actor,
            plan=plan,
            details=form.details(),
            expected_version=form.cleaned_data["version"] or 0,
            actual_end_on=form.cleaned_data["actual_end_on"],
        )

    return _save_case_form(
        request,
        case=case,
        form=form,
        save=save,
        success=_("Support plan saved."),
        title=_("Support plan"),
    )


@member_required
def support_action_add(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="support_action")
    _require(request, Permission.EDIT_CASE)
    plan = selectors.support_plan_of(case)
    if plan is None:
        messages.error(request, _("Write the support plan first."))
        return redirect("cases:support_plan", case_id=case.pk)
    form = SupportActionForm(request.POST or None)
    return _save_case_form(
        request,
        case=case,
        form=form,
        save=lambda: services.support_action_add(
            actor=actor,
            plan=plan,
            support_type=form.cleaned_data["support_type"],
            description=form.cleaned_data["description"],
            delivery=form.cleaned_data["delivery"],
            due_on=form.cleaned_data["due_on"],
        ),
        success=_("Action added to the support plan."),
        title=_("Add an action to the support plan"),
    )


@member_required
@require_POST
def support_action_record(request: HttpRequest, case_id: str, action_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="support_action")
    _require(request, Permission.EDIT_CASE)
    action = selectors.access_support_action(case=case, action_id=action_id)
    form = SupportActionRecordForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Give the status and the date."))
        services.support_action_record(
            actor=actor,
            action=action,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["on"],
            note=form.cleaned_data["note"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Support plan updated."))
    return redirect("cases:detail", case_id=case.pk)
