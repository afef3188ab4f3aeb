"""Hotline contacts and screenings for the synthetic deployment (see generator.py)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from opennrm.accounts.models import Organisation
from opennrm.accounts.roles import Role
from opennrm.accounts.services import membership_grant, user_create
from opennrm.cases.models import Case
from opennrm.demo.data import DEMO_PASSWORD
from opennrm.demo.world import DemoWorld, acting_member, synthetic_mobile
from opennrm.hotline import services as hotline_services
from opennrm.hotline.models import Contact
from opennrm.referrals.services import ServiceDetails, service_create
from opennrm.screening import services as screening_services
from opennrm.screening.models import IndicatorSet

HOTLINE_SUMMARIES = [
    "Signalement anonyme : des ouvrières agricoles logées dans un hangar, papiers confisqués.",
    "Une jeune femme appelle d'une pharmacie, elle dit ne pas pouvoir sortir de l'appartement.",
    "Un voisin signale des enfants qui mendient chaque jour au même carrefour, surveillés.",
    "Un travailleur du bâtiment demande ses droits : salaire retenu depuis trois mois.",
    "Une famille cherche sa fille partie travailler à l'étranger, sans nouvelles.",
]


def build_hotline(world: DemoWorld, rng: random.Random, contacts: int = 140) -> None:
    """Thirty days of hotline contacts: channels, callers, outcomes, emergencies (some open),
    repeat callers, call-backs, and contacts that became cases."""
    operator = world.members[("ngo_north", Role.HOTLINE_OPERATOR)]
    now = timezone.now()
    repeat_numbers = [synthetic_mobile(rng) for _ in range(6)]
    for index in range(contacts):
        started = now - timedelta(minutes=rng.randint(5, 30 * 24 * 60))
        urgency = rng.choices(["Normal", "High", "Emergency"], weights=[80, 15, 5])[0]
        outcome = rng.choices(
            [
                "InformationGiven",
                "ReferredToServices",
                "ReferredToPolice",
                "NoAction",
                "HangUpOrPrank",
                "Pending",
            ],
            weights=[35, 20, 10, 10, 10, 15],
        )[0]
        contact = hotline_services.contact_record(
            actor=operator,
            details=hotline_services.ContactDetails(
                channel=rng.choices(
                    ["Phone", "WhatsApp", "SMS", "Email", "WalkIn"], weights=[60, 20, 5, 5, 10]
                )[0],
                caller_type=rng.choice(
                    ["PossibleVictim", "Relative", "Witness", "Professional", "Anonymous"]
                ),
                started_at=started,
                urgency=urgency,
                outcome=outcome,
                language=rng.choice(["ary", "fra", "ara", "eng", "wol"]),
                region=rng.choice(["MA-01", "MA-02", "MA-04", "MA-06", "MA-07", "MA-09"]),
                summary=rng.choice(HOTLINE_SUMMARIES),
                indicators_observed=rng.sample(
                    [
                        "1.deceived_nature_of_job",
                        "5.confiscation_of_documents",
                        "5.isolation_confinement",
                        "4.excessive_hours",
                    ],
                    k=rng.randint(0, 2),
                ),
                caller_phone=rng.choice(repeat_numbers)
                if index % 7 == 0
                else (synthetic_mobile(rng) if rng.random() < 0.6 else ""),
                callback_due_at=started + timedelta(days=1) if outcome == "Pending" else None,
            ),
            now=started + timedelta(seconds=rng.randint(60, 900)),
        )
        if urgency == "Emergency":
            hotline_services.emergency_refer(
                actor=operator,
                contact=contact,
                service=rng.choice(["Police", "Gendarmerie"]),
                called="Permanence (fictive)",
            )
            if index % 3:  # the others stay open on the coordinators' home pages
                hotline_services.emergency_close(actor=operator, contact=contact)
    # Anonymous reports from the public web form, waiting in the queue.
    for summary in HOTLINE_SUMMARIES[:4]:
        hotline_services.public_report_submit(
            summary=summary, region=rng.choice(["MA-01", "MA-06", "MA-09"]), language="fra"
        )
    # Some callers were already known: their contacts are linked to the existing case.
    known = list(Case.objects.filter(owner_organisation=operator.organisation)[:10])
    for contact, case in zip(
        Contact.objects.filter(outcome="Pending").order_by("started_at")[:5], known, strict=False
    ):
        hotline_services.contact_link_person(
            actor=operator, contact=contact, person=case.person, outcome="LinkedToExistingCase"
        )


def build_screenings(world: DemoWorld, rng: random.Random) -> None:
    """Screenings of a third of the cases: most complete, some paused half-way."""
    sets = {
        s.population: s for s in IndicatorSet.objects.filter(is_active=True, exploitation="labour")
    }
    for case in Case.objects.select_related("person", "owner_organisation").order_by(
        "reference_code"
    ):
        if rng.random() > 0.33:
            continue
        actor = acting_member(world, _organisation_key(world, case.owner_organisation))
        indicator_set = sets["child" if (case.age_when_trafficked or 30) < 18 else "adult"]
        screening = screening_services.screening_start(
            actor=actor, person=case.person, indicator_set=indicator_set
        )
        dimensions = list(indicator_set.dimensions.prefetch_related("indicators"))
        stop_after = 6 if rng.random() < 0.8 else rng.randint(1, 5)
        for dimension in dimensions[:stop_after]:
            ids = [f"{dimension.number}.{i.code}" for i in dimension.indicators.all()]
            screening_services.screening_answer(
                actor=actor,
                screening=screening,
                dimension=dimension.number,
                indicator_ids=rng.sample(ids, k=min(len(ids), rng.randint(0, 3))),
            )
        if stop_after == 6:
            screening_services.screening_complete(actor=actor, screening=screening)


def _organisation_key(world: DemoWorld, organisation: Organisation) -> str:
    return next(k for k, o in world.organisations.items() if o.pk == organisation.pk)


# organisation key, name, type, region (None = nationwide), city, sexes, min age, max age,
# languages, capacity
SERVICES = [
    (
        "centre_casa",
        "Hébergement d'urgence femmes",
        "Shelter",
        "MA-06",
        "Casablanca",
        ["Feminine"],
        18,
        None,
        ["ary", "fra", "ara"],
        20,
    ),
    (
        "centre_tangier",
        "Hébergement mineurs",
        "Shelter",
        "MA-01",
        "Tanger",
        [],
        None,
        17,
        ["ary", "fra", "spa"],
        12,
    ),
    (
        "centre_oujda",
        "Accueil familles et hommes",
        "Shelter",
        "MA-02",
        "Oujda",
        [],
        18,
        None,
        ["ary", "fra", "eng"],
        15,
    ),
    (
        "ngo_north",
        "Soutien psychosocial",
        "Psychosocial",
        "MA-01",
        "Tanger",
        [],
        None,
        None,
        ["ary", "fra", "spa"],
        None,
    ),
    (
        "ngo_east",
        "Accompagnement juridique",
        "LegalAid",
        "MA-02",
        "Oujda",
        [],
        None,
        None,
        ["ary", "fra", "eng", "wol"],
        None,
    ),
    (
        "ngo_south",
        "Consultations médicales",
        "Medical",
        "MA-09",
        "Agadir",
        [],
        None,
        None,
        ["ary", "zgh", "fra"],
        None,
    ),
    (
        "iom",
        "Aide au retour volontaire et à la réintégration",
        "ReturnAssistance",
        None,
        "Rabat",
        [],
        None,
        None,
        ["fra", "eng", "ara"],
        None,
    ),
    (
        "iom",
        "Interprétariat (wolof, bambara, anglais)",
        "Interpretation",
        None,
        "",
        [],
        None,
        None,
        ["wol", "bam", "eng"],
        None,
    ),
    (
        "solidarity",
        "Recherche familiale",
        "FamilyTracing",
        None,
        "Rabat",
        [],
        None,
        None,
        ["ary", "fra"],
        None,
    ),
]


def build_services(world: DemoWorld) -> None:
    """Each provider organisation's administrator describes its services."""
    admins = {}
    for key, *_rest in SERVICES:
        if key in admins:
            continue
        organisation = world.organisations[key]
        existing = world.members.get((key, Role.ORGANISATION_ADMIN))
        if existing is None:
            user = user_create(
                username=f"admin.{key}",
                password=DEMO_PASSWORD,
                first_name="Admin",
                last_name=organisation.short_name,
            )
            existing = membership_grant(
                user=user, organisation=organisation, role=Role.ORGANISATION_ADMIN
            )
            world.members[(key, Role.ORGANISATION_ADMIN)] = existing
        admins[key] = existing
    for key, name, kind, region, city, sexes, min_age, max_age, languages, capacity in SERVICES:
        service_create(
            actor=admins[key],
            details=ServiceDetails(
                name=name,
                service_type=kind,
                region=region or "",
                city=city,
                nationwide=region is None,
                eligible_sexes=sexes,
                min_age=min_age,
                max_age=max_age,
                languages=languages,
                capacity=capacity,
                opening_hours="Lun-Ven 9h-17h ; urgences 24h/24" if kind == "Shelter" else "",
            ),
        )
