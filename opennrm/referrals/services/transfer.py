"""Transfers of responsibility: the owner proposes (or the national coordinator requests and the
owner agrees), the recipient accepts or declines. On acceptance the case changes owner in the
same transaction, its open referrals follow it, and the former owner keeps read access only if
the transfer grants it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from opennrm.accounts.models import Membership, Organisation
from opennrm.cases.models import Case, CaseAccessGrant, ConsentRecord
from opennrm.cases.vocabularies import ConsentPurpose
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.core.references import new_reference
from opennrm.core.workflow import Workflow
from opennrm.referrals import notices
from opennrm.referrals.models import Referral, ReferralEvent, Transfer
from opennrm.referrals.services.referral import consent_covers, covering_consent, is_child
from opennrm.referrals.vocabularies import (
    OPEN_STATES,
    ReferralEventKind,
    TransferState,
)

T = TransferState
TRANSFER_CONSENT_PURPOSES = frozenset({ConsentPurpose.DATA_SHARING, ConsentPurpose.REFERRAL})
ALLOWED_TRANSFER_MOVES: dict[str, frozenset[str]] = {
    T.REQUESTED: frozenset({T.PROPOSED, T.REFUSED, T.WITHDRAWN}),
    T.PROPOSED: frozenset({T.ACCEPTED, T.DECLINED, T.WITHDRAWN, T.CANCELLED}),
}
TRANSFER_WORKFLOW = Workflow(
    model=Transfer,
    states=TransferState,
    moves=ALLOWED_TRANSFER_MOVES,
    refused=gettext_lazy("A transfer that is “%(state)s” cannot become “%(to)s”."),
    stale=gettext_lazy("This transfer was changed by someone else meanwhile. Reload the page."),
    changed_at_field="state_changed_at",
)


def _require(actor: Membership, permission: Permission) -> None:
    if not actor.can(permission):
        raise PermissionDenied(_("Your role does not allow this."))


def _audit(transfer: Transfer, action: str, actor: Membership, **details: object) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="transfer",
        object_id=transfer.pk,
        subject_organisation_id=transfer.from_organisation_id,
        details={"case_id": str(transfer.case_id), **details},
    )


def _check_recipient(case: Case, recipient: Organisation) -> None:
    if not recipient.is_active:
        raise ApplicationError(_("This organisation is no longer active."), field="to_organisation")
    if recipient.pk == case.owner_organisation_id:
        raise ApplicationError(
            _("This organisation is already responsible for the case."), field="to_organisation"
        )


def _resolve_consent(
    actor: Membership,
    case: Case,
    recipient: Organisation,
    consent: ConsentRecord | None,
    override: str,
) -> tuple[ConsentRecord | None, str]:
    if consent is not None and not consent_covers(
        consent, case=case, recipient=recipient, purposes=TRANSFER_CONSENT_PURPOSES
    ):
        raise ApplicationError(
            _(
                "This consent does not cover the transfer: it must be in force, for sharing "
                "the data or a referral, name the new organisation and, for a child, be given "
                "by the guardian or the competent authority."
            ),
            field="consent",
        )
    consent = consent or covering_consent(case, recipient, TRANSFER_CONSENT_PURPOSES)
    if consent is not None:
        return consent, ""
    if not override.strip():
        raise ApplicationError(
            _(
                "No recorded consent covers sharing this case with the new organisation%(child)s. "
                "Record it first or, if your role allows it, give the reason to proceed without."
            )
            % {"child": _(" (the guardian's, for a child)") if is_child(case) else ""},
            field="consent",
        )
    _require(actor, Permission.OVERRIDE_REFERRAL_CONSENT)
    return None, override.strip()


def _open_transfer_exists(case: Case) -> bool:
    return case.transfers.filter(state__in=[T.REQUESTED, T.PROPOSED]).exists()


def _create(**values: object) -> Transfer:
    try:
        with transaction.atomic():
            return Transfer.objects.create(**values)
    except IntegrityError:
        raise ApplicationError(_("A transfer of this case is already under way.")) from None


def transfer_propose(
    *,
    actor: Membership,
    case: Case,
    to_organisation: Organisation,
    reason: str,
    keep_read_access: bool = False,
    consent: ConsentRecord | None = None,
    consent_override_reason: str = "",
) -> Transfer:
    _require(actor, Permission.TRANSFER_CASE)
    if case.owner_organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Only the organisation responsible for the case can transfer it."))
    _check_recipient(case, to_organisation)
    if not reason.strip():
        raise ApplicationError(_("Say why the case is transferred."), field="reason")
    if _open_transfer_exists(case):
        raise ApplicationError(_("A transfer of this case is already under way."))
    chosen, override = _resolve_consent(
        actor, case, to_organisation, consent, consent_override_reason
    )
    now = timezone.now()
    with transaction.atomic():
        transfer = _create(
            reference_code=new_reference("T"),
            case=case,
            from_organisation=actor.organisation,
            to_organisation=to_organisation,
            proposed_by=actor.user,
            reason=reason.strip(),
            keep_read_access=keep_read_access,
            consent=chosen,
            consent_override_reason=override,
            state=T.PROPOSED,
            state_changed_at=now,
        )
        _audit(
            transfer,
            "transfer.proposed",
            actor,
            to_organisation_id=str(to_organisation.pk),
            keep_read_access=keep_read_access,
            consent_id=str(chosen.pk) if chosen else "",
        )
        if override:
            # The reason stays encrypted on the transfer: the append-only log holds no values.
            _audit(transfer, "transfer.consent_overridden", actor)
        notices.transfer_changed(transfer)
    return transfer


def transfer_request(
    *, actor: Membership, case_reference: str, to_organisation: Organisation, reason: str
) -> Transfer:
    """The national coordinator asks the owner of a case (known to it by reference only) to
    transfer it; the owner agrees (and then proposes) or refuses."""
    _require(actor, Permission.REQUEST_TRANSFER)
    case = Case.objects.filter(reference_code=case_reference.strip().upper()).first()
    if case is None:
        raise ApplicationError(_("No case has this reference."), field="case_reference")
    _check_recipient(case, to_organisation)
    if not reason.strip():
        raise ApplicationError(_("Say why the case is transferred."), field="reason")
    if _open_transfer_exists(case):
        raise ApplicationError(_("A transfer of this case is already under way."))
    now = timezone.now()
    with transaction.atomic():
        transfer = _create(
            reference_code=new_reference("T"),
            case=case,
            from_organisation_id=case.owner_organisation_id,
            to_organisation=to_organisation,
            requested_by=actor.user,
            requesting_organisation=actor.organisation,
            reason=reason.strip(),
            state=T.REQUESTED,
            state_changed_at=now,
        )
        _audit(transfer, "transfer.requested", actor, to_organisation_id=str(to_organisation.pk))
        notices.transfer_changed(transfer)
    return transfer


def _move(
    transfer: Transfer, to_state: str, *, actor: Membership, action: str, **changes: object
) -> Transfer:
    def after(moved: Transfer, _from_state: str) -> None:
        _audit(moved, action, actor, to_state=to_state)
        notices.transfer_changed(moved)

    return TRANSFER_WORKFLOW.step(transfer, to_state, changes=changes, after=after)


def _require_owner(actor: Membership, transfer: Transfer) -> None:
    _require(actor, Permission.TRANSFER_CASE)
    if transfer.case.owner_organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Only the organisation responsible for the case can do this."))


def _require_recipient(actor: Membership, transfer: Transfer) -> None:
    _require(actor, Permission.TRANSFER_CASE)
    if transfer.to_organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Only the new organisation can answer this transfer."))


def transfer_agree(
    *,
    actor: Membership,
    transfer: Transfer,
    keep_read_access: bool = False,
    consent: ConsentRecord | None = None,
    consent_override_reason: str = "",
) -> Transfer:
    """The owner agrees to the coordinator's request: the transfer is proposed to the recipient."""
    _require_owner(actor, transfer)
    if transfer.state != T.REQUESTED:
        raise ApplicationError(_("Only a requested transfer can be agreed to."))
    chosen, override = _resolve_consent(
        actor, transfer.case, transfer.to_organisation, consent, consent_override_reason
    )
    with transaction.atomic():
        transfer = _move(
            transfer,
            T.PROPOSED,
            actor=actor,
            action="transfer.proposed",
            proposed_by=actor.user,
            keep_read_access=keep_read_access,
            consent=chosen,
            consent_override_reason=override,
        )
        if override:
            # The reason stays encrypted on the transfer: the append-only log holds no values.
            _audit(transfer, "transfer.consent_overridden", actor)
    return transfer


