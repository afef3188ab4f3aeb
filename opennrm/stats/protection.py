"""Protection and assistance figures: referrals (by service, state, outcome; how fast and how
often they are answered), persons admitted to reception centres and the centres' occupancy,
and support-plan actions delivered."""

from __future__ import annotations

import calendar
import math
import statistics
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from opennrm.cases.models import SupportAction
from opennrm.cases.vocabularies import SupportActionStatus
from opennrm.referrals.models import Referral, ReferralEvent
from opennrm.referrals.vocabularies import ReferralEventKind, ReferralState
from opennrm.shelters.models import CentrePlaces, ReceptionCentre, Stay
from opennrm.stats.facts import UNKNOWN, Facts, Filters, Scope

RECORDED = [
    SupportActionStatus.DELIVERED,
    SupportActionStatus.PARTIALLY_DELIVERED,
    SupportActionStatus.NOT_DELIVERED,
]


def referrals_sent(filters: Filters, scope: Scope) -> QuerySet[Referral]:
    referrals = Referral.objects.filter(
        filters.within_datetime("sent_at"),
        scope.records_of("sender_organisation", "recipient_organisation"),
    )
    if filters.regions or filters.provinces or filters.organisations or filters.organisation_types:
        referrals = referrals.filter(case__in=filters.cases(scope.cases.model.objects.all()))
    return referrals


def referral_facts(filters: Filters, scope: Scope) -> Facts:
    """Referrals sent in the period, by service requested, state today, outcome, urgency and
    the kind of recipient (a referral asking for two services counts under each)."""
    return Facts(
        rows=referrals_sent(filters, scope),
        entity="pk",
        on="sent_at",
        dimensions={
            "service_type": "service_types",
            "referral_state": "state",
            "referral_outcome": "outcome",
            "urgent": "urgent",
            "recipient_type": "recipient_organisation__org_type",
            "decline_reason": "decline_code",
        },
        values={"recipient_type": lambda v: v or "external"},
    )


def persons_referred_facts(filters: Filters, scope: Scope) -> Facts:
    """Persons for whom a referral to a service was sent in the period, by service."""
    return Facts(
        rows=referrals_sent(filters, scope),
        entity="case__person_id",
        on="sent_at",
        dimensions={"service_type": "service_types"},
    )


@dataclass(frozen=True)
class Measure:
    """A rate, a median or a percentile, with the number of records it was computed from
    (hidden when that number is below the reader's minimum)."""

    key: str
    value: float | None
    base: int


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    # Nearest rank: the smallest value with at least `share` of the values at or below it.
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def referral_measures(filters: Filters, scope: Scope) -> list[Measure]:
    """For the referrals sent in the period: the share accepted among those answered, the
    median and 90th percentile of the time to answer (hours), the share that expired without
    an answer, and the outcomes recorded."""
    referrals = referrals_sent(filters, scope)
    sent = list(referrals.values_list("pk", "sent_at", "responded_at", "state", "outcome"))
    moves = set(
        ReferralEvent.objects.filter(
            referral__in=referrals,
            kind=ReferralEventKind.STATE,
            state__in=[ReferralState.ACCEPTED, ReferralState.DECLINED, ReferralState.EXPIRED],
        ).values_list("referral_id", "state")
    )
    accepted = {pk for pk, state in moves if state == ReferralState.ACCEPTED}
    declined = {pk for pk, state in moves if state == ReferralState.DECLINED}
    expired = {pk for pk, state in moves if state == ReferralState.EXPIRED}
    answered = accepted | declined
    hours = [
        (responded - sent_at).total_seconds() / 3600
        for _pk, sent_at, responded, _s, _o in sent
        if responded is not None
    ]
    with_outcome = [o for *_rest, o in sent if o]
    delivered = [o for o in with_outcome if o == "Delivered"]
    return [
        Measure(
            "acceptance_rate", len(accepted) / len(answered) if answered else None, len(answered)
        ),
        Measure("median_response_hours", statistics.median(hours) if hours else None, len(hours)),
        Measure("p90_response_hours", _percentile(hours, 0.9), len(hours)),
        Measure("expired_share", len(expired) / len(sent) if sent else None, len(sent)),
        Measure(
            "delivered_share",
            len(delivered) / len(with_outcome) if with_outcome else None,
            len(with_outcome),
        ),
    ]


def _stays(scope: Scope) -> QuerySet[Stay]:
    return Stay.objects.filter(
        scope.records_of("centre__organisation") | Q(case__in=scope.cases)
        if scope.organisations is not None
        else Q()
    )


def admission_facts(filters: Filters, scope: Scope) -> Facts:
    """Persons admitted to a reception centre in the period, by centre, category of places
    and the region of the centre."""
    stays = _stays(scope).filter(filters.within("arrived_on"))
    if filters.regions:
        stays = stays.filter(centre__region__in=filters.regions)
    if filters.organisations or filters.organisation_types:
        stays = stays.filter(filters.organisation_records("centre__organisation"))
    return Facts(
        rows=stays,
        entity="case__person_id",
        on="arrived_on",
        dimensions={
            "centre": "centre__name",
            "category": "category",
            "centre_region": "centre__region",
            "departure_reason": "departure_reason",
        },
    )


