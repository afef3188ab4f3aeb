"""Justice writes: proceedings.py (open, move, link victims' cases), accused.py (suspects and
accused, charges, judgments, compensation). Every write is one transaction with its audit
event."""

from opennrm.justice.services.accused import (
    CompensationDetails,
    JudgmentDetails,
    PerpetratorDetails,
    charge_add,
    compensation_record,
    judgment_record,
    perpetrator_add,
    perpetrator_update,
)
from opennrm.justice.services.proceedings import (
    LinkDetails,
    ProceedingDetails,
    legal_aid_organisations,
    proceeding_link_case,
    proceeding_move,
    proceeding_open,
    proceeding_unlink_case,
    proceeding_workflow,
)

__all__ = [
    "CompensationDetails",
    "JudgmentDetails",
    "LinkDetails",
    "PerpetratorDetails",
    "ProceedingDetails",
    "charge_add",
    "compensation_record",
    "judgment_record",
    "legal_aid_organisations",
    "perpetrator_add",
    "perpetrator_update",
    "proceeding_link_case",
    "proceeding_move",
    "proceeding_open",
    "proceeding_unlink_case",
    "proceeding_workflow",
]
