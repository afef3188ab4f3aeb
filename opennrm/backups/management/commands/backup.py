from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opennrm.backups.keys import BackupKeyError, read_backup_key
from opennrm.backups.services import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write one encrypted backup of the database (a consistent copy while the application "
        "runs, a manifest of every table and the audit chain's head) under the backup key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="The archive to write (new file).")
        parser.add_argument(
            "--key-file", help="The backup key file (default: OPENNRM_BACKUP_KEY(_FILE))."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"]).resolve()
        try:
            key = read_backup_key(Path(options["key_file"]) if options["key_file"] else None)
            record = backup_create(output, key=key)
        except (BackupKeyError, BackupError) as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(
            f"Backup written to {output}: {record.size_bytes:,} bytes, {record.tables} tables, "
            f"{record.rows:,} rows, audit chain at #{record.audit_seq}. sha256 {record.sha256}"
        )
