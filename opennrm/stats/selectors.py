"""What each reader may see of the figures.

- An organisation reads its own figures in full, for any period, filtered and broken down as
  it likes (`OWN`).
- The commission, its members and donors read national aggregates (`NATIONAL`), the public
  reads the public edition (`PUBLIC`): both for whole years, by one dimension, nationally or for
  one region, read from the figure's linked cubes (`linked.py`) so that no hidden count can be
  worked out from any other published table.
Every view of statistics by a member is audited (which figures, which filters)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.cases.selectors import cases_owned_by
from opennrm.core.audit import audit_record
from opennrm.core.permissions import Permission
from opennrm.stats import drill, linked
from opennrm.stats.catalogue import PROTECTION, Figure
from opennrm.stats.facts import MULTI_VALUED, TOTAL, Filters, Scope, tabulate
from opennrm.stats.labels import dimension_label, value_label
from opennrm.stats.models import ReportJob, ReportState
from opennrm.stats.protection import (
    CentreOccupancy,
    OccupancyGrid,
    occupancy_by_centre,
    occupancy_by_month,
)
from opennrm.stats.suppression import Cell, ProtectedTable, Rule, protect

NATIONAL = "national"
OWN = "own"
PUBLIC = "public"
REGION = "region"


def scopes_of(actor: Membership) -> list[str]:
    """The views of the figures the actor may choose, the first being the default."""
    scopes = []
    if actor.can(Permission.VIEW_NATIONAL_STATISTICS):
        scopes.append(NATIONAL)
    if actor.can(Permission.VIEW_CASES):
        scopes.append(OWN)
    return scopes


def reader(actor: Membership | None, scope: str) -> tuple[Scope, Rule]:
    """What the reader counts and under which rule (nothing when not allowed)."""
    if scope == PUBLIC:
        return Scope.everything(), Rule.public()
    if actor is not None and scope == NATIONAL and actor.can(Permission.VIEW_NATIONAL_STATISTICS):
        return Scope.everything(), Rule.national()
    if actor is not None and scope == OWN and actor.can(Permission.VIEW_CASES):
        return (
            Scope(cases=cases_owned_by(actor), organisations=(actor.organisation_id,)),
            Rule.own_organisation(),
        )
    return Scope(cases=Case.objects.none(), organisations=()), Rule.national()


@dataclass(frozen=True)
class View:
    """A figure for a period, broken down by `by` (rows), across months, quarters, years, a
    region or a second dimension (columns)."""

    filters: Filters
    by: str = TOTAL
    across: str | None = None


@dataclass(frozen=True)
class FigureTable:
    figure: Figure
    view: View
    table: ProtectedTable | None  # None: the figure cannot be shown this way
    rule: Rule
    row_values: list[str]
    column_values: list[str]
    why: str = ""  # why there is no table

    @property
    def key(self) -> str:
        return self.figure.key

    @property
    def title(self) -> str:
        return str(self.figure.title)

    @property
    def by_label(self) -> str:
        return dimension_label(self.view.by)

    @property
    def across_label(self) -> str:
        return dimension_label(self.view.across) if self.view.across else ""

    @property
    def hides(self) -> bool:
        return self.rule.min_cell > 1

    def lines(self) -> list[tuple[str, list[Cell], Cell, str]]:
        """Each row of the table with the address of the cases behind it ("" for none)."""
        if self.table is None:
            return []
        links = self.drill_downs() or [""] * len(self.table.rows)
        return [
            (label, cells, total, link)
            for (label, cells, total), link in zip(self.table.lines(), links, strict=True)
        ]

    def drill_downs(self) -> list[str]:
        """The address of the list behind each row ("" for none): drill.py."""
        return drill.links(self)


def restricted(rule: Rule) -> bool:
    return rule.min_cell > 1


def breakdowns_of(figure: Figure) -> list[str]:
    return list(figure.facts(Filters.year(2000), Scope.everything()).breakdowns())


def default_by(figure: Figure, rule: Rule, filters: Filters) -> str:
    """A region's national figures are totals; otherwise the figure's usual breakdown."""
    return TOTAL if restricted(rule) and filters.regions else figure.default_by


def acrosses_of(figure: Figure, rule: Rule) -> list[str]:
    """The columns a figure may have under the rule."""
    facts = figure.facts(Filters.year(2000), Scope.everything())
    if restricted(rule):
        return []
    timed = ["month", "quarter", "year"] if facts.on else []
    return timed + [d for d in facts.breakdowns() if d != TOTAL]


def _labels(dimension: str, values: list[str]) -> list[str]:
    return [value_label(dimension, v) for v in values]


def _full(figure: Figure, scope: Scope, rule: Rule, view: View) -> FigureTable:
    counts = tabulate(figure.facts(view.filters, scope), view.by, view.filters, view.across)
    rows = counts.rows
    table = protect(
        [counts.row(r) for r in rows],
        _labels(view.by, rows),
        _labels(view.across, counts.columns) if view.across else [str(figure.unit)],
        rule,
    )
    return FigureTable(figure, view, table, rule, rows, counts.columns)


def _cube(figure: Figure, year: int, rule: Rule, by: str) -> linked.Cube:
    """The figure nationally for the year by `by` (rows) and by the rule's split (columns),
    or by the split (rows) and region (columns) for `REGION`; one column, everybody, when the
    rule or the figure has no split. Cached for a while: it depends on the rule, not on the
    reader."""
    key = f"stats:cube:{figure.key}:{year}:{rule.min_cell}:{rule.rounding}:{rule.split}:{by}"
    cached: linked.Cube | None = cache.get(key)
    if cached is not None:
        return cached
    filters = Filters.year(year)
    facts = figure.facts(filters, Scope.everything())
    split = _split(figure, rule)
    if by == REGION:
        cube = linked.Cube.of(tabulate(facts, split or TOTAL, filters, REGION), True, turned=True)
    else:
        cube = linked.Cube.of(tabulate(facts, by, filters, split), by not in MULTI_VALUED)
    cache.set(key, cube, settings.OPENNRM_STATS_CACHE_SECONDS)
    return cube


def _split(figure: Figure, rule: Rule) -> str | None:
    """The dimension splitting the figure's cubes: the rule's, when the figure has it."""
    if rule.split and rule.split in breakdowns_of(figure):
        return rule.split
    return None


def _line(table: ProtectedTable, i: int | None, columns: list[str]) -> ProtectedTable:
    """Row `i` of a table (None: its totals row) as a table of one column, the columns of the
    table as its rows."""
    cells = table.column_totals if i is None else table.cells[i]
    total = table.total if i is None else table.row_totals[i]
    return ProtectedTable(
        rows=table.columns,
        columns=columns,
        cells=[[c] for c in cells],
        row_totals=list(cells),
        column_totals=[total],
        total=total,
    )


def _zero(rows: list[str], columns: list[str]) -> ProtectedTable:
    zero = Cell(count=0, hidden=False, text="0")
    return ProtectedTable(
        rows=rows,
        columns=columns,
        cells=[[zero] * len(columns) for _ in rows],
        row_totals=[zero] * len(rows),
        column_totals=[zero] * len(columns),
        total=zero,
    )


def _regional(
    figure: Figure, rule: Rule, view: View, by_region: ProtectedTable, regions: list[str]
) -> FigureTable:
    """The figure by region, or one region's total, from the regions' protected line."""
    if view.by == REGION:
        return FigureTable(figure, view, by_region, rule, regions, [TOTAL])
    unit = by_region.columns
    total = _labels(TOTAL, [TOTAL])
    region = view.filters.regions[0]
    if region not in regions:
        return FigureTable(figure, view, _zero(total, unit), rule, [TOTAL], [TOTAL])
    cell = by_region.cells[regions.index(region)][0]
    one = ProtectedTable(total, unit, [[cell]], [cell], [cell], cell)
    return FigureTable(figure, view, one, rule, [TOTAL], [TOTAL])


def _restricted(figure: Figure, rule: Rule, view: View) -> FigureTable:
    filters = view.filters
    year = filters.start.year
    if (
        filters.start != date(year, 1, 1)
        or filters.end != date(year, 12, 31)
        or filters.organisations
        or filters.provinces
        or len(filters.regions) > 1
        or len(filters.organisation_types) > 1
        or (filters.organisation_types and not rule.split)
        or view.across is not None
    ):
        raise ValueError(
            "national and public figures are for one year, nationally, by region or by type "
            "of organisation"
        )
    if filters.regions and view.by != TOTAL:
        raise ValueError("a region's national figures are totals, not broken down")
    breakdowns = breakdowns_of(figure)
    if view.by not in breakdowns:
        raise ValueError(f"unknown breakdown: {view.by}")
    split = _split(figure, rule)
    if filters.regions and REGION not in breakdowns:
        return FigureTable(figure, view, None, rule, [], [], str(_("Not counted by region.")))
    if filters.organisation_types and split is None:
        why = str(_("Not counted by type of organisation."))
        return FigureTable(figure, view, None, rule, [], [], why)
    unit = [str(figure.unit)]
    line = linked.line_hidden(_cube(figure, year, rule, TOTAL), rule)
    regional = bool(filters.regions) or view.by == REGION
    cube = _cube(figure, year, rule, REGION if regional else view.by)
    parts = cube.rows if regional else cube.columns
    part = filters.organisation_types[0] if filters.organisation_types else None
    index = parts.index(part) if part in parts else None
    if regional:
        table = linked.table(
            cube, rule, line, _labels(split or TOTAL, cube.rows), _labels(REGION, cube.columns)
        )
        by_region = _line(table, index, unit)  # the regions as rows
        if part is not None and index is None:
            by_region = _zero(by_region.rows, unit)
        return _regional(figure, rule, view, by_region, cube.columns)
    table = linked.table(
        cube, rule, line, _labels(view.by, cube.rows), _labels(split or TOTAL, cube.columns)
    )
    if part is not None and index is None:
        return FigureTable(figure, view, _zero(table.rows, unit), rule, cube.rows, [TOTAL])
    return FigureTable(
        figure, view, replace(table.column(index), columns=unit), rule, cube.rows, [TOTAL]
    )


def figure_table(figure: Figure, scope: Scope, rule: Rule, view: View) -> FigureTable:
    """One figure as the reader may see it (raises ValueError for a view the rule does not
    allow or a dimension the figure does not have)."""
    if restricted(rule):
        return _restricted(figure, rule, view)
    if not figure.own:
        raise ValueError(str(_("This figure is given nationally only.")))
    return _full(figure, scope, rule, view)


def audit_viewed(
    actor: Membership, *, scope: str, figures: list[str], view: View, action: str = "viewed"
) -> None:
    details: dict[str, Any] = {
        "scope": scope,
        "figures": figures,
        "by": view.by,
        "across": view.across or "",
        "start": view.filters.start.isoformat(),
        "end": view.filters.end.isoformat(),
        "regions": list(view.filters.regions),
        "organisation_types": list(view.filters.organisation_types),
    }
    audit_record(
        action=f"statistics.{action}",
        actor=actor,
        object_type="figures",
        object_id=figures[0] if len(figures) == 1 else f"{len(figures)} figures",
        details=details,
    )


def report_jobs_of(actor: Membership) -> QuerySet[ReportJob]:
    """The national reports the actor asked for, newest first (without their PDF)."""
    if not actor.can(Permission.VIEW_NATIONAL_STATISTICS):
        return ReportJob.objects.none()
    return ReportJob.objects.filter(requested_by=actor.user, organisation=actor.organisation).defer(
        "pdf"
    )


def access_report_job(actor: Membership, job_id: uuid.UUID) -> ReportJob:
    """One of the actor's own reports; anyone else's is not found."""
    job = report_jobs_of(actor).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


def report_for_download(actor: Membership, job_id: uuid.UUID) -> ReportJob | None:
    """One of the actor's reports with its PDF, the download audited; None while not ready."""
    job = access_report_job(actor, job_id)
    if job.state != ReportState.DONE:
        return None
    job = ReportJob.objects.get(pk=job.pk)  # with the PDF this time
    audit_record(
        action="statistics.report_downloaded", actor=actor, object_type="report", object_id=job.pk
    )
    return job


def occupancy_shown(
    actor: Membership, scope_name: str, chapter: str, filters: Filters
) -> tuple[list[CentreOccupancy], OccupancyGrid] | None:
    """Centre occupancy in the protection chapter, over the period and month by month: an
    organisation's own centres, or every centre for those who may know where the centres are
    (the coordinator); nobody else."""
    if chapter != PROTECTION:
        return None
    if scope_name == OWN and actor.can(Permission.VIEW_CASES):
        own = Scope(cases=Case.objects.none(), organisations=(actor.organisation_id,))
        return occupancy_by_centre(filters, own), occupancy_by_month(filters, own)
    if scope_name == NATIONAL and actor.can(Permission.VIEW_CENTRE_LOCATIONS):
        key = f"stats:occupancy:{filters.key()}"
        cached: tuple[list[CentreOccupancy], OccupancyGrid] | None = cache.get(key)
        if cached is None:
            everything = Scope.everything()
            cached = (
                occupancy_by_centre(filters, everything),
                occupancy_by_month(filters, everything),
            )
            cache.set(key, cached, settings.OPENNRM_STATS_CACHE_SECONDS)
        return cached
    return None
