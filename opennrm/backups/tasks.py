"""The daily backup, run by huey's consumer (`manage.py run_huey`)."""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from opennrm.accounts.models import Membership
from opennrm.backups.escrow import escrow_refresh_if_present
from opennrm.backups.scheduled import backup_scheduled


@db_periodic_task(crontab(minute="30", hour=str(settings.OPENNRM_BACKUP_HOUR)))  # type: ignore[untyped-decorator]
def daily_backup() -> None:
    backup_scheduled()


@db_task()  # type: ignore[untyped-decorator]
def backup_now(membership_id: str) -> None:
    """Asked for from the backups page, by the system administrator."""
    backup_scheduled(Membership.objects.filter(pk=membership_id).first())


@db_task()  # type: ignore[untyped-decorator]
def refresh_escrow() -> None:
    """After an erasure: the escrow loses the destroyed keys (see escrow.py)."""
    escrow_refresh_if_present()
