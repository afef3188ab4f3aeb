"""Identification figures: persons first in contact, presumed victims (positive preliminary
decisions), identified victims (positive final decisions), negative decisions, and decisions on
time. Each figure is a selector over a `Filters` (period, region, organisations, organisation
types) and a scope (the cases one may count), broken down by one dimension, returned as counts
of persons ready for `suppression.protect`.

A person counts once per figure and value of the breakdown (a case with two forms of
exploitation counts under each form, once)."""

from __future__ import annotations

import statistics
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet

from opennrm.cases.ages import CHILD_BANDS
from opennrm.cases.models import Case, CaseExploitation, IdentificationDecision
from opennrm.cases.vocabularies import IdentificationOutcome, IdentificationStage

UNKNOWN = "unknown"
BREAKDOWNS = (
    "total",
    "sex",
    "age_band",
    "child",
    "citizenship",
    "nationality",
    "form",
    "region",
    "organisation_type",
)


@dataclass(frozen=True)
class Filters:
    start: date
    end: date  # inclusive
    regions: tuple[str, ...] = ()
    organisations: tuple[uuid.UUID, ...] = ()
    organisation_types: tuple[str, ...] = ()

    @classmethod
    def year(cls, year: int) -> Filters:
        return cls(start=date(year, 1, 1), end=date(year, 12, 31))

    def cases(self, scope: QuerySet[Case]) -> QuerySet[Case]:
        cases = scope
        if self.regions:
            cases = cases.filter(identification_region__in=self.regions)
        if self.organisations:
            cases = cases.filter(owner_organisation_id__in=self.organisations)
        if self.organisation_types:
            cases = cases.filter(owner_organisation__org_type__in=self.organisation_types)
        return cases


@dataclass(frozen=True)
class Breakdown:
    """Persons counted by the values of one dimension."""

    dimension: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# Dimensions read from one column of the case (or its person or owner).
COLUMNS = {
    "age_band": "age_band",
    "sex": "person__gender",
    "region": "identification_region",
    "organisation_type": "owner_organisation__org_type",
}


def _citizenship(citizenships: Iterable[str] | None, dimension: str) -> str:
    values = list(citizenships or [])
    if not values:
        return UNKNOWN
    # A national of the country with another citizenship counts as a national.
    home = settings.OPENNRM_DEPLOYMENT_COUNTRY
    if dimension == "nationality":
        return "national" if home in values else "foreign"
    return home if home in values else values[0]


def _pairs(dimension: str, ids: list[uuid.UUID]) -> set[tuple[uuid.UUID, str]]:
    """(person, value of the dimension) for the cases: a person counts once per value."""
    cases = Case.objects.filter(pk__in=ids)
    if dimension == "total":
        return {(p, "total") for p in cases.values_list("person_id", flat=True)}
    if dimension in COLUMNS:
        return {(p, v or UNKNOWN) for p, v in cases.values_list("person_id", COLUMNS[dimension])}
    if dimension == "child":
        return {
            (p, ("child" if band in CHILD_BANDS else "adult") if band else UNKNOWN)
            for p, band in cases.values_list("person_id", "age_band")
        }
    if dimension in {"citizenship", "nationality"}:
        return {
            (p, _citizenship(c, dimension))
            for p, c in cases.values_list("person_id", "person__citizenships")
        }
    if dimension == "form":
        pairs = set(
            CaseExploitation.objects.filter(case_id__in=ids).values_list(
                "case__person_id", "exploitation_type"
            )
        )
        with_form = {p for p, _form in pairs}
        return pairs | {
            (p, UNKNOWN) for p in cases.values_list("person_id", flat=True) if p not in with_form
        }
    raise ValueError(f"unknown breakdown: {dimension}")


def _by(dimension: str, case_ids: Iterable[uuid.UUID]) -> Breakdown:
    pairs = _pairs(dimension, list(set(case_ids)))
    return Breakdown(dimension=dimension, counts=dict(Counter(v for _p, v in pairs)))


def _decisions(filters: Filters, scope: QuerySet[Case]) -> QuerySet[IdentificationDecision]:
    return IdentificationDecision.objects.filter(
        case__in=filters.cases(scope),
        decided_on__gte=filters.start,
        decided_on__lte=filters.end,
    )


def first_contacts(filters: Filters, scope: QuerySet[Case], by: str = "total") -> Breakdown:
    """Persons whose first contact with the mechanism falls in the period."""
    cases = filters.cases(scope).filter(
        identified_on__gte=filters.start, identified_on__lte=filters.end
    )
    return _by(by, cases.values_list("pk", flat=True))


def presumed_victims(filters: Filters, scope: QuerySet[Case], by: str = "total") -> Breakdown:
    """Persons with a positive preliminary decision (reasonable grounds) in the period."""
    decided = _decisions(filters, scope).filter(
        stage=IdentificationStage.PRELIMINARY, outcome=IdentificationOutcome.POSITIVE
    )
    return _by(by, decided.values_list("case_id", flat=True))


def identified_victims(filters: Filters, scope: QuerySet[Case], by: str = "total") -> Breakdown:
    """Persons with a positive final (conclusive) decision in the period."""
    decided = _decisions(filters, scope).filter(
        stage=IdentificationStage.FINAL, outcome=IdentificationOutcome.POSITIVE
    )
    return _by(by, decided.values_list("case_id", flat=True))


def negative_decisions(filters: Filters, scope: QuerySet[Case], by: str = "total") -> Breakdown:
    """Persons with a negative decision (preliminary or final) in the period."""
    decided = _decisions(filters, scope).filter(outcome=IdentificationOutcome.NEGATIVE)
    return _by(by, decided.values_list("case_id", flat=True))


@dataclass(frozen=True)
class Timeliness:
    decisions: int
    on_time: int
    median_days: float | None

    @property
    def share_on_time(self) -> float | None:
        return self.on_time / self.decisions if self.decisions else None


def decisions_on_time(filters: Filters, scope: QuerySet[Case]) -> Timeliness:
    """Decisions taken in the period: how many by their legal deadline, and the median number
    of days from the request to the decision."""
    rows: list[tuple[date, date, date]] = [
        (requested, due, decided)
        for requested, due, decided in _decisions(filters, scope)
        .filter(~Q(outcome=""))
        .values_list("requested_on", "due_on", "decided_on")
        if decided is not None
    ]
    days = [(decided - requested).days for requested, _due, decided in rows]
    return Timeliness(
        decisions=len(rows),
        on_time=len([due for _requested, due, decided in rows if decided <= due]),
        median_days=float(statistics.median(days)) if days else None,
    )