def support_action_facts(filters: Filters, scope: Scope) -> Facts:
    """Support-plan actions completed in the period (delivered, partly, or not), by type, how
    they were delivered and their status."""
    actions = SupportAction.objects.filter(
        filters.within("completed_on"),
        filters.of_cases("plan__case", scope),
        status__in=RECORDED,
    )
    return Facts(
        rows=actions,
        entity="pk",
        on="completed_on",
        case="plan__case",
        dimensions={
            "support_type": "support_type",
            "delivery": "delivery",
            "action_status": "status",
        },
    )


@dataclass(frozen=True)
class Occupancy:
    """One centre in one month: nights spent, persons present, places, the share of places
    used, the days it was full."""

    centre: str
    region: str
    month: str
    nights: int
    persons: int
    places: int
    days: int
    full_days: int

    @property
    def rate(self) -> float | None:
        return self.nights / (self.places * self.days) if self.places else None


def _months(filters: Filters) -> list[tuple[date, date]]:
    months = []
    day = filters.start.replace(day=1)
    while day <= filters.end:
        last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        months.append((max(day, filters.start), min(last, filters.end)))
        day = last + timedelta(days=1)
    return months


def occupancy(filters: Filters, scope: Scope) -> list[Occupancy]:
    """Each centre's occupancy month by month over the period (up to today). A night counts
    from the day of arrival to the day before departure."""
    centres = ReceptionCentre.objects.all()
    if scope.organisations is not None:
        centres = centres.filter(organisation_id__in=scope.organisations)
    if filters.regions:
        centres = centres.filter(region__in=filters.regions)
    if filters.organisations or filters.organisation_types:
        centres = centres.filter(filters.organisation_records("organisation"))
    today = timezone.localdate()
    places: dict[uuid.UUID, int] = defaultdict(int)
    for centre_id, capacity in CentrePlaces.objects.filter(centre__in=centres).values_list(
        "centre_id", "capacity"
    ):
        places[centre_id] += capacity
    stays = Stay.objects.filter(
        Q(departed_on__isnull=True) | Q(departed_on__gt=filters.start),
        centre__in=centres,
        arrived_on__lte=filters.end,
    ).values_list("centre_id", "case__person_id", "arrived_on", "departed_on")
    by_centre: dict[uuid.UUID, list[tuple[uuid.UUID, date, date]]] = defaultdict(list)
    for centre_id, person, arrived, departed in stays:
        by_centre[centre_id].append((person, arrived, departed or today + timedelta(days=1)))
    result = []
    for centre in centres.order_by("region", "name"):
        for first, month_end in _months(filters):
            last = min(month_end, today)
            if last < first:
                continue
            present: dict[date, int] = defaultdict(int)
            persons = set()
            for person, arrived, leaves in by_centre.get(centre.pk, []):
                start, end = max(arrived, first), min(leaves - timedelta(days=1), last)
                if start > end:
                    continue
                persons.add(person)
                for offset in range((end - start).days + 1):
                    present[start + timedelta(days=offset)] += 1
            capacity = places.get(centre.pk, 0)
            result.append(
                Occupancy(
                    centre=centre.name,
                    region=centre.region or UNKNOWN,
                    month=f"{first.year}-{first.month:02d}",
                    nights=sum(present.values()),
                    persons=len(persons),
                    places=capacity,
                    days=(last - first).days + 1,
                    full_days=len([d for d, n in present.items() if capacity and n >= capacity]),
                )
            )
    return result


def average_stay_days(filters: Filters, scope: Scope) -> Measure:
    """The average length, in nights, of the stays that ended in the period."""
    ended = _stays(scope).filter(filters.within("departed_on"))
    nights = [
        (left - arrived).days
        for arrived, left in ended.values_list("arrived_on", "departed_on")
        if left is not None
    ]
    return Measure("average_stay_nights", statistics.mean(nights) if nights else None, len(nights))


@dataclass(frozen=True)
class CentreOccupancy:
    """One centre over a period: nights spent, places, the share of place-nights used, the
    days it was full."""

    centre: str
    region: str
    nights: int
    place_nights: int
    full_days: int

    @property
    def rate(self) -> float | None:
        return self.nights / self.place_nights if self.place_nights else None


@dataclass(frozen=True)
class OccupancyGrid:
    """Each centre (rows) month by month (columns): the share of places used."""

    months: list[str]
    rows: list[tuple[str, list[float | None]]]


def occupancy_by_month(filters: Filters, scope: Scope) -> OccupancyGrid:
    months: list[str] = []
    rates: dict[str, dict[str, float | None]] = {}
    for month in occupancy(filters, scope):
        if month.month not in months:
            months.append(month.month)
        rates.setdefault(month.centre, {})[month.month] = month.rate
    return OccupancyGrid(
        months=months,
        rows=[(centre, [by_month.get(m) for m in months]) for centre, by_month in rates.items()],
    )


def occupancy_by_centre(filters: Filters, scope: Scope) -> list[CentreOccupancy]:
    totals: dict[tuple[str, str], list[int]] = {}
    for month in occupancy(filters, scope):
        row = totals.setdefault((month.centre, month.region), [0, 0, 0])
        row[0] += month.nights
        row[1] += month.places * month.days
        row[2] += month.full_days
    return [
        CentreOccupancy(centre, region, nights, place_nights, full)
        for (centre, region), (nights, place_nights, full) in totals.items()
    ]
