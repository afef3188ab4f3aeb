"""What each reader may see of the figures: an organisation its own, in full; the commission
and donors national aggregates with small cells hidden. Every view of statistics is audited
(which figures, which filters)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opennrm.accounts.models import Membership, OrganisationType
from opennrm.cases.models import Case
from opennrm.cases.selectors import cases_owned_by
from opennrm.cases.vocabularies import ExploitationType
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.permissions import Permission
from opennrm.people.vocabularies import Gender
from opennrm.stats import identification as fig
from opennrm.stats.suppression import ProtectedTable, Rule, protect

NATIONAL = "national"
OWN = "own"

FIGURES: list[tuple[str, object, Callable[..., fig.Breakdown]]] = [
    ("first_contacts", gettext_lazy("Persons first in contact"), fig.first_contacts),
    ("presumed_victims", gettext_lazy("Presumed victims"), fig.presumed_victims),
    ("identified_victims", gettext_lazy("Identified victims"), fig.identified_victims),
    ("negative_decisions", gettext_lazy("Negative decisions"), fig.negative_decisions),
]


def scopes_of(actor: Membership) -> list[str]:
    """The views of the figures the actor may choose, the first being the default."""
    scopes = []
    if actor.can(Permission.VIEW_NATIONAL_STATISTICS):
        scopes.append(NATIONAL)
    if actor.can(Permission.VIEW_CASES):
        scopes.append(OWN)
    return scopes


def _cases(actor: Membership, scope: str) -> tuple[QuerySet[Case], Rule]:
    if scope == NATIONAL and actor.can(Permission.VIEW_NATIONAL_STATISTICS):
        return Case.objects.all(), Rule.national()
    if scope == OWN and actor.can(Permission.VIEW_CASES):
        return cases_owned_by(actor), Rule.own_organisation()
    return Case.objects.none(), Rule.national()


def value_label(dimension: str, value: str) -> str:
    """A breakdown value in the reader's language."""
    if value == fig.UNKNOWN:
        return _("Unknown")
    labels: dict[str, dict[str, object]] = {
        "sex": dict(Gender.choices),
        "form": dict(ExploitationType.choices),
        "organisation_type": dict(OrganisationType.choices),
        "child": {"child": _("Children (under 18)"), "adult": _("Adults")},
        "nationality": {"national": _("Nationals"), "foreign": _("Foreign nationals")},
        "total": {"total": _("Total")},
    }
    if dimension == "citizenship":
        return geo.country_name(value)
    if dimension == "region":
        return geo.region_name(value)
    return str(labels.get(dimension, {}).get(value, value))


@dataclass(frozen=True)
class FigureTable:
    key: str
    title: str
    table: ProtectedTable


def identification_tables(
    *, actor: Membership, scope: str, filters: fig.Filters, by: str
) -> list[FigureTable]:
    """Each identification figure as a one-column table (the values of the breakdown and
    their total), protected under the reader's rule."""
    cases, rule = _cases(actor, scope)
    results = []
    for key, title, selector in FIGURES:
        breakdown: fig.Breakdown = selector(filters, cases, by=by)
        values = sorted(breakdown.counts, key=lambda v: (v == fig.UNKNOWN, str(v)))
        table = protect(
            [[breakdown.counts[v]] for v in values],
            [value_label(by, v) for v in values],
            [str(title)],
            rule,
        )
        results.append(FigureTable(key=key, title=str(title), table=table))
    audit_record(
        action="statistics.viewed",
        actor=actor,
        object_type="figures",
        object_id="identification",
        details={
            "scope": scope,
            "by": by,
            "start": filters.start.isoformat(),
            "end": filters.end.isoformat(),
            "regions": list(filters.regions),
            "organisation_types": list(filters.organisation_types),
        },
    )
    return results


def timeliness(*, actor: Membership, scope: str, filters: fig.Filters) -> fig.Timeliness:
    cases, _rule = _cases(actor, scope)
    return fig.decisions_on_time(filters, cases)