def transfer_refuse(*, actor: Membership, transfer: Transfer, reason: str) -> Transfer:
    _require_owner(actor, transfer)
    if not reason.strip():
        raise ApplicationError(_("Say why you refuse: the coordinator reads it."), field="reason")
    with transaction.atomic():
        return _move(
            transfer,
            T.REFUSED,
            actor=actor,
            action="transfer.refused",
            answered_by=actor.user,
            answer_note=reason.strip(),
        )


def transfer_decline(*, actor: Membership, transfer: Transfer, reason: str) -> Transfer:
    _require_recipient(actor, transfer)
    if not reason.strip():
        raise ApplicationError(_("Say why you decline."), field="reason")
    with transaction.atomic():
        return _move(
            transfer,
            T.DECLINED,
            actor=actor,
            action="transfer.declined",
            answered_by=actor.user,
            answer_note=reason.strip(),
        )


def transfer_withdraw(*, actor: Membership, transfer: Transfer, reason: str = "") -> Transfer:
    """The owner, or the coordinator who requested it, withdraws a transfer not yet answered."""
    requester = transfer.requesting_organisation_id == actor.organisation_id and actor.can(
        Permission.REQUEST_TRANSFER
    )
    owner = transfer.case.owner_organisation_id == actor.organisation_id and actor.can(
        Permission.TRANSFER_CASE
    )
    if not (requester or owner):
        raise PermissionDenied(_("Your role does not allow this."))
    with transaction.atomic():
        return _move(
            transfer,
            T.WITHDRAWN,
            actor=actor,
            action="transfer.withdrawn",
            answer_note=reason.strip(),
        )


