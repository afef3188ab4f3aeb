"""Informed consent: what was explained, for which purpose and recipient; withdrawal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership, Organisation
from opennrm.cases.models import Case, ConsentRecord
from opennrm.cases.services.common import case_event, require
from opennrm.cases.vocabularies import (
    ConsentGivenBy,
    ConsentPurpose,
)
from opennrm.core import geo
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission

# Apps above cases (referrals) register what a withdrawal undoes; each hook runs inside the
# withdrawal's transaction, so the withdrawal and its consequences commit or fail together.
WithdrawalHook = Callable[[Membership, ConsentRecord], None]
_withdrawal_hooks: list[WithdrawalHook] = []


def on_consent_withdrawal(hook: WithdrawalHook) -> None:
    if hook not in _withdrawal_hooks:
        _withdrawal_hooks.append(hook)


@dataclass(frozen=True)
class ConsentDetails:
    purpose: str
    given: bool
    given_at: datetime
    given_by: str = ConsentGivenBy.PERSON
    recipient_organisation: Organisation | None = None
    recipient_description: str = ""
    explained_purpose: bool = False
    explained_data_uses: bool = False
    explained_research_use: bool = False
    explained_right_of_access: bool = False
    explained_retention: bool = False
    explained_withdrawal: bool = False
    interpreter_language: str = ""
    form_version: str = ""


def consent_record(*, actor: Membership, case: Case, details: ConsentDetails) -> ConsentRecord:
    require(actor, Permission.RECORD_CONSENT)
    if details.purpose not in ConsentPurpose.values:
        raise ApplicationError(_("Unknown purpose."), field="purpose")
    if details.given_by not in ConsentGivenBy.values:
        raise ApplicationError(_("Unknown value."), field="given_by")
    if details.given_at > timezone.now():
        raise ApplicationError(_("This date is in the future."), field="given_at")
    needs_recipient = details.purpose in {ConsentPurpose.REFERRAL, ConsentPurpose.DATA_SHARING}
    if needs_recipient and not (
        details.recipient_organisation or details.recipient_description.strip()
    ):
        raise ApplicationError(
            _("Name the recipient this consent is for."), field="recipient_organisation"
        )
    if details.given and not (details.explained_purpose and details.explained_withdrawal):
        raise ApplicationError(
            _(
                "Consent is informed only if the purpose and the right to withdraw were "
                "explained. Tick both once they have been."
            ),
            field="explained_purpose",
        )
    if details.interpreter_language and not geo.is_language(details.interpreter_language):
        raise ApplicationError(_("Unknown language code."), field="interpreter_language")
    with transaction.atomic():
        consent = ConsentRecord.objects.create(
            case=case,
            purpose=details.purpose,
            recipient_organisation=details.recipient_organisation,
            recipient_description=details.recipient_description.strip(),
            given=details.given,
            given_by=details.given_by,
            given_at=details.given_at,
            explained_purpose=details.explained_purpose,
            explained_data_uses=details.explained_data_uses,
            explained_research_use=details.explained_research_use,
            explained_right_of_access=details.explained_right_of_access,
            explained_retention=details.explained_retention,
            explained_withdrawal=details.explained_withdrawal,
            interpreter_language=details.interpreter_language,
            form_version=details.form_version,
            recorded_by=actor.user,
        )
        case_event(
            actor,
            case,
            "case.consent_recorded",
            consent_id=str(consent.pk),
            purpose=details.purpose,
            given=details.given,
        )
    return consent


def consent_withdraw(*, actor: Membership, consent: ConsentRecord, note: str = "") -> ConsentRecord:
    require(actor, Permission.RECORD_CONSENT)
    with transaction.atomic():
        updated = ConsentRecord.objects.filter(
            pk=consent.pk, withdrawn_at__isnull=True, given=True
        ).update(
            withdrawn_at=timezone.now(),
            withdrawn_recorded_by=actor.user,
            withdrawal_note=note.strip()[:300],
            updated_at=timezone.now(),
        )
        if not updated:
            raise ApplicationError(_("This consent is not in force, so it cannot be withdrawn."))
        consent.refresh_from_db()
        case_event(actor, consent.case, "case.consent_withdrawn", consent_id=str(consent.pk))
        for hook in _withdrawal_hooks:
            hook(actor, consent)
    return consent
