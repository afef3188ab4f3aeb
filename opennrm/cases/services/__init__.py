"""Every write to a case: one transaction each, with its audit event.

case.py      case_open, case_update, case_change_stage (and the table of allowed stage moves)
decision.py  status_decision_record
note.py      case_note_add
identification.py  identification decisions (request, decide, notify) and recovery periods
consent.py   consent_record, consent_withdraw (and the hooks a withdrawal triggers)
support.py   support plans and their actions
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
from opennrm.cases.services.consent import (
    ConsentDetails,
    consent_record,
    consent_withdraw,
    on_consent_withdrawal,
)
from opennrm.cases.services.decision import status_decision_record
from opennrm.cases.services.identification import (
    IDENTIFICATION_MOVES,
    identification_decision_notify,
    identification_decision_record,
    identification_decision_request,
    recovery_period_extend,
)
from opennrm.cases.services.note import case_note_add
from opennrm.cases.services.support import (
    SupportPlanDetails,
    support_action_add,
    support_action_follow_referral,
    support_action_record,
    support_plan_create,
    support_plan_update,
)

__all__ = [
    "ALLOWED_STAGE_MOVES",
    "IDENTIFICATION_MOVES",
    "STALE_CASE_MESSAGE",
    "CaseDetails",
    "ConsentDetails",
    "SupportPlanDetails",
    "case_change_stage",
    "case_note_add",
    "case_open",
    "case_update",
    "consent_record",
    "consent_withdraw",
    "identification_decision_notify",
    "identification_decision_record",
    "identification_decision_request",
    "on_consent_withdrawal",
    "recovery_period_extend",
    "require",
    "status_decision_record",
    "support_action_add",
    "support_action_follow_referral",
    "support_action_record",
    "support_plan_create",
    "support_plan_update",
]
