"""A consistent copy of the database and what it holds, engine by engine.

- SQLite: the online backup API copies the database page by page into a file while the
  application goes on writing (a consistent snapshot); restored with the same API.
- PostgreSQL: `pg_dump` in custom format inside a repeatable-read snapshot exported by the
  transaction that also counts and digests every table (so the figures are of the dump);
  restored by `pg_restore` in one transaction.

Every table is described by its row count and a digest: the sum (mod 2^256) of a SHA-256 of
each row's canonical text, which does not depend on the order rows come in."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import subprocess
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

MODULUS = 1 << 256
# Written on every request or by the restore itself: not part of what a backup promises.
VOLATILE_TABLES = frozenset({"django_session"})
# The wrapped per-person keys: never in an archive, held in the key escrow (escrow.py).
OUTSIDE_TABLES = frozenset({"core_subjectkeymaterial"})
SKIPPED_TABLES = VOLATILE_TABLES | OUTSIDE_TABLES


class SnapshotError(Exception):
    """The database could not be copied or restored."""


AUDIT_HEAD = "SELECT last_seq, last_hmac FROM core_auditchainhead WHERE id = 1"


@dataclass(frozen=True)
class Copy:
    """What `dump` copied: every table's state and the end of the audit chain."""

    tables: dict[str, TableState]
    audit_seq: int
    audit_hmac: str


def _head(row: tuple[Any, ...] | None) -> tuple[int, str]:
    return (int(row[0]), str(row[1])) if row else (0, "")


@dataclass(frozen=True)
class TableState:
    rows: int
    digest: str

    def as_json(self) -> dict[str, Any]:
        return {"rows": self.rows, "digest": self.digest}


TEXTS: list[tuple[type | tuple[type, ...], Any]] = [
    (bool, lambda v: "t" if v else "f"),
    ((bytes, bytearray, memoryview), lambda v: bytes(v).hex()),
    ((dt.datetime, dt.date, dt.time), lambda v: v.isoformat()),
    ((dict, list), lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False)),
    ((Decimal, uuid.UUID, int, float, str), str),
]


def _text(value: Any) -> str:
    """A value's canonical text (the same engine on both sides reads it the same way)."""
    if value is None:
        return "\x00"
    for kinds, text in TEXTS:
        if isinstance(value, kinds):
            return str(text(value))
    return repr(value)


def _digest_rows(rows: Iterable[tuple[Any, ...]]) -> TableState:
    total = 0
    count = 0
    for row in rows:
        text = "\x1f".join(_text(v) for v in row)
        total = (total + int.from_bytes(hashlib.sha256(text.encode()).digest(), "big")) % MODULUS
        count += 1
    return TableState(count, f"{total:064x}")


def _batches(cursor: Any, size: int = 5000) -> Iterable[tuple[Any, ...]]:
    while True:
        batch = cursor.fetchmany(size)
        if not batch:
            return
        yield from batch


def sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [r[0] for r in rows]


def sqlite_states(db: sqlite3.Connection) -> dict[str, TableState]:
    states = {}
    for table in sqlite_tables(db):
        if table in SKIPPED_TABLES:
            continue
        cursor = db.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - a table name of the file
        states[table] = _digest_rows(_batches(cursor))
    return states


