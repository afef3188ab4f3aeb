"""Justice pages: proceedings.py (list, open, page, next stage, linking a victim's case),
accused.py (suspects and accused, their charges, judgments and compensation)."""

from opennrm.justice.views.accused import perpetrator_detail, perpetrator_new, perpetrator_step
from opennrm.justice.views.figures import hearing_agenda, justice_figures
from opennrm.justice.views.proceedings import (
    case_link,
    case_unlink,
    proceeding_detail,
    proceeding_list,
    proceeding_move,
    proceeding_new,
)
from opennrm.justice.views.protection import (
    case_measure,
    hearing_new,
    hearing_step,
    measure_new,
    measure_step,
)
from opennrm.justice.views.rights import (
    case_participation,
    non_punishment,
    proceeding_participation,
    residence,
)

__all__ = [
    "case_link",
    "case_measure",
    "case_participation",
    "case_unlink",
    "hearing_agenda",
    "hearing_new",
    "hearing_step",
    "justice_figures",
    "measure_new",
    "measure_step",
    "non_punishment",
    "perpetrator_detail",
    "perpetrator_new",
    "perpetrator_step",
    "proceeding_detail",
    "proceeding_list",
    "proceeding_move",
    "proceeding_new",
    "proceeding_participation",
    "residence",
]
