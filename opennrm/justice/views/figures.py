"""The hearing agenda (justice roles and the victim's side), and the justice figures of a
year for the justice roles, counted over the proceedings their organisation has been in charge
of. National figures (with small cells suppressed) are the statistics pages'."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.core.audit import audit_record
from opennrm.core.permissions import Permission
from opennrm.justice import figures, hearings, selectors
from opennrm.justice.vocabularies import MeasureKind, NonPunishmentOutcome
from opennrm.people.vocabularies import Gender

OLDEST_YEAR = 2016  # Law 27-14


@member_required
def justice_figures(request: HttpRequest) -> HttpResponse:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    if not actor.can(Permission.VIEW_PROCEEDINGS):
        raise PermissionDenied
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    year = min(max(year, OLDEST_YEAR), this_year)
    period = figures.Period.year(year)
    visible = selectors.proceedings_visible_to(actor)
    scope = figures.Scope(proceedings=visible)
    # Non-punishment is recorded on the victims' cases: those linked to these proceedings.
    victims = figures.Scope(cases=selectors.victims_cases_of(visible))
    convicted = figures.persons_convicted(period, scope)
    audit_record(
        action="statistics.viewed",
        actor=actor,
        object_type="figures",
        object_id="justice",
        details={"year": year},
    )
    genders = dict(Gender.choices)
    kinds = dict(MeasureKind.choices)
    outcomes = dict(NonPunishmentOutcome.choices)
    return render(
        request,
        "justice/figures.html",
        {
            "year": year,
            "years": range(this_year, OLDEST_YEAR - 1, -1),
            "investigations": figures.investigations(period, scope),
            "prosecutions": figures.prosecutions(period, scope),
            "prosecuted": figures.persons_prosecuted(period, scope).count(),
            "convicted": convicted.count(),
            "acquitted": figures.persons_acquitted(period, scope).count(),
            "by_sex": [
                (genders.get(k, k), n) for k, n in figures.breakdown(convicted, "sex").items()
            ],
            "by_citizenship": sorted(figures.breakdown(convicted, "citizenship").items()),
            "by_child": figures.breakdown(convicted, "child"),
            "median_days": figures.median_days_to_first_judgment(period, scope),
            "sentences": figures.sentences(period, scope),
            "compensation": figures.compensation(period, scope),
            "protection": [
                (kinds.get(k, k), n) for k, n in figures.protection_granted(period, scope).items()
            ],
            "non_punishment": [
                (outcomes.get(k, k), n) for k, n in figures.non_punishment(period, victims).items()
            ],
            "participation": figures.participation(period, scope),
        },
    )


@member_required
def hearing_agenda(request: HttpRequest) -> HttpResponse:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    if not (
        actor.can(Permission.VIEW_PROCEEDINGS)
        or actor.can(Permission.VIEW_CLIENT_PROCEEDINGS)
        or actor.can(Permission.EDIT_CASE)
    ):
        raise PermissionDenied
    return render(
        request,
        "justice/hearing_agenda.html",
        {
            "days": hearings.hearing_agenda(actor),
            "sees_proceedings": actor.can(Permission.VIEW_PROCEEDINGS)
            or actor.can(Permission.VIEW_CLIENT_PROCEEDINGS),
        },
    )
