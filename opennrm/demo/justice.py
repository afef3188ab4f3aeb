"""Criminal proceedings for the synthetic deployment, one in each kind of stage: a network with
several victims on trial, an investigation under way, an investigating judge, a complaint just
received, one dropped, one finally judged after an appeal."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from opennrm.accounts.models import Membership
from opennrm.accounts.roles import Role
from opennrm.cases.models import Case
from opennrm.cases.vocabularies import NRMStage
from opennrm.core.calendar import add_working_days
from opennrm.demo.data import AUTHORITIES
from opennrm.demo.world import DemoWorld, acting_member
from opennrm.justice.models import Authority, Offence, Proceeding
from opennrm.justice.services import (
    CompensationDetails,
    JudgmentDetails,
    LinkDetails,
    NonPunishmentDetails,
    ParticipationDetails,
    PerpetratorDetails,
    ProceedingDetails,
    charge_add,
    compensation_record,
    hearing_schedule,
    hearing_victim_update,
    judgment_record,
    measure_decide,
    measure_request,
    non_punishment_record,
    participation_record,
    perpetrator_add,
    proceeding_link_case,
    proceeding_move,
    proceeding_open,
    residence_decide,
    residence_request,
)
from opennrm.justice.vocabularies import HearingPurpose, MeasureKind

# Who acts for each demo organisation that stands for an authority.
ACTORS = {
    "police": Role.JUDICIAL_POLICE_OFFICER,
    "prosecution": Role.PROSECUTOR,
    "court_casa": Role.COURT_CLERK,
}

# network name, facts, opening authority, days ago, the steps (stage, authority, days later),
# the victims (owning organisation, role, with legal aid)
PROCEEDINGS = [
    (
        "Réseau Atlas (fictif)",
        "Recrutement de saisonnières par une fausse offre d'emploi agricole; passeports retenus.",
        "PJ_06",
        430,
        [
            ("PoliceInvestigation", "PJ_06", 3),
            ("Prosecution", "PG_CASABLANCA", 95),
            ("FirstInstanceTrial", "CA_CASABLANCA", 160),
        ],
        [
            ("ngo_north", "CivilParty", True),
            ("police", "Victim", False),
            ("ngo_north", "Witness", False),
        ],
    ),
    (
        "Affaire du port de Tanger (fictive)",
        "Mineurs contraints à la mendicité près du port; signalement d'une association.",
        "PJ_01",
        60,
        [("PoliceInvestigation", "PJ_01", 2)],
        [("ngo_north", "Victim", True), ("ngo_north", "Victim", False)],
    ),
    (
        "Réseau Oasis (fictif)",
        "Exploitation sexuelle par un réseau transnational; commissions rogatoires en cours.",
        "PG_CASABLANCA",
        250,
        [
            ("PoliceInvestigation", "BNPJ", 5),
            ("Prosecution", "PG_CASABLANCA", 80),
            ("InvestigatingJudge", "JI_CASABLANCA", 100),
        ],
        [("police", "Victim", False)],
    ),
    ("", "Plainte d'une travailleuse domestique; premiers actes à venir.", "PG_RABAT", 6, [], []),
    (
        "Affaire Souk (fictive)",
        "Signalement anonyme de servitude domestique non confirmé par l'enquête.",
        "BNPJ",
        300,
        [("PoliceInvestigation", "BNPJ", 4), ("Closed", "BNPJ", 90)],
        [],
    ),
    (
        "Réseau Sahel (fictif)",
        "Travail forcé sur des chantiers; salaires confisqués et menaces.",
        "PJ_06",
        900,
        [
            ("Prosecution", "PG_CASABLANCA", 30),
            ("FirstInstanceTrial", "CA_CASABLANCA", 120),
            ("Appeal", "CA_CASABLANCA", 400),
            ("FinalJudgment", "CA_CASABLANCA", 640),
        ],
        [("police", "CivilParty", True)],
    ),
]


# Suspects and accused per network: (given, family, Arabic, sex, year of birth, citizenship,
# roles, relation to the victim, charges). A charge: (article, aggravations, days after the
# complaint, judgments). A judgment: (instance, days after the complaint, outcome, months firm,
# months suspended, fine, compensation to the first victim (awarded, paid)).
ACCUSED: dict[str, list[Any]] = {
    "Réseau Atlas (fictif)": [
        (
            "Rachid",
            "Fictiri",
            "رشيد الفكتيري",
            "Masculine",
            1976,
            ["MA"],
            ["RecruiterOrIntermediary"],
            "Employer",
            [("448-1", ["OrganisedGroup"], 100, [])],
        ),
        (
            "Mounia",
            "Imaginia",
            "منية الخيالية",
            "Feminine",
            1984,
            ["MA"],
            ["Transporter"],
            "Stranger",
            [("448-1", ["OrganisedGroup"], 100, [])],
        ),
        ("", "", "", "Masculine", None, ["ES"], ["Exploiter"], "Employer", []),
    ],
    "Réseau Oasis (fictif)": [
        (
            "Samuel",
            "Fictitious",
            "",
            "Masculine",
            1981,
            ["NG"],
            ["RecruiterOrIntermediary", "Smuggler"],
            "Acquaintance",
            [],
        ),
    ],
    "Réseau Sahel (fictif)": [
        (
            "Omar",
            "Chantieri",
            "عمر الشانطيري",
            "Masculine",
            1970,
            ["MA"],
            ["Exploiter"],
            "Employer",
            [
                (
                    "448-1",
                    ["OrganisedGroup", "Transnational"],
                    35,
                    [
                        ("FirstInstance", 300, "Conviction", 120, 0, 100000, (80000, 0)),
                        ("Appeal", 620, "Conviction", 96, 24, 100000, (80000, 30000)),
                    ],
                )
            ],
        ),
        (
            "Halima",
            "Surveilla",
            "حليمة",
            "Feminine",
            1988,
            ["MA"],
            ["ControlledIndividual"],
            "Employer",
            [
                (
                    "448-1",
                    [],
                    35,
                    [
                        ("FirstInstance", 300, "Acquittal", 0, 0, 0, None),
                        ("Appeal", 620, "Requalification", 12, 12, 5000, None),
                    ],
                )
            ],
        ),
    ],
}


def _record_accused(recorder: Membership, proceeding: Proceeding) -> None:
    for given, family, arabic, sex, year, citizenship, roles, relation, charges in ACCUSED.get(
        proceeding.network_name, []
    ):
        perpetrator = perpetrator_add(
            actor=recorder,
            proceeding=proceeding,
            details=PerpetratorDetails(
                given_name=given,
                family_name=family,
                name_arabic=arabic,
                alias="" if family else "« le patron espagnol »",
                gender=sex,
                birth_year=year,
                citizenships=citizenship,
                roles_in_process=roles,
                relation_to_victim=relation,
            ),
        )
        for article, aggravations, charge_day, judgments in charges:
            charge = charge_add(
                actor=recorder,
                perpetrator=perpetrator,
                offence=Offence.objects.get(country="MA", article=article),
                aggravations=aggravations,
                charged_on=proceeding.opened_on + timedelta(days=charge_day),
            )
            for instance, day, outcome, firm, suspended, fine, compensation in judgments:
                judgment = judgment_record(
                    actor=recorder,
                    charge=charge,
                    details=JudgmentDetails(
                        instance=instance,
                        decided_on=proceeding.opened_on + timedelta(days=day),
                        court=Authority.objects.get(country="MA", code="CA_CASABLANCA"),
                        outcome=outcome,
                        requalified_as=Offence.objects.get(country="MA", article="467-2")
                        if outcome == "Requalification"
                        else None,
                        prison_months=firm,
                        suspended_months=suspended,
                        fine=Decimal(fine),
                    ),
                )
                victim = proceeding.cases.first()
                if compensation is not None and victim is not None:
                    awarded, paid = compensation
                    compensation_record(
                        actor=recorder,
                        judgment=judgment,
                        details=CompensationDetails(
                            victim=victim,
                            awarded=Decimal(awarded),
                            paid=Decimal(paid),
                            paid_on=judgment.decided_on + timedelta(days=90) if paid else None,
                        ),
                    )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _protect_and_schedule(world: DemoWorld, recorder: Membership, proceeding: Proceeding) -> None:
    """The network on trial: a hearing in three working days with an interpreter, video
    testimony granted to one victim, police protection asked by a case manager and not yet
    decided. The network under judicial investigation: an identity concealed."""
    decider = Authority.objects.get(country="MA", code="PG_CASABLANCA")
    victims = list(proceeding.cases.select_related("case__owner_organisation"))
    if proceeding.network_name == "Réseau Atlas (fictif)" and victims:
        first = victims[0]
        video = measure_request(
            actor=recorder,
            victim=first,
            kind=MeasureKind.VIDEO_TESTIMONY,
            requested_on=proceeding.stage_since,
            requested_by="Lawyer",
        )
        measure_decide(
            actor=recorder,
            measure=video,
            grant=True,
            decided_on=proceeding.stage_since,
            authority=decider,
        )
        owner_key = next(
            key
            for key, org in world.organisations.items()
            if org.pk == first.case.owner_organisation_id
        )
        measure_request(
            actor=acting_member(world, owner_key),
            victim=first,
            kind=MeasureKind.POLICE_PROTECTION,
            requested_on=timezone.localdate(),
            requested_by="CaseManager",
        )
        hearing = hearing_schedule(
            actor=recorder,
            proceeding=proceeding,
            scheduled_at=_at(add_working_days(timezone.localdate(), 3), 10),
            court=Authority.objects.get(country="MA", code="CA_CASABLANCA"),
            purpose=HearingPurpose.TRIAL,
        )
        entry = hearing.victims.get(victim=first)
        hearing_victim_update(
            actor=recorder,
            entry=entry,
            attendance=entry.attendance,
            interpreter_language="ary",
            legal_aid=entry.legal_aid,
            testimony=entry.testimony,
        )
    if proceeding.network_name == "Réseau Oasis (fictif)" and victims:
        concealment = measure_request(
            actor=recorder,
            victim=victims[0],
            kind=MeasureKind.IDENTITY_CONCEALMENT,
            requested_on=proceeding.stage_since,
            requested_by="Prosecutor",
        )
        measure_decide(
            actor=recorder,
            measure=concealment,
            grant=True,
            decided_on=proceeding.stage_since,
            authority=Authority.objects.get(country="MA", code="JI_CASABLANCA"),
        )


def _rights(world: DemoWorld, proceeding: Proceeding) -> None:
    """Every victim of a proceeding on trial or judged was informed of their rights and heard;
    a foreign victim arrested for irregular stay had the non-punishment provision applied and
    may stay until the end of the proceedings."""
    if proceeding.stage not in {"FirstInstanceTrial", "FinalJudgment"}:
        return
    victims = proceeding.cases.select_related("case__person", "case__owner_organisation")
    for index, victim in enumerate(victims):
        owner_key = next(
            key
            for key, org in world.organisations.items()
            if org.pk == victim.case.owner_organisation_id
        )
        owner = acting_member(world, owner_key)
        participation_record(
            actor=owner,
            link=victim,
            details=ParticipationDetails(
                rights_informed_on=proceeding.opened_on + timedelta(days=2),
                rights_language="ary",
                rights_informed_by="Brigade de police judiciaire",
                heard_on=proceeding.opened_on + timedelta(days=10),
            ),
        )
        citizenships = set(victim.case.person.citizenships or [])
        foreign = bool(citizenships) and not citizenships <= {"MA"}
        if index == 0:
            # Arrested for what the traffickers made them do: the provision was applied.
            arrested = proceeding.opened_on - timedelta(days=3)
            non_punishment_record(
                actor=owner,
                case=victim.case,
                details=NonPunishmentDetails(
                    act="IrregularEntryOrStay" if foreign else "Begging",
                    measure="Arrested",
                    occurred_on=arrested,
                    authority="Police judiciaire",
                    requested_on=arrested + timedelta(days=1),
                    outcome="Applied",
                    outcome_on=arrested + timedelta(days=15),
                ),
            )
        if foreign:
            stay = residence_request(
                actor=owner,
                case=victim.case,
                kind="StayUntilEnd",
                requested_on=proceeding.opened_on + timedelta(days=5),
            )
            residence_decide(
                actor=owner,
                record=stay,
                decision="Granted",
                decided_on=proceeding.opened_on + timedelta(days=20),
                authority="Préfecture (fictive)",
                valid_until=None,
            )


def _bind_authorities(world: DemoWorld) -> dict[str, str]:
    """Make the demo organisations act for their authorities; returns authority -> org key."""
    acting: dict[str, str] = {}
    for org_key, codes in AUTHORITIES.items():
        Authority.objects.filter(country="MA", code__in=codes).update(
            organisation=world.organisations[org_key]
        )
        acting.update(dict.fromkeys(codes, org_key))
    return acting


def build_proceedings(world: DemoWorld, rng: random.Random) -> None:
    acting = _bind_authorities(world)
    today = timezone.localdate()
    taken: set[uuid.UUID] = set()
    for network, facts, opener, days_ago, steps, victims in PROCEEDINGS:
        opened_on = today - timedelta(days=days_ago)
        proceeding = proceeding_open(
            actor=world.members[(acting[opener], ACTORS[acting[opener]])],
            details=ProceedingDetails(
                authority=Authority.objects.get(country="MA", code=opener),
                stage="Complaint",
                opened_on=opened_on,
                network_name=network,
                summary=facts,
            ),
        )
        for org_key, role, with_lawyer in victims:
            candidates = list(
                Case.objects.filter(owner_organisation=world.organisations[org_key])
                .exclude(nrm_stage__in=[NRMStage.IDENTIFICATION, NRMStage.CLOSED])
                .exclude(pk__in=taken)
                .order_by("created_at")[:40]
            )
            if not candidates:
                continue
            case = rng.choice(candidates)
            taken.add(case.pk)
            proceeding_link_case(
                actor=acting_member(world, org_key),
                case=case,
                details=LinkDetails(
                    reference=proceeding.reference_code,
                    role=role,
                    basis="Complaint",
                    legal_aid_organisation=world.organisations["legal_aid"]
                    if with_lawyer
                    else None,
                ),
            )
        for stage, authority, days_later in steps:
            in_charge = proceeding.authority.code
            proceeding = proceeding_move(
                actor=world.members[(acting[in_charge], ACTORS[acting[in_charge]])],
                proceeding=proceeding,
                to_stage=stage,
                on=opened_on + timedelta(days=days_later),
                authority=Authority.objects.get(country="MA", code=authority),
            )
        in_charge = proceeding.authority.code
        recorder = world.members[(acting[in_charge], ACTORS[acting[in_charge]])]
        _record_accused(recorder, proceeding)
        _protect_and_schedule(world, recorder, proceeding)
        _rights(world, proceeding)
