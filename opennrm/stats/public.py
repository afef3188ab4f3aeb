"""The public statistics page (/statistics/, no login): the figures that may be published, for
a year, nationally or for one region, under the public rule (k = OPENNRM_PUBLIC_MIN_CELL,
counts rounded to OPENNRM_PUBLIC_ROUNDING, secondary suppression; see linked.py). Nothing
behind it names or counts anyone below the threshold. Rate limited per address like the other
anonymous pages."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language_bidi

from opennrm.core.ratelimit import over_limit
from opennrm.stats import catalogue, charts, exports, selectors
from opennrm.stats.forms import StatisticsFilterForm
from opennrm.stats.selectors import PUBLIC, View

PUBLIC_CHAPTERS = {k: v for k, v in catalogue.CHAPTERS.items() if catalogue.public_of(k)}


def _form(request: HttpRequest) -> StatisticsFilterForm:
    data = request.GET.copy()
    data.setdefault("year", str(timezone.localdate().year - 1))  # the last whole year
    data.setdefault("chapter", catalogue.IDENTIFICATION)
    data["scope"] = PUBLIC
    data["period"] = "year"
    form = StatisticsFilterForm(data, scopes=[PUBLIC])
    form.fields["chapter"].choices = list(PUBLIC_CHAPTERS.items())  # type: ignore[attr-defined]
    return form


def _tables(
    form: StatisticsFilterForm, figures: list[catalogue.Figure]
) -> list[selectors.FigureTable]:
    scope, rule = selectors.reader(None, PUBLIC)
    filters = form.filters()
    return [
        selectors.figure_table(
            figure, scope, rule, View(filters, by=selectors.default_by(figure, rule, filters))
        )
        for figure in figures
    ]


def _limited(request: HttpRequest) -> bool:
    return over_limit(request, "public-statistics", settings.OPENNRM_PUBLIC_STATISTICS_LIMIT)


def statistics(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    context: dict[str, object] = {"form": form, "figures": [], "chapters": PUBLIC_CHAPTERS}
    if _limited(request):
        return render(request, "stats/public.html", {**context, "limited": True}, status=429)
    if not form.is_valid():
        return render(request, "stats/public.html", context, status=400)
    chapter = form.cleaned_data["chapter"]
    tables = _tables(form, catalogue.public_of(chapter))
    rtl = get_language_bidi()
    context.update(
        figures=[(t, charts.svg(t, rtl=rtl)) for t in tables],
        chapter=chapter,
        rule=selectors.reader(None, PUBLIC)[1],
        query=request.GET.urlencode(),
    )
    return render(request, "stats/public.html", context)


def export_csv(request: HttpRequest, key: str) -> HttpResponse:
    figure = catalogue.BY_KEY.get(key)
    if figure is None or not figure.public:
        raise Http404
    form = _form(request)
    if _limited(request):
        return HttpResponse(status=429)
    if not form.is_valid():
        return render(request, "stats/public.html", {"form": form, "figures": []}, status=400)
    [table] = _tables(form, [figure])
    response = HttpResponse(exports.to_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{figure.key}-{table.view.filters.start.year}.csv"'
    )
    return response
