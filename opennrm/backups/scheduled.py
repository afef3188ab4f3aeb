"""The scheduler's backups: one a day into OPENNRM_BACKUP_DIR, restored at once into a scratch
database and verified (the restore test), then the older ones rotated away."""

from __future__ import annotations

import os
from datetime import datetime
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from opennrm.accounts.models import Membership
from opennrm.backups import rotation
from opennrm.backups.keys import BackupKeyError
from opennrm.backups.models import BackupKind, BackupRecord
from opennrm.backups.scratch import scratch_database
from opennrm.backups.services import BackupError, backup_create, backup_restore, mark_restore_test
from opennrm.backups.snapshot import SnapshotError
from opennrm.core.audit import audit_record


def backup_folder() -> Path:
    folder = Path(settings.OPENNRM_BACKUP_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def restore_test(record: BackupRecord, path: Path, key: bytes | None = None) -> bool:
    """Restore the backup into a scratch database and verify it; the result on the record."""
    try:
        with scratch_database() as alias:
            report = backup_restore(path, key=key, using=alias)
    except (BackupError, BackupKeyError, SnapshotError, DatabaseError, OSError) as error:
        mark_restore_test(record, False, str(error))
        return False
    mark_restore_test(
        record,
        True,
        f"{report.tables} tables, {report.rows} rows and {report.audit_events} audit events "
        "verified",
    )
    return True


def backup_rotate(now: datetime | None = None) -> list[str]:
    """Delete the scheduled backups no longer kept; the names of the files removed."""
    now = now or timezone.now()
    current = list(
        BackupRecord.objects.filter(
            kind=BackupKind.SCHEDULED, succeeded=True, removed_at__isnull=True
        )
    )
    keep = {
        r.pk
        for r in rotation.kept(
            current,
            settings.OPENNRM_BACKUP_KEEP_DAILY,
            settings.OPENNRM_BACKUP_KEEP_WEEKLY,
            settings.OPENNRM_BACKUP_KEEP_MONTHLY,
        )
    }
    removed = []
    folder = backup_folder()
    for record in current:
        if record.pk in keep:
            continue
        with transaction.atomic():
            # The file goes once the record says so: a failed write leaves both as they were.
            path = folder / record.file_name
            transaction.on_commit(partial(path.unlink, missing_ok=True))
            record.removed_at = now
            record.save(update_fields=["removed_at", "updated_at"])
            audit_record(action="backup.rotated", object_type="backup", object_id=record.pk)
        removed.append(record.file_name)
    return removed


def backup_scheduled(actor: Membership | None = None) -> BackupRecord:
    """Back up into the backup folder, test the restore, rotate."""
    now = timezone.now()
    path = backup_folder() / f"opennrm-{now:%Y%m%d-%H%M%S}-{os.getpid()}.onrm"
    record = backup_create(path, actor=actor, kind=BackupKind.SCHEDULED)
    restore_test(record, path)
    backup_rotate(now)
    return record
