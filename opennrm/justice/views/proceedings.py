"""Criminal proceedings: the list, opening one, its page and its next stage; and, from a
victim's case page, linking the case to a proceeding."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.cases.selectors import access_case
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.ids import as_uuid
from opennrm.core.permissions import Permission
from opennrm.justice import selectors, services
from opennrm.justice.forms import LinkForm, MoveForm, ProceedingOpenForm
from opennrm.justice.hearings import pseudonyms, victim_label
from opennrm.justice.models import Proceeding
from opennrm.justice.protection_forms import (
    DecideForm,
    HearingForm,
    HearingVictimForm,
    LiftForm,
    MeasureRequestForm,
    RescheduleForm,
    RevealForm,
)
from opennrm.justice.vocabularies import MeasureKind, MeasureState


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    return actor


@member_required
def proceeding_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not (
        actor.can(Permission.VIEW_PROCEEDINGS) or actor.can(Permission.VIEW_CLIENT_PROCEEDINGS)
    ):
        raise PermissionDenied
    proceedings = list(
        selectors.proceedings_visible_to(actor)
        .select_related("authority")
        .order_by("-opened_on")[:200]
    )
    labels = {country: selectors.stages_of(country) for country in {p.country for p in proceedings}}
    rows = [
        (p, labels[p.country][p.stage].label() if p.stage in labels[p.country] else p.stage)
        for p in proceedings
    ]
    return render(
        request,
        "justice/proceeding_list.html",
        {
            "rows": rows,
            "can_see_figures": actor.can(Permission.VIEW_PROCEEDINGS),
            "can_open": actor.can(Permission.RECORD_PROCEEDINGS)
            and selectors.authorities_of(actor).exists(),
        },
    )


@member_required
def proceeding_new(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    authorities = selectors.authorities_of(actor)
    if not actor.can(Permission.RECORD_PROCEEDINGS) or not authorities.exists():
        raise PermissionDenied
    form = ProceedingOpenForm(request.POST or None, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        try:
            proceeding = services.proceeding_open(actor=actor, details=form.details())
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Proceeding opened."))
            return redirect("justice:proceeding", proceeding_id=proceeding.pk)
    return render(request, "justice/proceeding_new.html", {"form": form})


def detail_context(
    actor: Membership, proceeding: Proceeding, **overrides: object
) -> dict[str, object]:
    """Everything the proceeding page shows the actor; `overrides` replace a form with the
    bound one that failed, or add a revealed identity."""
    stages = selectors.stages_of(proceeding.country)
    history = [
        (change, stages[change.to_stage].label() if change.to_stage in stages else change.to_stage)
        for change in proceeding.stage_changes.select_related("authority", "recorded_for")
    ]
    recordable = selectors.can_record(actor, proceeding)
    next_stages = selectors.next_stages(proceeding) if recordable else []
    hidden = pseudonyms(proceeding)
    victims = list(selectors.victims_shown_to(actor, proceeding))
    names = {v.pk: victim_label(actor, v, hidden) for v in victims}
    concealment = {
        m.victim_id: m
        for m in proceeding.protection_measures.filter(
            kind=MeasureKind.IDENTITY_CONCEALMENT, state=MeasureState.GRANTED
        )
    }
    shown = set(names)
    context: dict[str, object] = {
        "proceeding": proceeding,
        "stage": stages[proceeding.stage].label()
        if proceeding.stage in stages
        else proceeding.stage,
        "history": history,
        "victims": [(v, names[v.pk], concealment.get(v.pk)) for v in victims],
        "perpetrators": selectors.perpetrators_shown_to(actor, proceeding),
        "hearings": [
            (h, [(e, names[e.victim_id]) for e in h.victims.all() if e.victim_id in shown])
            for h in proceeding.hearings.select_related("court").prefetch_related("victims")
        ],
        "measures": [
            (m, names[m.victim_id])
            for m in proceeding.protection_measures.select_related("decided_by")
            if m.victim_id in shown
        ],
        "pseudonymous": set(hidden) & shown if selectors.sees_investigation(actor) else set(),
        "can_record": recordable,
        "can_record_outcome": selectors.can_record_outcome(actor, proceeding),
        "can_reveal": actor.can(Permission.REVEAL_PROTECTED_IDENTITY),
        "sees_investigation": selectors.sees_investigation(actor),
        "now": timezone.now(),
        "move_form": MoveForm(proceeding=proceeding, stages=next_stages) if next_stages else None,
        "revealed": {},
    }
    if recordable:
        context.update(
            hearing_form=HearingForm(proceeding=proceeding),
            reschedule_form=RescheduleForm(),
            hearing_victim_form=HearingVictimForm(),
            measure_form=MeasureRequestForm(victims=[(v, names[v.pk]) for v in victims]),
            decide_form=DecideForm(proceeding=proceeding),
            lift_form=LiftForm(),
        )
    if context["can_reveal"]:
        context["reveal_form"] = RevealForm()
    context.update(overrides)
    return context


@member_required
def proceeding_detail(request: HttpRequest, proceeding_id: str) -> HttpResponse:
    actor = _actor(request)
    proceeding = selectors.access_proceeding(actor=actor, proceeding_id=proceeding_id)
    return render(request, "justice/proceeding_detail.html", detail_context(actor, proceeding))


@member_required
@require_POST
def proceeding_move(request: HttpRequest, proceeding_id: str) -> HttpResponse:
    actor = _actor(request)
    proceeding = selectors.access_proceeding(
        actor=actor, proceeding_id=proceeding_id, purpose="move"
    )
    form = MoveForm(request.POST, proceeding=proceeding, stages=selectors.next_stages(proceeding))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.proceeding_move(
                actor=actor,
                proceeding=proceeding,
                to_stage=data["to_stage"],
                on=data["on"],
                authority=data["authority"],
                note=data["note"],
                expected_version=data["version"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Stage recorded."))
            return redirect("justice:proceeding", proceeding_id=proceeding.pk)
    context = detail_context(actor, proceeding, move_form=form)
    return render(request, "justice/proceeding_detail.html", context, status=400)


@member_required
def case_link(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.EDIT_CASE):
        raise PermissionDenied
    case = access_case(actor=actor, case_id=case_id, purpose="justice_link")
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proceeding_link_case(actor=actor, case=case, details=form.details())
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("The case is linked to the proceeding."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "justice/case_link.html", {"form": form, "case": case})


@member_required
@require_POST
def case_unlink(request: HttpRequest, case_id: str, link_id: str) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.EDIT_CASE):
        raise PermissionDenied
    case = access_case(actor=actor, case_id=case_id, purpose="justice_link")
    pk = as_uuid(link_id)
    link = case.proceedings.filter(pk=pk).first() if pk is not None else None
    if link is None:
        raise Http404
    services.proceeding_unlink_case(actor=actor, link=link)
    messages.success(request, _("The link to the proceeding was removed."))
    return redirect("cases:detail", case_id=case.pk)
