from __future__ import annotations

from typing import Any

from django.db import models

from opennrm.core.errors import ApplicationError


def claim_version(model: type[models.Model], pk: Any, expected_version: int, message: str) -> int:
    """Move a row's version from `expected_version` to the next one, or refuse.

    The conditional UPDATE is atomic on both PostgreSQL and SQLite: of two concurrent saves
    that started from the same version, exactly one claims it; the other gets `message`.
    Call inside the transaction that then saves the change."""
    claimed = model._default_manager.filter(pk=pk, version=expected_version).update(
        version=expected_version + 1
    )
    if not claimed:
        raise ApplicationError(message)
    return expected_version + 1
