"""Evaluation of the identification guide's decision rules, which are data on each set.

A dimension is present when the indicators found in it reach any one of the set's minimum
counts ("at least" each number). The person is a presumed victim when, in every group of the
victim rule, at least one dimension is present. The result is indicative only: the decision
belongs to the competent authority."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from opennrm.core.errors import ApplicationError
from opennrm.screening.models import Indicator, IndicatorSet

DIMENSIONS = range(1, 7)


@dataclass(frozen=True)
class Evaluation:
    dimensions: dict[int, bool]
    fired: dict[int, list[str]] = field(default_factory=dict)
    presumed_victim: bool = False
    rule: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "dimensions": {str(n): self.dimensions[n] for n in DIMENSIONS},
            "presumed_victim": self.presumed_victim,
            "rule": self.rule,
        }


def indicator_key(dimension_number: int, code: str) -> str:
    """An indicator's id in screenings and contacts: "<dimension number>.<code>"."""
    return f"{dimension_number}.{code}"


def indicator_id(indicator: Indicator) -> str:
    return indicator_key(indicator.dimension.number, indicator.code)


def describe_victim_rule(indicator_set: IndicatorSet) -> str:
    groups = [
        "(" + " or ".join(f"D{n}" for n in group) + ")" if len(group) > 1 else f"D{group[0]}"
        for group in indicator_set.victim_rule
    ]
    return f"{indicator_set.population}: " + " and ".join(groups)


def explain_victim_rule(indicator_set: IndicatorSet) -> str:
    """The victim rule in the reader's language ("dimension 1 or dimension 2, and dimension
    3"); the stored result keeps the English formula of `describe_victim_rule` (CLI, API)."""
    groups = [
        _(" or ").join(_("dimension %(n)s") % {"n": n} for n in group)
        for group in indicator_set.victim_rule
    ]
    return _("Presumed victim when: %(rule)s") % {"rule": _(", and ").join(groups)}


def dimension_present(counts: Counter[str], conditions: list[dict[str, int]]) -> bool:
    return any(
        all(counts[strength] >= minimum for strength, minimum in condition.items())
        for condition in conditions
    )


def evaluate(indicator_set: IndicatorSet, indicator_ids: list[str]) -> Evaluation:
    known = {
        indicator_id(i): i
        for i in Indicator.objects.filter(dimension__indicator_set=indicator_set).select_related(
            "dimension"
        )
    }
    unknown = sorted(set(indicator_ids) - set(known))
    if unknown:
        raise ApplicationError(
            _("Unknown indicator(s) for this set: %(ids)s") % {"ids": ", ".join(unknown)},
            field="indicators",
        )
    counts: dict[int, Counter[str]] = {n: Counter() for n in DIMENSIONS}
    fired: dict[int, list[str]] = {n: [] for n in DIMENSIONS}
    for found in sorted(set(indicator_ids)):
        indicator = known[found]
        counts[indicator.dimension.number][indicator.strength] += 1
        fired[indicator.dimension.number].append(found)
    dimensions = {n: dimension_present(counts[n], indicator_set.dimension_rule) for n in DIMENSIONS}
    presumed = all(any(dimensions[n] for n in group) for group in indicator_set.victim_rule)
    return Evaluation(
        dimensions=dimensions,
        fired={n: ids for n, ids in fired.items() if dimensions[n]},
        presumed_victim=presumed,
        rule=describe_victim_rule(indicator_set),
    )
