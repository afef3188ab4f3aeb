"""Case notes (HTCDS cco_CaseComment)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case, CaseNote
from opennrm.cases.services.common import case_event, require
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission


def case_note_add(*, actor: Membership, case: Case, body: str) -> CaseNote:
    require(actor, Permission.ADD_CASE_NOTE)
    if not body.strip():
        raise ApplicationError(_("The note is empty."), field="body")
    with transaction.atomic():
        note = CaseNote.objects.create(
            case=case, author=actor.user, organisation=actor.organisation, body=body.strip()
        )
        Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
        case_event(actor, case, "case.note_added", note_id=str(note.pk))
    return note
