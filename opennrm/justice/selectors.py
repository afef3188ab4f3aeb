"""Every read of a criminal proceeding goes through here. Need to know: the justice roles of an
authority that has been in charge of a proceeding (or opened it) read it; a victims' lawyer
reads the proceedings of their clients; the case manager sees, on the client's case page, the
stage and who is in charge, never the investigation's content; nobody else learns that a
proceeding exists (a missing one and a forbidden one both answer 404)."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.core.audit import audit_record
from opennrm.core.ids import as_uuid
from opennrm.core.panels import EVERYTHING, Panel
from opennrm.core.permissions import Permission
from opennrm.justice.models import (
    Authority,
    Charge,
    Compensation,
    Hearing,
    Judgment,
    JusticeStage,
    JusticeStageMove,
    NonPunishment,
    Perpetrator,
    Proceeding,
    ProceedingCase,
    ProceedingStageChange,
    ProtectionMeasure,
    ResidenceDecision,
)
from opennrm.justice.vocabularies import AuthorityKind, PerpetratorStatus


def proceedings_visible_to(actor: Membership | None) -> QuerySet[Proceeding]:
    """The one starting point of every proceeding query."""
    if actor is None or not actor.is_active:
        return Proceeding.objects.none()
    organisation = actor.organisation_id
    if actor.can(Permission.VIEW_PROCEEDINGS):
        involved = ProceedingStageChange.objects.filter(
            authority__organisation_id=organisation
        ).values("proceeding_id")
        return Proceeding.objects.filter(
            Q(opened_by_organisation_id=organisation)
            | Q(authority__organisation_id=organisation)
            | Q(pk__in=involved)
        )
    if actor.can(Permission.VIEW_CLIENT_PROCEEDINGS):
        clients = ProceedingCase.objects.filter(legal_aid_organisation_id=organisation)
        return Proceeding.objects.filter(pk__in=clients.values("proceeding_id"))
    return Proceeding.objects.none()


def sees_investigation(actor: Membership) -> bool:
    """The facts, the network's name and the notes of each step: justice roles only (a
    victims' lawyer reads the stage, the authority and their clients)."""
    return actor.can(Permission.VIEW_PROCEEDINGS)


def can_record(actor: Membership, proceeding: Proceeding) -> bool:
    """Only the authority currently in charge records the next step."""
    return (
        actor.can(Permission.RECORD_PROCEEDINGS)
        and proceeding.authority.organisation_id == actor.organisation_id
    )


def can_record_outcome(actor: Membership, proceeding: Proceeding) -> bool:
    """Suspects and accused, charges, judgments and compensation: the authority in charge, and
    also the prosecutor's office that has prosecuted the case (the prosecution brings the
    charges and follows its cases to the final judgment)."""
    if can_record(actor, proceeding):
        return True
    return (
        actor.can(Permission.RECORD_PROCEEDINGS)
        and ProceedingStageChange.objects.filter(
            proceeding=proceeding,
            authority__organisation_id=actor.organisation_id,
            authority__kind=AuthorityKind.PROSECUTOR_OFFICE,
        ).exists()
    )


def access_proceeding(
    *, actor: Membership, proceeding_id: Any, purpose: str = "view"
) -> Proceeding:
    pk = as_uuid(proceeding_id)
    proceeding = (
        proceedings_visible_to(actor)
        .select_related("authority", "opened_by_organisation")
        .filter(pk=pk)
        .first()
        if pk is not None
        else None
    )
    if proceeding is not None and purpose != "view":
        allowed = (
            can_record_outcome(actor, proceeding)
            if purpose == "record_outcome"
            else can_record(actor, proceeding)
        )
        proceeding = proceeding if allowed else None
    audit_record(
        action="proceeding.accessed" if proceeding else "proceeding.access_refused",
        actor=actor,
        object_type="proceeding",
        object_id=proceeding.pk if proceeding else (pk or ""),
        details={"purpose": purpose},
    )
    if proceeding is None:
        raise Http404
    return proceeding


def victims_shown_to(actor: Membership, proceeding: Proceeding) -> QuerySet[ProceedingCase]:
    """The linked victims the actor may see: all of them for justice roles, only their own
    clients for a lawyer."""
    links = proceeding.cases.select_related(
        "case__person", "case__owner_organisation", "legal_aid_organisation"
    )
    if actor.can(Permission.VIEW_PROCEEDINGS):
        return links
    return links.filter(legal_aid_organisation_id=actor.organisation_id)


