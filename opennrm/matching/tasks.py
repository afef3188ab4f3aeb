"""Background jobs of duplicate detection, run by huey's consumer (`manage.py run_huey`)."""

from __future__ import annotations

import uuid

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from opennrm.matching.batch_services import linkage_purge, linkage_run


@db_task()  # type: ignore[untyped-decorator]
def run_linkage(job_id: str) -> None:
    linkage_run(uuid.UUID(job_id))


# With the daily retention run: files' results are kept OPENNRM_LINKAGE_KEEP_DAYS at most.
@db_periodic_task(crontab(minute="20", hour=str(settings.OPENNRM_RETENTION_HOUR)))  # type: ignore[untyped-decorator]
def purge_linkages() -> None:
    linkage_purge()
