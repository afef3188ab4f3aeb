"""Reads of reception centres: the occupancy board (no location, for everyone who refers),
a centre's own page (its staff and coordinators), and the protected location."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership, Organisation
from opennrm.cases.models import Case
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.ids import as_uuid
from opennrm.core.panels import EVERYTHING, Panel
from opennrm.core.permissions import Permission
from opennrm.people.validation import age_in_years
from opennrm.people.vocabularies import Gender
from opennrm.referrals.models import Referral
from opennrm.referrals.vocabularies import ReferralState, ServiceType
from opennrm.referrals.warnings import SendWarning
from opennrm.shelters.models import ReceptionCentre, Stay
from opennrm.shelters.vocabularies import PlaceCategory

# Share of places taken from which a centre shows as nearly full.
NEARLY_FULL = 0.85


@dataclass
class Occupancy:
    centre: ReceptionCentre
    capacity: dict[str, int] = field(default_factory=dict)
    occupied: dict[str, int] = field(default_factory=dict)

    def free(self, category: str) -> int:
        return self.capacity.get(category, 0) - self.occupied.get(category, 0)

    @property
    def rows(self) -> list[dict[str, Any]]:
        rows = []
        for category, label in PlaceCategory.choices:
            capacity = self.capacity.get(category)
            occupied = self.occupied.get(category, 0)
            if capacity is None and not occupied:
                continue
            capacity = capacity or 0
            rows.append(
                {
                    "category": category,
                    "label": label,
                    "capacity": capacity,
                    "occupied": occupied,
                    "free": capacity - occupied,
                    "level": "full"
                    if occupied >= capacity
                    else "nearly"
                    if capacity and occupied / capacity >= NEARLY_FULL
                    else "ok",
                }
            )
        return rows

    @property
    def total_free(self) -> int:
        return sum(max(self.free(c), 0) for c in self.capacity)


def _occupancies(centres: list[ReceptionCentre]) -> list[Occupancy]:
    by_id = {c.pk: Occupancy(centre=c) for c in centres}
    for centre in centres:
        for places in centre.places.all():
            by_id[centre.pk].capacity[places.category] = places.capacity
    counts = (
        Stay.objects.filter(centre_id__in=list(by_id), departed_on__isnull=True)
        .values("centre_id", "category")
        .annotate(n=Count("id"))
    )
    for row in counts:
        by_id[row["centre_id"]].occupied[row["category"]] = row["n"]
    return list(by_id.values())


def occupancy_of(centre: ReceptionCentre) -> Occupancy:
    return _occupancies([centre])[0]


def occupancy_board() -> list[Occupancy]:
    """Every active centre with its places: names, regions and numbers only, no location."""
    centres = list(
        ReceptionCentre.objects.filter(is_active=True, organisation__is_active=True)
        .select_related("organisation")
        .prefetch_related("places")
        .order_by("region", "name")
    )
    return _occupancies(centres)


def can_see_board(actor: Membership) -> bool:
    return any(
        actor.can(p)
        for p in (
            Permission.SEND_REFERRAL,
            Permission.RESPOND_TO_REFERRAL,
            Permission.MANAGE_STAYS,
            Permission.MANAGE_SERVICES,
            Permission.VIEW_CENTRE_LOCATIONS,
        )
    )


def category_for(case: Case) -> str | None:
    """The kind of place a person needs, from age and gender (None when unknown)."""
    from django.conf import settings

    age = age_in_years(case.person.birth_date)
    if age is not None and age < settings.OPENNRM_AGE_OF_MAJORITY:
        return PlaceCategory.CHILDREN
    if case.person.gender in {Gender.FEMININE, Gender.TRANSGENDER_FEMININE}:
        return PlaceCategory.WOMEN
    if case.person.gender in {Gender.MASCULINE, Gender.TRANSGENDER_MASCULINE}:
        return PlaceCategory.MEN
    return None


def full_centre_warnings(
    case: Case, recipient: Organisation | None, service_types: list[str]
) -> list[SendWarning]:
    """A shelter referral to an organisation whose centres have no free place of the kind the
    person needs: warn, and suggest centres that have one (same region first)."""
    if recipient is None or ServiceType.SHELTER not in service_types:
        return []
    category = category_for(case)
    board = occupancy_board()
    own = [o for o in board if o.centre.organisation_id == recipient.pk]
    if not own or category is None:
        return []
    if any(o.free(category) > 0 for o in own):
        return []
    region = case.identification_region
    others = sorted(
        (o for o in board if o.centre.organisation_id != recipient.pk and o.free(category) > 0),
        key=lambda o: (o.centre.region != region, -o.free(category)),
    )
    return [
        SendWarning(
            message=_("%(org)s has no free place for %(category)s at the moment.")
            % {"org": recipient, "category": PlaceCategory(category).label.lower()},
            suggestions=[
                _("%(centre)s (%(org)s, %(region)s): %(free)s free")
                % {
                    "centre": o.centre.name,
                    "org": o.centre.organisation,
                    "region": geo.region_name(o.centre.region),
                    "free": o.free(category),
                }
                for o in others[:5]
            ],
        )
    ]


def centres_of(actor: Membership) -> QuerySet[ReceptionCentre]:
    return ReceptionCentre.objects.filter(organisation_id=actor.organisation_id).order_by("name")


def access_centre(*, actor: Membership, centre_id: Any) -> ReceptionCentre:
    """A centre's own page: its organisation's staff, and coordinators."""
    pk = as_uuid(centre_id)
    centre = (
        ReceptionCentre.objects.select_related("organisation").filter(pk=pk).first()
        if pk is not None
        else None
    )
    allowed = centre is not None and (
        (centre.organisation_id == actor.organisation_id and can_see_board(actor))
        or actor.can(Permission.VIEW_CENTRE_LOCATIONS)
    )
    if not allowed or centre is None:
        raise Http404
    return centre


def location_visible(actor: Membership, centre: ReceptionCentre, case: Case | None = None) -> bool:
    """The protected address: the centre itself, coordinators, and the case worker (or a
    supervisor) of the organisation responsible for a resident's case."""
    if centre.organisation_id == actor.organisation_id or actor.can(
        Permission.VIEW_CENTRE_LOCATIONS
    ):
        return True
    return (
        case is not None
        and case.owner_organisation_id == actor.organisation_id
        and (actor.user_id == case.case_owner_id or actor.can(Permission.SUPERVISE_REFERRALS))
    )


