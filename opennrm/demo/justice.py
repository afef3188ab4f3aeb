"""Criminal proceedings for the synthetic deployment, one in each kind of stage: a network with
several victims on trial, an investigation under way, an investigating judge, a complaint just
received, one dropped, one finally judged after an appeal."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from django.utils import timezone

from opennrm.accounts.roles import Role
from opennrm.cases.models import Case
from opennrm.cases.vocabularies import NRMStage
from opennrm.demo.data import AUTHORITIES
from opennrm.demo.world import DemoWorld, acting_member
from opennrm.justice.models import Authority
from opennrm.justice.services import (
    LinkDetails,
    ProceedingDetails,
    proceeding_link_case,
    proceeding_move,
    proceeding_open,
)

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
