"""The backup key: not a data key. Backups are encrypted under it, and restoring one needs it
and the key file (the data keys) it was made with, kept apart: whoever holds a backup and this
key still reads no name without the data keys.

OPENNRM_BACKUP_KEY (base64 of 32 bytes) or the file OPENNRM_BACKUP_KEY_FILE:
    {"backup_key": "<base64 32 bytes>", "created_at": "..."}"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from opennrm.core.keys import KEY_BYTES, new_key, write_key_file


class BackupKeyError(Exception):
    """No usable backup key."""


def _decode(value: Any, where: str) -> bytes:
    try:
        raw = base64.b64decode(str(value), validate=True)
    except (ValueError, binascii.Error):
        raise BackupKeyError(f"The backup key in {where} is not valid base64.") from None
    if len(raw) != KEY_BYTES:
        raise BackupKeyError(f"The backup key in {where} must be {KEY_BYTES} bytes.")
    return raw


def read_backup_key(path: Path | None = None) -> bytes:
    """The backup key: from `path`, else OPENNRM_BACKUP_KEY, else OPENNRM_BACKUP_KEY_FILE."""
    if path is None and settings.OPENNRM_BACKUP_KEY:
        return _decode(settings.OPENNRM_BACKUP_KEY, "OPENNRM_BACKUP_KEY")
    path = path or Path(settings.OPENNRM_BACKUP_KEY_FILE)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        value = document["backup_key"]
    except FileNotFoundError:
        raise BackupKeyError(
            f"No backup key at {path}. Create one with `manage.py generate_backup_key` and keep "
            "a copy away from the backups and from the key file."
        ) from None
    except (json.JSONDecodeError, KeyError, TypeError):
        raise BackupKeyError(f"{path} is not a backup key file.") from None
    return _decode(value, str(path))


def write_backup_key(path: Path) -> None:
    write_key_file(path, {"backup_key": new_key(), "created_at": timezone.now().isoformat()})
