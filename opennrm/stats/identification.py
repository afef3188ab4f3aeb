"""Identification figures: persons first in contact, presumed victims (positive preliminary
decisions), identified victims (positive final decisions), negative decisions, decisions on
time, recovery periods, hotline contacts and screenings. Each is the `Facts` of one figure
(what it counts) for `facts.tabulate`; the functions returning a `Breakdown` are the short form
for one dimension without columns.

A person counts once per figure and value of the breakdown (a case with two forms of
exploitation counts under each form, once)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date

from django.db.models import BooleanField, F, Q, QuerySet, Value, When
from django.db.models import Case as Choose

from opennrm.cases.models import Case, IdentificationDecision, RecoveryPeriod
from opennrm.cases.vocabularies import IdentificationOutcome, IdentificationStage
from opennrm.hotline.models import Contact
from opennrm.screening.models import Screening
from opennrm.stats.facts import TOTAL, UNKNOWN, Facts, Filters, Scope, tabulate

__all__ = ["BREAKDOWNS", "UNKNOWN", "Filters"]

BREAKDOWNS = (
    "total",
    "sex",
    "age_band",
    "child",
    "citizenship",
    "nationality",
    "form",
    "means_of_control",
    "region",
    "organisation_type",
)


@dataclass(frozen=True)
class Breakdown:
    """Persons counted by the values of one dimension."""

    dimension: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _breakdown(facts: Facts, filters: Filters, by: str) -> Breakdown:
    return Breakdown(dimension=by, counts=tabulate(facts, by, filters).by_row())


def _scope(scope: Scope | QuerySet[Case]) -> Scope:
    return scope if isinstance(scope, Scope) else Scope(cases=scope)


def _decisions(filters: Filters, scope: Scope) -> QuerySet[IdentificationDecision]:
    return IdentificationDecision.objects.filter(
        filters.within("decided_on"), filters.of_cases("case", scope)
    )


def first_contact_facts(filters: Filters, scope: Scope) -> Facts:
    cases = filters.cases(scope.cases).filter(filters.within("identified_on"))
    return Facts(rows=cases, entity="person_id", on="identified_on", case="")


def _decided(filters: Filters, scope: Scope, **condition: str) -> Facts:
    decided = _decisions(filters, scope).filter(**condition)
    return Facts(
        rows=decided,
        entity="case__person_id",
        on="decided_on",
        dimensions={"decision_stage": "stage"},
    )


def presumed_victim_facts(filters: Filters, scope: Scope) -> Facts:
    return _decided(
        filters,
        scope,
        stage=IdentificationStage.PRELIMINARY,
        outcome=IdentificationOutcome.POSITIVE,
    )


def identified_victim_facts(filters: Filters, scope: Scope) -> Facts:
    return _decided(
        filters, scope, stage=IdentificationStage.FINAL, outcome=IdentificationOutcome.POSITIVE
    )


def negative_decision_facts(filters: Filters, scope: Scope) -> Facts:
    return _decided(filters, scope, outcome=IdentificationOutcome.NEGATIVE)


def timeliness_facts(filters: Filters, scope: Scope) -> Facts:
    """Decisions taken in the period (each once), by their legal deadline or after it."""
    decided = (
        _decisions(filters, scope)
        .exclude(outcome="")
        .annotate(
            timeliness=Choose(
                When(decided_on__lte=F("due_on"), then=Value("on_time")), default=Value("late")
            )
        )
    )
    return Facts(
        rows=decided,
        entity="pk",
        on="decided_on",
        dimensions={
            "timeliness": "timeliness",
            "decision_stage": "stage",
            "decision_outcome": "outcome",
        },
    )


def recovery_period_facts(filters: Filters, scope: Scope) -> Facts:
    """Persons whose recovery and reflection period began in the period, extended or not."""
    periods = RecoveryPeriod.objects.filter(
        filters.within("starts_on"), filters.of_cases("case", scope)
    ).annotate(
        extended=Choose(
            When(~Q(ends_on=F("initially_ends_on")), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    return Facts(
        rows=periods,
        entity="case__person_id",
        on="starts_on",
        dimensions={"extended": "extended"},
    )


def contact_facts(filters: Filters, scope: Scope) -> Facts:
    """Contacts with the hotline (calls, messages, web reports, visits) begun in the period."""
    contacts = Contact.objects.filter(
        filters.within_datetime("started_at"),
        scope.records_of("organisation"),
        filters.organisation_records("organisation"),
    )
    if filters.regions:
        contacts = contacts.filter(region__in=filters.regions)
    if filters.provinces:
        contacts = contacts.filter(province__in=filters.provinces)
    return Facts(
        rows=contacts,
        entity="pk",
        on="started_at",
        case=None,
        dimensions={
            "channel": "channel",
            "caller_type": "caller_type",
            "contact_outcome": "outcome",
            "urgency": "urgency",
            "region": "region",
            "province": "province",
        },
    )


def screening_facts(filters: Filters, scope: Scope) -> Facts:
    """Persons screened with the identification guide (interviews completed in the period),
    by indicative result and by the guide's population (adult or child)."""
    screenings = Screening.objects.filter(
        filters.within_datetime("completed_at"),
        scope.records_of("organisation"),
        filters.organisation_records("organisation"),
    )
    if filters.regions:
        screenings = screenings.filter(person__cases__identification_region__in=filters.regions)
    if filters.provinces:
        screenings = screenings.filter(person__cases__identification_province__in=filters.provinces)
    return Facts(
        rows=screenings,
        entity="person_id",
        on="completed_at",
        case=None,
        dimensions={
            "result": "presumed_victim",
            "population": "indicator_set__population",
        },
        values={"result": lambda v: UNKNOWN if v is None else ("positive" if v else "negative")},
    )


