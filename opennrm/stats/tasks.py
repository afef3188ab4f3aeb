"""Background jobs of the statistics section, run by huey's consumer (`manage.py run_huey`)."""

from __future__ import annotations

import uuid

from huey.contrib.djhuey import db_task

from opennrm.stats.services import report_generate


@db_task()  # type: ignore[untyped-decorator]
def generate_report(job_id: str) -> None:
    report_generate(uuid.UUID(job_id))
