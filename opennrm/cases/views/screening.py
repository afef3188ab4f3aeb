"""The screening interview, reached from a case: one dimension per step, skippable, resumable,
ending on the indicative result and the next steps it proposes."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opennrm.accounts.decorators import member_required
from opennrm.cases import selectors
from opennrm.cases.views.case import _actor, _require
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.screening import services
from opennrm.screening.models import IndicatorSet
from opennrm.screening.rules import DIMENSIONS, explain_victim_rule, indicator_id


@member_required
def screening_start(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="start_screening")
    _require(request, Permission.RUN_SCREENING)
    sets = IndicatorSet.objects.filter(is_active=True).order_by("population", "exploitation")
    if request.method == "POST":
        chosen = selectors.active_indicator_set(request.POST.get("indicator_set"))
        if chosen is None:
            messages.error(request, _("Choose an indicator set."))
        else:
            try:
                screening = services.screening_start(
                    actor=actor, person=case.person, indicator_set=chosen
                )
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                return redirect("cases:screening_step", case_id=case.pk, screening_id=screening.pk)
    proposed = selectors.proposed_indicator_set(case=case)
    return render(
        request,
        "cases/screening_start.html",
        {"case": case, "sets": sets, "proposed": proposed},
    )


@member_required
def screening_step(request: HttpRequest, case_id: str, screening_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="screening")
    _require(request, Permission.RUN_SCREENING)
    screening = selectors.access_screening(case=case, screening_id=screening_id)
    if screening.is_complete:
        return redirect("cases:screening_result", case_id=case.pk, screening_id=screening.pk)
    try:
        number = int(request.POST.get("dimension") or request.GET.get("dimension") or 0)
    except ValueError:
        number = 0
    number = number if number in DIMENSIONS else screening.current_dimension
    if request.method == "POST":
        action = request.POST.get("action", "next")
        try:
            if action == "finish":
                services.screening_complete(actor=actor, screening=screening)
                return redirect(
                    "cases:screening_result", case_id=case.pk, screening_id=screening.pk
                )
            services.screening_answer(
                actor=actor,
                screening=screening,
                dimension=number,
                indicator_ids=request.POST.getlist("indicators"),
                skipped=action == "skip",
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("cases:screening_step", case_id=case.pk, screening_id=screening.pk)
    dimension = screening.indicator_set.dimensions.get(number=number)
    found = {indicator_id(i) for i in screening.indicators_found.select_related("dimension")}
    done = set(screening.answered_dimensions) | set(screening.skipped_dimensions)
    return render(
        request,
        "cases/screening_step.html",
        {
            "case": case,
            "screening": screening,
            "dimension": dimension,
            "indicators": [
                (f"{number}.{i.code}", i) for i in dimension.indicators.order_by("position")
            ],
            "found": found,
            "steps": [
                (n, n in screening.answered_dimensions, n in screening.skipped_dimensions)
                for n in DIMENSIONS
            ],
            "all_done": done >= set(DIMENSIONS),
        },
    )


@member_required
def screening_result(request: HttpRequest, case_id: str, screening_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="screening_result")
    screening = selectors.access_screening(case=case, screening_id=screening_id)
    if not screening.is_complete:
        return redirect("cases:screening_step", case_id=case.pk, screening_id=screening.pk)
    dimensions = screening.indicator_set.dimensions.prefetch_related("indicators")
    # Every indicator ticked is shown, also in a dimension the rule judged absent: the case
    # worker sees what was found, not only what counted.
    found = set(screening.indicators_found.values_list("pk", flat=True))
    rows = []
    for dimension in dimensions:
        rows.append(
            (
                dimension,
                screening.result["dimensions"][str(dimension.number)],
                [i for i in dimension.indicators.all() if i.pk in found],
                dimension.number in screening.skipped_dimensions,
            )
        )
    pending_preliminary = case.identification_decisions.filter(
        stage="Preliminary", state="Requested"
    ).exists()
    return render(
        request,
        "cases/screening_result.html",
        {
            "case": case,
            "screening": screening,
            "rows": rows,
            "pending_preliminary": pending_preliminary,
            "rule": explain_victim_rule(screening.indicator_set),
        },
    )
