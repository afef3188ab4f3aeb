"""Criminal proceedings: the list, opening one, its page and its next stage; and, from a
victim's case page, linking the case to a proceeding."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
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
from opennrm.justice.models import Proceeding


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


def _detail_context(actor: Membership, proceeding: Proceeding) -> dict[str, object]:
    stages = selectors.stages_of(proceeding.country)
    history = [
        (change, stages[change.to_stage].label() if change.to_stage in stages else change.to_stage)
        for change in proceeding.stage_changes.select_related("authority", "recorded_for")
    ]
    recordable = selectors.can_record(actor, proceeding)
    next_stages = selectors.next_stages(proceeding) if recordable else []
    return {
        "proceeding": proceeding,
        "stage": stages[proceeding.stage].label()
        if proceeding.stage in stages
        else proceeding.stage,
        "history": history,
        "victims": selectors.victims_shown_to(actor, proceeding),
        "perpetrators": selectors.perpetrators_shown_to(actor, proceeding),
        "can_record": recordable,
        "sees_investigation": selectors.sees_investigation(actor),
        "move_form": MoveForm(proceeding=proceeding, stages=next_stages) if next_stages else None,
    }


@member_required
def proceeding_detail(request: HttpRequest, proceeding_id: str) -> HttpResponse:
    actor = _actor(request)
    proceeding = selectors.access_proceeding(actor=actor, proceeding_id=proceeding_id)
    return render(request, "justice/proceeding_detail.html", _detail_context(actor, proceeding))


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
    context = _detail_context(actor, proceeding)
    context["move_form"] = form
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
