"""The age band of a person at first contact, kept on the case so that figures never decrypt
a date of birth. Bands are CTDC's (../shared/domain.md 2.2). A date of birth known only to the
year or month counts from its earliest possible day, as `age_in_years` does."""

from __future__ import annotations

from datetime import date

from opennrm.people.validation import age_in_years

# (band, youngest, oldest) in years; the last band has no upper end.
CTDC_AGE_BANDS: list[tuple[str, int, int | None]] = [
    ("0-8", 0, 8),
    ("9-17", 9, 17),
    ("18-20", 18, 20),
    ("21-23", 21, 23),
    ("24-26", 24, 26),
    ("27-29", 27, 29),
    ("30-38", 30, 38),
    ("39-47", 39, 47),
    ("48+", 48, None),
]
CHILD_BANDS = frozenset({"0-8", "9-17"})


def age_band(birth_date: str, on: date) -> str:
    """The band of the age on `on`, or "" when the date of birth is unknown or after `on`."""
    age = age_in_years(birth_date, on)
    if age is None or age < 0:
        return ""
    for band, youngest, oldest in CTDC_AGE_BANDS:
        if age >= youngest and (oldest is None or age <= oldest):
            return band
    return ""
