"""The engine behind every figure: a figure says which records it counts (`Facts`), and
`tabulate` counts them, each unit once per cell, broken down by one dimension (rows) and,
optionally, over time (columns: months, quarters or years of the period).

Dimensions of the victim (sex, age band, citizenship, form of exploitation, means of control,
region, type of organisation) are read through the record's case, whatever the record is (a
case, a decision, a referral, a stay, a return); a figure adds its own (a contact's channel, a
referral's state). Every count is of distinct units (persons, contacts, referrals): a person
counts once per value of the breakdown and once per time column."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Case as Choose
from django.db.models import (
    CharField,
    Count,
    DateTimeField,
    F,
    JSONField,
    Model,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.utils import timezone

from opennrm.cases.ages import CHILD_BANDS
from opennrm.cases.models import Case

UNKNOWN = "unknown"
TOTAL = "total"

# Read through the record's case: dimension -> path from the case.
CASE_DIMENSIONS: dict[str, str] = {
    "sex": "person__gender",
    "age_band": "age_band",
    "child": "age_band",
    "citizenship": "person__citizenships",
    "nationality": "person__citizenships",
    "form": "exploitations__exploitation_type",
    "means_of_control": "methods_of_control",
    "region": "identification_region",
    "province": "identification_province",
    "organisation_type": "owner_organisation__org_type",
}
TIME_BUCKETS = ("month", "quarter", "year")
# Dimensions under which a unit may count more than once (a list of values).
MULTI_VALUED = frozenset({"form", "means_of_control", "service_type"})


@dataclass(frozen=True)
class Filters:
    """The period (inclusive) and the region, organisations and types of organisation."""

    start: date
    end: date  # inclusive
    regions: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    organisations: tuple[uuid.UUID, ...] = ()
    organisation_types: tuple[str, ...] = ()

    @classmethod
    def year(cls, year: int) -> Filters:
        return cls(start=date(year, 1, 1), end=date(year, 12, 31))

    def cases(self, scope: QuerySet[Case]) -> QuerySet[Case]:
        cases = scope
        if self.regions:
            cases = cases.filter(identification_region__in=self.regions)
        if self.provinces:
            cases = cases.filter(identification_province__in=self.provinces)
        if self.organisations:
            cases = cases.filter(owner_organisation_id__in=self.organisations)
        if self.organisation_types:
            cases = cases.filter(owner_organisation__org_type__in=self.organisation_types)
        return cases

    def of_cases(self, path: str, scope: Scope) -> Q:
        """Records whose case (at `path`) is one of the scope's and passes the filters; no
        condition at all for every case unfiltered (a join saved on national figures)."""
        if scope.all_cases and not (
            self.regions or self.provinces or self.organisations or self.organisation_types
        ):
            return Q()
        return Q(**{f"{path}__in": self.cases(scope.cases)})

    def within(self, field_name: str) -> Q:
        """Records whose date (or date and time, in local time) falls in the period."""
        return Q(**{f"{field_name}__gte": self.start, f"{field_name}__lte": self.end})

    def within_datetime(self, field_name: str) -> Q:
        start = timezone.make_aware(datetime.combine(self.start, datetime.min.time()))
        end = timezone.make_aware(
            datetime.combine(self.end + timedelta(days=1), datetime.min.time())
        )
        return Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})

    def organisation_records(self, field_name: str) -> Q:
        """Records of an organisation chosen by the filters (a contact's, a screening's)."""
        condition = Q()
        if self.organisations:
            condition &= Q(**{f"{field_name}__in": self.organisations})
        if self.organisation_types:
            condition &= Q(**{f"{field_name}__org_type__in": self.organisation_types})
        return condition

    def key(self) -> str:
        """The filters in a cache key."""
        parts = [
            self.start,
            self.end,
            *self.regions,
            *self.provinces,
            *self.organisations,
            *self.organisation_types,
        ]
        return ":".join(str(p) for p in parts)

    def buckets(self, over: str) -> list[str]:
        """The time columns of the period, in order."""
        seen: dict[str, None] = {}
        day = self.start
        while day <= self.end:
            seen[bucket(day, over)] = None
            day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
        return list(seen)


@dataclass(frozen=True)
class Scope:
    """What a reader may count: `cases` (an organisation's own, or all), and the organisations
    whose records without a case (hotline contacts, screenings, referrals sent or received)
    count: None for all of them (national aggregates)."""

    cases: QuerySet[Case]
    organisations: tuple[uuid.UUID, ...] | None = None
    all_cases: bool = False  # `cases` is every case: no condition on the case needed

    @classmethod
    def everything(cls) -> Scope:
        return cls(cases=Case.objects.all(), all_cases=True)

    def records_of(self, *field_names: str) -> Q:
        """Records of the scope's organisations through any of the fields."""
        if self.organisations is None:
            return Q()
        condition = Q(pk__in=[])
        for name in field_names:
            condition |= Q(**{f"{name}__in": self.organisations})
        return condition


def bucket(day: date, over: str) -> str:
    if over == "month":
        return f"{day.year}-{day.month:02d}"
    if over == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


@dataclass(frozen=True)
class Facts:
    """The records a figure counts.

    `entity`: path to what counts once (a person: "case__person_id"; a record: "pk");
    `on`: path to the date placing a record in time (None: the figure has no time columns);
    `case`: path from the record to its case ("" when the records are cases, None when they
    have no case: a hotline contact); `dimensions`: the figure's own dimensions, name -> path
    (a path may be an annotation of `rows`); `values`: how a raw value of one of them reads."""

    rows: QuerySet[Any]
    entity: str
    on: str | None = None
    case: str | None = "case"
    dimensions: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)

    def breakdowns(self) -> tuple[str, ...]:
        names = [TOTAL, *self.dimensions]
        if self.case is not None:
            names += [d for d in CASE_DIMENSIONS if d not in self.dimensions]
        return tuple(names)

    def path(self, dimension: str) -> str | None:
        if dimension == TOTAL:
            return None
        if dimension in self.dimensions:
            return self.dimensions[dimension]
        if self.case is not None and dimension in CASE_DIMENSIONS:
            prefix = f"{self.case}__" if self.case else ""
            return prefix + CASE_DIMENSIONS[dimension]
        raise ValueError(f"unknown breakdown: {dimension}")


