"""The migrants of the linkage benchmark population: persons from West Africa and South Asia,
whose names are written in French or English colonial spellings and romanised several ways.

Names: the common given names of Mali, Bangladesh and Pakistan and family names of Bangladesh
and India (bench/data/migrant_names.tsv, CC0, from Wikipedia's lists), the West African clan
names of the sourced spelling table (opennrm/matching/data/name_variants_migrants.tsv), and
family names formed from a father's given name, as Hausa and many Sahelian families do. A name
that a sourced table lists with other spellings is written in any of them on a person's other
records (Diallo, Jallow, Jalloh; Hossain, Hussain; Mamadou, Muhammad). Synthetic: no real
person."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

from opennrm.matching.variants import maghreb_names, migrant_names

DATA = Path(__file__).resolve().parent / "data" / "migrant_names.tsv"
WEST_AFRICA = ["SN", "ML", "GN", "CI", "GM", "NG", "CM"]
SOUTH_ASIA = ["BD", "PK", "IN"]
# The sourced table's family names of each region.
CLAN_NAMES = {
    "west_africa": ("Diallo", "Ndiaye", "Ndaw", "Touré", "Thiam", "Fall", "Diop", "Ba"),
    "south_asia": ("Chowdhury", "Hussein"),
}
# Sourced given names that the country lists leave out, with the sex they go with.
TABLE_GIVEN = {
    "west_africa": (("Fatoumata", "F"), ("Aboubakar", "M"), ("Ousmane", "M")),
    "south_asia": (("Hussain", "M"), ("Usman", "M")),
}
GIVEN_COUNTRIES = {"west_africa": ("ML",), "south_asia": ("BD", "PK")}
FAMILY_COUNTRIES = {"west_africa": (), "south_asia": ("BD", "IN")}
# West African family names formed from a father's given name (Ibrahim, Abubakar, Usman).
PATRONYMIC = 0.4
T = TypeVar("T")


class GivenName(NamedTuple):
    spellings: list[str]
    sex: str


class Region(NamedTuple):
    name: str
    countries: list[str]
    given: list[GivenName]
    family: list[list[str]]


def spellings_of(name: str) -> list[str]:
    """The name's spellings in a sourced table, the name first; itself alone if none lists it."""
    for row in migrant_names() + maghreb_names():
        if name in row.spellings:
            return [name, *(s for s in row.spellings if s != name)]
    return [name]


def _country_names() -> list[list[str]]:
    text = DATA.read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]


def regions() -> list[Region]:
    rows = _country_names()
    result = []
    for region, countries in (("west_africa", WEST_AFRICA), ("south_asia", SOUTH_ASIA)):
        given = [
            GivenName(spellings_of(name), sex)
            for country, kind, sex, name in rows
            if kind == "given" and country in GIVEN_COUNTRIES[region]
        ]
        given += [GivenName(spellings_of(name), sex) for name, sex in TABLE_GIVEN[region]]
        family = [spellings_of(name) for name in CLAN_NAMES[region]]
        family += [
            spellings_of(name)
            for country, kind, _sex, name in rows
            if kind == "family" and country in FAMILY_COUNTRIES[region]
        ]
        given = _unique(given, lambda name: name.spellings[0])
        result.append(Region(region, countries, given, _unique(family, lambda name: name[0])))
    return result


def _unique(items: list[T], first: Callable[[T], str]) -> list[T]:
    """The items without repeats of one name (Hussain in a country list and in the table)."""
    seen: set[str] = set()
    out = []
    for item in items:
        if first(item) not in seen:
            seen.add(first(item))
            out.append(item)
    return out
