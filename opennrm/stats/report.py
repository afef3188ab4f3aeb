"""The national commission's annual report: every chapter's figures for a year, each with its
chart, its table and a sentence saying what it shows, a methodology and data-quality chapter,
rendered from HTML to an A4 PDF by WeasyPrint (Pango shapes Arabic), in French, Arabic or
English. The internal edition follows the national rule, the public edition the public rule
and its figures only (docs/statistics.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from opennrm.cases.models import Case
from opennrm.stats import catalogue, charts
from opennrm.stats.facts import TOTAL, Filters, Scope, tabulate, unknown_counts
from opennrm.stats.labels import dimension_label
from opennrm.stats.selectors import FigureTable, View, figure_table
from opennrm.stats.suppression import Cell, Rule
from opennrm.stats.voice import ServiceScores, feedback_scores

LANGUAGES = ("fr", "ar", "en")
EDITIONS = ("internal", "public")
FIRST_YEAR = 2016  # Law 27-14
QUALITY_FIELDS = ("sex", "age_band", "citizenship", "form", "region")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class ReportError(ValueError):
    """A report that cannot be made as asked (an unknown language, edition or year)."""


@dataclass(frozen=True)
class ReportFigure:
    table: FigureTable
    chart: str
    sentence: str


@dataclass(frozen=True)
class Chapter:
    key: str
    title: str
    figures: list[ReportFigure]
    feedback: list[ServiceScores] | None = None


@dataclass(frozen=True)
class PlanLine:
    title: str
    this_year: Cell
    last_year: Cell


@dataclass(frozen=True)
class PlanAxis:
    name: str
    lines: list[PlanLine]


@dataclass(frozen=True)
class QualityLine:
    field: str
    known: str  # the share of records where it is known, as the reader may see it


@dataclass(frozen=True)
class Report:
    year: int
    language: str
    edition: str
    rule: Rule
    chapters: list[Chapter]
    quality: list[QualityLine]
    records: Cell
    generated_at: datetime
    context: list[str] = field(default_factory=list)
    plan_name: str = ""
    plan: list[PlanAxis] = field(default_factory=list)
    empty: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def rtl(self) -> bool:
        return self.language == "ar"


def country_text() -> dict[str, Any]:
    """The country's context paragraphs and national plan (stats/data/report-<country>.json)."""
    country = settings.OPENNRM_DEPLOYMENT_COUNTRY
    path = Path(__file__).resolve().parent / "data" / f"report-{country}.json"
    if not path.exists():
        return {}
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _in(texts: dict[str, Any], language: str) -> Any:
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


def _plan(text: dict[str, Any], year: int, rule: Rule, language: str) -> list[PlanAxis]:
    """Each axis of the national plan with the totals of the figures that measure it, this
    year and last, under the edition's rule (a figure the edition does not publish is left
    out)."""
    axes = []
    scope = Scope.everything()
    for axis in text.get("plan", {}).get("axes", []):
        lines = []
        for key in axis.get("figures", []):
            figure = catalogue.BY_KEY.get(key)
            if figure is None or (rule.rounding > 1 and not figure.public):
                continue
            now = figure_table(figure, scope, rule, View(Filters.year(year))).table
            before = figure_table(figure, scope, rule, View(Filters.year(year - 1))).table
            if now is not None and before is not None:
                lines.append(PlanLine(str(figure.title), now.total, before.total))
        axes.append(PlanAxis(str(_in(axis.get("name", {}), language)), lines))
    return axes


def rule_of(edition: str) -> Rule:
    return Rule.public() if edition == "public" else Rule.national()


def check(year: int, language: str, edition: str) -> None:
    if language not in LANGUAGES:
        raise ReportError(f"unknown language {language!r}: choose one of {', '.join(LANGUAGES)}")
    if edition not in EDITIONS:
        raise ReportError(f"unknown edition {edition!r}: choose one of {', '.join(EDITIONS)}")
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise ReportError(f"no report for {year}: choose a year from {FIRST_YEAR} to {this_year}")


def digits(text: str, language: str) -> str:
    """Arabic-Indic digits in Arabic when the deployment asks for them
    (OPENNRM_ARABIC_DIGITS = "arabic-indic"; Morocco writes 0-9, the default)."""
    if language == "ar" and settings.OPENNRM_ARABIC_DIGITS == "arabic-indic":
        return text.translate(ARABIC_INDIC)
    return text


