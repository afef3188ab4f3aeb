"""Scheduled jobs, run by huey's consumer (`manage.py run_huey`)."""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from opennrm.cases.digest import send_deadline_digests


@db_periodic_task(crontab(minute="0", hour=str(settings.OPENNRM_DEADLINE_DIGEST_HOUR)))  # type: ignore[untyped-decorator]
def daily_deadline_digest() -> int:
    return send_deadline_digests()
