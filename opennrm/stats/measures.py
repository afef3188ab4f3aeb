"""Rates, medians and percentiles shown beside the counts of a chapter: how fast decisions and
referrals are answered, how often, and how long stays last. Under the national and the public
rule a measure computed from fewer records than the rule's minimum is not shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from opennrm.stats import catalogue, identification, protection
from opennrm.stats.facts import Filters, Scope
from opennrm.stats.protection import Measure
from opennrm.stats.suppression import Rule

LABELS: dict[str, Any] = {
    "share_on_time": gettext_lazy("Identification decisions within the legal deadline"),
    "median_decision_days": gettext_lazy("Median days from the request to the decision"),
    "acceptance_rate": gettext_lazy("Referrals accepted, of those answered"),
    "median_response_hours": gettext_lazy("Median time to answer a referral (hours)"),
    "p90_response_hours": gettext_lazy("9 referrals in 10 answered within (hours)"),
    "expired_share": gettext_lazy("Referrals expired without an answer"),
    "delivered_share": gettext_lazy("Services delivered in full, of the outcomes recorded"),
    "average_stay_nights": gettext_lazy("Average stay in a reception centre (nights)"),
}
SHARES = {"share_on_time", "acceptance_rate", "expired_share", "delivered_share"}


@dataclass(frozen=True)
class Shown:
    key: str
    label: str
    text: str
    base: int
    hidden: bool


def _measures(chapter: str, filters: Filters, scope: Scope) -> list[Measure]:
    if chapter == catalogue.IDENTIFICATION:
        timeliness = identification.decisions_on_time(filters, scope)
        return [
            Measure("share_on_time", timeliness.share_on_time, timeliness.decisions),
            Measure("median_decision_days", timeliness.median_days, timeliness.decisions),
        ]
    if chapter == catalogue.PROTECTION:
        return [
            *protection.referral_measures(filters, scope),
            protection.average_stay_days(filters, scope),
        ]
    return []


def text(measure: Measure) -> str:
    if measure.value is None:
        return "—"
    if measure.key in SHARES:
        return _("%(value)s %%") % {"value": number_format(round(100 * measure.value), 0)}
    return str(number_format(round(measure.value, 1), 1))


def chapter_measures(chapter: str, filters: Filters, scope: Scope, rule: Rule) -> list[Shown]:
    if rule.min_cell > 1:
        # National and public measures do not depend on the reader: computed once a while.
        key = (
            f"stats:measures:{chapter}:{filters.key()}:{rule.min_cell}:{rule.rounding}:"
            f"{get_language()}"
        )
        cached: list[Shown] | None = cache.get(key)
        if cached is None:
            cached = _shown(chapter, filters, scope, rule)
            cache.set(key, cached, settings.OPENNRM_STATS_CACHE_SECONDS)
        return cached
    return _shown(chapter, filters, scope, rule)


def _shown(chapter: str, filters: Filters, scope: Scope, rule: Rule) -> list[Shown]:
    shown = []
    for measure in _measures(chapter, filters, scope):
        hidden = rule.min_cell > 1 and 0 < measure.base < rule.min_cell
        shown.append(
            Shown(
                key=measure.key,
                label=str(LABELS[measure.key]),
                text="—" if hidden else text(measure),
                base=measure.base,
                hidden=hidden,
            )
        )
    return shown
