"""A scratch database to restore a backup into and verify it, then throw away: a temporary
SQLite file, or on PostgreSQL a database of its own on the same server
("<name>_restore_test", created and dropped), or OPENNRM_BACKUP_TEST_DATABASE_URL (which must
exist and be empty; emptied again afterwards)."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import settings
from django.db import connections
from django.db.utils import load_backend

from opennrm.backups import snapshot


def _register(alias: str, configuration: dict[str, Any]) -> None:
    """A connection of this thread's only, outside the configured databases."""
    configured = connections.configure_settings(
        {"default": dict(connections.settings["default"]), alias: configuration}
    )[alias]
    connections[alias] = load_backend(configured["ENGINE"]).DatabaseWrapper(configured, alias)


def _forget(alias: str) -> None:
    connections[alias].close()
    del connections[alias]


@contextmanager
def scratch_database(using: str = "default") -> Iterator[str]:
    """The alias of an empty database like `using`'s, gone (or emptied) afterwards."""
    alias = f"restore_test_{uuid.uuid4().hex[:8]}"
    main = connections[using]
    if settings.OPENNRM_BACKUP_TEST_DATABASE_URL:
        _register(alias, dict(dj_database_url.parse(settings.OPENNRM_BACKUP_TEST_DATABASE_URL)))
        try:
            yield alias
        finally:
            snapshot.empty_database(connections[alias])
            _forget(alias)
        return
    if snapshot.engine(main) == "sqlite":
        with tempfile.TemporaryDirectory(prefix="opennrm-restore-test-") as folder:
            _register(
                alias, {"ENGINE": "django.db.backends.sqlite3", "NAME": str(Path(folder) / "db")}
            )
            try:
                yield alias
            finally:
                _forget(alias)
        return
    name = f"{main.settings_dict['NAME']}_restore_test"[:63]
    quoted = main.ops.quote_name(name)
    with main.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
        cursor.execute(f"CREATE DATABASE {quoted}")
    _register(alias, {**main.settings_dict, "NAME": name})
    try:
        yield alias
    finally:
        _forget(alias)
        with main.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
