"""A synthetic Moroccan deployment: organisations, users for every role, persons and cases.

Everything is invented and drawn from a seeded random generator, so the same seed gives the same
people, profiles and stories. (Reference codes and record ids stay random: they are security
values, never derived from a seed.)"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from opennrm.accounts.models import Membership, Organisation, User
from opennrm.accounts.roles import Role
from opennrm.accounts.services import membership_grant, organisation_create, user_create
from opennrm.cases import services as case_services
from opennrm.cases.models import Case, IdentificationDecision
from opennrm.cases.services import CaseDetails, ConsentDetails
from opennrm.cases.vocabularies import (
    ConsentPurpose,
    NRMStage,
    ReferralReason,
    RelationshipToTrafficker,
)
from opennrm.core import geo
from opennrm.demo.activity import build_hotline, build_screenings, build_services
from opennrm.demo.data import (
    CASE_OWNERS,
    CITIES,
    CLOSURE_REASON,
    DEMO_PASSWORD,
    EXTRA_MEMBERSHIPS,
    FINAL_DECISION_REASONS,
    FOREIGN_EXPLOITATION_COUNTRIES,
    NOTE_TEMPLATES,
    ORGANISATIONS,
    PROFILES,
    REFERRERS,
    STAGE_PATHS,
    STREETS,
    USERS,
)
from opennrm.demo.duplicates import build_duplicates
from opennrm.demo.justice import build_proceedings
from opennrm.demo.names import ORIGINS
from opennrm.demo.referrals import build_referrals, build_support_plans, build_transfers
from opennrm.demo.returns import build_returns
from opennrm.demo.shelters import build_centres
from opennrm.demo.voice import build_feedback
from opennrm.demo.world import DemoWorld, acting_member, synthetic_mobile
from opennrm.people.services import PersonDetails
from opennrm.people.vocabularies import Gender


def _weighted(rng: random.Random, items: list[tuple]) -> tuple:  # type: ignore[type-arg]
    return rng.choices(items, weights=[i[0] for i in items])[0]


def synthetic_person(rng: random.Random) -> PersonDetails:
    _w, citizenships, languages, given_f, given_m, family = _weighted(rng, ORIGINS)
    female = rng.random() < 0.62
    given = rng.choice(given_f if female else given_m)
    surname = rng.choice(family)
    today = timezone.localdate()
    age = rng.choice([rng.randint(12, 17), rng.randint(18, 45), rng.randint(18, 30)])
    year = today.year - age
    precision = rng.random()
    if precision < 0.15:
        birth = f"{year}"
    elif precision < 0.3:
        birth = f"{year}-{rng.randint(1, 12):02d}"
    else:
        birth = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    phone = synthetic_mobile(rng) if rng.random() < 0.5 else ""
    return PersonDetails(
        given_name_latin=given[0],
        family_name_latin=surname[0],
        given_name_arabic=given[1],
        family_name_arabic=surname[1],
        birth_date=birth,
        gender=Gender.FEMININE if female else Gender.MASCULINE,
        citizenships=list(citizenships),
        languages=list(languages),
        phone=phone,
        address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}, {rng.choice(CITIES)}"
        if rng.random() < 0.6
        else "",
    )


def build_organisations_and_users(world: DemoWorld) -> None:
    for key, name, short, org_type, region, city in ORGANISATIONS:
        world.organisations[key] = organisation_create(
            name=name, short_name=short, org_type=org_type, region=region, city=city
        )
    for username, first, last, org_key, role in USERS:
        user = user_create(
            username=username,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.opennrm.invalid",
        )
        if role == Role.SYSTEM_ADMIN:
            user.is_staff = True
            user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        world.members[(org_key, role)] = membership_grant(
            user=user, organisation=world.organisations[org_key], role=role
        )
    for username, org_key, role in EXTRA_MEMBERSHIPS:
        user = User.objects.get(username=username)
        world.members[(org_key, role)] = membership_grant(
            user=user, organisation=world.organisations[org_key], role=role
        )
    # Case-owning organisations without a named demo user still need someone to act for them.
    for _weight, org_key, *_rest in CASE_OWNERS:
        if (org_key, Role.CASE_MANAGER) not in world.members:
            user = user_create(
                username=f"worker.{org_key}",
                password=DEMO_PASSWORD,
                first_name="Agent",
                last_name=world.organisations[org_key].short_name,
            )
            world.members[(org_key, Role.CASE_MANAGER)] = membership_grant(
                user=user, organisation=world.organisations[org_key], role=Role.CASE_MANAGER
            )


def _incoming_referral(
    world: DemoWorld, rng: random.Random, owner_key: str, identified_on: date
) -> dict[str, Any]:
    """About a third of the cases reach their owner through a referral by the police or IOM."""
    referrers = [key for key in REFERRERS if key != owner_key]
    if rng.random() >= 0.35 or not referrers:
        return {}
    return {
        "referring_organisation": world.organisations[rng.choice(referrers)],
        "incoming_referral_date": identified_on,
        "reason_for_incoming_referral": ReferralReason.ADDITIONAL_SERVICES,
    }


def _decide(
    actor: Membership,
    decision: IdentificationDecision,
    outcome: str,
    on: date,
    *,
    body: str,
    rng: random.Random,
) -> IdentificationDecision:
    decided = case_services.identification_decision_record(
        actor=actor,
        decision=decision,
        outcome=outcome,
        decided_on=on,
        decision_making_body=body,
        decided_by_name="Substitut du procureur (fictif)",
        reasons=FINAL_DECISION_REASONS,
    )
    if rng.random() < 0.8:
        decided = case_services.identification_decision_notify(
            actor=actor,
            decision=decided,
            notified_on=on,
            notified_to="La personne, avec interprète",
        )
    return decided


def _identification(
    actor: Membership,
    case: Case,
    rng: random.Random,
    identified_on: date,
    body: str,
    *,
    assisted: bool,
) -> None:
    """Identification decisions in every state: pending (on time or overdue), negative,
    positive preliminary with its recovery period (some extended), positive final."""
    today = timezone.localdate()
    if not assisted:
        draw = rng.random()
        if draw < 0.25:  # requested recently: due soon or on time
            requested_on = max(identified_on, today - timedelta(days=rng.randint(0, 4)))
            case_services.identification_decision_request(
                actor=actor, case=case, stage="Preliminary", requested_on=requested_on
            )
        elif draw < 0.45:  # requested long ago and still pending: overdue
            case_services.identification_decision_request(
                actor=actor, case=case, stage="Preliminary", requested_on=identified_on
            )
        elif draw < 0.6:
            decision = case_services.identification_decision_request(
                actor=actor, case=case, stage="Preliminary", requested_on=identified_on
            )
            decided_on = min(identified_on + timedelta(days=2), today)
            _decide(actor, decision, "Negative", decided_on, body=body, rng=rng)
        return
    preliminary = case_services.identification_decision_request(
        actor=actor, case=case, stage="Preliminary", requested_on=identified_on
    )
    decided_on = min(identified_on + timedelta(days=rng.randint(1, 6)), today)
    preliminary = _decide(actor, preliminary, "Positive", decided_on, body=body, rng=rng)
    if rng.random() < 0.15:
        period = preliminary.recovery_period
        case_services.recovery_period_extend(
            actor=actor,
            period=period,
            ends_on=period.ends_on + timedelta(days=15),
            reason="Soins médicaux en cours.",
        )
    if rng.random() < 0.75:
        final_requested = min(decided_on + timedelta(days=rng.randint(5, 25)), today)
        final = case_services.identification_decision_request(
            actor=actor, case=case, stage="Final", requested_on=final_requested
        )
        if rng.random() < 0.85:
            _decide(actor, final, "Positive", final_requested, body=body, rng=rng)


def build_case(world: DemoWorld, rng: random.Random) -> None:
    _w, org_key, regions, body = _weighted(rng, CASE_OWNERS)
    actor = acting_member(world, org_key)
    person = synthetic_person(rng)
    world.persons.append(person)
    _w2, types, sex_types, industry, control, recruitment = _weighted(rng, PROFILES)
    today = timezone.localdate()
    identified_on = today - timedelta(days=rng.randint(3, 3 * 365))
    moroccan = person.citizenships == ["MA"]
    region = rng.choice(regions)
    # The province from a generator of its own, so the rest of the demo stays as it was.
    provinces = [code for code, _name in geo.province_choices(region=region)]
    province = random.Random(f"{region}{identified_on}{person.given_name_latin}").choice(provinces)
    details = CaseDetails(
        identified_on=identified_on,
        exploitation_types=list(types),
        identification_region=region,
        identification_province=province,
        country_of_exploitation="MA"
        if moroccan or rng.random() < 0.8
        else rng.choice(FOREIGN_EXPLOITATION_COUNTRIES),
        age_when_trafficked=rng.randint(12, 35),
        relationship_to_trafficker=rng.choice(RelationshipToTrafficker.values),
        methods_of_recruitment=list(recruitment),
        methods_of_control=rng.sample(control, k=rng.randint(1, len(control))),
        types_of_sex_exploitation=list(sex_types),
        forced_labour_industry=industry,
        narrative=rng.choice(NOTE_TEMPLATES) if rng.random() < 0.5 else "",
        case_owner=actor.user if rng.random() < 0.7 else None,
        **_incoming_referral(world, rng, org_key, identified_on),
    )
    case = case_services.case_open(
        actor=actor, person=person, details=details, decision_making_body=body
    )
    _w3, path = _weighted(rng, STAGE_PATHS)
    assisted = path != [NRMStage.IDENTIFICATION]
    _identification(actor, case, rng, identified_on, body, assisted=assisted)
    if assisted:
        case_services.consent_record(
            actor=actor,
            case=case,
            details=ConsentDetails(
                purpose=ConsentPurpose.DATA_PROCESSING,
                given=True,
                given_at=timezone.make_aware(datetime.combine(identified_on, time(10, 0))),
                explained_purpose=True,
                explained_data_uses=True,
                explained_retention=True,
                explained_withdrawal=True,
                explained_right_of_access=True,
                form_version="2025-1",
            ),
        )
    for stage in path:
        if stage == NRMStage.IDENTIFICATION:
            continue
        case_services.case_change_stage(
            actor=actor,
            case=case,
            expected_version=case.version,
            to_stage=stage,
            closure_reason=CLOSURE_REASON if stage == NRMStage.CLOSED else "",
        )
    world.cases += 1
    for _n in range(rng.randint(0, 3)):
        case_services.case_note_add(actor=actor, case=case, body=rng.choice(NOTE_TEMPLATES))


def seed(*, persons: int = 520, seed_value: int = 2026) -> DemoWorld:
    rng = random.Random(seed_value)
    world = DemoWorld()
    # One transaction: a failed run leaves nothing behind, so it can simply be run again.
    with transaction.atomic():
        build_organisations_and_users(world)
        for _index in range(persons):
            build_case(world, rng)
        build_duplicates(world, rng, count=max(persons // 12, 1) if persons else 0)
        build_hotline(world, rng)
        build_screenings(world, rng)
        build_services(world)
        build_referrals(world, rng)
        build_transfers(world, rng)
        build_centres(world, rng)
        build_support_plans(world, rng)
        build_returns(world, rng)
        build_proceedings(world, rng)
        build_feedback(world, rng)
    return world


def is_seeded() -> bool:
    return Organisation.objects.exists()


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, organisation, role) of every named demo user."""
    short_names = {key: short for key, _n, short, *_rest in ORGANISATIONS}
    return [(u, short_names[o], str(r.label)) for u, _f, _l, o, r in USERS]
