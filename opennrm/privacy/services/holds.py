"""Legal holds: a prosecutor's or a court's request that keeps a person's records past their
retention, until lifted."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.privacy.models import LegalHold
from opennrm.privacy.vocabularies import HoldReason


def legal_hold_place(
    *, actor: Membership, case: Case, reason: str, reference: str = ""
) -> LegalHold:
    """Hold the records of the person of `case` (obtained through `case_for_hold`)."""
    if not actor.can(Permission.PLACE_LEGAL_HOLD):
        raise ApplicationError(_("You cannot place legal holds."))
    if reason not in HoldReason.values:
        raise ApplicationError(_("Choose the reason for the hold."), field="reason")
    if len(reference.strip()) > 80:
        raise ApplicationError(_("The reference is too long (80 characters at most)."))
    with transaction.atomic():
        if LegalHold.objects.filter(
            person_id=case.person_id, lifted_at__isnull=True, placed_for_id=actor.organisation_id
        ).exists():
            raise ApplicationError(
                _("Your organisation already holds this person's records."), field="case"
            )
        hold = LegalHold.objects.create(
            person_id=case.person_id,
            reason=reason,
            reference=reference.strip(),
            placed_by=actor.user,
            placed_for=actor.organisation,
        )
        audit_record(
            action="legal_hold.placed",
            actor=actor,
            object_type="person",
            object_id=case.person_id,
            subject_organisation_id=case.owner_organisation_id,
            details={"hold_id": str(hold.pk), "case_id": str(case.pk), "reason": reason},
        )
    return hold


def legal_hold_lift(*, actor: Membership, hold: LegalHold) -> LegalHold:
    """Lifted by the organisation that placed it, or by the data protection officer."""
    allowed = actor.can(Permission.MANAGE_RETENTION) or (
        actor.can(Permission.PLACE_LEGAL_HOLD) and hold.placed_for_id == actor.organisation_id
    )
    if not allowed:
        raise ApplicationError(_("Only the organisation that placed this hold can lift it."))
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.lifted_at is not None:
            raise ApplicationError(_("This hold was lifted already."))
        hold.lifted_at = timezone.now()
        hold.lifted_by = actor.user
        hold.save(update_fields=["lifted_at", "lifted_by", "updated_at"])
        audit_record(
            action="legal_hold.lifted",
            actor=actor,
            object_type="person",
            object_id=hold.person_id,
            details={"hold_id": str(hold.pk)},
        )
    return hold