def sentence(figure: catalogue.Figure, now: Cell, before: Cell, year: int, rule: Rule) -> str:
    """What the figure says, in one sentence: this year, and against last year when both are
    published."""
    values: dict[str, object] = {"year": year, "previous": year - 1}
    if now.count is None:
        values["amount"] = catalogue.amount(figure, rule.min_cell)
        return _("In %(year)s: fewer than %(amount)s.") % values
    if now.count == 0:
        return _("In %(year)s: none.") % values
    values["amount"] = catalogue.amount(figure, now.count)
    if not before.count:
        return _("In %(year)s: %(amount)s.") % values
    change = round(100 * (now.count - before.count) / before.count)
    values.update(change=abs(change), before=number_format(before.count, force_grouping=True))
    if change > 0:
        return (
            _("In %(year)s: %(amount)s, %(change)s %% more than in %(previous)s (%(before)s).")
            % values
        )
    if change < 0:
        return (
            _("In %(year)s: %(amount)s, %(change)s %% fewer than in %(previous)s (%(before)s).")
            % values
        )
    return _("In %(year)s: %(amount)s, as many as in %(previous)s.") % values


def _figure(figure: catalogue.Figure, year: int, rule: Rule, rtl: bool) -> ReportFigure:
    scope = Scope.everything()
    now = figure_table(figure, scope, rule, View(Filters.year(year), by=figure.default_by))
    total_now = figure_table(figure, scope, rule, View(Filters.year(year)))
    total_before = figure_table(figure, scope, rule, View(Filters.year(year - 1)))
    zero = Cell(count=0, hidden=False, text="0")
    text = sentence(
        figure,
        total_now.table.total if total_now.table else zero,
        total_before.table.total if total_before.table else zero,
        year,
        rule,
    )
    return ReportFigure(table=now, chart=charts.png_data_uri(now, rtl=rtl), sentence=text)


def _quality(year: int, rule: Rule) -> tuple[Cell, list[QualityLine]]:
    """How complete the records of the persons first in contact in the year are, field by
    field: the share where the value is known (a share from fewer than k records is not
    given)."""
    filters = Filters.year(year)
    facts = catalogue.BY_KEY["first_contacts"].facts(filters, Scope(cases=Case.objects.all()))
    persons = tabulate(facts, TOTAL, filters).total
    records = (
        Cell(count=None, hidden=True, text=f"< {rule.min_cell}")
        if rule.is_small(persons)
        else Cell(count=rule.shown(persons), hidden=False, text=str(rule.shown(persons)))
    )
    lines = []
    unknowns = unknown_counts(facts, QUALITY_FIELDS)
    for name in QUALITY_FIELDS:
        unknown = unknowns[name]
        if persons < rule.min_cell:
            known = "—"
        else:
            share = 100 * (persons - unknown) / persons
            known = _("%(value)s %%") % {"value": number_format(round(share), 0)}
        lines.append(QualityLine(field=dimension_label(name), known=known))
    return records, lines


def build(
    year: int, language: str, edition: str, progress: Callable[[int], None] | None = None
) -> Report:
    """Gather the report's figures (raises ReportError for a language, edition or year it
    cannot make). `progress` is told the share done, in percent, after each chapter."""
    check(year, language, edition)
    rule = rule_of(edition)
    rtl = language == "ar"
    steps = len(catalogue.CHAPTERS) + 1
    with translation.override(language):
        chapters = []
        for done, (key, title) in enumerate(catalogue.CHAPTERS.items(), start=1):
            figures = [f for f in catalogue.of_chapter(key) if f.public or edition == "internal"]
            feedback = feedback_scores(Filters.year(year), rule) if key == catalogue.VOICE else None
            chapters.append(
                Chapter(key, str(title), [_figure(f, year, rule, rtl) for f in figures], feedback)
            )
            if progress is not None:
                progress(round(90 * done / steps))
        records, quality = _quality(year, rule)
        text = country_text()
        plan = _plan(text, year, rule, language)
        empty = all(
            ft.table.table is None or ft.table.table.total.count == 0
            for chapter in chapters
            for ft in chapter.figures
        )
    return Report(
        year=year,
        language=language,
        edition=edition,
        rule=rule,
        chapters=chapters,
        quality=quality,
        records=records,
        generated_at=timezone.localtime(),
        empty=empty,
        context=list(_in(text.get("context", {}), language) or []),
        plan_name=str(_in(text.get("plan", {}).get("name", {}), language)),
        plan=plan,
    )


def render_html(report: Report) -> str:
    with translation.override(report.language):
        return render_to_string("stats/report/report.html", {"report": report})


def render_pdf(report: Report) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, and every page of the application
    # loads this module's template filter; a machine without Pango still serves them.
    from weasyprint import HTML

    pdf: bytes = HTML(string=render_html(report)).write_pdf()
    return pdf
