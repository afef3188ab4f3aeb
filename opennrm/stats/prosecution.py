"""Prosecution figures (definitions in docs/justice.md, "Figures"), as `Facts` for the
statistics section: proceedings that entered an investigation or a prosecution, accused
persons charged and convicted, protection measures granted, non-punishment requests. Nationally
every proceeding counts; an organisation counts the proceedings its own cases are part of."""

from __future__ import annotations

from django.db.models import Case as Choose
from django.db.models import F, Q, QuerySet, Value, When

from opennrm.justice.figures import CONVICTED, SENTENCE_BANDS
from opennrm.justice.models import (
    Charge,
    Compensation,
    Judgment,
    JusticeStage,
    NonPunishment,
    Proceeding,
    ProceedingStageChange,
    ProtectionMeasure,
)
from opennrm.justice.vocabularies import MeasureState, StagePhase
from opennrm.stats.facts import Facts, Filters, Scope


def _proceedings(filters: Filters, scope: Scope) -> QuerySet[Proceeding]:
    proceedings = Proceeding.objects.all()
    if scope.organisations is not None:
        # An organisation's own: of its cases, or opened or handled by it (an authority).
        proceedings = proceedings.filter(
            Q(cases__case__in=scope.cases)
            | Q(opened_by_organisation__in=scope.organisations)
            | Q(authority__organisation__in=scope.organisations)
        ).distinct()
    if filters.regions or filters.provinces or filters.organisations or filters.organisation_types:
        cases = filters.cases(scope.cases.model.objects.all())
        proceedings = proceedings.filter(cases__case__in=cases)
    return proceedings


def _entered(phase: str, filters: Filters, scope: Scope) -> Facts:
    condition = Q(pk__in=[])
    for country, code in JusticeStage.objects.filter(phase=phase).values_list("country", "code"):
        condition |= Q(proceeding__country=country, to_stage=code)
    changes = ProceedingStageChange.objects.filter(
        condition,
        filters.within("on"),
        proceeding__in=_proceedings(filters, scope),
    )
    return Facts(
        rows=changes,
        entity="proceeding_id",
        on="on",
        case=None,
        dimensions={"justice_stage": "to_stage", "authority_kind": "authority__kind"},
    )


def investigation_facts(filters: Filters, scope: Scope) -> Facts:
    """Proceedings that entered an investigation stage in the period."""
    return _entered(StagePhase.INVESTIGATION, filters, scope)


def prosecution_facts(filters: Filters, scope: Scope) -> Facts:
    """Proceedings that entered a prosecution stage (trial) in the period."""
    return _entered(StagePhase.PROSECUTION, filters, scope)


def charged_facts(filters: Filters, scope: Scope) -> Facts:
    """Accused persons charged in the period, by sex and offence."""
    charges = Charge.objects.filter(
        filters.within("charged_on"), perpetrator__proceeding__in=_proceedings(filters, scope)
    )
    return Facts(
        rows=charges,
        entity="perpetrator_id",
        on="charged_on",
        case=None,
        dimensions={"accused_sex": "perpetrator__gender", "offence": "offence_id"},
    )


def convicted_facts(filters: Filters, scope: Scope) -> Facts:
    """Accused persons convicted (or convicted of a requalified offence) in the period, at any
    instance, by sex, instance and firm prison term."""
    judgments = Judgment.objects.filter(
        filters.within("decided_on"),
        outcome__in=CONVICTED,
        charge__perpetrator__proceeding__in=_proceedings(filters, scope),
    )
    return Facts(
        rows=judgments,
        entity="charge__perpetrator_id",
        on="decided_on",
        case=None,
        dimensions={
            "accused_sex": "charge__perpetrator__gender",
            "instance": "instance",
            "sentence": "prison_months",
        },
        values={"sentence": _sentence_band},
    )


def _sentence_band(months: int | None) -> str:
    if months is None:
        return ""
    for label, low, high in SENTENCE_BANDS:
        if months >= low and (high is None or months <= high):
            return label
    return ""


def protection_measure_facts(filters: Filters, scope: Scope) -> Facts:
    """Protection measures granted in the period (lifted since or not), by kind; the victim's
    own dimensions through the victim's case."""
    measures = ProtectionMeasure.objects.filter(
        filters.within("decided_on"),
        state__in=[MeasureState.GRANTED, MeasureState.LIFTED],
        proceeding__in=_proceedings(filters, scope),
    )
    return Facts(
        rows=measures,
        entity="pk",
        on="decided_on",
        case="victim__case",
        dimensions={"measure": "kind"},
    )


def non_punishment_facts(filters: Filters, scope: Scope) -> Facts:
    """Victims penalised for an act they were compelled to commit, whose non-punishment was
    requested in the period, by act, what happened and outcome."""
    requests = NonPunishment.objects.filter(
        filters.within("requested_on"), filters.of_cases("case", scope)
    )
    return Facts(
        rows=requests,
        entity="case__person_id",
        on="requested_on",
        dimensions={"act": "act", "penalty": "measure", "request_outcome": "outcome"},
    )


def compensation_facts(filters: Filters, scope: Scope) -> Facts:
    """Victims awarded compensation by a judgment given in the period, paid in full, in part
    or not yet (the victim's own dimensions through the victim's case)."""
    awards = Compensation.objects.filter(
        judgment__decided_on__gte=filters.start,
        judgment__decided_on__lte=filters.end,
        judgment__charge__perpetrator__proceeding__in=_proceedings(filters, scope),
    ).annotate(
        payment=Choose(
            When(paid__gte=F("awarded"), then=Value("paid")),
            When(paid__gt=0, then=Value("partly_paid")),
            default=Value("not_paid"),
        )
    )
    return Facts(
        rows=awards,
        entity="victim__case__person_id",
        on="judgment__decided_on",
        case="victim__case",
        dimensions={"payment": "payment"},
    )
