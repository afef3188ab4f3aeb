"""Values written the way the reader's language writes them: durations, percentages, lists."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from opennrm.core import geo, text

register = template.Library()


@register.filter
def duration(seconds: float | int | None) -> str:
    """457 -> "7 min 37 s" (in the reader's language); an hour and more as "1 h 05 min"."""
    if seconds is None:
        return "—"
    total = round(float(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return _("%(h)s h %(m)02d min") % {"h": hours, "m": minutes}
    if minutes:
        return _("%(m)s min %(s)02d s") % {"m": minutes, "s": secs}
    return _("%(s)s s") % {"s": secs}


@register.filter
def percent(value: float | None, digits: int = 0) -> str:
    """A share between 0 and 1 as a percentage in the reader's number format (0.912 -> 91 %)."""
    if value is None:
        return "—"
    number = formats.number_format(float(value) * 100, decimal_pos=int(digits))
    return _("%(n)s %%") % {"n": number}


@register.filter
def joined(items: Iterable[object]) -> str:
    return text.joined(items or [])


@register.filter
def language(code: str) -> str:
    return geo.language_name(code) if code else ""


@register.filter
def partial_date(value: str) -> str:
    """A date of birth known in part, in the reader's format: "1994", "May 1994", or the full
    date (stored as YYYY, YYYY-MM or YYYY-MM-DD)."""
    if not value:
        return ""
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 1:
            return str(numbers[0])
        if len(numbers) == 2:
            return formats.date_format(date(numbers[0], numbers[1], 1), "YEAR_MONTH_FORMAT")
        return formats.date_format(date(*numbers[:3]), "DATE_FORMAT")
    except ValueError:
        return value


@register.filter
def in_reader_language(value: str) -> str:
    """A text OpenNRM wrote itself (a cancellation's reason), kept as its English words, in the
    reader's language; what a person wrote is shown as written."""
    return _(value) if value else value
