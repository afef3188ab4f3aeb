"""Referrals for the synthetic deployment: every state, on both sides, through the real
services. Only the dates of a few are moved back, so that deadlines have passed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from opennrm.accounts.models import Membership
from opennrm.accounts.roles import Role
from opennrm.accounts.services import membership_grant, user_create
from opennrm.cases.models import Case, ConsentRecord
from opennrm.cases.services import ConsentDetails, consent_record, consent_withdraw
from opennrm.cases.vocabularies import ConsentPurpose, NRMStage
from opennrm.demo.data import DEMO_PASSWORD
from opennrm.demo.world import DemoWorld
from opennrm.referrals import services as referral_services
from opennrm.referrals.models import DisclosureProfile, Referral, ReferralEvent, Service
from opennrm.referrals.vocabularies import ReferralOutcome, ReferralState

S = ReferralState


@dataclass(frozen=True)
class Plan:
    sender: str
    recipient: str | None  # None: a recipient without an account
    state: str
    service_type: str
    profile: str
    urgent: bool = False
    days_ago: int = 0
    outcome: str = ""
    outcome_overdue: bool = False


PLANS = [
    # Waiting for an answer at the Casablanca centre (the "shelter" demo login).
    Plan("ngo_north", "centre_casa", S.SENT, "Shelter", "shelter-admission", urgent=True),
    Plan("ngo_north", "centre_casa", S.SENT, "Shelter", "shelter-admission"),
    Plan("iom", "centre_casa", S.SENT, "Shelter", "shelter-admission"),
    # Answer overdue (the scheduler has not expired it yet) and expired.
    Plan("ngo_north", "ngo_east", S.SENT, "LegalAid", "legal-aid", days_ago=6),
    Plan("ngo_north", "centre_tangier", S.EXPIRED, "Shelter", "shelter-admission", days_ago=4),
    Plan("iom", "centre_oujda", S.EXPIRED, "Shelter", "shelter-admission", days_ago=3),
    # Accepted and in service, some without an outcome past the expected date.
    Plan("ngo_north", "centre_casa", S.ACCEPTED, "Shelter", "shelter-admission", days_ago=2),
    Plan("ngo_north", "centre_casa", S.IN_SERVICE, "Shelter", "shelter-admission", days_ago=9),
    Plan(
        "ngo_north",
        "centre_casa",
        S.IN_SERVICE,
        "Shelter",
        "shelter-admission",
        days_ago=45,
        outcome_overdue=True,
    ),
    Plan("iom", "ngo_north", S.IN_SERVICE, "Psychosocial", "medical-care", days_ago=12),
    Plan(
        "ngo_north",
        "ngo_east",
        S.ACCEPTED,
        "LegalAid",
        "legal-aid",
        days_ago=40,
        outcome_overdue=True,
    ),
    # Completed with each outcome.
    Plan(
        "ngo_north",
        "centre_casa",
        S.COMPLETED,
        "Shelter",
        "shelter-admission",
        days_ago=60,
        outcome=ReferralOutcome.DELIVERED,
    ),
    Plan(
        "ngo_north",
        "ngo_east",
        S.COMPLETED,
        "LegalAid",
        "legal-aid",
        days_ago=50,
        outcome=ReferralOutcome.PARTIALLY_DELIVERED,
    ),
    Plan(
        "iom",
        "centre_casa",
        S.COMPLETED,
        "Shelter",
        "shelter-admission",
        days_ago=30,
        outcome=ReferralOutcome.NOT_DELIVERED,
    ),
    # Declined, revoked, cancelled after the consent was withdrawn.
    Plan("ngo_north", "centre_casa", S.DECLINED, "Shelter", "shelter-admission", days_ago=5),
    Plan("ngo_north", "centre_tangier", S.REVOKED, "Shelter", "shelter-admission", days_ago=7),
    Plan("iom", "centre_casa", S.CANCELLED, "Shelter", "shelter-admission", days_ago=8),
    # Recipients without an account: a clinic, and an organisation abroad for a return.
    Plan("ngo_north", None, S.SENT, "Medical", "medical-care"),
    Plan("iom", None, S.ACCEPTED, "ReturnAssistance", "return-assistance", days_ago=10),
]
EXTERNAL = {
    "Medical": ("Clinique Al Hayat (fictive), Tanger", "", "MA"),
    "ReturnAssistance": ("Synthetic Reintegration Network, Lagos (fictitious)", "", "NG"),
}
REASONS = {
    "Shelter": "Mise à l'abri urgente : ne peut pas rentrer au logement de l'employeur.",
    "LegalAid": "Accompagnement pour la plainte et l'audience ; salaires retenus.",
    "Psychosocial": "Troubles du sommeil et angoisse depuis la sortie de l'exploitation.",
    "Medical": "Consultation pour une blessure à la main non soignée.",
    "ReturnAssistance": "Souhaite rentrer dans son pays ; famille retrouvée.",
}
NOTES: dict[str, str] = {
    S.DECLINED: "Plus de place pour les femmes cette semaine.",
    S.REVOKED: "La personne a été accueillie par sa famille.",
    ReferralOutcome.PARTIALLY_DELIVERED: "Conseil juridique donné ; pas d'avocat pour l'audience.",
    ReferralOutcome.NOT_DELIVERED: "La personne ne s'est pas présentée au centre.",
}


def _responder(world: DemoWorld, key: str) -> Membership:
    """Whoever answers referrals for the organisation; a reception centre without one gets an
    intake officer."""
    for role in (Role.SERVICE_PROVIDER, Role.CASE_MANAGER, Role.SUPERVISOR):
        if (key, role) in world.members:
            return world.members[(key, role)]
    organisation = world.organisations[key]
    user = user_create(
        username=f"accueil.{key.replace('_', '.')}",
        password=DEMO_PASSWORD,
        first_name="Accueil",
        last_name=organisation.short_name,
    )
    member = membership_grant(user=user, organisation=organisation, role=Role.SERVICE_PROVIDER)
    world.members[(key, Role.SERVICE_PROVIDER)] = member
    return member


def _consent(sender: Membership, case: Case, plan: Plan, world: DemoWorld) -> ConsentRecord:
    now = timezone.now()
    recipient_key = plan.recipient
    external = EXTERNAL[plan.service_type][0] if recipient_key is None else ""
    return consent_record(
        actor=sender,
        case=case,
        details=ConsentDetails(
            purpose=ConsentPurpose.REFERRAL,
            given=True,
            given_at=now - timedelta(days=plan.days_ago, hours=1),
            given_by="Guardian" if referral_services.is_child(case) else "Person",
            recipient_organisation=world.organisations[recipient_key] if recipient_key else None,
            recipient_description=external,
            explained_purpose=True,
            explained_data_uses=True,
            explained_withdrawal=True,
        ),
    )


def _backdate(referral: Referral, days: int, *, outcome_overdue: bool) -> None:
    """Move a referral's history `days` back, spreading its steps over that time, so that the
    demo has deadlines passed and services under way for weeks."""
    if not days:
        return
    events = list(ReferralEvent.objects.filter(referral=referral).order_by("occurred_at"))
    step = timedelta(days=days // 4)
    moved = []
    for index, event in enumerate(events):
        event.occurred_at -= timedelta(days=days) - step * index
        moved.append(event.occurred_at)
        ReferralEvent.objects.filter(pk=event.pk).update(occurred_at=event.occurred_at)
    sent_at = moved[0]
    changes: dict[str, object] = {
        "sent_at": sent_at,
        "state_changed_at": moved[-1],
        "response_due_at": referral_services.response_deadline(sent_at, urgent=referral.urgent),
    }
    if referral.responded_at:
        changes["responded_at"] = moved[1]
        changes["outcome_due_on"] = timezone.localtime(moved[1]).date() + timedelta(days=30)
    if referral.service_started_on and len(moved) > 2:
        changes["service_started_on"] = timezone.localtime(moved[2]).date()
    if referral.completed_on and len(moved) > 3:
        changes["completed_on"] = timezone.localtime(moved[3]).date()
    if outcome_overdue:
        changes["outcome_due_on"] = timezone.localdate() - timedelta(days=3)
    Referral.objects.filter(pk=referral.pk).update(**changes)


def build_referrals(world: DemoWorld, rng: random.Random) -> None:
    profiles = {p.key: p for p in DisclosureProfile.objects.all()}
    used: set[object] = set()
    # The one left unanswered past its deadline is built last, so that the expiry run for the
    # expired ones does not catch it: the scheduler will, within minutes of the demo starting.
    for plan in sorted(PLANS, key=lambda p: p.state == S.SENT and p.days_ago > 0):
        sender = world.members[(plan.sender, Role.CASE_MANAGER)]
        candidates = [
            c
            for c in Case.objects.filter(
                owner_organisation=sender.organisation,
                nrm_stage__in=[
                    NRMStage.IDENTIFICATION,
                    NRMStage.IMMEDIATE_ASSISTANCE,
                    NRMStage.LONG_TERM_ASSISTANCE,
                ],
            )
            .select_related("person")
            .order_by("created_at")
            if c.pk not in used
        ]
        if not candidates:
            continue  # a small seed has too few cases for every plan
        case = rng.choice(candidates)
        used.add(case.pk)
        consent = _consent(sender, case, plan, world)
        recipient = world.organisations[plan.recipient] if plan.recipient else None
        service = (
            Service.objects.filter(organisation=recipient, service_type=plan.service_type).first()
            if recipient
            else None
        )
        name, email, country = ("", "", "") if recipient else EXTERNAL[plan.service_type]
        referral = referral_services.referral_send(
            actor=sender,
            case=case,
            request=referral_services.ReferralRequest(
                service_types=[plan.service_type],
                reason=REASONS[plan.service_type],
                disclosure_profile=profiles[plan.profile],
                recipient_organisation=recipient,
                service=service,
                external_recipient_name=name,
                external_recipient_email=email,
                external_recipient_country=country,
                urgent=plan.urgent,
                medical_needs="Suivi pour une blessure à la main." if rng.random() < 0.4 else "",
                consent=consent,
            ),
        )
        _advance(world, plan, referral, sender, consent)
        referral.refresh_from_db()
        _backdate(referral, plan.days_ago, outcome_overdue=plan.outcome_overdue)
        if plan.state == S.EXPIRED:
            referral_services.referrals_expire_overdue()


def _advance(
    world: DemoWorld, plan: Plan, referral: Referral, sender: Membership, consent: ConsentRecord
) -> None:
    today = timezone.localdate()
    if plan.state in {S.SENT, S.EXPIRED}:
        return
    if plan.state == S.REVOKED:
        referral_services.referral_revoke(actor=sender, referral=referral, reason=NOTES[S.REVOKED])
        return
    if plan.state == S.CANCELLED:
        consent_withdraw(actor=sender, consent=consent, note="Retrait du consentement.")
        return
    # The recipient answers; a recipient without an account through its one-time link.
    answerer = _responder(world, plan.recipient) if plan.recipient else sender
    if plan.state == S.DECLINED:
        referral_services.referral_decline(
            actor=answerer, referral=referral, reason=NOTES[S.DECLINED], code="NoPlace"
        )
        return
    if plan.recipient is None:
        issued = referral_services.referral_link_issue(actor=sender, referral=referral)
        token = issued.url.rstrip("/").rsplit("/", 1)[1]
        link = referral_services.referral_link_open(token=token, code=issued.code)
        referral = referral_services.referral_link_answer(
            link=link, accept=True, responder="Synthetic caseworker (fictitious)"
        )
    else:
        referral = referral_services.referral_accept(actor=answerer, referral=referral)
    if plan.state == S.ACCEPTED:
        return
    referral = referral_services.referral_start_service(
        actor=answerer, referral=referral, started_on=today
    )
    if plan.state == S.IN_SERVICE:
        return
    referral_services.referral_complete(
        actor=answerer,
        referral=referral,
        outcome=plan.outcome,
        note=NOTES.get(plan.outcome, ""),
        completed_on=today,
    )


def build_transfers(world: DemoWorld, rng: random.Random) -> None:
    """Transfers of responsibility in each state: one for IOM to answer, one accepted with the
    former owner keeping read access, a coordinator's request awaiting the owner, a declined
    one."""
    owner = world.members[("ngo_north", Role.CASE_MANAGER)]
    iom = world.members[("iom", Role.CASE_MANAGER)]
    coordinator = world.members[("cnclt", Role.COORDINATOR)]
    # Cases with referrals are left alone: a transfer would move their referrals.
    cases = list(
        Case.objects.filter(owner_organisation=owner.organisation, referrals__isnull=True)
        .exclude(nrm_stage=NRMStage.CLOSED)
        .select_related("person")
        .order_by("identified_on", "created_at")
    )
    if len(cases) < 4:
        return
    chosen = rng.sample(cases, 4)
    reasons = [
        "Retour volontaire au Sénégal : l'OIM prend le relais.",
        "La personne s'installe à Rabat, suivi par l'OIM.",
        "Regroupement des dossiers de retour auprès de l'OIM.",
        "Accompagnement juridique transféré.",
    ]
    for case in chosen:
        consent_record(
            actor=owner,
            case=case,
            details=ConsentDetails(
                purpose=ConsentPurpose.DATA_SHARING,
                given=True,
                given_at=timezone.now() - timedelta(days=2),
                given_by="Guardian" if referral_services.is_child(case) else "Person",
                recipient_organisation=iom.organisation,
                explained_purpose=True,
                explained_data_uses=True,
                explained_withdrawal=True,
            ),
        )
    referral_services.transfer_propose(
        actor=owner, case=chosen[0], to_organisation=iom.organisation, reason=reasons[0]
    )
    accepted = referral_services.transfer_propose(
        actor=owner,
        case=chosen[1],
        to_organisation=iom.organisation,
        reason=reasons[1],
        keep_read_access=True,
    )
    referral_services.transfer_accept(actor=iom, transfer=accepted)
    referral_services.transfer_request(
        actor=coordinator,
        case_reference=chosen[2].reference_code,
        to_organisation=iom.organisation,
        reason=reasons[2],
    )
    declined = referral_services.transfer_propose(
        actor=owner, case=chosen[3], to_organisation=iom.organisation, reason=reasons[3]
    )
    referral_services.transfer_decline(
        actor=iom, transfer=declined, reason="Pas de juriste disponible ce mois-ci."
    )


def build_support_plans(world: DemoWorld, rng: random.Random) -> None:
    """Support plans for cases in assistance: actions in-house and through referrals, some
    delivered, some under way, some late."""
    from opennrm.cases.services import (
        SupportPlanDetails,
        support_action_add,
        support_action_record,
        support_plan_create,
    )

    today = timezone.localdate()
    for key in ("ngo_north", "iom"):
        actor = world.members[(key, Role.CASE_MANAGER)]
        cases = list(
            Case.objects.filter(
                owner_organisation=actor.organisation,
                nrm_stage__in=[NRMStage.IMMEDIATE_ASSISTANCE, NRMStage.LONG_TERM_ASSISTANCE],
            ).order_by("created_at")[:12]
        )
        for case in cases:
            plan = support_plan_create(
                actor=actor,
                case=case,
                details=SupportPlanDetails(
                    objectives=rng.choice(PLAN_OBJECTIVES),
                    action_plan="1. Mise à l'abri. 2. Soins. 3. Accompagnement juridique. "
                    "4. Formation et revenu.",
                    planned_end_on=today + timedelta(days=rng.randint(60, 240)),
                ),
            )
            for support_type, description, delivery in rng.sample(PLAN_ACTIONS, 3):
                action = support_action_add(
                    actor=actor,
                    plan=plan,
                    support_type=support_type,
                    description=description,
                    delivery=delivery,
                    due_on=today + timedelta(days=rng.randint(-20, 60)),
                )
                if delivery == "InHouse" and rng.random() < 0.6:
                    status = rng.choice(["InProgress", "Delivered", "Delivered"])
                    support_action_record(
                        actor=actor,
                        action=action,
                        status=status,
                        on=today - timedelta(days=rng.randint(0, 10)),
                    )
        # Referrals already sent for these cases deliver a matching action.
        for referral in Referral.objects.filter(
            case__in=cases, sender_organisation=actor.organisation
        ).select_related("case"):
            plan = referral.case.support_plan
            action = support_action_add(
                actor=actor,
                plan=plan,
                support_type=referral.service_types[0],
                description=REASONS.get(referral.service_types[0], "Orientation"),
                delivery="Referral",
            )
            Referral.objects.filter(pk=referral.pk).update(support_action=action)
            referral.support_action = action
            referral_services.referral_sync_support_action(referral)


PLAN_OBJECTIVES = [
    "Sécurité et hébergement stable ; soins ; reprise d'une activité rémunérée.",
    "Soins psychologiques, régularisation des documents, retour volontaire préparé.",
    "Protection pendant la procédure pénale ; formation professionnelle.",
]
PLAN_ACTIONS = [
    ("Health", "Bilan de santé et suivi", "InHouse"),
    ("Psychosocial", "Séances de soutien psychologique", "InHouse"),
    ("Legal", "Constitution de partie civile avec un avocat", "Referral"),
    ("RightsBasedTraining", "Atelier sur les droits des travailleurs", "InHouse"),
    ("Livelihood", "Formation en couture et micro-projet", "Referral"),
    ("Education", "Cours d'alphabétisation", "InHouse"),
    ("Financial", "Allocation mensuelle de subsistance", "InHouse"),
]
