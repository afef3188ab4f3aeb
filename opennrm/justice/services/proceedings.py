"""Criminal proceedings: every write is one transaction with its audit event. The stages and
the moves between them are the country's data (`JusticeStage`, `JusticeStageMove`), stepped
through the same `Workflow` as every other state machine."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from opennrm.accounts.models import Membership, Organisation
from opennrm.accounts.notifications import Notice, Param, members_with, notify
from opennrm.cases.models import Case
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.core.references import new_reference
from opennrm.core.workflow import Workflow
from opennrm.justice.models import (
    Authority,
    JusticeStage,
    Proceeding,
    ProceedingCase,
    ProceedingStageChange,
)
from opennrm.justice.selectors import can_record, moves_of, stage_label
from opennrm.justice.vocabularies import LinkBasis, VictimRole


def proceeding_workflow(country: str) -> Workflow[Proceeding]:
    """The country's table of moves, as data, in the shared workflow shape."""
    moves = moves_of(country)
    return Workflow(
        model=Proceeding,
        states=None,
        moves=moves,
        refused=gettext_lazy("A proceeding at the stage “%(state)s” cannot move to “%(to)s”."),
        stale=gettext_lazy(
            "This proceeding was changed by someone else meanwhile. Reload the page."
        ),
        state_field="stage",
        version_field="version",
        permissions=dict.fromkeys(
            {code for targets in moves.values() for code in targets},
            Permission.RECORD_PROCEEDINGS,
        ),
        labels=lambda code: stage_label(country, code),
    )


def proceeding_event(
    actor: Membership, proceeding: Proceeding, action: str, **details: object
) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="proceeding",
        object_id=proceeding.pk,
        details=details,
    )


def _check_authority(stage: JusticeStage, authority: Authority) -> None:
    if authority.country != stage.country or not authority.is_active:
        raise ApplicationError(_("Choose an authority of this country."), field="authority")
    if stage.authority_kinds and authority.kind not in stage.authority_kinds:
        raise ApplicationError(
            _("A %(kind)s is not in charge at the stage “%(stage)s”.")
            % {"kind": authority.get_kind_display(), "stage": stage.label()},
            field="authority",
        )


def _check_date(on: date, *, not_before: date | None, field: str) -> None:
    if on > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field=field)
    if not_before is not None and on < not_before:
        raise ApplicationError(
            _("This date is before the proceeding's previous step (%(date)s).")
            % {"date": not_before.isoformat()},
            field=field,
        )


@dataclass(frozen=True)
class ProceedingDetails:
    authority: Authority
    stage: str
    opened_on: date
    network_name: str = ""
    summary: str = ""


def proceeding_open(*, actor: Membership, details: ProceedingDetails) -> Proceeding:
    """A complaint or a report reaches an authority, which opens the proceeding for itself."""
    if not actor.can(Permission.RECORD_PROCEEDINGS):
        raise PermissionDenied(_("Your role does not allow this."))
    authority = details.authority
    if authority.organisation_id != actor.organisation_id:
        raise ApplicationError(
            _("Open a proceeding for an authority your organisation acts for."), field="authority"
        )
    stage = JusticeStage.objects.filter(country=authority.country, code=details.stage).first()
    if stage is None or not stage.is_initial:
        raise ApplicationError(_("A proceeding cannot start at this stage."), field="stage")
    _check_authority(stage, authority)
    _check_date(details.opened_on, not_before=None, field="opened_on")
    with transaction.atomic():
        proceeding = Proceeding.objects.create(
            reference_code=new_reference("J"),
            country=authority.country,
            stage=stage.code,
            stage_since=details.opened_on,
            authority=authority,
            opened_on=details.opened_on,
            network_name=details.network_name.strip(),
            summary=details.summary.strip(),
            opened_by_organisation_id=actor.organisation_id,
            created_by=actor.user,
        )
        ProceedingStageChange.objects.create(
            proceeding=proceeding,
            to_stage=stage.code,
            on=details.opened_on,
            authority=authority,
            recorded_by=actor.user,
            recorded_for_id=actor.organisation_id,
        )
        proceeding_event(
            actor, proceeding, "proceeding.opened", stage=stage.code, authority=authority.code
        )
    return proceeding


def notify_case_owners(
    proceeding: Proceeding,
    text: str,
    *,
    extra: Mapping[str, Param] | None = None,
    links: Iterable[ProceedingCase] | None = None,
    lawyers: bool = False,
) -> None:
    """Tell the owners of the linked victims' cases (and, with `lawyers`, their legal aid),
    by reference code only."""
    chosen = (
        links
        if links is not None
        else proceeding.cases.select_related("case__owner_organisation", "legal_aid_organisation")
    )
    for link in chosen:
        case = link.case
        params: dict[str, Param] = {
            "proceeding": proceeding.reference_code,
            "case": case.reference_code,
            **(extra or {}),
        }
        notify(
            users=members_with(case.owner_organisation_id, Permission.EDIT_CASE),
            organisation=case.owner_organisation,
            message=Notice(text=text, params=params),
            url=reverse("cases:detail", kwargs={"case_id": case.pk}),
        )
        legal_aid = link.legal_aid_organisation
        if lawyers and legal_aid is not None:
            notify(
                users=members_with(legal_aid.pk, Permission.VIEW_CLIENT_PROCEEDINGS),
                organisation=legal_aid,
                message=Notice(text=text, params=params),
                url=reverse("justice:proceeding", kwargs={"proceeding_id": proceeding.pk}),
            )


