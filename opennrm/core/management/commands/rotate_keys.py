from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from opennrm.core.audit import audit_record
from opennrm.core.index_rotation import (
    IndexRotation,
    index_key_retire,
    index_key_rotate,
    recompute_indexes,
    switched,
)
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
        "in the file (backups need them) unless --retire-old is given. With --index: rotate "
        "the blind-index key instead, without downtime (docs/security.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reencrypt-only",
            action="store_true",
            help="Keys are managed elsewhere (OPENNRM_KEYS_JSON): only re-encrypt under the "
            "active key already configured.",
        )
        parser.add_argument(
            "--retire-old",
            action="store_true",
            help="Remove the old data keys afterwards; with --index, retire the old "
            "blind-index key (once every process of the application runs on the new one).",
        )
        parser.add_argument(
            "--index",
            action="store_true",
            help="Rotate the blind-index key: every keyed hash (names, phones, documents, "
            "duplicate-detection keys) is worked out again under a new key while searches keep "
            "finding everyone.",
        )
        parser.add_argument(
            "--recompute-only",
            action="store_true",
            help="With --index: only work the indexes out again under the current key (after "
            "restoring a backup made before a rotation).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["index"]:
            self._index(retire=options["retire_old"], recompute_only=options["recompute_only"])
            return
        if options["recompute_only"]:
            raise CommandError("--recompute-only goes with --index.")
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

    def _index(self, *, retire: bool, recompute_only: bool) -> None:
        try:
            if recompute_only:
                result = IndexRotation(recomputed=recompute_indexes())
            elif retire and switched():
                result = index_key_retire()
            else:
                result = index_key_rotate()
                if retire:
                    retired = index_key_retire()
                    result.cleared, result.retired = retired.cleared, True
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        with transaction.atomic():
            audit_record(
                action="keys.index_rotated",
                details={
                    "started": result.started,
                    "recomputed": result.recomputed,
                    "cleared": result.cleared,
                    "retired": result.retired,
                },
            )
        if result.started:
            self.stdout.write("New blind-index key in place; searches look under both keys.")
        for kind, rows in result.recomputed.items():
            self.stdout.write(f"Recomputed {kind}: {rows:,} row(s) changed.")
        for kind, rows in result.cleared.items():
            self.stdout.write(f"Cleared {kind} (cannot be recomputed): {rows:,} row(s).")
        if result.retired:
            self.stdout.write("Old blind-index key retired: it no longer indexes anything.")
        elif not recompute_only:
            self.stdout.write(
                "Once every process of the application has run for a few seconds, retire the "
                "old key: manage.py rotate_keys --index --retire-old"
            )
