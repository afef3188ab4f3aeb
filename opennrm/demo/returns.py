"""Voluntary returns for the synthetic deployment: one being planned, one cleared with its
transnational referral, returns with follow-up visits due, overdue and done, one completed."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from opennrm.accounts.roles import Role
from opennrm.cases.models import Case
from opennrm.cases.vocabularies import NRMStage
from opennrm.demo.world import DemoWorld
from opennrm.referrals.models import Referral
from opennrm.reintegration.models import ReturnPlan
from opennrm.reintegration.services import (
    ReturnDetails,
    follow_up_record,
    goal_add,
    goal_update,
    return_assess_risk,
    return_close,
    return_open,
    return_record_arrival,
    return_set_receiving,
)

# (destination, months since arrival or None if not yet returned, follow-ups done)
PLANS = [
    ("SN", None, 0),
    ("NG", None, 0),
    ("CI", 4, 0),
    ("CM", 7, 1),
    ("GN", 13, 3),
]
GOALS = [
    ("Income", "Micro-projet de couture avec un kit de démarrage"),
    ("Housing", "Logement chez une tante les six premiers mois"),
    ("Health", "Suivi psychologique par un partenaire local"),
    ("Family", "Médiation familiale avant le retour"),
    ("Education", "Formation professionnelle de trois mois"),
]


def build_returns(world: DemoWorld, rng: random.Random) -> None:
    actor = world.members[("iom", Role.CASE_MANAGER)]
    today = timezone.localdate()
    transnational = (
        Referral.objects.filter(sender_organisation=actor.organisation, recipient_organisation=None)
        .select_related("case")
        .first()
    )
    cases = [
        c
        for c in Case.objects.filter(owner_organisation=actor.organisation)
        .exclude(nrm_stage=NRMStage.CLOSED)
        .order_by("created_at")
        if not c.returns.exists() and not c.stays.filter(departed_on__isnull=True).exists()
    ]
    if transnational is not None:
        cases = [transnational.case, *[c for c in cases if c.pk != transnational.case_id]]
    for (country, months, done), case in zip(PLANS, cases, strict=False):
        plan = return_open(
            actor=actor,
            case=case,
            details=ReturnDetails(
                direction="Outbound",
                destination_country=country,
                destination_place="Quartier fictif, chez la famille",
                voluntary_confirmed_on=today - timedelta(days=rng.randint(5, 30)),
                planned_travel_on=today + timedelta(days=20) if months is None else None,
            ),
        )
        for domain, objective in rng.sample(GOALS, 3):
            goal_add(actor=actor, plan=plan, domain=domain, objective=objective)
        if country == "SN":
            continue  # still being planned: risks not yet assessed
        return_assess_risk(
            actor=actor,
            plan=plan,
            level=rng.choice(["Low", "Medium"]),
            risks=rng.sample(["Stigma", "Debt", "NoIncome", "Health"], 2),
            notes="Famille informée ; accompagnement à l'arrivée par le partenaire.",
            proceed=True,
        )
        if transnational is not None and case.pk == transnational.case_id:
            return_set_receiving(actor=actor, plan=plan, referral=transnational)
        if months is None:
            continue
        arrived = today - timedelta(days=30 * months + rng.randint(0, 10))
        # The assessment preceded the journey in this story.
        ReturnPlan.objects.filter(pk=plan.pk).update(risk_assessed_on=arrived - timedelta(days=20))
        plan.refresh_from_db()
        plan = return_record_arrival(actor=actor, plan=plan, returned_on=arrived)
        for visit in plan.follow_ups.order_by("due_on")[:done]:
            follow_up_record(
                actor=actor,
                visit=visit,
                done_on=visit.due_on + timedelta(days=rng.randint(0, 6)),
                outcome=rng.choice(["WellReintegrated", "Progressing"]),
                done_by="Partenaire de réintégration (fictif)",
            )
        for goal in plan.goals.all():
            goal_update(actor=actor, goal=goal, status="Achieved" if done == 3 else "InProgress")
        if done == 3:
            return_close(actor=actor, plan=plan, note="Revenu stable, logement assuré.")
