from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from opennrm.core.audit import audit_record
from opennrm.core.keys import (
    new_key,
    new_key_id,
    parse_key_document,
    read_key_file,
    reset_keyring_cache,
    write_key_file,
)
from opennrm.core.rotation import reencrypt_all


class Command(BaseCommand):
    help = (
        "Add a new data key, make it active and re-encrypt every value under it. Old keys stay "
        "in the file (backups need them) unless --retire-old is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reencrypt-only",
            action="store_true",
            help="Keys are managed elsewhere (OPENNRM_KEYS_JSON): only re-encrypt under the "
            "active key already configured.",
        )
        parser.add_argument(
            "--retire-old", action="store_true", help="Remove the old data keys afterwards."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(settings.OPENNRM_KEY_FILE)
        if not options["reencrypt_only"]:
            if settings.OPENNRM_KEYS_JSON:
                raise CommandError(
                    "Keys come from OPENNRM_KEYS_JSON: add a key there, make it active, then run "
                    "rotate_keys --reencrypt-only."
                )
            document = read_key_file(path)
            kid = new_key_id()
            document["data_keys"][kid] = new_key()
            document["active"] = kid
            parse_key_document(document)  # validate before writing
            write_key_file(path, document)
            reset_keyring_cache()
            self.stdout.write(f"New active key {kid} written to {path}.")
        result = reencrypt_all()
        with transaction.atomic():
            audit_record(
                action="keys.rotated",
                details={
                    "rows": result.rows,
                    "values": result.values,
                    "subject_keys": result.subject_keys,
                },
            )
        self.stdout.write(
            f"Re-encrypted {result.values} value(s) in {result.rows} row(s); "
            f"re-wrapped {result.subject_keys} person key(s)."
        )
        if options["retire_old"] and not options["reencrypt_only"]:
            document = read_key_file(path)
            document["data_keys"] = {document["active"]: document["data_keys"][document["active"]]}
            write_key_file(path, document)
            reset_keyring_cache()
            self.stdout.write("Old data keys removed from the key file.")
