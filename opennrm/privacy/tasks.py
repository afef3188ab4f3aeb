"""Retention applied every day by huey's consumer (`manage.py run_huey`)."""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from opennrm.privacy.services.retention import apply_retention


@db_periodic_task(crontab(minute="0", hour=str(settings.OPENNRM_RETENTION_HOUR)))  # type: ignore[untyped-decorator]
def daily_retention() -> None:
    apply_retention()