def _citizenship(values: Iterable[str] | None, dimension: str) -> str:
    countries = list(values or [])
    if not countries:
        return UNKNOWN
    # A national of the country with another citizenship counts as a national.
    home = settings.OPENNRM_DEPLOYMENT_COUNTRY
    if dimension == "nationality":
        return "national" if home in countries else "foreign"
    return home if home in countries else countries[0]


def _readings(dimension: str, raw: Any, facts: Facts) -> list[str]:  # noqa: PLR0911
    """The breakdown values one raw value stands for (several for a list)."""
    if dimension == TOTAL:
        return [TOTAL]
    if dimension in facts.values:
        return [facts.values[dimension](raw) or UNKNOWN]
    if dimension == "child" and dimension not in facts.dimensions:
        return [("child" if raw in CHILD_BANDS else "adult") if raw else UNKNOWN]
    if dimension in {"citizenship", "nationality"} and dimension not in facts.dimensions:
        return [_citizenship(raw, dimension)]
    if isinstance(raw, list):
        return [str(v) for v in raw] if raw else [UNKNOWN]
    if isinstance(raw, bool):
        return ["yes" if raw else "no"]
    return [str(raw) if raw not in (None, "") else UNKNOWN]


def _day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


@dataclass(frozen=True)
class Counts:
    """Distinct units per (row value, column); a single column `TOTAL` without time."""

    dimension: str
    columns: list[str]
    cells: dict[tuple[str, str], int]

    @property
    def rows(self) -> list[str]:
        values = {row for row, _column in self.cells}
        return sorted(values, key=lambda v: (v == UNKNOWN, str(v)))

    def row(self, value: str) -> list[int]:
        return [self.cells.get((value, c), 0) for c in self.columns]

    def by_row(self) -> dict[str, int]:
        """Each row's sum over the columns."""
        return {r: sum(self.row(r)) for r in self.rows}

    @property
    def total(self) -> int:
        return sum(self.cells.values())


# Dimensions read in Python: lists (JSON) and values whose reading depends on more than the
# raw value; the others are counted in the database (COUNT DISTINCT ... GROUP BY).
PYTHON_DIMENSIONS = frozenset({"means_of_control", "service_type", "citizenship", "nationality"})
TRUNCATE = {"month": TruncMonth, "quarter": TruncQuarter, "year": TruncYear}


def _expression(facts: Facts, dimension: str) -> Any:
    """The dimension as an SQL expression, or None when it must be read in Python."""
    if dimension == TOTAL:
        return Value(TOTAL)
    if dimension in PYTHON_DIMENSIONS or dimension in facts.values:
        return None
    path = facts.path(dimension) or ""
    if dimension == "child" and dimension not in facts.dimensions:
        return Choose(
            When(**{f"{path}__in": sorted(CHILD_BANDS)}, then=Value("child")),
            When(**{path: ""}, then=Value(UNKNOWN)),
            default=Value("adult"),
        )
    return F(path)


