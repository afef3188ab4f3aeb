"""A backup restored into an empty database is the same database, on SQLite and on
PostgreSQL; whatever is wrong (a damaged archive, a wrong key, a database not empty, another
key file) is refused with a clear error and nothing is overwritten."""

import json
from pathlib import Path

import pytest
from django.db import connections

from opennrm.backups import snapshot
from opennrm.backups.models import BackupRecord
from opennrm.backups.scheduled import backup_rotate, backup_scheduled, restore_test
from opennrm.backups.scratch import scratch_database
from opennrm.backups.services import BackupError, backup_create, backup_restore, write_archive
from opennrm.cases.models import Case
from opennrm.cases.tests.factories import open_case, person_details
from opennrm.core.audit import audit_verify
from opennrm.core.models import AuditEvent
from opennrm.people.models import Person

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.audit_committed,
    pytest.mark.usefixtures("audit_committed"),
]
KEY = b"B" * 32


@pytest.fixture
def some_cases(case_manager):
    return [
        open_case(
            case_manager,
            person=person_details(given_name_latin=name, family_name_latin="Synthetic"),
        )
        for name in ("Amina", "Yassine", "Fatoumata")
    ]


def test_a_backup_restores_into_an_empty_database_as_it_was(tmp_path, some_cases):
    record = backup_create(tmp_path / "b.onrm", key=KEY)
    assert record.succeeded and record.size_bytes > 0 and record.rows > 0
    assert AuditEvent.objects.filter(action="backup.created").exists()
    with scratch_database() as alias:
        report = backup_restore(tmp_path / "b.onrm", key=KEY, using=alias)
        assert report.rows == record.rows and report.audit_events == record.audit_seq
        assert not report.needs_migrate
        restored = Case.objects.using(alias).order_by("reference_code")
        assert [c.reference_code for c in restored] == sorted(c.reference_code for c in some_cases)
        # Names come back readable with the same key file.
        names = {p.given_name_latin for p in Person.objects.using(alias).all()}
        assert names == {"Amina", "Yassine", "Fatoumata"}
        assert audit_verify(using=alias).intact
    # The archive reads as nothing without the key: no name in clear.
    raw = (tmp_path / "b.onrm").read_bytes()
    assert b"Yassine" not in raw and b"CREATE TABLE" not in raw


def test_a_backup_never_overwrites_and_needs_its_folder(tmp_path, some_cases):
    (tmp_path / "there.onrm").write_bytes(b"kept")
    with pytest.raises(BackupError, match="never overwrites"):
        write_archive(tmp_path / "there.onrm", key=KEY)
    assert (tmp_path / "there.onrm").read_bytes() == b"kept"
    with pytest.raises(BackupError, match="No folder"):
        write_archive(tmp_path / "missing" / "b.onrm", key=KEY)


def test_damaged_archives_wrong_keys_and_full_databases_are_refused(tmp_path, some_cases):
    path = tmp_path / "b.onrm"
    write_archive(path, key=KEY)
    damaged = tmp_path / "damaged.onrm"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    cut = tmp_path / "cut.onrm"
    cut.write_bytes(path.read_bytes()[: len(data) // 2])
    with scratch_database() as alias:
        for archive_path, key, message in [
            (damaged, KEY, "does not verify"),
            (cut, KEY, "truncated"),
            (path, b"W" * 32, "another backup key"),
            (tmp_path / "nothing.onrm", KEY, "No backup at"),
        ]:
            with pytest.raises(BackupError, match=message):
                backup_restore(archive_path, key=key, using=alias)
            assert snapshot.tables_present(connections[alias]) == []  # nothing written
    # The live database is not empty: refused, and nothing in it changed.
    cases = Case.objects.count()
    with pytest.raises(BackupError, match="not empty"):
        backup_restore(path, key=KEY)
    assert Case.objects.count() == cases


def test_a_key_file_that_cannot_read_the_backup_is_refused(tmp_path, settings, some_cases):
    path = tmp_path / "b.onrm"
    write_archive(path, key=KEY)
    other = json.loads(settings.OPENNRM_KEYS_JSON)
    other["data_keys"] = {"kother": other["data_keys"]["ktest2"]}
    other["active"] = "kother"
    settings.OPENNRM_KEYS_JSON = json.dumps(other)
    from opennrm.core.keys import reset_keyring_cache

    reset_keyring_cache()
    with scratch_database() as alias:
        with pytest.raises(BackupError, match="lacks the data key"):
            backup_restore(path, key=KEY, using=alias)
        assert snapshot.tables_present(connections[alias]) == []


def test_the_scheduled_backup_tests_its_restore_and_rotates(tmp_path, settings, some_cases):
    settings.OPENNRM_BACKUP_DIR = tmp_path
    settings.OPENNRM_BACKUP_KEY = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI="  # KEY
    record = backup_scheduled()
    record.refresh_from_db()
    assert record.restore_test_passed, record.restore_test_message
    assert (tmp_path / record.file_name).exists()
    # A broken file fails its restore test, said on the record.
    (tmp_path / record.file_name).write_bytes(b"not a backup")
    assert not restore_test(record, tmp_path / record.file_name)
    record.refresh_from_db()
    assert record.restore_test_passed is False
    assert "not an OpenNRM backup" in record.restore_test_message
    # Keeping no day, week or month: rotated away.
    settings.OPENNRM_BACKUP_KEEP_DAILY = 0
    settings.OPENNRM_BACKUP_KEEP_WEEKLY = 0
    settings.OPENNRM_BACKUP_KEEP_MONTHLY = 0
    assert backup_rotate() == [record.file_name]
    assert not (tmp_path / record.file_name).exists()
    assert BackupRecord.objects.get(pk=record.pk).removed_at is not None


def test_the_backup_key_is_not_the_data_key(tmp_path, settings, some_cases):
    settings.OPENNRM_BACKUP_KEY = ""
    settings.OPENNRM_BACKUP_KEY_FILE = Path(tmp_path / "none.json")
    from opennrm.backups.keys import BackupKeyError

    with pytest.raises(BackupKeyError, match="generate_backup_key"):
        backup_create(tmp_path / "b.onrm")
    assert not (tmp_path / "b.onrm").exists()
