from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opennrm.backups.keys import write_backup_key


class Command(BaseCommand):
    help = "Create the backup key file (not a data key) if it does not exist."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", help="Where to write (default: OPENNRM_BACKUP_KEY_FILE).")
        parser.add_argument(
            "--if-missing", action="store_true", help="Do nothing if the file exists."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"] or settings.OPENNRM_BACKUP_KEY_FILE)
        if path.exists():
            if options["if_missing"]:
                return
            raise CommandError(
                f"{path} exists. A new backup key could not read the backups made so far.",
                returncode=2,
            )
        write_backup_key(path)
        self.stdout.write(
            f"Backup key written to {path} (mode 600). Keep a copy away from the backups and "
            "from the key file: a restore needs both."
        )
