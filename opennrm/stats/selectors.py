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
    """The figure nationally for the year, by one dimension (one column), or by region (one
    row). Cached for a while: it depends on the rule, not on the reader."""
    key = f"stats:cube:{figure.key}:{year}:{rule.min_cell}:{rule.rounding}:{by}"
    cached: linked.Cube | None = cache.get(key)
    if cached is not None:
        return cached
    filters = Filters.year(year)
    counts = tabulate(figure.facts(filters, Scope.everything()), by, filters)
    if by == REGION:
        # One row, the regions as columns: a region's own figure is its column.
        regions = counts.rows
        cube = linked.Cube(
            by=REGION,
            rows=[TOTAL],
            columns=regions,
            counts=[[counts.cells[(r, TOTAL)] for r in regions]],
            additive=True,
        )
    else:
        cube = linked.Cube.of(counts, [TOTAL], by not in MULTI_VALUED)
    cache.set(key, cube, settings.OPENNRM_STATS_CACHE_SECONDS)
    return cube


def _restricted(figure: Figure, rule: Rule, view: View) -> FigureTable:
    filters = view.filters
    year = filters.start.year
    if (
        filters.start != date(year, 1, 1)
        or filters.end != date(year, 12, 31)
        or filters.organisations
        or filters.organisation_types
        or filters.provinces
        or len(filters.regions) > 1
        or view.across is not None
    ):
        raise ValueError("national and public figures are for one year, nationally or by region")
    if filters.regions and view.by != TOTAL:
        raise ValueError("a region's national figures are totals, not broken down")
    breakdowns = figure.facts(filters, Scope.everything()).breakdowns()
    if view.by not in breakdowns:
        raise ValueError(f"unknown breakdown: {view.by}")
    if filters.regions and REGION not in breakdowns:
        return FigureTable(figure, view, None, rule, [], [])  # not counted by region
    by = REGION if filters.regions else view.by
    cube = _cube(figure, year, rule, by)
    columns = _labels(by, cube.columns) if by == REGION else [""]
    cubes = {by: cube}
    tables = linked.tables([cube], rule, {by: (_labels(by, cube.rows), columns)})
    unit = [str(figure.unit)]
    if filters.regions:
        region = filters.regions[0]
        by_region = tables[REGION]
        if region not in cubes[REGION].columns:
            zero = Cell(count=0, hidden=False, text="0")
            empty = ProtectedTable(
                rows=by_region.rows,
                columns=unit,
                cells=[[zero]],
                row_totals=[zero],
                column_totals=[zero],
                total=zero,
            )
            return FigureTable(figure, view, empty, rule, [TOTAL], [TOTAL])
        j = cubes[REGION].columns.index(region)
        table = replace(by_region.column(j), columns=unit)
        return FigureTable(figure, view, table, rule, [TOTAL], [TOTAL])
    if view.by == REGION:
        # The regions as rows.
        regions = tables[REGION]
        turned = ProtectedTable(
            rows=regions.columns,
            columns=unit,
            cells=[[c] for c in regions.cells[0]],
            row_totals=list(regions.cells[0]),
            column_totals=[regions.total],
            total=regions.total,
        )
        return FigureTable(figure, view, turned, rule, cubes[REGION].columns, [TOTAL])
    table = replace(tables[view.by], columns=unit)
    return FigureTable(figure, view, table, rule, cubes[view.by].rows, [TOTAL])


def figure_table(figure: Figure, scope: Scope, rule: Rule, view: View) -> FigureTable:
    """One figure as the reader may see it (raises ValueError for a view the rule does not
    allow or a dimension the figure does not have)."""
    if restricted(rule):
        return _restricted(figure, rule, view)
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
