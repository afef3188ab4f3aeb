"""What the system administrator reads of the backups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opennrm.accounts.models import Membership
from opennrm.backups.models import BackupRecord
from opennrm.core.permissions import Permission

# A daily backup older than this is late.
LATE_AFTER = timedelta(hours=26)


@dataclass(frozen=True)
class BackupOverview:
    last_good: BackupRecord | None
    late: bool
    recent: list[BackupRecord]


def backup_overview(actor: Membership, recent: int = 30) -> BackupOverview:
    """The last good backup (late if older than a day and two hours) and the latest ones."""
    if not actor.can(Permission.ADMINISTER_SYSTEM):
        raise PermissionDenied
    last_good = BackupRecord.objects.filter(succeeded=True).first()
    late = last_good is None or timezone.now() - last_good.created_at > LATE_AFTER
    return BackupOverview(last_good, late, list(BackupRecord.objects.all()[:recent]))
