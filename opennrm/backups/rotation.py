"""Which scheduled backups to keep: the newest of each of the last N days, N weeks and N
months that have one (OPENNRM_BACKUP_KEEP_DAILY, _WEEKLY, _MONTHLY)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol, TypeVar


class Dated(Protocol):
    @property
    def created_at(self) -> datetime: ...


T = TypeVar("T", bound=Dated)


def kept(backups: Sequence[T], daily: int, weekly: int, monthly: int) -> list[T]:
    """The backups to keep, newest first."""
    newest_first = sorted(backups, key=lambda b: b.created_at, reverse=True)
    keep: dict[int, T] = {}
    periods: list[tuple[int, Callable[[datetime], object]]] = [
        (daily, lambda d: d.date()),
        (weekly, lambda d: d.isocalendar()[:2]),
        (monthly, lambda d: (d.year, d.month)),
    ]
    for limit, period in periods:
        seen: set[object] = set()
        for backup in newest_first:
            key = period(backup.created_at)
            if key in seen:
                continue
            if len(seen) >= limit:
                break
            seen.add(key)
            keep[id(backup)] = backup
    return [b for b in newest_first if id(b) in keep]
