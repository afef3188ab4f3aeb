"""Justice models: proceedings.py (the procedure as data, proceedings, stages, linked victims'
cases), accused.py (suspects and accused, charges, judgments, compensation), protection.py
(hearings, protection measures, revelations of a concealed identity), rights.py
(non-punishment, residence, participation)."""

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
from opennrm.justice.models.protection import (
    Hearing,
    HearingVictim,
    IdentityReveal,
    ProtectionMeasure,
)
from opennrm.justice.models.rights import NonPunishment, Participation, ResidenceDecision

__all__ = [
    "Authority",
    "Charge",
    "Compensation",
    "Hearing",
    "HearingVictim",
    "IdentityReveal",
    "Judgment",
    "JusticeStage",
    "JusticeStageMove",
    "Labelled",
    "NonPunishment",
    "Offence",
    "Participation",
    "Perpetrator",
    "Proceeding",
    "ProceedingCase",
    "ProceedingStageChange",
    "ProtectionMeasure",
    "ResidenceDecision",
]
