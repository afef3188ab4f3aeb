"""System check: blocking keys built by other rules than the running ones (after an upgrade or
a new hashing key) make "is this person already known?" miss persons. `migrate` and
`check --database default` report it."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning
from django.db import DatabaseError


def match_keys_check(
    app_configs: Any = None, databases: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    if not databases or "default" not in databases:
        return []
    from opennrm.matching.selectors import match_keys_outdated

    try:
        outdated = match_keys_outdated()
    except DatabaseError:  # tables not created yet: migrate will build them
        return []
    if not outdated:
        return []
    return [
        Warning(
            "Duplicate-detection keys were built by other rules than this version's: "
            "likely matches will be missed at intake.",
            hint="Run: python manage.py match_keys_rebuild",
            id="matching.W001",
        )
    ]
