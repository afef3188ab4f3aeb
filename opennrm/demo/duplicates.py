"""Duplicates for the synthetic deployment: the same synthetic person registered again, by the
same organisation or another, under another spelling (from the name-variant table), with the
names swapped, in Arabic script only, with a year of birth only, or with 1 January as a
placeholder: what duplicate detection must find, and what trains its model."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from django.utils import timezone

from opennrm.cases.services import CaseDetails, case_open
from opennrm.demo.data import CASE_OWNERS
from opennrm.demo.world import DemoWorld, acting_member
from opennrm.matching.variants import maghreb_names, migrant_names
from opennrm.people.services import PersonDetails


def _variant_table() -> dict[str, list[str]]:
    """Each Latin spelling -> the other spellings of the same name."""
    table: dict[str, list[str]] = {}
    for name in maghreb_names() + migrant_names():
        spellings = name.spellings
        for spelling in spellings:
            table[spelling.lower()] = [s for s in spellings if s != spelling]
    return table


def _respelled(
    person: PersonDetails, rng: random.Random, table: dict[str, list[str]]
) -> PersonDetails:
    given, family = person.given_name_latin, person.family_name_latin
    others = table.get(given.lower())
    if others:
        given = rng.choice(others)
    if family.lower().startswith("el ") and rng.random() < 0.5:
        family = family[3:]
    elif rng.random() < 0.2:
        family = f"El {family}"
    changed = replace(person, given_name_latin=given, family_name_latin=family)
    roll = rng.random()
    if roll < 0.15:  # first and family names swapped
        changed = replace(
            changed,
            given_name_latin=changed.family_name_latin,
            family_name_latin=changed.given_name_latin,
            given_name_arabic=changed.family_name_arabic,
            family_name_arabic=changed.given_name_arabic,
        )
    elif roll < 0.3:  # recorded in Arabic script only
        changed = replace(changed, given_name_latin="", family_name_latin="")
    year = (person.birth_date or "")[:4]
    roll = rng.random()
    if year and roll < 0.3:
        changed = replace(changed, birth_date=year)
    elif year and roll < 0.45:
        changed = replace(changed, birth_date=f"{year}-01-01")
    if rng.random() < 0.5:
        changed = replace(changed, phone="")
    return changed


def build_duplicates(world: DemoWorld, rng: random.Random, count: int = 40) -> None:
    table = _variant_table()
    owners = [key for _w, key, _r, _b in CASE_OWNERS]
    originals = rng.sample(world.persons, min(count, len(world.persons)))
    today = timezone.localdate()
    for index, person in enumerate(originals):
        org_key = rng.choice(owners)
        actor = acting_member(world, org_key)
        case_open(
            actor=actor,
            person=_respelled(person, rng, table),
            details=CaseDetails(
                identified_on=today - timedelta(days=rng.randint(1, 200)),
                exploitation_types=["ForcedLabour"] if index % 2 else ["SexualExploitation"],
                identification_region=rng.choice(
                    next(r for _w, k, r, _b in CASE_OWNERS if k == org_key)
                ),
            ),
        )
        world.cases += 1