def first_contacts(filters: Filters, scope: Scope | QuerySet[Case], by: str = TOTAL) -> Breakdown:
    """Persons whose first contact with the mechanism falls in the period."""
    return _breakdown(first_contact_facts(filters, _scope(scope)), filters, by)


def presumed_victims(filters: Filters, scope: Scope | QuerySet[Case], by: str = TOTAL) -> Breakdown:
    """Persons with a positive preliminary decision (reasonable grounds) in the period."""
    return _breakdown(presumed_victim_facts(filters, _scope(scope)), filters, by)


def identified_victims(
    filters: Filters, scope: Scope | QuerySet[Case], by: str = TOTAL
) -> Breakdown:
    """Persons with a positive final (conclusive) decision in the period."""
    return _breakdown(identified_victim_facts(filters, _scope(scope)), filters, by)


def negative_decisions(
    filters: Filters, scope: Scope | QuerySet[Case], by: str = TOTAL
) -> Breakdown:
    """Persons with a negative decision (preliminary or final) in the period."""
    return _breakdown(negative_decision_facts(filters, _scope(scope)), filters, by)


@dataclass(frozen=True)
class Timeliness:
    decisions: int
    on_time: int
    median_days: float | None

    @property
    def share_on_time(self) -> float | None:
        return self.on_time / self.decisions if self.decisions else None


def decisions_on_time(filters: Filters, scope: Scope | QuerySet[Case]) -> Timeliness:
    """Decisions taken in the period: how many by their legal deadline, and the median number
    of days from the request to the decision."""
    rows: list[tuple[date, date, date]] = [
        (requested, due, decided)
        for requested, due, decided in _decisions(filters, _scope(scope))
        .exclude(outcome="")
        .values_list("requested_on", "due_on", "decided_on")
        if decided is not None
    ]
    days = [(decided - requested).days for requested, _due, decided in rows]
    return Timeliness(
        decisions=len(rows),
        on_time=len([due for _requested, due, decided in rows if decided <= due]),
        median_days=float(statistics.median(days)) if days else None,
    )
