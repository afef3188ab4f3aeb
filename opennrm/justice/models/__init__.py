"""Justice models: proceedings.py (the procedure as data, proceedings, stages, linked victims'
cases), accused.py (suspects and accused, charges, judgments, compensation)."""

from opennrm.justice.models.accused import (
    Charge,
    Compensation,
    Judgment,
    Offence,
    Perpetrator,
)
from opennrm.justice.models.proceedings import (
    Authority,
    JusticeStage,
    JusticeStageMove,
    Labelled,
    Proceeding,
    ProceedingCase,
    ProceedingStageChange,
)

__all__ = [
    "Authority",
    "Charge",
    "Compensation",
    "Judgment",
    "JusticeStage",
    "JusticeStageMove",
    "Labelled",
    "Offence",
    "Perpetrator",
    "Proceeding",
    "ProceedingCase",
    "ProceedingStageChange",
]
