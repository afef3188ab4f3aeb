from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opennrm.core.keys import new_key_document, write_key_file


class Command(BaseCommand):
    help = "Create the key file (data keys, blind-index key, audit key) if it does not exist."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", help="Where to write (default: OPENNRM_KEY_FILE).")
        parser.add_argument(
            "--if-missing", action="store_true", help="Do nothing if the file exists."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"] or settings.OPENNRM_KEY_FILE)
        if path.exists():
            if options["if_missing"]:
                return
            raise CommandError(
                f"{path} exists. Overwriting it would make every encrypted value unreadable; "
                "use rotate_keys to change keys."
            )
        write_key_file(path, new_key_document())
        self.stdout.write(f"Key file written to {path} (mode 600). Back it up separately.")