def perpetrators_shown_to(actor: Membership, proceeding: Proceeding) -> QuerySet[Perpetrator]:
    """Suspects and accused: the justice roles see all of them; a victims' lawyer sees the
    accused (charged before a court), never a suspect under investigation; nobody else."""
    perpetrators = proceeding.perpetrators.prefetch_related(
        "charges__offence", "charges__judgments__court", "charges__judgments__requalified_as"
    )
    if actor.can(Permission.VIEW_PROCEEDINGS):
        return perpetrators
    if actor.can(Permission.VIEW_CLIENT_PROCEEDINGS):
        return perpetrators.filter(status=PerpetratorStatus.ACCUSED)
    return perpetrators.none()


def access_perpetrator(
    *, actor: Membership, proceeding: Proceeding, perpetrator_id: Any
) -> Perpetrator:
    """A suspect or accused of a proceeding already obtained through access_proceeding."""
    pk = as_uuid(perpetrator_id)
    perpetrator = (
        perpetrators_shown_to(actor, proceeding).filter(pk=pk).first() if pk is not None else None
    )
    if perpetrator is None:
        raise Http404
    return perpetrator


def access_charge(*, perpetrator: Perpetrator, charge_id: Any) -> Charge:
    pk = as_uuid(charge_id)
    charge = perpetrator.charges.filter(pk=pk).first() if pk is not None else None
    if charge is None:
        raise Http404
    return charge


def access_judgment(*, perpetrator: Perpetrator, judgment_id: Any) -> Judgment:
    pk = as_uuid(judgment_id)
    judgment = (
        Judgment.objects.filter(charge__perpetrator=perpetrator, pk=pk).first()
        if pk is not None
        else None
    )
    if judgment is None:
        raise Http404
    return judgment


@dataclass(frozen=True)
class ClientJudgment:
    """The judgment that stands on one charge, as the victim's case manager sees it: the
    accused by label only (A-1), the offence, the outcome, the sentence, and what the client
    was awarded and paid."""

    accused: str
    offence: str
    judgment: Judgment
    compensation: Compensation | None


def client_judgments(link: ProceedingCase) -> list[ClientJudgment]:
    judgments = (
        Judgment.objects.filter(charge__perpetrator__proceeding_id=link.proceeding_id)
        .select_related("charge__perpetrator", "charge__offence", "requalified_as")
        .order_by("charge__perpetrator__label", "charge__charged_on", "decided_on", "created_at")
    )
    standing: dict[Any, Judgment] = {}
    for judgment in judgments:
        standing[judgment.charge_id] = judgment  # the latest one stands
    awarded = {c.judgment_id: c for c in link.compensations.filter(judgment__in=standing.values())}
    return [
        ClientJudgment(
            accused=j.charge.perpetrator.label,
            offence=j.charge.offence.article,
            judgment=j,
            compensation=awarded.get(j.pk),
        )
        for j in standing.values()
    ]


def stages_of(country: str) -> dict[str, JusticeStage]:
    return {s.code: s for s in JusticeStage.objects.filter(country=country)}


def stage_label(country: str, code: str) -> str:
    stage = JusticeStage.objects.filter(country=country, code=code).first()
    return stage.label() if stage is not None else code


def moves_of(country: str) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for source, target in JusticeStageMove.objects.filter(from_stage__country=country).values_list(
        "from_stage__code", "to_stage__code"
    ):
        table.setdefault(source, set()).add(target)
    return {source: frozenset(targets) for source, targets in table.items()}


def next_stages(proceeding: Proceeding) -> list[JusticeStage]:
    codes = moves_of(proceeding.country).get(proceeding.stage, frozenset())
    return list(JusticeStage.objects.filter(country=proceeding.country, code__in=codes))


def authorities_for(stage: JusticeStage) -> QuerySet[Authority]:
    return Authority.objects.filter(
        country=stage.country, kind__in=stage.authority_kinds, is_active=True
    )


def authorities_of(actor: Membership) -> QuerySet[Authority]:
    """The authorities the actor's organisation acts for."""
    return Authority.objects.filter(organisation_id=actor.organisation_id, is_active=True)


