"""Reception centres for the synthetic deployment: places by category, residents admitted
through referrals and for the centres' own cases, some categories full or nearly full, planned
departures passed, and past stays."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from opennrm.accounts.models import Membership
from opennrm.accounts.roles import Role
from opennrm.accounts.services import membership_grant, user_create
from opennrm.cases.models import Case
from opennrm.cases.services import ConsentDetails, consent_record
from opennrm.cases.vocabularies import ConsentPurpose, NRMStage
from opennrm.demo.data import DEMO_PASSWORD
from opennrm.demo.world import DemoWorld
from opennrm.referrals.models import DisclosureProfile, Referral
from opennrm.referrals.services import ReferralRequest, is_child, referral_accept, referral_send
from opennrm.referrals.vocabularies import ReferralState
from opennrm.shelters.models import ReceptionCentre
from opennrm.shelters.selectors import category_for, occupancy_of
from opennrm.shelters.services import CentreDetails, centre_create, stay_admit, stay_end

CENTRES = [
    (
        "centre_casa",
        "Dar Al Amane",
        "MA-06",
        "Casablanca",
        "12 rue des Orangers (fictive), Casablanca",
        {"Women": 12, "Children": 6, "Families": 4},
    ),
    (
        "centre_tangier",
        "Centre Nour – mineurs",
        "MA-01",
        "Tanger",
        "3 impasse du Phare (fictive), Tanger",
        {"Children": 10, "Women": 4},
    ),
    (
        "centre_oujda",
        "Al Wafae",
        "MA-02",
        "Oujda",
        "45 avenue des Oliviers (fictive), Oujda",
        {"Men": 8, "Families": 4, "Women": 4},
    ),
]
# How full each centre is made, as a share of its places per category.
FILL = {"centre_casa": 0.95, "centre_tangier": 0.5, "centre_oujda": 1.0}


def _member(world: DemoWorld, key: str, role: str, username: str):  # type: ignore[no-untyped-def]
    if (key, role) in world.members:
        return world.members[(key, role)]
    organisation = world.organisations[key]
    user = user_create(
        username=username,
        password=DEMO_PASSWORD,
        first_name=role.split("_", maxsplit=1)[0].capitalize(),
        last_name=organisation.short_name,
    )
    member = membership_grant(user=user, organisation=organisation, role=role)
    world.members[(key, role)] = member
    return member


def build_centres(world: DemoWorld, rng: random.Random) -> None:
    today = timezone.localdate()
    for key, name, region, city, address, places in CENTRES:
        admin = _member(world, key, Role.ORGANISATION_ADMIN, f"admin.{key}")
        staff = _member(world, key, Role.SERVICE_PROVIDER, f"accueil.{key.replace('_', '.')}")
        centre = centre_create(
            actor=admin,
            details=CentreDetails(
                name=name,
                region=region,
                city=city,
                address=address,
                phone="+212522000" + str(rng.randint(100, 999)),
                places=places,
            ),
        )
        # Residents referred by other organisations (accepted or in service); one accepted
        # referral is left for the demo user to admit.
        referred = list(
            Referral.objects.filter(
                recipient_organisation=world.organisations[key],
                state__in=[ReferralState.ACCEPTED, ReferralState.IN_SERVICE],
            )
            .select_related("case__person")
            .order_by("sent_at")
        )
        waiting_left = False
        for referral in referred:
            category = category_for(referral.case) or "Women"
            if referral.state == ReferralState.ACCEPTED and not waiting_left:
                waiting_left = True
                continue
            if occupancy_of(centre).free(category) <= 0:
                continue
            stay_admit(
                actor=staff,
                centre=centre,
                referral=referral,
                category=category,
                arrived_on=max(referral.service_started_on or today, today - timedelta(days=60)),
                planned_departure_on=today + timedelta(days=rng.randint(5, 40)),
            )
        # The centre's own cases fill it up to its planned level.
        own = [
            c
            for c in Case.objects.filter(owner_organisation=world.organisations[key])
            .exclude(nrm_stage=NRMStage.CLOSED)
            .select_related("person")
            .order_by("created_at")
            if not c.stays.exists()
        ]
        rng.shuffle(own)
        for case in own:
            needed = category_for(case)
            if needed is None or needed not in places:
                continue
            occupancy = occupancy_of(centre)
            target = round(places[needed] * FILL[key])
            if occupancy.occupied.get(needed, 0) >= target:
                continue
            arrived = today - timedelta(days=rng.randint(1, 90))
            planned = arrived + timedelta(days=rng.randint(20, 120))
            stay_admit(
                actor=staff,
                centre=centre,
                case=case,
                category=needed,
                arrived_on=arrived,
                planned_departure_on=planned,
            )
        # Centres that own few cases fill up through referrals from case-managing NGOs.
        _fill_through_referrals(world, rng, key=key, centre=centre, staff=staff, places=places)
        # A few past stays.
        for case in [c for c in own if not c.stays.exists()][:3]:
            category = category_for(case) or next(iter(places))
            arrived = today - timedelta(days=rng.randint(100, 200))
            stay = stay_admit(
                actor=staff,
                centre=centre,
                case=case,
                category=category,
                arrived_on=arrived,
                over_capacity=True,
            )
            stay_end(
                actor=staff,
                stay=stay,
                departed_on=arrived + timedelta(days=rng.randint(20, 80)),
                reason=rng.choice(["ReturnToFamily", "Reintegration", "LeftVoluntarily"]),
            )


def _fill_through_referrals(
    world: DemoWorld,
    rng: random.Random,
    *,
    key: str,
    centre: ReceptionCentre,
    staff: Membership,
    places: dict[str, int],
) -> None:
    today = timezone.localdate()
    profile = DisclosureProfile.objects.get(key="shelter-admission")
    senders = [
        k for k in ("ngo_north", "ngo_east", "iom") if (k, Role.CASE_MANAGER) in world.members
    ]
    candidates = [
        c
        for c in Case.objects.filter(
            owner_organisation__in=[world.organisations[k] for k in senders]
        )
        .exclude(nrm_stage=NRMStage.CLOSED)
        .select_related("person", "owner_organisation")
        .order_by("created_at")
        if not c.stays.exists() and not c.referrals.exists()
    ]
    rng.shuffle(candidates)
    for case in candidates:
        needed = category_for(case)
        if needed is None or needed not in places:
            continue
        if occupancy_of(centre).occupied.get(needed, 0) >= round(places[needed] * FILL[key]):
            continue
        sender_key = next(
            k for k in senders if world.organisations[k].pk == case.owner_organisation_id
        )
        sender = world.members[(sender_key, Role.CASE_MANAGER)]
        consent = consent_record(
            actor=sender,
            case=case,
            details=ConsentDetails(
                purpose=ConsentPurpose.REFERRAL,
                given=True,
                given_at=timezone.now() - timedelta(hours=2),
                given_by="Guardian" if is_child(case) else "Person",
                recipient_organisation=staff.organisation,
                explained_purpose=True,
                explained_withdrawal=True,
            ),
        )
        referral = referral_send(
            actor=sender,
            case=case,
            request=ReferralRequest(
                service_types=["Shelter"],
                reason="Mise à l'abri et accompagnement.",
                disclosure_profile=profile,
                recipient_organisation=staff.organisation,
                consent=consent,
            ),
        )
        referral = referral_accept(actor=staff, referral=referral)
        stay_admit(
            actor=staff,
            centre=centre,
            referral=referral,
            category=needed,
            arrived_on=today,
            planned_departure_on=today + timedelta(days=rng.randint(10, 60)),
        )
