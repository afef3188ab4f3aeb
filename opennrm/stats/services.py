"""Writes of the statistics section: national reports asked for and made in the background."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.stats import report
from opennrm.stats.models import ReportJob, ReportState


def report_request(*, actor: Membership, year: int, language: str, edition: str) -> ReportJob:
    """Ask for a national report; it is made by the task queue once this commits."""
    if not actor.can(Permission.VIEW_NATIONAL_STATISTICS):
        raise ApplicationError(_("Your role does not give access to national statistics."))
    try:
        report.check(year, language, edition)
    except report.ReportError as error:
        raise ApplicationError(str(error), field="year") from error
    with transaction.atomic():
        job = ReportJob.objects.create(
            requested_by=actor.user,
            organisation=actor.organisation,
            year=year,
            language=language,
            edition=edition,
        )
        audit_record(
            action="statistics.report_requested",
            actor=actor,
            object_type="report",
            object_id=job.pk,
            details={"year": year, "language": language, "edition": edition},
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: uuid.UUID) -> None:
    from opennrm.stats.tasks import generate_report  # the task module imports this one

    generate_report(str(job_id))


def _progress(job_id: uuid.UUID, percent: int) -> None:
    ReportJob.objects.filter(pk=job_id).update(progress=percent)


def report_generate(job_id: uuid.UUID) -> ReportJob:
    """Make the report of a queued job (run by the task queue). A failure is recorded on the
    job, never half a PDF."""
    job = ReportJob.objects.get(pk=job_id)
    if job.state != ReportState.QUEUED:
        return job
    ReportJob.objects.filter(pk=job.pk).update(state=ReportState.RUNNING, progress=1)
    try:
        built = report.build(
            job.year, job.language, job.edition, progress=lambda p: _progress(job.pk, p)
        )
        pdf = report.render_pdf(built)
    except Exception as error:  # recorded on the job for its requester, then re-raised
        ReportJob.objects.filter(pk=job.pk).update(
            state=ReportState.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
        raise
    with transaction.atomic():
        ReportJob.objects.filter(pk=job.pk).update(
            state=ReportState.DONE, progress=100, pdf=pdf, finished_at=timezone.now()
        )
        audit_record(
            action="statistics.report_generated",
            user=job.requested_by,
            object_type="report",
            object_id=job.pk,
            details={"year": job.year, "language": job.language, "edition": job.edition},
        )
    job.refresh_from_db()
    return job