def reveal_location(
    actor: Membership, centre: ReceptionCentre, case: Case | None = None
) -> dict[str, str] | None:
    """The address and phone, if the actor may see them; every reveal is audited."""
    if not location_visible(actor, centre, case):
        return None
    audit_record(
        action="centre.location_viewed",
        actor=actor,
        object_type="centre",
        object_id=centre.pk,
        subject_organisation_id=centre.organisation_id,
        details={"case_id": str(case.pk) if case else ""},
    )
    return {"address": centre.address, "phone": centre.phone}


def current_stays(centre: ReceptionCentre) -> QuerySet[Stay]:
    return (
        centre.stays.filter(departed_on__isnull=True)
        .select_related("case", "referral")
        .order_by("arrived_on")
    )


def past_stays(centre: ReceptionCentre, limit: int = 50) -> list[Stay]:
    return list(
        centre.stays.filter(departed_on__isnull=False)
        .select_related("case", "referral")
        .order_by("-departed_on")[:limit]
    )


def admissible_referrals(actor: Membership) -> QuerySet[Referral]:
    """Referrals the actor's organisation accepted, whose person is not yet staying anywhere."""
    staying = Stay.objects.filter(departed_on__isnull=True).values("case_id")
    return (
        Referral.objects.filter(
            recipient_organisation_id=actor.organisation_id,
            state__in=[ReferralState.ACCEPTED, ReferralState.IN_SERVICE],
        )
        .exclude(case_id__in=staying)
        .select_related("case__person", "sender_organisation")
        .order_by("-sent_at")
    )


def access_stay(*, actor: Membership, stay_id: Any) -> Stay:
    pk = as_uuid(stay_id)
    stay = (
        Stay.objects.select_related("centre", "case", "referral")
        .filter(pk=pk, centre__organisation_id=actor.organisation_id)
        .first()
        if pk is not None
        else None
    )
    if stay is None or not actor.can(Permission.MANAGE_STAYS):
        raise Http404
    return stay


def overdue_departures(centre: ReceptionCentre) -> list[Stay]:
    today = timezone.localdate()
    return [
        s
        for s in current_stays(centre)
        if s.planned_departure_on and s.planned_departure_on < today
    ]


def stay_case_rows() -> dict[str, QuerySet[Stay]]:
    return {"stays": Stay.objects.filter(case=OuterRef("pk"))}


def stay_case_panel(
    actor: Membership, case: Case, present: Container[str] = EVERYTHING
) -> Panel | None:
    """The case page's stays: where the person stays (address only for whom may see it)."""
    if case.owner_organisation_id != actor.organisation_id or "stays" not in present:
        return None
    stays = list(case.stays.select_related("centre__organisation").order_by("-arrived_on"))
    if not stays:
        return None
    current = next((s for s in stays if s.is_current), None)
    # The address itself is revealed on its own page, after a re-authentication.
    can_see = current is not None and location_visible(actor, current.centre, case)
    return Panel(
        template="shelters/_case_panel.html",
        context={"stays": stays, "current": current, "can_see_location": can_see},
    )


def current_centre_of(case: Case) -> ReceptionCentre | None:
    """Where the person of a case (reached through access_case) stays now."""
    stay = case.stays.filter(departed_on__isnull=True).select_related("centre").first()
    return stay.centre if stay is not None else None
