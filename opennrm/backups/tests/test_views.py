"""The system administrator's backups page: the last backup and its restore test, late
backups flagged, a backup started in the background; nobody else sees it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opennrm.backups.models import BackupKind, BackupRecord

pytestmark = pytest.mark.django_db


def test_only_the_system_administrator_sees_the_backups(client, login, member_of):
    for role in ("case_manager", "coordinator", "data_protection_officer"):
        login(client, member_of(role))
        assert client.get("/system/backups/").status_code == 403
        assert client.post("/system/backups/").status_code == 403


def test_the_last_backup_its_restore_test_and_lateness(client, login, member_of, monkeypatch):
    admin = member_of("system_admin")
    login(client, admin)
    empty = client.get("/system/backups/")
    assert empty.status_code == 200
    assert 'data-testid="backup-late"' in empty.content.decode()
    good = BackupRecord.objects.create(
        kind=BackupKind.SCHEDULED,
        file_name="opennrm-20261202-013000-1.onrm",
        size_bytes=2_500_000,
        succeeded=True,
        restore_test_passed=True,
        restore_test_message="82 tables, 766 rows and 4 audit events verified",
        tables=82,
        rows=766,
    )
    BackupRecord.objects.create(
        kind=BackupKind.MANUAL, file_name="broken.onrm", succeeded=False, error="disk full"
    )
    page = client.get("/system/backups/").content.decode()
    assert good.file_name in page and "2.4" in page  # MB
    assert 'data-testid="restore-test">passed' in page.replace("\n", "")
    assert 'data-testid="backup-late"' not in page
    assert "every table (<bdi>82</bdi>), row (<bdi>766</bdi>)" in page
    assert "disk full" in page
    BackupRecord.objects.filter(pk=good.pk).update(created_at=timezone.now() - timedelta(hours=30))
    assert 'data-testid="backup-late"' in client.get("/system/backups/").content.decode()
    started = []
    monkeypatch.setattr("opennrm.backups.tasks.backup_now", started.append)
    assert client.post("/system/backups/").status_code == 302
    assert started == [str(admin.pk)]
