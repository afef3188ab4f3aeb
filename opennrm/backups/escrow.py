"""The key escrow: the wrapped per-person keys (opennrm.core.subject_keys), which backup archives
never hold.

One file (OPENNRM_SUBJECT_KEY_ESCROW), encrypted under the backup key like an archive, holding
every key that exists now. It is rewritten after every backup and after every erasure, never
kept in versions: a backup restored later finds in it the keys of everyone still on record,
and not the keys destroyed since the backup was made, so an erased person stays erased in every
restored copy (crypto-shredding).

Writers take an exclusive lock on `<escrow>.lock` and read the keys while holding it, so the
file on disk is always from a moment after every erasure that finished before it."""

from __future__ import annotations

import fcntl
import io
import json
import logging
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from opennrm.backups import archive
from opennrm.backups.keys import BackupKeyError, read_backup_key

logger = logging.getLogger(__name__)

FORMAT = "opennrm-subject-keys/1"
MATERIAL_TABLE = "core_subjectkeymaterial"


class EscrowError(Exception):
    """The escrow cannot be read or written."""


def escrow_path() -> Path:
    return Path(settings.OPENNRM_SUBJECT_KEY_ESCROW)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _live_keys(using: str) -> list[list[str]]:
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT key_id, kek_id, wrapped FROM {MATERIAL_TABLE}")  # noqa: S608 - constant
        return [[uuid.UUID(str(r[0])).hex, str(r[1]), str(r[2])] for r in cursor.fetchall()]


def escrow_refresh(
    *, key: bytes | None = None, using: str = "default", path: Path | None = None
) -> int:
    """Rewrite the escrow from the keys in the database now; how many it holds."""
    key = key if key is not None else read_backup_key()
    path = path or escrow_path()
    with _locked(path):
        keys = _live_keys(using)
        written_at = timezone.now().isoformat()
        document = {"format": FORMAT, "written_at": written_at, "keys": keys}
        plain = io.BytesIO(json.dumps(document).encode())
        partial = path.with_name(path.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as target:
                archive.encrypt(plain, target, key, written_at)
                target.flush()
                os.fsync(target.fileno())
            partial.replace(path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return len(keys)


def escrow_read(key: bytes, path: Path | None = None) -> dict[str, tuple[str, str]]:
    """Every key of the escrow: subject key id (hex) -> (kek id, wrapped key)."""
    path = path or escrow_path()
    if not path.is_file():
        raise EscrowError(
            f"No key escrow at {path}: without it no person's details in the backup can be "
            "read. Put the escrow file in place (OPENNRM_SUBJECT_KEY_ESCROW) and try again."
        )
    plain = io.BytesIO()
    try:
        archive.decrypt_file(path, key, plain)
        document = json.loads(plain.getvalue())
        if document.get("format") != FORMAT:
            raise EscrowError(f"{path} is not a key escrow.")
        return {str(k): (str(kek), str(wrapped)) for k, kek, wrapped in document["keys"]}
    except archive.ArchiveError as error:
        raise EscrowError(f"The key escrow cannot be read: {error}") from None
    except (json.JSONDecodeError, KeyError, TypeError, ValueError):
        raise EscrowError(f"The key escrow {path} is damaged.") from None


def escrow_load(escrow: dict[str, tuple[str, str]], *, using: str) -> tuple[int, int]:
    """Give a restored database its persons' keys: those in the escrow are put back, the
    others were destroyed after the backup and are marked so. (restored, erased since)"""
    conn = connections[using]
    now = str(conn.ops.adapt_datetimefield_value(timezone.now()))
    with transaction.atomic(using=using), conn.cursor() as cursor:
        cursor.execute("SELECT id FROM core_subjectkey WHERE destroyed_at IS NULL")
        ids = [uuid.UUID(str(r[0])) for r in cursor.fetchall()]
        present = [i for i in ids if i.hex in escrow]
        gone = [i for i in ids if i.hex not in escrow]

        def db_id(value: uuid.UUID) -> str:
            return value.hex if conn.vendor == "sqlite" else str(value)

        cursor.executemany(
            f"INSERT INTO {MATERIAL_TABLE} (key_id, kek_id, wrapped) VALUES (%s, %s, %s)",  # noqa: S608 - constant
            [(db_id(i), *escrow[i.hex]) for i in present],
        )
        cursor.executemany(
            "UPDATE core_subjectkey SET destroyed_at = %s WHERE id = %s",
            [(now, db_id(i)) for i in gone],
        )
    return len(present), len(gone)


def escrow_refresh_if_present() -> bool:
    """Rewrite the escrow if this installation has one (it has made a backup). Whether it did."""
    if not escrow_path().is_file():
        return False
    try:
        key = read_backup_key()
    except BackupKeyError:
        logger.exception("The key escrow could not be refreshed: no backup key.")
        return False
    escrow_refresh(key=key)
    return True