def proceeding_move(
    *,
    actor: Membership,
    proceeding: Proceeding,
    to_stage: str,
    on: date,
    authority: Authority,
    note: str = "",
    expected_version: int | None = None,
) -> Proceeding:
    """The authority in charge records the next stage and who is in charge of it from then
    on (the police hand over to the prosecutor, the prosecutor to a court...)."""
    if not can_record(actor, proceeding):
        raise PermissionDenied(_("Your role does not allow this."))
    workflow = proceeding_workflow(proceeding.country)
    workflow.check(proceeding, to_stage, field="to_stage")
    stage = JusticeStage.objects.get(country=proceeding.country, code=to_stage)
    _check_authority(stage, authority)
    _check_date(on, not_before=proceeding.stage_since, field="on")

    def after(moved: Proceeding, from_stage: str) -> None:
        ProceedingStageChange.objects.create(
            proceeding=moved,
            from_stage=from_stage,
            to_stage=to_stage,
            on=on,
            authority=authority,
            note=note.strip(),
            recorded_by=actor.user,
            recorded_for_id=actor.organisation_id,
        )
        proceeding_event(
            actor, moved, "proceeding.moved", to_stage=to_stage, authority=authority.code
        )
        notify_case_owners(
            moved,
            gettext_noop(
                "Criminal proceeding %(proceeding)s (case %(case)s) has moved to a new stage."
            ),
        )

    return workflow.step(
        proceeding,
        to_stage,
        actor=actor,
        changes={"stage_since": on, "authority": authority},
        after=after,
        field="to_stage",
        expected_version=expected_version,
    )


def legal_aid_organisations() -> list[Organisation]:
    """Organisations with at least one active victims' lawyer."""
    return list(
        Organisation.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__role="victims_lawyer",
        ).distinct()
    )


@dataclass(frozen=True)
class LinkDetails:
    reference: str
    role: str
    basis: str
    legal_aid_organisation: Organisation | None = None


def proceeding_link_case(*, actor: Membership, case: Case, details: LinkDetails) -> ProceedingCase:
    """The case's owner tells the justice side that its client is a victim, witness or civil
    party in a proceeding (the reference the police or the prosecutor gave), and why."""
    if not actor.can(Permission.EDIT_CASE) or case.owner_organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Your role does not allow this."))
    if details.role not in VictimRole.values:
        raise ApplicationError(_("Choose the person's role in the proceeding."), field="role")
    if details.basis not in LinkBasis.values:
        raise ApplicationError(_("Say why the justice side may know this person."), field="basis")
    legal_aid = details.legal_aid_organisation
    if legal_aid is not None and legal_aid not in legal_aid_organisations():
        raise ApplicationError(_("This organisation has no victims' lawyer."), field="legal_aid")
    proceeding = Proceeding.objects.filter(reference_code=details.reference.strip().upper()).first()
    if proceeding is None:
        raise ApplicationError(
            _(
                "No criminal proceeding has this reference. "
                "Ask the police or the prosecutor for it."
            ),
            field="reference",
        )
    try:
        with transaction.atomic():
            link = ProceedingCase.objects.create(
                proceeding=proceeding,
                case=case,
                role=details.role,
                basis=details.basis,
                legal_aid_organisation=legal_aid,
                linked_by=actor.user,
                linked_on=timezone.localdate(),
            )
            audit_record(
                action="case.linked_to_proceeding",
                actor=actor,
                object_type="case",
                object_id=case.pk,
                subject_organisation_id=case.owner_organisation_id,
                details={
                    "proceeding_id": str(proceeding.pk),
                    "role": details.role,
                    "basis": details.basis,
                },
            )
            if legal_aid is not None:
                notify(
                    users=members_with(legal_aid.pk, Permission.VIEW_CLIENT_PROCEEDINGS),
                    organisation=legal_aid,
                    message=Notice(
                        text=gettext_noop(
                            "You were assigned as legal aid to a victim in criminal proceeding "
                            "%(proceeding)s."
                        ),
                        params={"proceeding": proceeding.reference_code},
                    ),
                    url=reverse("justice:proceeding", kwargs={"proceeding_id": proceeding.pk}),
                )
    except IntegrityError:
        raise ApplicationError(
            _("This case is already linked to this proceeding."), field="reference"
        ) from None
    return link


def proceeding_unlink_case(*, actor: Membership, link: ProceedingCase) -> None:
    """The case's owner withdraws a link made in error."""
    case = link.case
    if not actor.can(Permission.EDIT_CASE) or case.owner_organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Your role does not allow this."))
    with transaction.atomic():
        audit_record(
            action="case.unlinked_from_proceeding",
            actor=actor,
            object_type="case",
            object_id=case.pk,
            subject_organisation_id=case.owner_organisation_id,
            details={"proceeding_id": str(link.proceeding_id)},
        )
        link.delete()
