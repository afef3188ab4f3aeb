"""Backups and restores.

`backup_create` copies the database (a consistent snapshot, snapshot.py), writes a manifest
(every table's row count and digest, the audit chain's head, the key file's public metadata),
packs both in a tar and encrypts it under the backup key (archive.py) into a file written
atomically. `backup_restore` decrypts and checks the archive, refuses a database that is not
empty, a key file that cannot read the data, an archive of another engine, loads the copy,
then verifies every table against the manifest and the audit chain; a restore that does not
verify is undone (the database was empty). Nothing is ever overwritten."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from opennrm.accounts.models import Membership
from opennrm.backups import archive, escrow, manifest, snapshot
from opennrm.backups.keys import read_backup_key
from opennrm.backups.models import BackupKind, BackupRecord
from opennrm.core.audit import audit_record, audit_verify
from opennrm.core.keys import keyring

MANIFEST = "manifest.json"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or a restore that cannot be done, said plainly."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    sha256: str
    manifest: dict[str, Any]

    @property
    def rows(self) -> int:
        return sum(t["rows"] for t in self.manifest["tables"].values())


@dataclass(frozen=True)
class RestoreReport:
    tables: int
    rows: int
    audit_events: int
    needs_migrate: bool
    # Persons' keys put back from the escrow, and those destroyed since the backup was made.
    person_keys: int = 0
    erased_since: int = 0
    # Made before the blind-index key was rotated: its indexes need working out again.
    indexes_outdated: bool = False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _scratch() -> tempfile.TemporaryDirectory[str]:
    """A private folder for the plaintext copy, removed afterwards."""
    return tempfile.TemporaryDirectory(prefix="opennrm-backup-")


def write_archive(
    output: Path, *, key: bytes | None = None, using: str = "default"
) -> BackupResult:
    """Write one encrypted backup of the database `using` to `output` (never overwritten)."""
    if output.exists():
        raise BackupError(f"{output} exists: a backup never overwrites a file.")
    if not output.parent.is_dir():
        raise BackupError(f"No folder {output.parent} to write the backup in.")
    key = key if key is not None else read_backup_key()
    conn = connections[using]
    engine = snapshot.engine(conn)
    with _scratch() as folder:
        work = Path(folder)
        dump_name = DUMP_NAMES[engine]
        dump_path = work / dump_name
        try:
            copy = snapshot.dump(conn, dump_path)
        except snapshot.SnapshotError as error:
            raise BackupError(str(error)) from None
        document = manifest.build(copy, engine, dump_name, _sha256(dump_path), keyring())
        (work / MANIFEST).write_text(json.dumps(document, indent=1), encoding="utf-8")
        plain = work / "backup.tar"
        with tarfile.open(plain, "w") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(dump_path, arcname=dump_name)
        partial = output.with_name(output.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with plain.open("rb") as source, os.fdopen(fd, "wb") as target:
                archive.encrypt(source, target, key, document["created_at"])
                target.flush()
                os.fsync(target.fileno())
            partial.replace(output)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    # The persons' keys as they are now (a superset of the backup's, less any destroyed since).
    try:
        escrow.escrow_refresh(key=key, using=using)
    except OSError as error:
        output.unlink(missing_ok=True)
        raise BackupError(f"The key escrow could not be written: {error}") from None
    return BackupResult(output, output.stat().st_size, _sha256(output), document)


def backup_create(
    output: Path,
    *,
    actor: Membership | None = None,
    kind: str = BackupKind.MANUAL,
    key: bytes | None = None,
) -> BackupRecord:
    """A backup, recorded (whether it succeeded or not) and audited."""
    try:
        result = write_archive(output, key=key)
    except Exception as error:
        with transaction.atomic():
            record = BackupRecord.objects.create(
                kind=kind, file_name=output.name, succeeded=False, error=str(error)[:500]
            )
            audit_record(
                action="backup.failed",
                actor=actor,
                object_type="backup",
                object_id=record.pk,
                details={"kind": kind},
            )
        raise
    with transaction.atomic():
        record = BackupRecord.objects.create(
            kind=kind,
            file_name=output.name,
            size_bytes=result.size_bytes,
            sha256=result.sha256,
            tables=len(result.manifest["tables"]),
            rows=result.rows,
            audit_seq=result.manifest["audit"]["last_seq"],
            succeeded=True,
        )
        audit_record(
            action="backup.created",
            actor=actor,
            object_type="backup",
            object_id=record.pk,
            details={"kind": kind, "size_bytes": result.size_bytes, "tables": record.tables},
        )
    return record


def read_archive(path: Path, key: bytes, folder: Path) -> tuple[dict[str, Any], Path]:
    """Decrypt and unpack an archive into `folder`: its manifest and its dump, checked."""
    plain = folder / "backup.tar"
    try:
        with plain.open("wb") as target:
            archive.decrypt_file(path, key, target)
    except archive.ArchiveError as error:
        raise BackupError(str(error)) from None
    try:
        with tarfile.open(plain, "r") as tar:
            members = {m.name: m for m in tar.getmembers()}
            if MANIFEST not in members:
                raise BackupError("The backup holds no manifest.")
            raw = tar.extractfile(members[MANIFEST])
            document: dict[str, Any] = json.load(raw)  # type: ignore[arg-type]
            dump_name = str(document["dump"]["file"])
            if dump_name not in DUMP_NAMES.values() or dump_name not in members:
                raise BackupError("The backup holds no database copy.")
            tar.extract(members[dump_name], folder, filter="data")
    except (tarfile.TarError, json.JSONDecodeError, KeyError, TypeError):
        raise BackupError("The backup's content is damaged.") from None
    dump_path = folder / dump_name
    if _sha256(dump_path) != document["dump"]["sha256"]:
        raise BackupError("The database copy in the backup does not match its manifest.")
    if document.get("format") != manifest.FORMAT:
        raise BackupError(f"Unknown backup format {document.get('format')!r}.")
    return document, dump_path


def _differences(
    expected: dict[str, snapshot.TableState], found: dict[str, snapshot.TableState]
) -> list[str]:
    names = sorted(set(expected) | set(found))
    return [name for name in names if expected.get(name) != found.get(name)]


def backup_restore(
    path: Path, *, key: bytes | None = None, using: str = "default"
) -> RestoreReport:
    """Restore a backup into the empty database `using`, then verify it."""
    key = key if key is not None else read_backup_key()
    conn = connections[using]
    with _scratch() as folder:
        document, dump_path = read_archive(path, key, Path(folder))
        engine = snapshot.engine(conn)
        if document["engine"] != engine:
            raise BackupError(
                f"This is a backup of a {ENGINE_NAMES.get(document['engine'], '?')} database; "
                f"the database here is {ENGINE_NAMES[engine]}."
            )
        why = manifest.key_mismatch(document, keyring())
        if why:
            raise BackupError(
                f"The key file here cannot read this backup: {why}. Put the key file the "
                "backup was made with in place (OPENNRM_KEY_FILE) and try again."
            )
        present = snapshot.tables_present(conn)
        if present:
            raise BackupError(
                f"The database {conn.settings_dict['NAME']} is not empty ({len(present)} "
                "tables): a backup is restored into an empty database only. Create a new one."
            )
        expected = manifest.tables_of(document)
        keys = _escrow_for(expected, key)
        if engine == "sqlite":
            wrong = _differences(expected, snapshot.copy_states(dump_path))
            if wrong:
                raise BackupError(
                    "The database copy does not match its manifest: " + ", ".join(wrong)
                )
        try:
            snapshot.restore(conn, dump_path)
        except snapshot.SnapshotError as error:
            snapshot.empty_database(conn)
            raise BackupError(str(error)) from None
    report = _verify_restored(conn, using, document, expected)
    try:
        restored, erased = escrow.escrow_load(keys, using=using)
    except Exception:
        snapshot.empty_database(conn)
        raise
    return dataclasses.replace(
        report,
        person_keys=restored,
        erased_since=erased,
        indexes_outdated=manifest.blind_index_outdated(document, keyring()),
    )


def _escrow_for(expected: dict[str, snapshot.TableState], key: bytes) -> dict[str, Any]:
    """The escrow's keys, needed when the backup holds any person's key."""
    state = expected.get("core_subjectkey")
    if state is None or state.rows == 0:
        return {}
    try:
        return dict(escrow.escrow_read(key))
    except escrow.EscrowError as error:
        raise BackupError(str(error)) from None


def _verify_restored(
    conn: Any, using: str, document: dict[str, Any], expected: dict[str, snapshot.TableState]
) -> RestoreReport:
    """Every table against the manifest, then the audit chain; undone when it fails."""
    wrong = _differences(expected, snapshot.states(conn))
    chain = audit_verify(using=using) if not wrong else None
    head = document["audit"]
    failure = ""
    if wrong:
        failure = "the restored tables differ from the backup's: " + ", ".join(wrong[:10])
    elif chain is not None and not chain.intact:
        failure = f"the audit chain does not verify at event #{chain.first_broken_seq}"
    elif chain is not None and chain.checked != head["last_seq"]:
        failure = "the audit chain does not end where the backup's did"
    if failure:
        snapshot.empty_database(conn)
        raise BackupError(f"The restore did not verify and was undone: {failure}.")
    executor = MigrationExecutor(conn)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return RestoreReport(
        tables=len(expected),
        rows=sum(t.rows for t in expected.values()),
        audit_events=chain.checked if chain else 0,
        needs_migrate=bool(plan),
    )


def restore_recorded(report: RestoreReport, path: Path) -> None:
    """The restore, in the audit log of the database it made."""
    audit_record(
        action="backup.restored",
        object_type="backup",
        object_id=path.name,
        details={
            "tables": report.tables,
            "rows": report.rows,
            "events": report.audit_events,
            "erased_since": report.erased_since,
        },
    )


def mark_restore_test(record: BackupRecord, passed: bool, message: str) -> None:
    with transaction.atomic():
        record.restore_tested_at = timezone.now()
        record.restore_test_passed = passed
        record.restore_test_message = message[:500]
        record.save(
            update_fields=[
                "restore_tested_at",
                "restore_test_passed",
                "restore_test_message",
                "updated_at",
            ]
        )
        audit_record(
            action="backup.restore_tested",
            object_type="backup",
            object_id=record.pk,
            details={"passed": passed},
        )
