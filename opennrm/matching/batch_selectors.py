"""Reads of the batch page: a requester's own file linkages, nobody else's (not even another
member of the organisation: the files name victims)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from opennrm.accounts.models import Membership
from opennrm.core.audit import audit_record
from opennrm.core.permissions import Permission
from opennrm.matching.models import LinkageJob, LinkageState


def linkage_jobs_of(actor: Membership) -> QuerySet[LinkageJob]:
    """The actor's own linkages, newest first, without their files and results."""
    _require_read(actor)
    return LinkageJob.objects.filter(
        requested_by=actor.user, organisation=actor.organisation
    ).defer("source", "clusters", "review", "error")


def _require_read(actor: Membership) -> None:
    if not actor.can(Permission.LINK_FILES):
        raise Http404


def access_linkage_job(*, actor: Membership, job_id: uuid.UUID) -> LinkageJob:
    """One of the actor's own linkages (with its results); anyone else's is not found."""
    _require_read(actor)
    job = LinkageJob.objects.filter(
        pk=job_id, requested_by=actor.user, organisation=actor.organisation
    ).first()
    if job is None:
        raise Http404
    return job


def linkage_review(*, actor: Membership, job: LinkageJob) -> list[dict[str, Any]]:
    """The records left for review, their viewing audited (they name people)."""
    shown: list[dict[str, Any]] = json.loads(job.review) if job.review else []
    if shown:
        audit_record(
            action="matching.linkage_review_viewed",
            actor=actor,
            object_type="linkage",
            object_id=job.pk,
            details={"records": len(shown)},
        )
    return shown


def linkage_clusters_for_download(
    *, actor: Membership, job_id: uuid.UUID
) -> tuple[LinkageJob, str]:
    """The clusters file of one of the actor's linkages, the download audited."""
    job = access_linkage_job(actor=actor, job_id=job_id)
    if job.state != LinkageState.DONE:
        raise Http404
    audit_record(
        action="matching.linkage_downloaded", actor=actor, object_type="linkage", object_id=job.pk
    )
    return job, job.clusters
