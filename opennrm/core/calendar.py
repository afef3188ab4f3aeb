"""Working days on the deployment country's calendar: weekends and public holidays, religious
holidays included. The `holidays` package gives the dates (Islamic ones are its estimates);
the system administrator's overrides (`PublicHolidayOverride`: a holiday added, moved or
removed once the authorities announce it) win over the package.

A deadline of N working days gives N *whole* working days: time on a weekend or a holiday does
not count, so a request made on one is due at the end of the N-th working day after it."""

from __future__ import annotations

import time as clock
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import holidays
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

# (country, year) -> (read at, the holiday dates); overrides are read again after
# OPENNRM_HOLIDAY_CACHE_SECONDS, and at once in the process that changed them.
_cache: dict[tuple[str, int], tuple[float, frozenset[date]]] = {}


def clear_holiday_cache() -> None:
    _cache.clear()


def package_holidays(country: str, year: int, language: str | None = None) -> dict[date, str]:
    try:
        found = holidays.country_holidays(country, years=year, language=language)
    except (NotImplementedError, KeyError):
        found = holidays.country_holidays(country, years=year)
    return dict(found.items())


def _holiday_days(country: str, year: int) -> frozenset[date]:
    cached = _cache.get((country, year))
    now = clock.monotonic()
    if cached is not None and now - cached[0] < settings.OPENNRM_HOLIDAY_CACHE_SECONDS:
        return cached[1]
    from opennrm.core.models import HolidayChange, PublicHolidayOverride

    days = set(package_holidays(country, year))
    for day, change in PublicHolidayOverride.objects.filter(
        country=country, day__year=year
    ).values_list("day", "change"):
        if change == HolidayChange.ADDED:
            days.add(day)
        else:
            days.discard(day)
    result = frozenset(days)
    _cache[(country, year)] = (now, result)
    return result


def public_holidays(year: int, country: str | None = None) -> list[tuple[date, str, str]]:
    """The year's calendar as it stands: (day, name in the reader's language, where it comes
    from: "package", "Added" or "Removed"), removed days included so they can be shown."""
    from opennrm.core.models import PublicHolidayOverride

    country = country or settings.OPENNRM_HOLIDAY_COUNTRY
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    names = package_holidays(country, year, "en_US" if language == "en" else language)
    rows: dict[date, tuple[date, str, str]] = {
        day: (day, name, "package") for day, name in names.items()
    }
    for override in PublicHolidayOverride.objects.filter(country=country, day__year=year):
        name = override.name or names.get(override.day, "")
        rows[override.day] = (override.day, name, override.change)
    return [rows[day] for day in sorted(rows)]


def is_working_day(day: date) -> bool:
    if day.weekday() in settings.OPENNRM_WEEKEND_DAYS:
        return False
    return day not in _holiday_days(settings.OPENNRM_HOLIDAY_COUNTRY, day.year)


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (the start day itself is not counted)."""
    if count < 0:
        raise ValueError("count must be zero or more")
    day = start
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_deadline(start: datetime, count: int) -> datetime:
    """`count` whole working days after the moment `start`. From a working day: the same time
    of day on the `count`-th working day after it (Friday 10:00 + 2 = Tuesday 10:00). From a
    weekend day or a holiday, whose time does not count: the end of the `count`-th working
    day after it (Saturday 00:00:01 + 2 = Tuesday 23:59:59)."""
    local = timezone.localtime(start)
    due_day = add_working_days(local.date(), count)
    wall_clock = local.time().replace(tzinfo=None) if is_working_day(local.date()) else time.max
    return timezone.make_aware(datetime.combine(due_day, wall_clock.replace(microsecond=0)))


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(n)))


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1
    month = 28 or 29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last_day = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(start.day, last_day))


# Apps above core register how to recompute their open deadlines after the calendar changed
# (referrals' answers, identification decisions); each returns how many it moved.
DeadlineRecomputer = Callable[[], int]
_recomputers: dict[str, DeadlineRecomputer] = {}


def on_recompute_deadlines(kind: str, recompute: DeadlineRecomputer) -> None:
    _recomputers[kind] = recompute


def deadline_recomputers() -> dict[str, DeadlineRecomputer]:
    return dict(_recomputers)