@dataclass(frozen=True)
class JusticeLine:
    """What the victim's case manager sees of a proceeding: no facts, no notes, no suspect."""

    link: ProceedingCase
    reference: str
    stage: str
    stage_since: Any
    authority: str
    judgments: list[ClientJudgment]
    next_hearing: Hearing | None
    measures: list[ProtectionMeasure]


def justice_lines(case: Case) -> list[JusticeLine]:
    links = case.proceedings.select_related(
        "proceeding__authority", "legal_aid_organisation", "participation"
    )
    labels: dict[tuple[str, str], str] = {}
    lines = []
    for link in links:
        proceeding = link.proceeding
        key = (proceeding.country, proceeding.stage)
        if key not in labels:
            labels[key] = stage_label(*key)
        lines.append(
            JusticeLine(
                link=link,
                reference=proceeding.reference_code,
                stage=labels[key],
                stage_since=proceeding.stage_since,
                authority=proceeding.authority.label(),
                judgments=client_judgments(link),
                next_hearing=Hearing.objects.filter(
                    victims__victim=link, cancelled=False, scheduled_at__gte=timezone.now()
                )
                .select_related("court")
                .order_by("scheduled_at")
                .first(),
                measures=list(link.protection_measures.all()),
            )
        )
    return lines


def justice_case_rows() -> dict[str, QuerySet[Any]]:
    return {
        "proceedings": ProceedingCase.objects.filter(case=OuterRef("pk")),
        "non_punishments": NonPunishment.objects.filter(case=OuterRef("pk")),
        "residence_decisions": ResidenceDecision.objects.filter(case=OuterRef("pk")),
    }


def justice_case_panel(
    actor: Membership, case: Case, present: Container[str] = EVERYTHING
) -> Panel | None:
    if case.owner_organisation_id != actor.organisation_id:
        return None
    lines = justice_lines(case) if "proceedings" in present else []
    can_link = actor.can(Permission.EDIT_CASE)
    non_punishments = list(case.non_punishments.all()) if "non_punishments" in present else []
    residence = list(case.residence_decisions.all()) if "residence_decisions" in present else []
    if not lines and not can_link and not non_punishments and not residence:
        return None
    home = settings.OPENNRM_DEPLOYMENT_COUNTRY
    citizenships = set(case.person.citizenships or [])
    return Panel(
        template="justice/_case_panel.html",
        context={
            "lines": lines,
            "can_link": can_link,
            "case": case,
            "non_punishments": non_punishments,
            "residence": residence,
            "foreign": not citizenships or not citizenships <= {home},
        },
    )


# Judgments recorded this many days ago or less appear on the home page of the victim's side.
RECENT_JUDGMENT_DAYS = 30


def recent_client_judgments(actor: Membership) -> list[tuple[ProceedingCase, Judgment]]:
    """Judgments recorded lately in the proceedings of the actor's clients: the cases its
    organisation owns (case workers) or assists (lawyers). Accused by label only."""
    condition = Q()
    if actor.can(Permission.EDIT_CASE):
        condition |= Q(case__owner_organisation_id=actor.organisation_id)
    if actor.can(Permission.VIEW_CLIENT_PROCEEDINGS):
        condition |= Q(legal_aid_organisation_id=actor.organisation_id)
    if not condition:
        return []
    links = list(
        ProceedingCase.objects.filter(condition).select_related("case", "proceeding")[:500]
    )
    since = timezone.now() - timedelta(days=RECENT_JUDGMENT_DAYS)
    by_proceeding: dict[Any, list[ProceedingCase]] = {}
    for link in links:
        by_proceeding.setdefault(link.proceeding_id, []).append(link)
    judgments = (
        Judgment.objects.filter(
            charge__perpetrator__proceeding_id__in=by_proceeding, created_at__gte=since
        )
        .select_related("charge__perpetrator", "charge__offence")
        .order_by("-created_at")[:20]
    )
    return [
        (link, judgment)
        for judgment in judgments
        for link in by_proceeding[judgment.charge.perpetrator.proceeding_id]
    ]


def justice_home_panel(actor: Membership) -> Panel | None:
    rows = recent_client_judgments(actor)
    if not rows:
        return None
    return Panel(template="justice/_home_judgments.html", context={"rows": rows})


def victims_cases_of(proceedings: QuerySet[Proceeding]) -> QuerySet[Case]:
    """The victims' cases linked to these proceedings (non-punishment is recorded on them)."""
    return Case.objects.filter(proceedings__proceeding__in=proceedings)
