from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opennrm.backups.keys import BackupKeyError, read_backup_key
from opennrm.backups.services import BackupError, backup_restore, restore_recorded


class Command(BaseCommand):
    help = (
        "Restore an encrypted backup into an empty database, then verify every table against "
        "the backup's manifest and the audit chain. Nothing is overwritten: a database that "
        "is not empty is refused, a restore that does not verify is undone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The backup archive.")
        parser.add_argument(
            "--key-file", help="The backup key file (default: OPENNRM_BACKUP_KEY(_FILE))."
        )
        parser.add_argument("--database", default="default", help="The database alias.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["archive"])
        try:
            key = read_backup_key(Path(options["key_file"]) if options["key_file"] else None)
            report = backup_restore(path, key=key, using=options["database"])
        except (BackupKeyError, BackupError) as error:
            raise CommandError(str(error), returncode=2) from None
        if options["database"] == "default":
            restore_recorded(report, path)
        self.stdout.write(
            f"Restored and verified: {report.tables} tables, {report.rows:,} rows equal to the "
            f"backup's manifest; audit chain intact ({report.audit_events:,} events); "
            f"{report.person_keys:,} person key(s) from the escrow, {report.erased_since:,} "
            "person(s) erased since the backup stay erased."
        )
        if report.indexes_outdated:
            self.stdout.write(
                "The backup was made before the blind-index key was rotated: run "
                "`manage.py rotate_keys --index --recompute-only` so that searches find everyone."
            )
        if report.needs_migrate:
            self.stdout.write(
                "The backup is of an older version: run `manage.py migrate` before starting."
            )