def transfers_cancel_for_withdrawn_consent(actor: Membership, consent: ConsentRecord) -> None:
    """Withdrawing a consent cancels the proposed transfers that relied on it (like referrals)
    and tells both sides. Runs inside the withdrawal's transaction."""
    # Stored as its English text, translated for each reader when shown (`in_reader_language`).
    reason = gettext_noop("The person withdrew the consent this transfer relied on.")
    for transfer in Transfer.objects.filter(consent=consent, state=T.PROPOSED).select_related(
        "case"
    ):
        _move(transfer, T.CANCELLED, actor=actor, action="transfer.cancelled", answer_note=reason)


def transfer_accept(*, actor: Membership, transfer: Transfer, note: str = "") -> Transfer:
    """The recipient takes responsibility: the case, its open referrals and its case worker
    change in the same transaction; the former owner keeps read access if it was granted."""
    _require_recipient(actor, transfer)
    case = transfer.case
    former = transfer.from_organisation
    with transaction.atomic():
        transfer = _move(
            transfer,
            T.ACCEPTED,
            actor=actor,
            action="transfer.accepted",
            answered_by=actor.user,
            answer_note=note.strip(),
        )
        moved = Case.objects.filter(pk=case.pk, owner_organisation_id=former.pk).update(
            owner_organisation_id=actor.organisation_id,
            case_owner_id=actor.user_id,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        if not moved:
            raise ApplicationError(_("The case changed owner meanwhile: this transfer is void."))
        CaseAccessGrant.objects.filter(
            case=case, organisation_id=actor.organisation_id, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        if transfer.keep_read_access:
            CaseAccessGrant.objects.create(
                case=case,
                organisation=former,
                reason=_("Former owner, by transfer %(ref)s") % {"ref": transfer.reference_code},
                granted_by=transfer.proposed_by or actor.user,
            )
        open_referrals = Referral.objects.filter(
            case=case, sender_organisation=former, state__in=list(OPEN_STATES)
        )
        for referral in open_referrals:
            ReferralEvent.objects.create(
                referral=referral,
                kind=ReferralEventKind.MESSAGE,
                organisation=actor.organisation,
                user=actor.user,
                text=_("%(org)s is now responsible for this person's case.")
                % {"org": actor.organisation},
                occurred_at=timezone.now(),
            )
        open_referrals.update(sender_organisation=actor.organisation, updated_at=timezone.now())
        audit_record(
            action="case.transferred",
            actor=actor,
            object_type="case",
            object_id=case.pk,
            subject_organisation_id=actor.organisation_id,
            details={
                "transfer_id": str(transfer.pk),
                "from_organisation_id": str(former.pk),
                "former_owner_keeps_read_access": transfer.keep_read_access,
            },
        )
    return transfer
