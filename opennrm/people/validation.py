"""Validation and normalisation of identifying values before they are encrypted."""

from __future__ import annotations

import re
from datetime import date

import phonenumbers
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.core import geo
from opennrm.core.errors import ApplicationError

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def normalise_phone(raw: str) -> str:
    """E.164, e.g. '0612345678' in Morocco becomes '+212612345678'."""
    if not raw.strip():
        return ""
    try:
        number = phonenumbers.parse(raw, settings.OPENNRM_DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise ApplicationError(_("This is not a phone number."), field="phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ApplicationError(_("This phone number is not valid."), field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_phone_or_none(raw: str) -> str | None:
    try:
        return normalise_phone(raw) or None
    except ApplicationError:
        return None


def validate_partial_date(raw: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD; refuse impossible or future dates."""
    value = raw.strip()
    if not value:
        return ""
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ApplicationError(_("Use the form YYYY, YYYY-MM or YYYY-MM-DD."), field="birth_date")
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        earliest = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ApplicationError(_("This date does not exist."), field="birth_date") from None
    today = timezone.localdate()
    if earliest > today or int(year) < today.year - 120:
        raise ApplicationError(_("This date of birth is not plausible."), field="birth_date")
    return value


def validate_countries(codes: list[str], field: str) -> list[str]:
    cleaned = sorted({c.strip().upper() for c in codes if c.strip()})
    for code in cleaned:
        if not geo.is_country(code):
            raise ApplicationError(
                _("Unknown country code: %(code)s") % {"code": code}, field=field
            )
    return cleaned


def validate_languages(codes: list[str]) -> list[str]:
    cleaned = sorted({c.strip().lower() for c in codes if c.strip()})
    for code in cleaned:
        if not geo.is_language(code):
            raise ApplicationError(
                _("Unknown language code: %(code)s") % {"code": code}, field="languages"
            )
    return cleaned


def age_in_years(birth_date: str, on: date | None = None) -> int | None:
    """Age from a partial date of birth, counting from its earliest possible day."""
    match = _PARTIAL_DATE.match(birth_date or "")
    if not match:
        return None
    born = date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    on = on or timezone.localdate()
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
