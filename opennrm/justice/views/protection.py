"""Hearings and protection measures, recorded from the proceeding's page by the authority in
charge; a protection measure asked for from the victim's case page by its owner; and the
revelation of a concealed identity."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.accounts.step_up import step_up_response
from opennrm.cases.selectors import access_case
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import StyledForm, add_application_error
from opennrm.core.ids import as_uuid
from opennrm.core.permissions import Permission
from opennrm.justice import selectors, services
from opennrm.justice.models import Hearing, Proceeding, ProtectionMeasure
from opennrm.justice.protection_forms import (
    CaseMeasureForm,
    DecideForm,
    HearingForm,
    HearingVictimForm,
    LiftForm,
    MeasureRequestForm,
    RescheduleForm,
    RevealForm,
)
from opennrm.justice.views.proceedings import detail_context


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    return actor


def _failed(
    request: HttpRequest, actor: Membership, proceeding: Proceeding, **forms: StyledForm
) -> HttpResponse:
    return render(
        request,
        "justice/proceeding_detail.html",
        detail_context(actor, proceeding, **forms),
        status=400,
    )


def _done(request: HttpRequest, proceeding: Proceeding) -> HttpResponse:
    messages.success(request, _("Recorded."))
    return redirect("justice:proceeding", proceeding_id=proceeding.pk)


@member_required
@require_POST
def hearing_new(request: HttpRequest, proceeding_id: str) -> HttpResponse:
    actor = _actor(request)
    proceeding = selectors.access_proceeding(
        actor=actor, proceeding_id=proceeding_id, purpose="record"
    )
    form = HearingForm(request.POST, proceeding=proceeding)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.hearing_schedule(
                actor=actor,
                proceeding=proceeding,
                scheduled_at=data["scheduled_at"],
                court=data["court"],
                purpose=data["purpose"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            return _done(request, proceeding)
    return _failed(request, actor, proceeding, hearing_form=form)


def _hearing(proceeding: Proceeding, hearing_id: str) -> Hearing:
    pk = as_uuid(hearing_id)
    hearing = proceeding.hearings.filter(pk=pk).first() if pk is not None else None
    if hearing is None:
        raise Http404
    return hearing


@member_required
@require_POST
def hearing_step(
    request: HttpRequest, proceeding_id: str, hearing_id: str, step: str
) -> HttpResponse:
    actor = _actor(request)
    proceeding = selectors.access_proceeding(
        actor=actor, proceeding_id=proceeding_id, purpose="record"
    )
    hearing = _hearing(proceeding, hearing_id)
    form: StyledForm
    if step == "cancel":
        try:
            services.hearing_reschedule(
                actor=actor, hearing=hearing, scheduled_at=None, cancel=True
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("justice:proceeding", proceeding_id=proceeding.pk)
    if step == "reschedule":
        form = RescheduleForm(request.POST)
        if form.is_valid():
            try:
                services.hearing_reschedule(
                    actor=actor, hearing=hearing, scheduled_at=form.cleaned_data["scheduled_at"]
                )
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                return _done(request, proceeding)
        return _failed(request, actor, proceeding, reschedule_form=form)
    if step == "victim":
        form = HearingVictimForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            entry = hearing.victims.filter(pk=data["entry"]).first()
            if entry is None:
                raise Http404
            try:
                services.hearing_victim_update(
                    actor=actor,
                    entry=entry,
                    attendance=data["attendance"],
                    interpreter_language=data["interpreter_language"],
                    legal_aid=data["legal_aid"],
                    testimony=data["testimony"],
                )
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                return _done(request, proceeding)
        return _failed(request, actor, proceeding, hearing_victim_form=form)
    raise Http404


@member_required
@require_POST
def measure_new(request: HttpRequest, proceeding_id: str) -> HttpResponse:
    actor = _actor(request)
    proceeding = selectors.access_proceeding(
        actor=actor, proceeding_id=proceeding_id, purpose="record"
    )
    victims = list(proceeding.cases.select_related("case__person"))
    form = MeasureRequestForm(request.POST, victims=[(v, "") for v in victims])
    if form.is_valid():
        data = form.cleaned_data
        victim = next(v for v in victims if str(v.pk) == data["victim"])
        try:
            services.measure_request(
                actor=actor,
                victim=victim,
                kind=data["kind"],
                requested_on=data["requested_on"],
                requested_by=data["requested_by"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            return _done(request, proceeding)
    return _failed(request, actor, proceeding, measure_form=form)


def _measure(proceeding: Proceeding, measure_id: str) -> ProtectionMeasure:
    pk = as_uuid(measure_id)
    measure = (
        proceeding.protection_measures.select_related("victim__case__person").filter(pk=pk).first()
        if pk is not None
        else None
    )
    if measure is None:
        raise Http404
    return measure


def _decide(grant: bool) -> Callable[..., HttpResponse]:
    def step(
        request: HttpRequest, actor: Membership, proceeding: Proceeding, measure: ProtectionMeasure
    ) -> HttpResponse:
        form = DecideForm(request.POST, proceeding=proceeding)
        if form.is_valid():
            version = request.POST.get("version", "")
            try:
                services.measure_decide(
                    actor=actor,
                    measure=measure,
                    grant=grant,
                    decided_on=form.cleaned_data["decided_on"],
                    authority=form.cleaned_data["authority"],
                    expected_version=int(version) if version.isdigit() else None,
                )
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                return _done(request, proceeding)
        return _failed(request, actor, proceeding, decide_form=form)

    return step


def _lift(
    request: HttpRequest, actor: Membership, proceeding: Proceeding, measure: ProtectionMeasure
) -> HttpResponse:
    form = LiftForm(request.POST)
    if form.is_valid():
        try:
            services.measure_lift(
                actor=actor, measure=measure, lifted_on=form.cleaned_data["lifted_on"]
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            return _done(request, proceeding)
    return _failed(request, actor, proceeding, lift_form=form)


def _reveal(
    request: HttpRequest, actor: Membership, proceeding: Proceeding, measure: ProtectionMeasure
) -> HttpResponse:
    if (confirm := step_up_response(request)) is not None:
        return confirm
    form = RevealForm(request.POST)
    if form.is_valid():
        try:
            services.identity_reveal(
                actor=actor, measure=measure, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            # Shown in this answer only: seeing it again is another revelation.
            person = measure.victim.case.person
            name = " · ".join(
                n for n in (person.display_name_latin, person.display_name_arabic) if n
            )
            return render(
                request,
                "justice/proceeding_detail.html",
                detail_context(actor, proceeding, revealed={measure.victim_id: name}),
            )
    return _failed(request, actor, proceeding, reveal_form=form)


MEASURE_STEPS: dict[str, Callable[..., HttpResponse]] = {
    "grant": _decide(grant=True),
    "refuse": _decide(grant=False),
    "lift": _lift,
    "reveal": _reveal,
}


@member_required
@require_POST
def measure_step(
    request: HttpRequest, proceeding_id: str, measure_id: str, step: str
) -> HttpResponse:
    actor = _actor(request)
    if step not in MEASURE_STEPS:
        raise Http404
    reveal = step == "reveal"
    # Recording needs the authority in charge; revealing, a reader with the permission.
    proceeding = selectors.access_proceeding(
        actor=actor, proceeding_id=proceeding_id, purpose="view" if reveal else "record"
    )
    if reveal and not actor.can(Permission.REVEAL_PROTECTED_IDENTITY):
        raise Http404
    measure = _measure(proceeding, measure_id)
    return MEASURE_STEPS[step](request, actor, proceeding, measure)


@member_required
def case_measure(request: HttpRequest, case_id: str) -> HttpResponse:
    """The victim's case owner asks for a protection measure in one of the case's
    proceedings."""
    actor = _actor(request)
    if not actor.can(Permission.EDIT_CASE):
        raise PermissionDenied
    case = access_case(actor=actor, case_id=case_id, purpose="justice_protection")
    links = list(case.proceedings.select_related("proceeding"))
    if not links:
        raise Http404
    form = CaseMeasureForm(request.POST or None, links=links)
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        link = next(link for link in links if str(link.pk) == data["link"])
        try:
            services.measure_request(
                actor=actor,
                victim=link,
                kind=data["kind"],
                requested_on=data["requested_on"],
                requested_by=data["requested_by"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request, _("The request is recorded; the authority in charge decides.")
            )
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "justice/case_measure.html", {"form": form, "case": case})