def postgres_tables(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    return [r[0] for r in cursor.fetchall()]


def postgres_states(cursor: Any) -> dict[str, TableState]:
    states = {}
    for table in postgres_tables(cursor):
        if table in SKIPPED_TABLES:
            continue
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - a table name of the catalogue
        states[table] = _digest_rows(_batches(cursor))
    return states


def engine(conn: BaseDatabaseWrapper) -> str:
    return "postgresql" if conn.vendor == "postgresql" else "sqlite"


def _pg_environment(conn: BaseDatabaseWrapper) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump and pg_restore, the password in the environment."""
    settings_dict = conn.settings_dict
    arguments = []
    if settings_dict.get("HOST"):
        arguments += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        arguments += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        arguments += ["--username", str(settings_dict["USER"])]
    environment = {**os.environ}
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    arguments += ["--dbname", str(settings_dict["NAME"])]
    return arguments, environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    try:
        result = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            command, env=environment, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise SnapshotError(
            f"{command[0]} is not installed (Debian: postgresql-client, the server's version)."
        ) from None
    if result.returncode != 0:
        raise SnapshotError(f"{command[0]} failed: {result.stderr.strip()[:500]}")


def _leave_out_keys(copy: sqlite3.Connection) -> None:
    """Empty the tables held outside archives in the copy, overwriting the freed pages."""
    present = set(sqlite_tables(copy))
    copy.execute("PRAGMA secure_delete = ON")
    for table in sorted(OUTSIDE_TABLES & present):
        copy.execute(f'DELETE FROM "{table}"')  # noqa: S608 - a constant table name
    copy.commit()
    copy.execute("VACUUM")


def dump(conn: BaseDatabaseWrapper, target: Path) -> Copy:
    """Copy the database into `target`; what the copy holds."""
    conn.ensure_connection()
    if engine(conn) == "sqlite":
        source: sqlite3.Connection = conn.connection
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            _leave_out_keys(copy)
            head = _head(copy.execute(AUDIT_HEAD).fetchone())
            return Copy(sqlite_states(copy), *head)
        finally:
            copy.close()
    arguments, environment = _pg_environment(conn)
    with conn.cursor() as cursor:
        # A snapshot of its own, outside any transaction of the caller's.
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    *[f"--exclude-table-data={table}" for table in sorted(OUTSIDE_TABLES)],
                    f"--file={target}",
                    *arguments,
                ],
                environment,
            )
            cursor.execute(AUDIT_HEAD)
            head = _head(cursor.fetchone())
            return Copy(postgres_states(cursor), *head)
        finally:
            cursor.execute("ROLLBACK")


def _plain(conn: BaseDatabaseWrapper) -> sqlite3.Connection:
    """A connection to the same SQLite database without Django's type converters (digests are
    of the values as stored, as in a copy)."""
    name = str(conn.settings_dict["NAME"])
    return sqlite3.connect(name, uri=name.startswith("file:"))


def tables_present(conn: BaseDatabaseWrapper) -> list[str]:
    """The tables of the target database (none: it is empty)."""
    conn.ensure_connection()
    if engine(conn) == "sqlite":
        return sqlite_tables(conn.connection)
    with conn.cursor() as cursor:
        return postgres_tables(cursor)


def states(conn: BaseDatabaseWrapper) -> dict[str, TableState]:
    """Every table's state in the database as it is now."""
    conn.ensure_connection()
    if engine(conn) == "sqlite":
        plain = _plain(conn)
        try:
            return sqlite_states(plain)
        finally:
            plain.close()
    with conn.cursor() as cursor:
        return postgres_states(cursor)


def restore(conn: BaseDatabaseWrapper, source: Path) -> None:
    """Load a copy made by `dump` into the (empty) database."""
    conn.ensure_connection()
    if engine(conn) == "sqlite":
        copy = sqlite3.connect(source)
        try:
            copy.backup(conn.connection)
        finally:
            copy.close()
        return
    arguments, environment = _pg_environment(conn)
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *arguments,
            str(source),
        ],
        environment,
    )


def empty_database(conn: BaseDatabaseWrapper) -> None:
    """Drop what a failed restore left (the database was empty before it)."""
    if engine(conn) == "sqlite":
        db: sqlite3.Connection = conn.connection
        db.execute("PRAGMA foreign_keys = OFF")
        try:
            for table in sqlite_tables(db):
                db.execute(f'DROP TABLE IF EXISTS "{table}"')
            db.commit()
        finally:
            db.execute("PRAGMA foreign_keys = ON")
        return
    with conn.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def copy_states(path: Path) -> dict[str, TableState]:
    """The state of every table of an SQLite copy (before it is restored)."""
    copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sqlite_states(copy)
    finally:
        copy.close()
