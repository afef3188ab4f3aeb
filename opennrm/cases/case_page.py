"""What the case page shows, read with as few statements as the case allows.

One statement asks whether each kind of row the page (and every app's panel) shows exists for
the case (`core.panels.rows_present`); the lists known to be empty are not read. A case
reached through `selectors.access_case` only."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, QuerySet
from django.utils import timezone

from opennrm.accounts.models import Membership
from opennrm.cases import selectors
from opennrm.cases.forms import CaseNoteForm, StageForm
from opennrm.cases.models import (
    Case,
    CaseNote,
    ConsentRecord,
    IdentificationDecision,
    RecoveryPeriod,
    SupportPlan,
)
from opennrm.cases.services import ALLOWED_STAGE_MOVES
from opennrm.cases.support_forms import SupportActionRecordForm
from opennrm.cases.vocabularies import NRMStage
from opennrm.core.panels import case_panel_rows, case_panels, rows_present
from opennrm.core.permissions import Permission
from opennrm.people.models import IdentityDocument
from opennrm.screening.models import Screening

NOTES_SHOWN = 100
# The case page shows the latest events of its audit trail; the whole trail has its own page.
AUDIT_EVENTS_SHOWN = 10


def case_page_rows() -> dict[str, QuerySet[Any]]:
    """The case's own lists that are often empty (a case always has its status decisions,
    its forms of exploitation and audit events)."""
    return {
        "documents": IdentityDocument.objects.filter(person=OuterRef("person_id")),
        "notes": CaseNote.objects.filter(case=OuterRef("pk")),
        "consents": ConsentRecord.objects.filter(case=OuterRef("pk")),
        "identification_decisions": IdentificationDecision.objects.filter(case=OuterRef("pk")),
        "recovery_periods": RecoveryPeriod.objects.filter(case=OuterRef("pk")),
        "screenings": Screening.objects.filter(person=OuterRef("person_id")),
        "support_plan": SupportPlan.objects.filter(case=OuterRef("pk")),
    }


def case_page_and_panel_rows() -> dict[str, QuerySet[Any]]:
    return {**case_page_rows(), **case_panel_rows()}


def case_page_context(actor: Membership, case: Case, *, printing: bool) -> dict[str, Any]:
    present = rows_present(case, case_page_and_panel_rows)
    trail = list(selectors.case_audit_trail(actor=actor, case=case)[: AUDIT_EVENTS_SHOWN + 1])
    read_only = selectors.is_read_only(actor, case)
    plan = selectors.support_plan_of(case) if "support_plan" in present else None
    extra: dict[str, Any] = {"printing": printing}
    if read_only or printing:
        # Read access only (a former owner), or a printed summary: no action at all.
        extra |= {"perms_now": {str(Permission.VIEW_CASES)}, "read_only": read_only}

    def rows(name: str, query: QuerySet[Any]) -> Any:
        return query if name in present else []

    return {
        "case": case,
        "person": case.person,
        "documents": rows("documents", case.person.documents.all()),
        "exploitations": case.exploitations.all(),
        "decisions": case.status_decisions.select_related("recorded_by", "decided_by_organisation"),
        "notes": rows("notes", case.notes.select_related("author", "organisation")[:NOTES_SHOWN]),
        "consents": rows("consents", case.consents.select_related("recipient_organisation")),
        "audit_trail": trail[:AUDIT_EVENTS_SHOWN],
        "audit_trail_more": len(trail) > AUDIT_EVENTS_SHOWN,
        "stage_form": StageForm(initial={"version": case.version}),
        "next_stages": [
            (s, NRMStage(s).label) for s in sorted(ALLOWED_STAGE_MOVES[case.nrm_stage])
        ],
        "note_form": CaseNoteForm(),
        "identification_decisions": rows(
            "identification_decisions",
            case.identification_decisions.select_related("requested_by"),
        ),
        "recovery_periods": rows("recovery_periods", case.recovery_periods.all()),
        "screenings": rows("screenings", selectors.screenings_of(case=case)),
        "plan": plan,
        "plan_progress": selectors.plan_progress(plan) if plan else None,
        "action_record_form": SupportActionRecordForm(),
        "panels": case_panels(actor, case, present),
        "today": timezone.localdate(),
        **extra,
    }
