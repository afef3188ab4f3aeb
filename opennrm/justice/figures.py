"""The justice figures of the national report: one selector per figure, over a period and a
scope (the proceedings and cases an organisation may count; everything by default). They
count persons and proceedings, never name anyone; small-cell suppression is applied where
figures are published (the statistics issue), not here.

Definitions (docs/justice.md, "Figures"):
- an investigation / a prosecution is a proceeding that entered a stage counted as such
  (`JusticeStage.phase`) during the period;
- a person prosecuted is an accused charged during the period;
- a person convicted / acquitted is an accused with a conviction (or requalification) /
  an acquittal and no conviction, decided during the period, at any instance;
- a proceeding has a child victim when a charge says so (aggravating circumstance) or a
  linked victim was under 18 when first trafficked."""

from __future__ import annotations

import statistics
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet

from opennrm.cases.models import Case, CaseExploitation
from opennrm.justice.models import (
    Charge,
    Compensation,
    Judgment,
    JusticeStage,
    NonPunishment,
    Participation,
    Perpetrator,
    Proceeding,
    ProceedingStageChange,
    ProtectionMeasure,
)
from opennrm.justice.vocabularies import (
    Aggravation,
    JudgmentOutcome,
    MeasureState,
    StagePhase,
)

CHILD_AGE = 18
CONVICTED = [JudgmentOutcome.CONVICTION, JudgmentOutcome.REQUALIFICATION]
# Firm prison terms, in months: (label, from, up to and including).
SENTENCE_BANDS = [
    ("0", 0, 0),
    ("1-11", 1, 11),
    ("12-59", 12, 59),
    ("60-119", 60, 119),
    ("120-239", 120, 239),
    ("240+", 240, None),
]


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    def lookup(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})


@dataclass(frozen=True)
class Scope:
    """What may be counted: all proceedings and cases, or those an organisation sees."""

    proceedings: QuerySet[Proceeding] | None = None
    cases: QuerySet[Case] | None = None

    def proceeding_set(self) -> QuerySet[Proceeding]:
        return self.proceedings if self.proceedings is not None else Proceeding.objects.all()

    def case_set(self) -> QuerySet[Case]:
        return self.cases if self.cases is not None else Case.objects.all()


EVERYTHING = Scope()


def _entered(phase: str, period: Period, scope: Scope) -> QuerySet[Proceeding]:
    stages = JusticeStage.objects.filter(phase=phase).values_list("country", "code")
    condition = Q(pk__in=[])
    for country, code in stages:
        condition |= Q(proceeding__country=country, to_stage=code)
    entered = ProceedingStageChange.objects.filter(condition, period.lookup("on"))
    return scope.proceeding_set().filter(pk__in=entered.values("proceeding_id"))


def investigations(period: Period, scope: Scope = EVERYTHING) -> int:
    return _entered(StagePhase.INVESTIGATION, period, scope).count()


def prosecutions(period: Period, scope: Scope = EVERYTHING) -> int:
    return _entered(StagePhase.PROSECUTION, period, scope).count()


def _accused(scope: Scope) -> QuerySet[Perpetrator]:
    return Perpetrator.objects.filter(proceeding__in=scope.proceeding_set())


def persons_prosecuted(period: Period, scope: Scope = EVERYTHING) -> QuerySet[Perpetrator]:
    charged = Charge.objects.filter(period.lookup("charged_on")).values("perpetrator_id")
    return _accused(scope).filter(pk__in=charged)


def persons_convicted(period: Period, scope: Scope = EVERYTHING) -> QuerySet[Perpetrator]:
    convicted = Judgment.objects.filter(period.lookup("decided_on"), outcome__in=CONVICTED)
    return _accused(scope).filter(pk__in=convicted.values("charge__perpetrator_id"))


def persons_acquitted(period: Period, scope: Scope = EVERYTHING) -> QuerySet[Perpetrator]:
    acquitted = Judgment.objects.filter(
        period.lookup("decided_on"), outcome=JudgmentOutcome.ACQUITTAL
    )
    return (
        _accused(scope)
        .filter(pk__in=acquitted.values("charge__perpetrator_id"))
        .exclude(pk__in=persons_convicted(period, scope).values("pk"))
    )


