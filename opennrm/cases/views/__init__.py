"""Case pages: case.py (list, search, case page and its forms), identification.py (decisions
with deadlines and recovery periods)."""

from opennrm.cases.views.case import (
    case_audit,
    case_change_stage,
    case_detail,
    case_edit,
    case_open,
    case_print,
    consent_add,
    consent_withdraw,
    contact_link_case,
    decision_add,
    document_add,
    note_add,
    person_edit,
)
from opennrm.cases.views.identification import (
    identification_decide,
    identification_notify,
    identification_request,
    recovery_extend,
)
from opennrm.cases.views.lists import (
    access_log,
    case_export,
    case_list,
    case_search,
    deadlines,
    home,
)
from opennrm.cases.views.screening import screening_result, screening_start, screening_step
from opennrm.cases.views.support import (
    support_action_add,
    support_action_record,
    support_plan_edit,
)

__all__ = [
    "access_log",
    "case_audit",
    "case_change_stage",
    "case_detail",
    "case_edit",
    "case_export",
    "case_list",
    "case_open",
    "case_print",
    "case_search",
    "consent_add",
    "consent_withdraw",
    "contact_link_case",
    "deadlines",
    "decision_add",
    "document_add",
    "home",
    "identification_decide",
    "identification_notify",
    "identification_request",
    "note_add",
    "person_edit",
    "recovery_extend",
    "screening_result",
    "screening_start",
    "screening_step",
    "support_action_add",
    "support_action_record",
    "support_plan_edit",
]
