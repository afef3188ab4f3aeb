"""The national picture at a glance, on the home page of those who read national aggregates
(the commission and donors): this year against last, a map of the regions, how fast referrals
are answered; for the national coordinator also the identification decisions overdue in each
organisation and how full each reception centre is today. Every count of persons follows the
national rule; overdue decisions and places are counts of an organisation's work, not of
persons, and are shown to the coordinator only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from opennrm.accounts.models import Membership
from opennrm.cases.models import IdentificationDecision
from opennrm.cases.vocabularies import IdentificationState
from opennrm.core.panels import Panel
from opennrm.core.permissions import Permission
from opennrm.shelters.models import CentrePlaces, ReceptionCentre, Stay
from opennrm.stats import catalogue, charts, measures
from opennrm.stats.facts import Filters, Scope
from opennrm.stats.selectors import NATIONAL, View, audit_viewed, figure_table, reader
from opennrm.stats.suppression import Cell, Rule

HEADLINES = ("presumed_victims", "identified_victims", "hotline_contacts")


@dataclass(frozen=True)
class Headline:
    key: str
    title: str
    this_year: Cell
    last_year: Cell

    @property
    def change(self) -> float | None:
        """The change from last year, when both counts are published and last year's is not 0."""
        now, before = self.this_year.count, self.last_year.count
        if now is None or not before:
            return None
        return (now - before) / before


def headlines(year: int) -> list[Headline]:
    scope, rule = Scope.everything(), Rule.national()
    result = []
    for key in HEADLINES:
        figure = catalogue.BY_KEY[key]
        now = figure_table(figure, scope, rule, View(Filters.year(year)))
        before = figure_table(figure, scope, rule, View(Filters.year(year - 1)))
        if now.table is None or before.table is None:
            continue
        result.append(Headline(key, str(figure.title), now.table.total, before.table.total))
    return result


def overdue_by_organisation(today: date) -> list[dict[str, Any]]:
    """Identification decisions past their legal deadline and not taken, per organisation
    owning the case."""
    rows = (
        IdentificationDecision.objects.filter(state=IdentificationState.REQUESTED, due_on__lt=today)
        .values("case__owner_organisation__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "case__owner_organisation__name")
    )
    return [{"organisation": r["case__owner_organisation__name"], "n": r["n"]} for r in rows]


def centres_today(today: date) -> list[dict[str, Any]]:
    """Each active centre: persons staying tonight, places, full or not."""
    centres = ReceptionCentre.objects.filter(is_active=True).order_by("region", "name")
    residents = dict(
        Stay.objects.filter(
            Q(departed_on__isnull=True) | Q(departed_on__gt=today),
            centre__in=centres,
            arrived_on__lte=today,
        )
        .values("centre_id")
        .annotate(n=Count("pk"))
        .values_list("centre_id", "n")
    )
    places = dict(
        CentrePlaces.objects.filter(centre__in=centres)
        .values("centre_id")
        .annotate(n=Sum("capacity"))
        .values_list("centre_id", "n")
    )
    rows = []
    for centre in centres:
        present, total = residents.get(centre.pk, 0), places.get(centre.pk) or 0
        rows.append(
            {
                "name": centre.name,
                "region": centre.region,
                "residents": present,
                "places": total,
                "full": bool(total) and present >= total,
            }
        )
    return rows


def national_home_panel(actor: Membership) -> Panel | None:
    if not actor.can(Permission.VIEW_NATIONAL_STATISTICS):
        return None
    today = timezone.localdate()
    year = today.year
    scope, rule = reader(actor, NATIONAL)
    identified = catalogue.BY_KEY["identified_victims"]
    by_region = figure_table(identified, scope, rule, View(Filters.year(year), by="region"))
    response = {
        m.key: m
        for m in measures.chapter_measures(catalogue.PROTECTION, Filters.year(year), scope, rule)
    }
    context: dict[str, Any] = {
        "year": year,
        "headlines": headlines(year),
        "map": charts.region_map(by_region),
        "map_table": by_region,
        "response": response.get("median_response_hours"),
        "acceptance": response.get("acceptance_rate"),
        "rule": rule,
    }
    if actor.can(Permission.REQUEST_TRANSFER):
        context["overdue"] = overdue_by_organisation(today)
    if actor.can(Permission.VIEW_CENTRE_LOCATIONS):
        context["centres"] = centres_today(today)
    audit_viewed(
        actor,
        scope=NATIONAL,
        figures=[*HEADLINES, "identified_victims_by_region", "referral_response"],
        view=View(Filters.year(year)),
    )
    return Panel(template="stats/_home_national.html", context=context)
