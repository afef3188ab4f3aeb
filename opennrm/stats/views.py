"""The statistics section: a chapter's figures at a glance (a chart and its table each), one
figure explored (breakdown, columns) and exported (CSV, XLSX, SVG, PNG)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language_bidi

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.core.pagination import CappedPaginator
from opennrm.stats import catalogue, charts, exports, measures, selectors, voice
from opennrm.stats.behind import has_list, records_behind
from opennrm.stats.facts import TOTAL
from opennrm.stats.forms import FigureFilterForm, StatisticsFilterForm
from opennrm.stats.labels import dimension_label, value_label
from opennrm.stats.selectors import OWN, View

EXPORTS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "svg": "image/svg+xml",
    "png": "image/png",
}


def _scopes(request: HttpRequest) -> tuple[Membership, list[str]]:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    scopes = selectors.scopes_of(actor)
    if not scopes:
        raise PermissionDenied
    return actor, scopes


def _data(request: HttpRequest, scopes: list[str], **defaults: str) -> QueryDict:
    data = request.GET.copy()
    data.setdefault("scope", scopes[0])
    data.setdefault("period", "year")
    data.setdefault("year", str(timezone.localdate().year))
    for name, value in defaults.items():
        data.setdefault(name, value)
    return data


def _charted(tables: list[selectors.FigureTable]) -> list[tuple[selectors.FigureTable, str]]:
    rtl = get_language_bidi()
    return [(t, charts.svg(t, rtl=rtl)) for t in tables]


@member_required
def statistics(request: HttpRequest) -> HttpResponse:
    actor, scopes = _scopes(request)
    form = StatisticsFilterForm(
        _data(request, scopes, chapter=catalogue.IDENTIFICATION), scopes=scopes
    )
    context: dict[str, object] = {"form": form, "figures": [], "chapters": catalogue.CHAPTERS}
    if not form.is_valid():
        return render(request, "stats/statistics.html", context, status=400)
    scope_name, chapter = form.cleaned_data["scope"], form.cleaned_data["chapter"]
    scope, rule = selectors.reader(actor, scope_name)
    filters = form.filters()
    tables = [
        selectors.figure_table(
            figure, scope, rule, View(filters, by=selectors.default_by(figure, rule, filters))
        )
        for figure in catalogue.of_chapter(chapter)
        if figure.own or scope_name != OWN
    ]
    selectors.audit_viewed(
        actor,
        scope=scope_name,
        figures=[t.key for t in tables],
        view=View(filters),
    )
    context.update(
        figures=_charted(tables),
        chapter=chapter,
        measures=measures.chapter_measures(chapter, filters, scope, rule),
        feedback=voice.feedback_scores(filters, rule) if chapter == catalogue.VOICE else None,
        occupancy=selectors.occupancy_shown(actor, scope_name, chapter, filters),
        rule=rule,
        own=scope_name == OWN,
        query=request.GET.urlencode(),
    )
    return render(request, "stats/statistics.html", context)


def _figure_form(
    request: HttpRequest, key: str
) -> tuple[Membership, FigureFilterForm, catalogue.Figure]:
    actor, scopes = _scopes(request)
    figure = catalogue.BY_KEY.get(key)
    if figure is None:
        raise Http404
    data = _data(request, scopes)
    _scope, rule = selectors.reader(actor, str(data.get("scope")))
    if "by" not in data:
        data["by"] = TOTAL if rule.min_cell > 1 and data.get("region") else figure.default_by
    form = FigureFilterForm(
        data,
        scopes=scopes,
        breakdowns=selectors.breakdowns_of(figure),
        acrosses=selectors.acrosses_of(figure, rule),
    )
    return actor, form, figure


def _figure_table(
    actor: Membership, form: FigureFilterForm, figure: catalogue.Figure
) -> selectors.FigureTable | None:
    if not form.is_valid():
        return None
    scope, rule = selectors.reader(actor, form.cleaned_data["scope"])
    try:
        return selectors.figure_table(figure, scope, rule, form.view())
    except ValueError as error:
        form.add_error(None, str(error))
        return None


@member_required
def figure(request: HttpRequest, key: str) -> HttpResponse:
    actor, form, figure = _figure_form(request, key)
    table = _figure_table(actor, form, figure)
    context: dict[str, object] = {"form": form, "figure": figure, "table": table}
    if table is None:
        return render(request, "stats/figure.html", context, status=400)
    selectors.audit_viewed(
        actor, scope=form.cleaned_data["scope"], figures=[figure.key], view=table.view
    )
    context.update(
        chart=charts.svg(table, rtl=get_language_bidi()),
        region_map=charts.region_map(table),
        query=request.GET.urlencode(),
        exports=list(EXPORTS),
    )
    return render(request, "stats/figure.html", context)


@member_required
def export(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404
    actor, form, figure = _figure_form(request, key)
    table = _figure_table(actor, form, figure)
    if table is None:
        return render(request, "stats/figure.html", {"form": form, "figure": figure}, status=400)
    rtl = get_language_bidi()
    selectors.audit_viewed(
        actor,
        scope=form.cleaned_data["scope"],
        figures=[figure.key],
        view=table.view,
        action=f"exported.{fmt}",
    )
    body: str | bytes
    if fmt == "csv":
        body = exports.to_csv(table)
    elif fmt == "xlsx":
        body = exports.to_xlsx(table, rtl=rtl)
    elif fmt == "svg":
        body = charts.svg(table, rtl=rtl)
    else:
        body = charts.png(table, rtl=rtl)
    response = HttpResponse(body, content_type=EXPORTS[fmt])
    period = f"{table.view.filters.start:%Y%m%d}-{table.view.filters.end:%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{figure.key}-{period}.{fmt}"'
    return response


MAX_VALUE_LENGTH = 80


@member_required
def behind(request: HttpRequest, key: str) -> HttpResponse:
    """The records behind a row of an organisation's own table: its cases (or proceedings),
    read through the access selectors. National and public figures lead to no list."""
    actor, form, figure = _figure_form(request, key)
    value = request.GET.get("value", TOTAL)[:MAX_VALUE_LENGTH]
    context: dict[str, object] = {"form": form, "figure": figure}
    if not form.is_valid():
        return render(request, "stats/behind.html", context, status=400)
    if form.cleaned_data["scope"] != OWN or not has_list(figure):
        raise PermissionDenied
    view = form.view()
    found = records_behind(actor, figure, view, value)
    selectors.audit_viewed(
        actor, scope=OWN, figures=[figure.key], view=view, action="records_behind"
    )
    page = CappedPaginator(found.records, settings.OPENNRM_CASES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    context.update(
        found=found,
        page=page,
        value_label=value_label(view.by, value) if value != TOTAL else "",
        by_label=dimension_label(view.by),
        query=params.urlencode(),
    )
    return render(request, "stats/behind.html", context)
