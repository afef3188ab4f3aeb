"""Values written the way the reader's language writes them: durations, percentages, lists."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from opennrm.core import geo

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


def list_separator() -> str:
    """The comma that joins a list: the Arabic comma in Arabic."""
    return "، " if (get_language() or "").startswith("ar") else ", "


@register.filter
def joined(items: Iterable[object]) -> str:
    return list_separator().join(str(i) for i in items)


@register.filter
def language(code: str) -> str:
    return geo.language_name(code) if code else ""
