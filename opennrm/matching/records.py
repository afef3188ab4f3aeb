"""A person as the matching engine sees it: the comparison columns of the Splink model and
the blocking keys, computed from decrypted values in memory only."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from opennrm.core.crypto import blind_index, blind_indexes
from opennrm.matching.names import name_keys, tokens_of
from opennrm.people.vocabularies import Gender

MAX_KEYS_PER_KIND = 24
MAX_SLIPPED_READINGS = 4
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
    # A second family name, in either script (a mother's family name, the other half of a
    # compound name written in a column of its own): part of the family name's readings, and
    # compared on its own where both records give one.
    family_2: str = ""
    # 1 January is the usual placeholder for "born that year": read as a year only, unless
    # whoever wrote the dates says they are real (a file whose 1 January dates are births).
    january_first_is_date: bool = False

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


def birth_parts(
    birth_date: str, *, january_first_is_date: bool = False
) -> tuple[int | None, str | None]:
    """(year, full date). 1 January is the usual placeholder when only the year is known,
    so it counts as a year only unless `january_first_is_date`."""
    match = _YEAR.match(birth_date or "")
    if not match:
        return None, None
    year = int(match.group(1))
    if not (match.group(2) and match.group(3)):
        return year, None
    if is_january_first(birth_date) and not january_first_is_date:
        return year, None
    return year, birth_date


def is_january_first(birth_date: str) -> bool:
    """A full date on 1 January (YYYY-01-01)."""
    return bool(birth_date) and len(birth_date) == 10 and birth_date.endswith("-01-01")


@functools.lru_cache(maxsize=200_000)
def _shape(name: str) -> str | None:
    """The Latin name folded (lower case, no accents, no punctuation) for string comparison."""
    tokens = [t for t in tokens_of(name) if t.isascii()]
    return " ".join(tokens) if tokens else None


def _part_keys(latin: str, arabic: str, second: str = "") -> list[str]:
    return _limited(_readings(latin, arabic, second))


def _readings(latin: str, arabic: str, second: str = "") -> set[str]:
    """Every reading of a name part in both scripts; for a family name given with a second
    one, also that name alone and the two as one (Alaoui + Ismaili reads as Alaoui Ismaili,
    and a record giving only Ismaili meets it)."""
    keys = name_keys(latin) | name_keys(arabic)
    if second.strip():
        keys |= name_keys(second)
        for first in (latin, arabic):
            if first.strip():
                keys |= name_keys(f"{first} {second}")
    return keys


def full_name_keys(parts: NameParts) -> set[str]:
    """Keys of the whole name, whichever order and script each part is written in: one key per
    reading of the given name with one of the family name, the two in a fixed order."""
    given = _part_keys(parts.given_latin, parts.given_arabic)
    family = _part_keys(parts.family_latin, parts.family_arabic, parts.family_2)
    return {f"{g}|{f}" if g <= f else f"{f}|{g}" for g in given for f in family}


@functools.lru_cache(maxsize=100_000)
def _one_slip_away(key: str) -> frozenset[str]:
    """The key and every key with one letter left out: two keys one typing slip apart (a
    letter dropped, added, changed, or two swapped) share one of these."""
    return frozenset({key} | {key[:i] + key[i + 1 :] for i in range(len(key))})


def _typed_keys(latin: str, arabic: str) -> list[str]:
    """The keys a typing slip is looked for in: the Latin spelling's longest (slips are typed
    in Latin far more often), or the Arabic readings where the name has no Latin spelling."""
    latin_keys = name_keys(latin)
    if latin_keys:
        return [max(latin_keys, key=lambda k: (len(k), k))]
    return _limited(name_keys(arabic))[:MAX_SLIPPED_READINGS]


def slip_keys(parts: NameParts) -> set[str]:
    """Keys of the whole name with one part allowed a typing slip (blocked with the year of
    birth): two records whose names differ by one slip (Youssef, Yousesf; Alaoui, Afaoui) meet
    in small blocks, and the model's string comparisons judge them."""
    keys: set[str] = set()
    given = (parts.given_latin, parts.given_arabic, "")
    family = (parts.family_latin, parts.family_arabic, parts.family_2)
    for side, slipped, kept in (("g", given, family), ("f", family, given)):
        kept_keys = _part_keys(*kept)
        for key in _typed_keys(*slipped[:2]):
            for near in _one_slip_away(key):
                keys.update(f"{side}{near}|{other}" for other in kept_keys)
    return keys


@functools.lru_cache(maxsize=1_000_000)
def _batch_name_keys(
    given_latin: str, family_latin: str, given_arabic: str, family_arabic: str, family_2: str
) -> tuple[list[str] | None, list[str] | None]:
    """(whole-name keys, slip keys) of a name as written: worked out once per distinct name in
    a file, and the same lists shared by every record that bears it."""
    parts = NameParts(given_latin, family_latin, given_arabic, family_arabic, family_2=family_2)
    return sorted(full_name_keys(parts)) or None, sorted(slip_keys(parts)) or None


@dataclass(frozen=True)
class Registration:
    """Who registered a record of a file, and when: records of one person are often written
    by different organisations within weeks of each other (a referral), a namesake's at any
    time. Compared in a batch only, where the file gives them and the model learns from it."""

    organisation: str = ""
    registered_on: str = ""  # YYYY-MM-DD

    def day(self) -> int | None:
        """Days since 1 January 1970, for comparing how far apart two registrations are."""
        if not self.registered_on:
            return None
        return (date.fromisoformat(self.registered_on) - _EPOCH).days


