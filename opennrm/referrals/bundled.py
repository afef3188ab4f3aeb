"""The disclosure profiles shipped with OpenNRM (referrals/data/disclosure_profiles.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from opennrm.referrals.vocabularies import DisclosedField

PROFILES_FILE = Path(__file__).parent / "data" / "disclosure_profiles.json"


def bundled_profiles() -> list[dict[str, Any]]:
    profiles: list[dict[str, Any]] = json.loads(PROFILES_FILE.read_text(encoding="utf-8"))
    for profile in profiles:
        unknown = set(profile["fields"]) - set(DisclosedField.values)
        if unknown:
            raise ValueError(f"profile {profile['key']}: unknown fields {sorted(unknown)}")
    return profiles
