"""Identification deadlines of an organisation: decisions overdue or due soon, recovery periods
ending or over without a final decision. The home page shows the most urgent, the deadlines
page all of them, and the daily e-mail sends them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from opennrm.accounts.models import Membership
from opennrm.cases.models import IdentificationDecision, RecoveryPeriod
from opennrm.cases.selectors import cases_owned_by
from opennrm.cases.vocabularies import IdentificationStage, IdentificationState
from opennrm.core.calendar import add_working_days
from opennrm.core.permissions import Permission


@dataclass(frozen=True)
class Deadlines:
    """Identification deadlines of the actor's organisation: the first ones of each kind (most
    urgent first, up to the limit asked) and how many there are of each."""

    overdue: list[IdentificationDecision]
    due_soon: list[IdentificationDecision]
    periods_ending: list[RecoveryPeriod]
    periods_ended: list[RecoveryPeriod]
    counts: dict[str, int]

    @property
    def any(self) -> bool:
        return any(self.counts.values())

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def most_urgent_first(self) -> list[tuple[str, IdentificationDecision | RecoveryPeriod]]:
        """Every row as (kind, item): overdue decisions, periods over without a final decision,
        decisions due soon, periods ending; each kind oldest deadline first."""
        return [
            *(("overdue", d) for d in self.overdue),
            *(("periods_ended", p) for p in self.periods_ended),
            *(("due_soon", d) for d in self.due_soon),
            *(("periods_ending", p) for p in self.periods_ending),
        ]


def deadlines_for(
    *, actor: Membership | None, today: date | None = None, limit: int = 50
) -> Deadlines:
    """Decisions overdue or due within OPENNRM_DUE_SOON_WORKING_DAYS, recovery periods ending
    within a week, and periods over with no final decision yet, on the actor's cases; nothing
    for a role that does not act on identification (it records no decision)."""
    today = today or timezone.localdate()
    if actor is None or not actor.can(Permission.RECORD_STATUS_DECISION):
        return Deadlines([], [], [], [], {})
    visible = cases_owned_by(actor)
    pending = (
        IdentificationDecision.objects.filter(case__in=visible, state=IdentificationState.REQUESTED)
        .select_related("case")
        .order_by("due_on")
    )
    soon = add_working_days(today, settings.OPENNRM_DUE_SOON_WORKING_DAYS)
    periods = RecoveryPeriod.objects.filter(case__in=visible).select_related("case")
    finally_decided = IdentificationDecision.objects.filter(
        stage=IdentificationStage.FINAL,
        state__in=[IdentificationState.DECIDED, IdentificationState.NOTIFIED],
    ).values("case_id")
    overdue = pending.filter(due_on__lt=today)
    due_soon = pending.filter(due_on__gte=today, due_on__lte=soon)
    ending = periods.filter(ends_on__gte=today, ends_on__lte=today + timedelta(days=7)).order_by(
        "ends_on"
    )
    ended = (
        periods.filter(ends_on__lt=today).exclude(case_id__in=finally_decided).order_by("ends_on")
    )
    return Deadlines(
        overdue=list(overdue[:limit]),
        due_soon=list(due_soon[:limit]),
        periods_ending=list(ending[:limit]),
        periods_ended=list(ended[:limit]),
        counts={
            "overdue": overdue.count(),
            "due_soon": due_soon.count(),
            "periods_ending": ending.count(),
            "periods_ended": ended.count(),
        },
    )
