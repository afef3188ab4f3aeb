"""Crypto-shredding holds in backups: archives never hold the persons' keys; the escrow
does, rewritten after each erasure, so a backup made before an erasure, restored afterwards,
cannot read the erased person."""

import pytest
from django.conf import settings as django_settings

from opennrm.backups.escrow import escrow_read, escrow_refresh_if_present
from opennrm.backups.scratch import scratch_database
from opennrm.backups.services import BackupError, backup_restore, read_archive, write_archive
from opennrm.cases.tests.factories import open_case, person_details
from opennrm.core.audit import audit_verify
from opennrm.core.models import SubjectKey, SubjectKeyMaterial
from opennrm.core.subject_keys import clear_cache
from opennrm.people.models import Person
from opennrm.privacy.services.erasure import person_erase

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.audit_committed,
    pytest.mark.usefixtures("audit_committed"),
]
KEY = b"B" * 32
KEY_TEXT = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI="


@pytest.fixture
def two_persons(case_manager):
    return [
        open_case(case_manager, person=person_details(given_name_latin=name))
        for name in ("Amina", "Yassine")
    ]


def test_archives_leave_out_the_persons_keys(tmp_path, two_persons):
    write_archive(tmp_path / "b.onrm", key=KEY)
    wrapped = [m.wrapped for m in SubjectKeyMaterial.objects.all()]
    assert len(wrapped) == 2
    folder = tmp_path / "open"
    folder.mkdir()
    document, dump = read_archive(tmp_path / "b.onrm", KEY, folder)
    raw = dump.read_bytes()
    assert not any(w.encode() in raw for w in wrapped)
    assert "core_subjectkeymaterial" not in document["tables"]
    # The escrow holds them, encrypted under the backup key.
    escrow = escrow_read(KEY)
    assert {v[1] for v in escrow.values()} == set(wrapped)
    assert not any(
        w.encode() in django_settings.OPENNRM_SUBJECT_KEY_ESCROW.read_bytes() for w in wrapped
    )


def test_a_backup_restored_after_an_erasure_cannot_read_the_erased_person(
    tmp_path, settings, case_manager, two_persons
):
    settings.OPENNRM_BACKUP_KEY = KEY_TEXT
    amina, yassine = (c.person for c in two_persons)
    write_archive(tmp_path / "before.onrm", key=KEY)
    person_erase(actor=case_manager, person=amina, reason="request")
    # The erasure's task rewrites the escrow (here, directly).
    assert escrow_refresh_if_present()
    assert amina.subject_key_id.hex not in escrow_read(KEY)
    clear_cache()
    with scratch_database() as alias:
        report = backup_restore(tmp_path / "before.onrm", key=KEY, using=alias)
        assert (report.person_keys, report.erased_since) == (1, 1)
        restored = {p.pk: p for p in Person.objects.using(alias).all()}
        # The backup still holds Amina's ciphertexts, but nothing can read them any more.
        assert restored[amina.pk].erased_at is None
        assert restored[amina.pk].given_name_latin == ""
        assert restored[yassine.pk].given_name_latin == "Yassine"
        key = SubjectKey.objects.using(alias).get(pk=amina.subject_key_id)
        assert key.destroyed_at is not None
        assert audit_verify(using=alias).intact


def test_a_restore_without_the_escrow_is_refused(tmp_path, two_persons):
    write_archive(tmp_path / "b.onrm", key=KEY)
    django_settings.OPENNRM_SUBJECT_KEY_ESCROW.unlink()
    with scratch_database() as alias, pytest.raises(BackupError, match="No key escrow"):
        backup_restore(tmp_path / "b.onrm", key=KEY, using=alias)


def test_a_damaged_escrow_is_refused(tmp_path, two_persons):
    write_archive(tmp_path / "b.onrm", key=KEY)
    path = django_settings.OPENNRM_SUBJECT_KEY_ESCROW
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    with scratch_database() as alias, pytest.raises(BackupError, match="escrow cannot be read"):
        backup_restore(tmp_path / "b.onrm", key=KEY, using=alias)
