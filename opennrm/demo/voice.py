"""Survivors' feedback and complaints for the synthetic deployment: enough answers about Amal
Nord's psychosocial support to be read, too few about its legal aid to be shown, two
complaints (one closed)."""

from __future__ import annotations

import random

from django.utils import timezone

from opennrm.accounts.roles import Role
from opennrm.cases.models import Case
from opennrm.demo.world import DemoWorld
from opennrm.voice import services

REMARKS = [
    "L'interprète est venue à chaque rendez-vous.",
    "J'aurais voulu être informée plus tôt de la date de l'audience.",
    "الموظفة كانت لطيفة معي.",
    "",
    "Plus de temps pour parler avec la psychologue.",
]


def build_feedback(world: DemoWorld, rng: random.Random) -> None:
    worker = world.members[("ngo_north", Role.CASE_MANAGER)]
    case = Case.objects.filter(owner_organisation=worker.organisation).first()
    if case is None:
        return
    month = timezone.localdate().replace(day=1)
    for service_type, answers in (("Psychosocial", 7), ("LegalAid", 3)):
        for index in range(answers):
            issued = services.feedback_code_issue(
                actor=worker,
                case=case,
                kind="Service",
                organisation=worker.organisation,
                service_type=service_type,
                month=month,
                channel=rng.choice(["Printed", "ReadOut"]),
            )
            services.feedback_answer(
                code=issued.code,
                answers={
                    "felt_safe": str(rng.choice([3, 4, 4, 5, 5])),
                    "listened_to": str(rng.choice([2, 4, 5, 5])),
                    "received_promised": rng.choice(["yes", "yes", "partly", "no"]),
                    "would_recommend": rng.choice(["yes", "yes", "no"]),
                    "what_to_change": REMARKS[index % len(REMARKS)],
                },
                language=rng.choice(["fr", "ar"]),
            )
    # One code handed out and not used yet, about a stay the person was referred to.
    centre = world.organisations["centre_casa"]
    sheltered = Case.objects.filter(
        owner_organisation=worker.organisation, referrals__recipient_organisation=centre
    ).first()
    if sheltered is not None:
        services.feedback_code_issue(
            actor=worker,
            case=sheltered,
            kind="Stay",
            organisation=centre,
            service_type="Shelter",
            month=month,
            channel="Printed",
        )
    dpo = world.members[("cnclt", Role.DATA_PROTECTION_OFFICER)]
    services.complaint_file(
        details=services.ComplaintDetails(
            text="On m'a demandé de payer pour un certificat médical qui devait être gratuit.",
            about_organisation=world.organisations["centre_casa"],
            about="Accueil du centre",
            language="fr",
        )
    )
    paper = services.complaint_file(
        actor=dpo,
        details=services.ComplaintDetails(
            text="Plainte reçue par courrier : attente de trois semaines sans nouvelles.",
            channel="Paper",
            about_organisation=world.organisations["ngo_east"],
        ),
    )
    services.complaint_close(
        actor=dpo,
        complaint=paper.complaint,
        outcome="L'association a désigné une référente et rappelé la personne.",
    )
