"""Warnings shown before a referral is sent (e.g. "this centre is full"), added by apps above
referrals. A warning never blocks: the sender confirms and sends anyway, or chooses one of the
suggestions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from opennrm.accounts.models import Organisation
from opennrm.cases.models import Case


@dataclass(frozen=True)
class SendWarning:
    message: str
    suggestions: list[str] = field(default_factory=list)


WarningFunction = Callable[[Case, Organisation | None, list[str]], list[SendWarning]]
_warnings: list[WarningFunction] = []


def register_send_warning(function: WarningFunction) -> None:
    if function not in _warnings:
        _warnings.append(function)


def send_warnings(
    case: Case, recipient: Organisation | None, service_types: list[str]
) -> list[SendWarning]:
    return [w for function in _warnings for w in function(case, recipient, service_types)]
