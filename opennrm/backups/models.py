from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.core.models import BaseModel


class BackupKind(models.TextChoices):
    SCHEDULED = "Scheduled", _("Scheduled")
    MANUAL = "Manual", _("By hand")


class BackupRecord(BaseModel):
    """One backup archive written by this installation: where, how large, what it holds, and
    whether a restore of it into a scratch database last passed. The archive itself lives
    outside the database (OPENNRM_BACKUP_DIR, then off the machine)."""

    kind = models.CharField(_("kind"), max_length=10, choices=BackupKind.choices)
    file_name = models.CharField(_("file"), max_length=200)
    size_bytes = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    tables = models.PositiveIntegerField(default=0)
    rows = models.PositiveBigIntegerField(default=0)
    audit_seq = models.PositiveBigIntegerField(default=0)
    succeeded = models.BooleanField(default=False)
    error = models.CharField(max_length=500, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)  # rotated away
    restore_tested_at = models.DateTimeField(null=True, blank=True)
    restore_test_passed = models.BooleanField(null=True)
    restore_test_message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("backup")
        verbose_name_plural = _("backups")

    def __str__(self) -> str:
        return self.file_name
