from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from opennrm.backups.rotation import kept


@dataclass
class Made:
    created_at: datetime


def test_the_newest_of_each_of_the_last_days_weeks_and_months_are_kept():
    start = datetime(2026, 12, 2, 1, 30, tzinfo=UTC)
    # A backup a day for 400 days, two on the last day.
    backups = [Made(start - timedelta(days=n)) for n in range(400)]
    backups.append(Made(start - timedelta(hours=1)))
    keep = kept(backups, daily=7, weekly=4, monthly=12)
    days = {b.created_at.date() for b in keep}
    # The last 7 days, the newest of the last 4 weeks, of the last 12 months.
    assert {start.date() - timedelta(days=n) for n in range(7)} <= days
    assert len({b.created_at.isocalendar()[:2] for b in keep}) >= 4
    months = {(b.created_at.year, b.created_at.month) for b in keep}
    assert len(months) == 12
    assert (2025, 12) not in months or (2026, 12) not in months
    assert len(keep) <= 7 + 4 + 12
    # Of the two backups of the last day, the newer is kept.
    assert start in {b.created_at for b in keep}
    assert start - timedelta(hours=1) not in {b.created_at for b in keep}
    assert kept([], 7, 4, 12) == []