_EPOCH = date(1970, 1, 1)


def splink_record(
    unique_id: str,
    parts: NameParts,
    *,
    blocking: bool = False,
    registration: Registration | None = None,
) -> dict[str, Any]:
    """The record Splink compares; with `blocking`, also the arrays of plain blocking keys a
    batch linkage explodes (they never leave the process), the second family name and the
    registration (compared in a batch only)."""
    year, full = birth_parts(parts.birth_date, january_first_is_date=parts.january_first_is_date)
    given = name_keys(parts.given_latin) | name_keys(parts.given_arabic)
    family = _readings(parts.family_latin, parts.family_arabic, parts.family_2)
    extra: dict[str, Any] = {}
    if blocking:
        names, slips = _batch_name_keys(
            parts.given_latin,
            parts.family_latin,
            parts.given_arabic,
            parts.family_arabic,
            parts.family_2,
        )
        registration = registration or Registration()
        extra = {
            "name_keys": names,
            "slip_keys": slips,
            "given_tf": _frequency_key(parts.given_latin),
            "family_tf": _frequency_key(parts.family_latin),
            # Month and day of a full date: two records of one name meet on it whatever the
            # year, so that a year typed one off (1994 and 1995) is compared.
            "birth_day": full[5:] if full else None,
            "family2_keys": sorted(name_keys(parts.family_2)) or None,
            "organisation": registration.organisation or None,
            "registered_day": registration.day(),
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


def _frequency_key(latin: str) -> str | None:
    """The key whose frequency in a file stands for the name's (Mohamed, Mohammed: mhmd): the
    longest of the Latin spelling. Names written in Arabic only get theirs from the file (see
    frequency_keys_fill)."""
    keys = name_keys(latin)
    return max(keys, key=lambda k: (len(k), k)) if keys else None


def frequency_keys_fill(records: list[dict[str, Any]]) -> None:
    """Give each name written in Arabic only the reading most often seen in Latin in the same
    file (محمد: mhmd, as Mohamed), so that every script adds to one count."""
    for part in ("given", "family"):
        column = f"{part}_tf"
        seen = Counter(r[column] for r in records if r.get(column))
        for record in records:
            if record.get(column) is None and record[f"{part}_keys"]:
                record[column] = max(record[f"{part}_keys"], key=lambda k: (seen[k], len(k), k))


def _written_name_keys(parts: NameParts) -> set[str]:
    """Keys of the whole name as written, part after part, in each pairing of scripts: fewer
    and more telling than every pairing of each part's readings, which the intake lookup needs
    (it counts shared keys in the database; readings such as "y" of Alaoui make long lists)."""
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


def _limited(values: set[str]) -> list[str]:
    return sorted(values)[:MAX_KEYS_PER_KIND]


def _blocking_values(parts: NameParts) -> set[str]:
    """Keyed hashes of the person's blocking keys: full name (either order, either script),
    given or family name with the year of birth, phone."""
    year, _full = birth_parts(parts.birth_date, january_first_is_date=parts.january_first_is_date)
    raw: set[str] = {f"n:{k}" for k in _written_name_keys(parts)}
    if year is not None:
        for given in (parts.given_latin, parts.given_arabic):
            raw |= {f"gy:{k}:{year}" for k in _limited(name_keys(given))}
        for family in (parts.family_latin, parts.family_arabic):
            raw |= {f"fy:{k}:{year}" for k in _limited(name_keys(family))}
    if parts.phone:
        raw.add(f"p:{parts.phone}")
    return raw


def blocking_keys(parts: NameParts) -> set[str]:
    """What is stored: the blocking keys under the current blind-index key."""
    return {blind_index(value, purpose="match-key") for value in _blocking_values(parts)}


def blocking_lookup_keys(parts: NameParts) -> set[str]:
    """What is looked up: the same keys under every blind-index key persons may carry (more
    than one while that key is being rotated)."""
    return {
        index
        for value in _blocking_values(parts)
        for index in blind_indexes(value, purpose="match-key")
    }


SEARCH_PURPOSE = "name-search"
MIN_SEARCH_WORD = 3


def word_keys(name: str) -> set[str]:
    """The readings of one name as typed in the search box, or of one part of a stored name
    and of each of its words (so "amrani" finds "El Amrani")."""
    words = [w for w in tokens_of(name) if len(w) >= MIN_SEARCH_WORD]
    keys = set(name_keys(name)) if name.strip() else set()
    for word in words:
        keys |= name_keys(word)
    return keys


def search_keys(parts: NameParts) -> set[str]:
    """Keyed hashes of each part of the name, for the approximate search of the case register
    ("yasin" finds "Yassine"). Hashed for their own purpose: duplicate detection never looks
    them up (a given name alone is no sign of a duplicate)."""
    keys: set[str] = set()
    for part in (parts.given_latin, parts.family_latin, parts.given_arabic, parts.family_arabic):
        keys |= set(_limited(word_keys(part)))
    return {blind_index(f"w:{key}", purpose=SEARCH_PURPOSE) for key in keys}


def stored_keys(parts: NameParts) -> set[str]:
    """What is kept for a person: blocking keys and search keys."""
    return blocking_keys(parts) | search_keys(parts)