def _is_datetime(model: type[Model], path: str) -> bool:
    """Whether the field at the end of a path (through relations) holds a date and time."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model  # type: ignore[assignment]
    return isinstance(model._meta.get_field(name), DateTimeField)


def _in_database(
    facts: Facts, by: str, filters: Filters, across: str | None
) -> dict[tuple[str, str], int] | None:
    """The cells counted by the database, or None when a dimension must be read in Python."""
    rows = _expression(facts, by)
    if rows is None:
        return None
    if across is None:
        columns: Any = Value(TOTAL)
    elif across in TIME_BUCKETS and facts.on is not None:
        truncate = TRUNCATE[across]
        if _is_datetime(facts.rows.model, facts.on):
            columns = truncate(facts.on, tzinfo=timezone.get_current_timezone())
        else:
            columns = truncate(facts.on)
    else:
        columns = _expression(facts, across)
        if columns is None:
            return None
    grouped = (
        facts.rows.order_by()
        .annotate(_row=rows, _column=columns)
        .values("_row", "_column")
        .annotate(_n=Count(facts.entity, distinct=True))
        .values_list("_row", "_column", "_n")
    )
    cells: Counter[tuple[str, str]] = Counter()
    for raw_row, raw_column, n in grouped:
        if not n:
            continue  # a total over nothing
        if across is None:
            column = TOTAL
        elif across in TIME_BUCKETS:
            column = bucket(_day(raw_column), across)
        else:
            column = _readings(across, raw_column, facts)[0]
        cells[(_readings(by, raw_row, facts)[0], column)] += n
    return dict(cells)


def tabulate(facts: Facts, by: str, filters: Filters, across: str | None = None) -> Counts:
    """Count the facts' units once per value of `by` (rows) and per column: the months,
    quarters or years of the period, or the values of a second dimension (`across`). Counted
    by the database where the dimensions allow, in Python otherwise (lists)."""
    path = facts.path(by)
    timed = across in TIME_BUCKETS
    if timed and facts.on is None:
        raise ValueError(f"no time columns for this figure: {across}")
    if across is not None and not timed:
        facts.path(across)  # an unknown dimension is refused here
    cells = _in_database(facts, by, filters, across)
    if cells is None:
        cells = _in_python(facts, by, path, across)
    if across is None:
        column_values = [TOTAL]
    elif timed:
        column_values = filters.buckets(across)
    else:
        column_values = sorted({c for _r, c in cells}, key=lambda v: (v == UNKNOWN, str(v)))
    return Counts(dimension=by, columns=column_values, cells=cells)


def _in_python(
    facts: Facts, by: str, path: str | None, across: str | None
) -> dict[tuple[str, str], int]:
    timed = across in TIME_BUCKETS
    fields = [facts.entity, path or facts.entity]
    if across is not None:
        fields.append(facts.on if timed else facts.path(across) or facts.entity)  # type: ignore[arg-type]
    seen: set[tuple[Any, str, str]] = set()
    records = facts.rows.order_by().values_list(*fields).distinct()
    for record in records.iterator(chunk_size=5000):
        entity = record[0]
        if across is None:
            columns = [TOTAL]
        elif timed:
            columns = [bucket(_day(record[2]), across)]
        else:
            columns = _readings(across, record[2], facts)
        for value in _readings(by, record[1], facts):
            for column in columns:
                seen.add((entity, value, column))
    return dict(Counter((value, column) for _entity, value, column in seen))


def _field(model: type[Model], path: str) -> Any:
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model  # type: ignore[assignment]
    return model._meta.get_field(name)


def _missing(facts: Facts, dimension: str) -> Q:
    """The records whose value of a (database) dimension is unknown, as the engine reads it."""
    path = facts.path(dimension) or ""
    field = _field(facts.rows.model, path)
    condition = Q(**{f"{path}__isnull": True})
    if isinstance(field, JSONField):
        condition |= Q(**{path: []})
    elif isinstance(field, CharField | TextField):
        condition |= Q(**{path: ""})
    return condition


def unknown_counts(facts: Facts, dimensions: Iterable[str]) -> dict[str, int]:
    """Units whose value of each dimension is unknown, all counted by one query (the
    dimensions read from a column or a JSON list, not through `values`)."""
    aggregates = {
        dimension: Count(facts.entity, distinct=True, filter=_missing(facts, dimension))
        for dimension in dimensions
    }
    return {k: int(v or 0) for k, v in facts.rows.order_by().aggregate(**aggregates).items()}
