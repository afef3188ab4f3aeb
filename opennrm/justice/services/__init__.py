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
from opennrm.justice.services.protection import (
    hearing_reschedule,
    hearing_schedule,
    hearing_victim_update,
    identity_reveal,
    measure_decide,
    measure_lift,
    measure_request,
)
from opennrm.justice.services.rights import (
    NonPunishmentDetails,
    ParticipationDetails,
    non_punishment_record,
    participation_record,
    residence_decide,
    residence_request,
)

__all__ = [
    "CompensationDetails",
    "JudgmentDetails",
    "LinkDetails",
    "NonPunishmentDetails",
    "ParticipationDetails",
    "PerpetratorDetails",
    "ProceedingDetails",
    "charge_add",
    "compensation_record",
    "hearing_reschedule",
    "hearing_schedule",
    "hearing_victim_update",
    "identity_reveal",
    "judgment_record",
    "legal_aid_organisations",
    "measure_decide",
    "measure_lift",
    "measure_request",
    "non_punishment_record",
    "participation_record",
    "perpetrator_add",
    "perpetrator_update",
    "proceeding_link_case",
    "proceeding_move",
    "proceeding_open",
    "proceeding_unlink_case",
    "proceeding_workflow",
    "residence_decide",
    "residence_request",
]
