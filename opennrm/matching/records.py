"""A person as the matching engine sees it: the comparison columns of the Splink model and
the blocking keys, computed from decrypted values in memory only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from opennrm.core.crypto import blind_index
from opennrm.matching.names import name_keys, tokens_of
from opennrm.people.vocabularies import Gender

MAX_KEYS_PER_KIND = 24
_YEAR = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class NameParts:
    given_latin: str = ""
    family_latin: str = ""
    given_arabic: str = ""
    family_arabic: str = ""
    birth_date: str = ""
    gender: str = ""
    citizenships: tuple[str, ...] = ()
    phone: str = ""

    @classmethod
    def of(cls, person: Any) -> NameParts:
        """From a Person or a PersonDetails (the same attribute names)."""
        return cls(
            given_latin=person.given_name_latin or "",
            family_latin=person.family_name_latin or "",
            given_arabic=person.given_name_arabic or "",
            family_arabic=person.family_name_arabic or "",
            birth_date=person.birth_date or "",
            gender=person.gender or "",
            citizenships=tuple(person.citizenships or ()),
            phone=person.phone or "",
        )


def birth_parts(birth_date: str) -> tuple[int | None, str | None]:
    """(year, full date). 1 January is the usual placeholder when only the year is known,
    so it counts as a year only."""
    match = _YEAR.match(birth_date or "")
    if not match:
        return None, None
    year = int(match.group(1))
    if match.group(2) and match.group(3) and (match.group(2), match.group(3)) != ("01", "01"):
        return year, birth_date
    return year, None


def _shape(*names: str) -> str | None:
    """The Latin name folded (lower case, no accents, no punctuation) for string comparison."""
    for name in names:
        tokens = [t for t in tokens_of(name) if t.isascii()]
        if tokens:
            return " ".join(tokens)
    return None


def _full_name_keys(parts: NameParts) -> set[str]:
    keys: set[str] = set()
    for given, family in (
        (parts.given_latin, parts.family_latin),
        (parts.given_arabic, parts.family_arabic),
        (parts.given_latin, parts.family_arabic),
        (parts.given_arabic, parts.family_latin),
    ):
        if given.strip() and family.strip():
            keys |= set(_limited(name_keys(f"{given} {family}")))
    return keys


def splink_record(unique_id: str, parts: NameParts, *, blocking: bool = False) -> dict[str, Any]:
    """The record Splink compares; with `blocking`, also the arrays of plain blocking keys a
    batch linkage explodes (they never leave the process)."""
    year, full = birth_parts(parts.birth_date)
    given = name_keys(parts.given_latin) | name_keys(parts.given_arabic)
    family = name_keys(parts.family_latin) | name_keys(parts.family_arabic)
    extra: dict[str, Any] = {}
    if blocking:
        extra = {
            "name_keys": sorted(_full_name_keys(parts)) or None,
            "given_year_keys": [f"{k}:{year}" for k in _limited(given)] if year else None,
            "family_year_keys": [f"{k}:{year}" for k in _limited(family)] if year else None,
        }
    return {
        **extra,
        "unique_id": unique_id,
        "given_keys": sorted(given) or None,
        "family_keys": sorted(family) or None,
        "given_shape": _shape(parts.given_latin),
        "family_shape": _shape(parts.family_latin),
        "birth_date": full,
        "birth_year": year,
        "sex": parts.gender if parts.gender and parts.gender != Gender.UNKNOWN else None,
        "citizenship": parts.citizenships[0] if parts.citizenships else None,
        "phone": parts.phone or None,
    }


def _limited(values: set[str]) -> list[str]:
    return sorted(values)[:MAX_KEYS_PER_KIND]


def blocking_keys(parts: NameParts) -> set[str]:
    """Keyed hashes of the person's blocking keys: full name (either order, either script),
    given or family name with the year of birth, phone."""
    year, _full = birth_parts(parts.birth_date)
    raw: set[str] = {f"n:{k}" for k in _full_name_keys(parts)}
    if year is not None:
        for given in (parts.given_latin, parts.given_arabic):
            raw |= {f"gy:{k}:{year}" for k in _limited(name_keys(given))}
        for family in (parts.family_latin, parts.family_arabic):
            raw |= {f"fy:{k}:{year}" for k in _limited(name_keys(family))}
    if parts.phone:
        raw.add(f"p:{parts.phone}")
    return {blind_index(value, purpose="match-key") for value in raw}
