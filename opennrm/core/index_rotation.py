"""Rotation of the blind-index key without downtime (`rotate_keys --index`).

1. Announce: the new key is written as "blind_index_next". Every process re-reads the key
   file within a second and from then on searches under both keys; writes stay on the old.
2. Switch: the new key becomes the current one, the old one "blind_index_previous". Writes
   use the new key; searches still look under both, so nothing written earlier is missed.
3. Recompute: every index that can be worked out again from the (encrypted) values is
   rewritten under the new key, a batch per transaction (an interrupted run is resumed by
   running the command again). Apps register their recomputers here.
4. Retire (`--retire-old`): once every process runs on the new key, recompute once more (what
   a late process may still have written), clear what cannot be recomputed and could be
   guessed from its hash (a caller's phone number: only its hash was ever kept), and move the
   old key to "blind_index_retired", where it only verifies random secrets handed out before
   (feedback codes, complaint secrets), never a name or a phone.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from opennrm.core.keys import (
    new_key,
    parse_key_document,
    read_key_file,
    reset_keyring_cache,
    write_key_file,
)

# What an app recomputes (returns the rows it changed) and what it clears at retirement of
# the rows written before the switch (returns the rows it cleared).
IndexRecomputer = Callable[[], int]
IndexClearer = Callable[[datetime], int]
_recomputers: dict[str, IndexRecomputer] = {}
_clearers: dict[str, IndexClearer] = {}
# A process notices a changed key file within a second; twice that, and then some.
SETTLE_SECONDS = 2.5


def on_recompute_indexes(kind: str, recompute: IndexRecomputer) -> None:
    _recomputers[kind] = recompute


def on_retire_indexes(kind: str, clear: IndexClearer) -> None:
    _clearers[kind] = clear


@dataclass
class IndexRotation:
    started: bool = False
    recomputed: dict[str, int] = field(default_factory=dict)
    cleared: dict[str, int] = field(default_factory=dict)
    retired: bool = False


def _path() -> Path:
    if settings.OPENNRM_KEYS_JSON:
        raise ImproperlyConfigured(
            "Keys come from OPENNRM_KEYS_JSON: the blind-index key can only be rotated in a key "
            "file (OPENNRM_KEY_FILE), which every process re-reads when it changes."
        )
    return Path(settings.OPENNRM_KEY_FILE)


def _write(path: Path, document: dict[str, Any]) -> None:
    parse_key_document(document)  # never write a key file the application could not read
    write_key_file(path, document)
    reset_keyring_cache()


def switched() -> bool:
    """A rotation has switched to the new key and waits for its old key to be retired (one
    only announced, or interrupted before its switch, is finished by index_key_rotate)."""
    return bool(read_key_file(_path()).get("blind_index_previous"))


def recompute_indexes() -> dict[str, int]:
    return {kind: _recomputers[kind]() for kind in sorted(_recomputers)}


def index_key_rotate(*, settle: float = SETTLE_SECONDS) -> IndexRotation:
    """Steps 1-3 (a rotation already switched is only recomputed again: resumed)."""
    path = _path()
    result = IndexRotation()
    document = read_key_file(path)
    if not document.get("blind_index_previous"):
        if not document.get("blind_index_next"):
            document["blind_index_next"] = new_key()
            _write(path, document)
            time.sleep(settle)
        document = read_key_file(path)
        document["blind_index_previous"] = [document["blind_index_key"]]
        document["blind_index_key"] = document.pop("blind_index_next")
        document["blind_index_switched_at"] = timezone.now().isoformat()
        _write(path, document)
        time.sleep(settle)
        result.started = True
    result.recomputed = recompute_indexes()
    return result


def index_key_retire() -> IndexRotation:
    """Step 4; refused when no rotation has been switched."""
    path = _path()
    document = read_key_file(path)
    if not document.get("blind_index_previous"):
        raise ImproperlyConfigured("No rotation of the blind-index key is in progress.")
    result = IndexRotation(recomputed=recompute_indexes())
    # Rows written up to a moment after the switch may carry the old key (a process that had
    # not yet re-read the key file).
    cutoff = datetime.fromisoformat(document["blind_index_switched_at"]) + timedelta(
        seconds=SETTLE_SECONDS
    )
    result.cleared = {kind: _clearers[kind](cutoff) for kind in sorted(_clearers)}
    document = read_key_file(path)
    document["blind_index_retired"] = [
        *document.get("blind_index_retired", []),
        *document.pop("blind_index_previous"),
    ]
    document.pop("blind_index_switched_at", None)
    _write(path, document)
    result.retired = True
    return result
