"""Every write to a case: one transaction each, with its audit event.

case.py      case_open, case_update, case_change_stage (and the table of allowed stage moves)
decision.py  status_decision_record
note.py      case_note_add
consent.py   consent_record, consent_withdraw
"""

from opennrm.cases.services.case import (
    ALLOWED_STAGE_MOVES,
    STALE_CASE_MESSAGE,
    CaseDetails,
    case_change_stage,
    case_open,
    case_update,
)
from opennrm.cases.services.common import require
from opennrm.cases.services.consent import ConsentDetails, consent_record, consent_withdraw
from opennrm.cases.services.decision import status_decision_record
from opennrm.cases.services.note import case_note_add

__all__ = [
    "ALLOWED_STAGE_MOVES",
    "STALE_CASE_MESSAGE",
    "CaseDetails",
    "ConsentDetails",
    "case_change_stage",
    "case_note_add",
    "case_open",
    "case_update",
    "consent_record",
    "consent_withdraw",
    "require",
    "status_decision_record",
]
