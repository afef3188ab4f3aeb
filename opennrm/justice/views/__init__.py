"""Justice pages: proceedings.py (list, open, page, next stage, linking a victim's case),
accused.py (suspects and accused, their charges, judgments and compensation)."""

from opennrm.justice.views.accused import perpetrator_detail, perpetrator_new, perpetrator_step
from opennrm.justice.views.proceedings import (
    case_link,
    case_unlink,
    proceeding_detail,
    proceeding_list,
    proceeding_move,
    proceeding_new,
)

__all__ = [
    "case_link",
    "case_unlink",
    "perpetrator_detail",
    "perpetrator_new",
    "perpetrator_step",
    "proceeding_detail",
    "proceeding_list",
    "proceeding_move",
    "proceeding_new",
]
