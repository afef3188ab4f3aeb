"""The synthetic deployment being built, and helpers the demo builders share."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from opennrm.accounts.models import Membership, Organisation
from opennrm.accounts.roles import Role
from opennrm.people.services import PersonDetails
from opennrm.people.validation import parse_phone_or_none


@dataclass
class DemoWorld:
    organisations: dict[str, Organisation] = field(default_factory=dict)
    members: dict[tuple[str, str], Membership] = field(default_factory=dict)
    persons: list[PersonDetails] = field(default_factory=list)
    cases: int = 0


def synthetic_mobile(rng: random.Random) -> str:
    """A well-formed Moroccan mobile number (drawn until the numbering plan accepts it)."""
    while True:
        candidate = f"+2126{rng.randint(0, 99_999_999):08d}"
        if parse_phone_or_none(candidate):
            return candidate


def acting_member(world: DemoWorld, org_key: str) -> Membership:
    for role in (Role.CASE_MANAGER, Role.COORDINATOR, Role.FIRST_RESPONDER):
        if (org_key, role) in world.members:
            return world.members[(org_key, role)]
    raise LookupError(org_key)