def _child_proceedings(proceeding_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    ids = list(proceeding_ids)
    by_charge = Charge.objects.filter(perpetrator__proceeding_id__in=ids).values_list(
        "perpetrator__proceeding_id", "aggravations"
    )
    children = {pid for pid, aggravations in by_charge if Aggravation.CHILD_VICTIM in aggravations}
    children |= set(
        Proceeding.objects.filter(
            pk__in=ids, cases__case__age_when_trafficked__lt=CHILD_AGE
        ).values_list("pk", flat=True)
    )
    return children


def breakdown(persons: QuerySet[Perpetrator], by: str) -> dict[str, int]:
    """Accused counted by `sex`, `citizenship` (first country, or "unknown"), `child`
    (a child victim in the proceeding, or not) or `form` (each form of exploitation of the
    proceeding's victims; a person counts once per form)."""
    rows = list(persons.values_list("pk", "proceeding_id", "gender", "citizenships"))
    counts: Counter[str] = Counter()
    if by == "sex":
        counts.update(gender for _pk, _pid, gender, _c in rows)
    elif by == "citizenship":
        counts.update((c[0] if c else "unknown") for _pk, _pid, _g, c in rows)
    elif by == "child":
        children = _child_proceedings({pid for _pk, pid, _g, _c in rows})
        counts.update("child" if pid in children else "adult" for _pk, pid, _g, _c in rows)
    elif by == "form":
        forms: dict[uuid.UUID, set[str]] = {}
        for pid, form in CaseExploitation.objects.filter(
            case__proceedings__proceeding_id__in={pid for _pk, pid, _g, _c in rows}
        ).values_list("case__proceedings__proceeding_id", "exploitation_type"):
            forms.setdefault(pid, set()).add(form)
        for _pk, pid, _g, _c in rows:
            counts.update(forms.get(pid) or {"unknown"})
    else:
        raise ValueError(by)
    return dict(counts)


def median_days_to_first_judgment(period: Period, scope: Scope = EVERYTHING) -> float | None:
    """Median days from the complaint to the first judgment at first instance, for the
    proceedings whose first such judgment falls in the period."""
    first: dict[uuid.UUID, date] = {}
    for pid, decided in (
        Judgment.objects.filter(
            instance="FirstInstance", charge__perpetrator__proceeding__in=scope.proceeding_set()
        )
        .order_by("decided_on")
        .values_list("charge__perpetrator__proceeding_id", "decided_on")
    ):
        first.setdefault(pid, decided)
    opened = dict(Proceeding.objects.filter(pk__in=first).values_list("pk", "opened_on"))
    days = [
        (decided - opened[pid]).days
        for pid, decided in first.items()
        if period.start <= decided <= period.end
    ]
    return float(statistics.median(days)) if days else None


def sentences(period: Period, scope: Scope = EVERYTHING) -> dict[str, int]:
    """Convicted persons by the longest firm prison term decided in the period."""
    longest: dict[uuid.UUID, int] = {}
    for pid, months in Judgment.objects.filter(
        period.lookup("decided_on"),
        outcome__in=CONVICTED,
        charge__perpetrator__in=_accused(scope),
    ).values_list("charge__perpetrator_id", "prison_months"):
        longest[pid] = max(longest.get(pid, 0), months)
    bands = dict.fromkeys((band for band, _low, _high in SENTENCE_BANDS), 0)
    for months in longest.values():
        for band, low, high in SENTENCE_BANDS:
            if months >= low and (high is None or months <= high):
                bands[band] += 1
                break
    return bands


@dataclass(frozen=True)
class CompensationFigures:
    victims_awarded: int
    awarded: Decimal
    victims_paid: int
    paid: Decimal


def compensation(period: Period, scope: Scope = EVERYTHING) -> CompensationFigures:
    """Compensation in the judgments of the period that still stand (the latest judgment on
    each charge), and what has been paid of it."""
    judgments = Judgment.objects.filter(
        charge__perpetrator__proceeding__in=scope.proceeding_set()
    ).order_by("decided_on", "created_at")
    standing: dict[uuid.UUID, Judgment] = {}
    for judgment in judgments:
        standing[judgment.charge_id] = judgment
    in_period = [j.pk for j in standing.values() if period.start <= j.decided_on <= period.end]
    rows = list(
        Compensation.objects.filter(judgment_id__in=in_period).values_list(
            "victim_id", "awarded", "paid"
        )
    )
    return CompensationFigures(
        victims_awarded=len({v for v, _a, _p in rows}),
        awarded=sum((a for _v, a, _p in rows), Decimal(0)),
        victims_paid=len({v for v, _a, p in rows if p > 0}),
        paid=sum((p for _v, _a, p in rows), Decimal(0)),
    )


def protection_granted(period: Period, scope: Scope = EVERYTHING) -> dict[str, int]:
    """Protection measures granted during the period (lifted since or not), by kind."""
    granted = ProtectionMeasure.objects.filter(
        period.lookup("decided_on"),
        state__in=[MeasureState.GRANTED, MeasureState.LIFTED],
        proceeding__in=scope.proceeding_set(),
    )
    return dict(Counter(granted.values_list("kind", flat=True)))


def non_punishment(period: Period, scope: Scope = EVERYTHING) -> dict[str, int]:
    """Requests to apply the non-punishment provision made during the period, by outcome."""
    requests = NonPunishment.objects.filter(
        period.lookup("requested_on"), case__in=scope.case_set()
    )
    return dict(Counter(requests.values_list("outcome", flat=True)))


@dataclass(frozen=True)
class ParticipationFigures:
    informed_of_rights: int
    heard: int
    informed_of_judgment: int


def participation(period: Period, scope: Scope = EVERYTHING) -> ParticipationFigures:
    """Victims (one per proceeding) informed of their rights, heard, told of the judgment
    during the period."""
    records = Participation.objects.filter(link__proceeding__in=scope.proceeding_set())
    return ParticipationFigures(
        informed_of_rights=records.filter(period.lookup("rights_informed_on")).count(),
        heard=records.filter(period.lookup("heard_on")).count(),
        informed_of_judgment=records.filter(period.lookup("judgment_informed_on")).count(),
    )
