"""Home page per role, the case list with search and filters, the access log."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.selectors import members_visible_to
from opennrm.accounts.step_up import step_up_response
from opennrm.cases import exports as case_exports
from opennrm.cases import selectors
from opennrm.cases.deadlines import deadlines_for
from opennrm.cases.list_forms import CaseFilterForm, CaseSearchForm
from opennrm.cases.views.case import _actor, _require
from opennrm.cases.vocabularies import NRMStage
from opennrm.core import spreadsheets
from opennrm.core.pagination import CappedPaginator, list_queries
from opennrm.core.panels import home_panels
from opennrm.core.permissions import Permission
from opennrm.hotline.selectors import open_emergencies

SEARCH_SESSION_KEY = "opennrm_searches"
MAX_REMEMBERED_SEARCHES = 20


# Rows of each kind of work the home page shows; the full lists are a click away.
HOME_ROWS = 5


@member_required
def home(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    context: dict[str, Any] = {}
    if actor.can(Permission.VIEW_CASES):
        visible = selectors.cases_owned_by(actor)
        context["my_cases"] = selectors.case_list(
            actor=actor, filters=selectors.CaseFilters(mine_only=True)
        ).exclude(nrm_stage=NRMStage.CLOSED)[:10]
        if actor.can(Permission.RECORD_STATUS_DECISION):
            context["awaiting_decision"] = selectors.case_list(
                actor=actor, filters=selectors.CaseFilters(nrm_stage=NRMStage.IDENTIFICATION)
            )[:10]
        by_stage = dict(
            visible.values_list("nrm_stage").annotate(n=Count("id")).values_list("nrm_stage", "n")
        )
        context["stage_counts"] = [
            (stage, label, by_stage.get(stage, 0)) for stage, label in NRMStage.choices
        ]
        # The five most urgent of each kind, with how many there are; the rest on their page.
        context["deadlines"] = deadlines_for(actor=actor, limit=HOME_ROWS)
    context["emergencies"] = open_emergencies(actor=actor)
    context["panels"] = home_panels(actor)
    if actor.can(Permission.VIEW_ORGANISATION_ACCESS_LOG):
        context["recent_access"] = selectors.organisation_access_log(actor=actor)[:10]
    if actor.can(Permission.VIEW_MEMBERS):
        context["members"] = members_visible_to(actor)
    return render(request, "cases/home.html", context)


@member_required
def deadlines(request: HttpRequest) -> HttpResponse:
    """Every identification deadline of the organisation, most urgent first."""
    actor = _require(request, Permission.RECORD_STATUS_DECISION)
    return render(request, "cases/deadlines.html", {"deadlines": deadlines_for(actor=actor)})


def _remembered_search(request: HttpRequest, token: str) -> selectors.SearchKey | None:
    if not token:
        return None
    return selectors.SearchKey.from_dict(request.session.get(SEARCH_SESSION_KEY, {}).get(token))


@member_required
def case_list(request: HttpRequest) -> HttpResponse:
    actor = _require(request, Permission.VIEW_CASES)
    filter_form = CaseFilterForm(request.GET or None)
    filters = selectors.CaseFilters()
    token = ""
    if filter_form.is_valid():
        filters = filter_form.filters()
        token = filter_form.cleaned_data["s"]
    key = _remembered_search(request, token)
    cases = selectors.case_list(actor=actor, filters=filters, search=key)
    page = CappedPaginator(cases, settings.OPENNRM_CASES_PER_PAGE).get_page(request.GET.get("page"))
    query_string, sort_query = list_queries(request)
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page,
            "filter_form": filter_form,
            "search_form": CaseSearchForm(),
            "search_active": key is not None,
            "search_kind": key.kind if key else "",
            "query_string": query_string,
            "sort_query": sort_query,
            "current_sort": filters.sort,
        },
    )


@member_required
@require_POST
def case_search(request: HttpRequest) -> HttpResponse:
    """Keep the search term out of the URL (and so out of logs and history) and out of the
    session store: only its kind and keyed hash are remembered, under a random token."""
    _require(request, Permission.VIEW_CASES)
    form = CaseSearchForm(request.POST)
    if not form.is_valid():
        return redirect("cases:list")
    token = secrets.token_urlsafe(8)
    searches = dict(
        list(request.session.get(SEARCH_SESSION_KEY, {}).items())[-MAX_REMEMBERED_SEARCHES:]
    )
    searches[token] = selectors.search_key(form.cleaned_data["q"]).as_dict()
    request.session[SEARCH_SESSION_KEY] = searches
    return redirect(f"{reverse('cases:list')}?s={token}")


@member_required
def access_log(request: HttpRequest) -> HttpResponse:
    actor = _require(request, Permission.VIEW_ORGANISATION_ACCESS_LOG)
    events = selectors.organisation_access_log(actor=actor)
    page = CappedPaginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "cases/access_log.html", {"page": page})


@member_required
def case_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered (and searched) case list as CSV or XLSX."""
    actor = _require(request, Permission.VIEW_CASES)
    form = CaseFilterForm(request.GET or None)
    identifying = request.GET.get("identifying") == "1"
    if (
        identifying
        and actor.can(Permission.EXPORT_IDENTIFYING_DATA)
        and (confirm := step_up_response(request)) is not None
    ):
        return confirm

    def lines() -> list[list[spreadsheets.Cell]]:
        filters, token = selectors.CaseFilters(), ""
        if form.is_bound:
            filters, token = form.filters(), form.cleaned_data["s"]
        return case_exports.case_export(
            actor=actor,
            filters=filters,
            search=_remembered_search(request, token),
            identifying=request.GET.get("identifying") == "1",
            fmt=fmt,
        )

    return spreadsheets.list_export(fmt, lines, name="cases", title=_("Cases"), form=form)
