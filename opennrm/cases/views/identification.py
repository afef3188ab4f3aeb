"""Identification decisions and recovery periods on the case page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.cases import selectors, services
from opennrm.cases.identification_forms import (
    IdentificationDecisionForm,
    IdentificationNotifyForm,
    RecoveryExtensionForm,
)
from opennrm.cases.views.case import _actor, _require, _save_case_form
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission


@member_required
@require_POST
def identification_request(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="request_identification")
    _require(request, Permission.RECORD_STATUS_DECISION)
    try:
        decision = services.identification_decision_request(
            actor=actor, case=case, stage=request.POST.get("stage", "")
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Decision requested; due on %(date)s.")
            % {"date": formats.date_format(decision.due_on, "DATE_FORMAT")},
        )
    return redirect("cases:detail", case_id=case.pk)


@member_required
def identification_decide(request: HttpRequest, case_id: str, decision_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="decide_identification")
    _require(request, Permission.RECORD_STATUS_DECISION)
    decision = selectors.access_identification_decision(case=case, decision_id=decision_id)
    form = IdentificationDecisionForm(
        request.POST or None, initial={"decided_on": timezone.localdate()}
    )
    return _save_case_form(
        request,
        case=case,
        form=form,
        save=lambda: services.identification_decision_record(
            actor=actor, decision=decision, **form.cleaned_data
        ),
        success=_("Decision recorded."),
        title=decision.get_stage_display(),
    )


@member_required
@require_POST
def identification_notify(request: HttpRequest, case_id: str, decision_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="notify_identification")
    _require(request, Permission.RECORD_STATUS_DECISION)
    decision = selectors.access_identification_decision(case=case, decision_id=decision_id)
    form = IdentificationNotifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date and who was notified."))
        return redirect("cases:detail", case_id=case.pk)
    try:
        services.identification_decision_notify(actor=actor, decision=decision, **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Notification recorded."))
    return redirect("cases:detail", case_id=case.pk)


@member_required
def recovery_extend(request: HttpRequest, case_id: str, period_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="extend_recovery_period")
    _require(request, Permission.RECORD_STATUS_DECISION)
    period = selectors.access_recovery_period(case=case, period_id=period_id)
    form = RecoveryExtensionForm(request.POST or None, initial={"ends_on": period.ends_on})
    return _save_case_form(
        request,
        case=case,
        form=form,
        save=lambda: services.recovery_period_extend(
            actor=actor, period=period, **form.cleaned_data
        ),
        success=_("Recovery period extended."),
        title=_("Extend the recovery and reflection period"),
    )
