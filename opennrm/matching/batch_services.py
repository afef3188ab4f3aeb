"""Writes of the batch page: a file of records deduplicated in the background for the person
who sent it, then its report, its clusters to download and the records left for review
(reads: batch_selectors.py).

A file holds victims' names, dates of birth and phones. It is kept encrypted, for its
requester alone, only until it is linked; the results (clusters and the records left for
review, encrypted too) until they expire or the requester deletes them. The file is checked as
strictly as by `manage.py link_records`: refused as a whole, with the line and column of the
first problem, and nothing half written."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import tempfile
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.matching.batch import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    CsvError,
    FileSummary,
    found_counts,
    read_file,
)
from opennrm.matching.linkage import Linked, link_dataset
from opennrm.matching.models import LinkageJob, LinkageState

# The threshold the page offers (the command line's default); 0.5 to 0.99.
DEFAULT_THRESHOLD = 0.9
# Per record left for review, the records shown of each group it may belong to.
SHOWN_PER_GROUP = 3
# The columns read back for review (the id is the record's own label).
SHOWN_COLUMNS = [c for c in [*COLUMNS, *OPTIONAL_COLUMNS] if c != "id"]


def _require(actor: Membership) -> None:
    if not actor.can(Permission.LINK_FILES):
        raise ApplicationError(_("Your role does not allow linking files of records."))


def linkage_request(
    *,
    actor: Membership,
    file_name: str,
    content: bytes,
    threshold: float = DEFAULT_THRESHOLD,
    january_first_is_date: bool = False,
) -> LinkageJob:
    """Take a file to link; it is linked by the task queue once this commits. Refused at once
    when it is too large, not UTF-8 text or without the expected columns. Births on 1 January
    are read as a year only unless `january_first_is_date`."""
    _require(actor)
    limit = settings.OPENNRM_LINKAGE_UPLOAD_MAX_MB
    if len(content) > limit * 1024 * 1024:
        raise ApplicationError(
            _(
                "The file is larger than %(limit)s MB. Split it, or ask the system "
                "administrator to link it on the server (manage.py link_records)."
            )
            % {"limit": limit},
            field="file",
        )
    if not 0.5 <= threshold <= 0.99:
        raise ApplicationError(_("The threshold is between 0.5 and 0.99."), field="threshold")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApplicationError(
            _("The file is not UTF-8 text: save it as “CSV UTF-8” and send it again."),
            field="file",
        ) from None
    header = next(csv.reader(io.StringIO(text)), [])
    missing = [c for c in COLUMNS if c not in {h.strip().lower() for h in header}]
    if missing:
        raise ApplicationError(
            _("The first line must name the columns %(expected)s; missing: %(missing)s.")
            % {"expected": ", ".join(COLUMNS), "missing": ", ".join(missing)},
            field="file",
        )
    with transaction.atomic():
        job = LinkageJob.objects.create(
            requested_by=actor.user,
            organisation=actor.organisation,
            file_name=Path(file_name).name[:200] or "file.csv",
            threshold=threshold,
            january_first_is_date=january_first_is_date,
            source=text,
        )
        audit_record(
            action="matching.linkage_requested",
            actor=actor,
            object_type="linkage",
            object_id=job.pk,
            details={
                "bytes": len(content),
                "threshold": threshold,
                "january_first_is_date": january_first_is_date,
            },
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: uuid.UUID) -> None:
    from opennrm.matching.tasks import run_linkage  # the task module imports this one

    run_linkage(str(job_id))


def _stage(job_id: uuid.UUID, label: str) -> None:
    LinkageJob.objects.filter(pk=job_id).update(stage=label[:60])


def linkage_run(job_id: uuid.UUID) -> LinkageJob:
    """Link a queued job's file (run by the task queue). The file is dropped whatever the
    outcome; a file refused records the line and column of its first problem."""
    # Taken by one run only: a job already taken (or finished) is left as it is.
    if not LinkageJob.objects.filter(pk=job_id, state=LinkageState.QUEUED).update(
        state=LinkageState.RUNNING
    ):
        return LinkageJob.objects.get(pk=job_id)
    job = LinkageJob.objects.get(pk=job_id)
    try:
        summary, linked = _link(job)
    except CsvError as problem:
        _close(job, LinkageState.FAILED, "matching.linkage_refused", error=str(problem)[:500])
        return LinkageJob.objects.get(pk=job.pk)
    except Exception:
        _close(job, LinkageState.FAILED, "matching.linkage_failed")
        raise
    found = found_counts(linked)
    counts = {
        **{k: v for k, v in dataclasses.asdict(summary).items() if k != "phones"},
        **{f"phones_{kind}": count for kind, count in summary.phones.items()},
        **dataclasses.asdict(found),
    }
    _close(
        job,
        LinkageState.DONE,
        "matching.linkage_done",
        details={"records": summary.records, "groups": found.groups},
        clusters=_clusters_csv(linked),
        review=json.dumps(_review(job.source, linked), ensure_ascii=False),
        summary=counts,
    )
    return LinkageJob.objects.get(pk=job.pk)


def _link(job: LinkageJob) -> tuple[FileSummary, Linked]:
    # read_file reads a path (as the command line does): a private temporary directory,
    # removed with the file as soon as it is read.
    with tempfile.TemporaryDirectory(prefix="opennrm-linkage-") as folder:
        path = Path(folder) / "records.csv"
        path.write_text(job.source, encoding="utf-8")
        _stage(job.pk, "reading and checking")
        records, summary = read_file(path, january_first_is_date=job.january_first_is_date)
    linked = link_dataset(
        records, threshold=job.threshold, stage=lambda label: _stage(job.pk, label)
    )
    return summary, linked


def _close(
    job: LinkageJob,
    state: str,
    action: str,
    *,
    details: dict[str, Any] | None = None,
    **results: Any,
) -> None:
    """Finish a job (done or failed): the file dropped, the results kept until they expire,
    the outcome audited, in one transaction."""
    now = timezone.now()
    with transaction.atomic():
        LinkageJob.objects.filter(pk=job.pk).update(
            state=state,
            stage="",
            source="",
            finished_at=now,
            expires_at=now + timedelta(days=settings.OPENNRM_LINKAGE_KEEP_DAYS),
            **results,
        )
        audit_record(
            action=action,
            user=job.requested_by,
            object_type="linkage",
            object_id=job.pk,
            details=details,
        )


def _clusters_csv(linked: Linked) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "cluster_id", "match_probability"])
    for identifier, cluster, probability in linked.rows:
        writer.writerow([identifier, cluster, "" if probability is None else f"{probability:.6f}"])
    return buffer.getvalue()


def _review(source: str, linked: Linked) -> list[dict[str, Any]]:
    """Each record left alone because it may be one of several people: its values, and for
    each group it may belong to, the probability and a few of the group's records."""
    if not linked.undecided:
        return []
    members: dict[str, list[str]] = {}
    for identifier, cluster, _probability in linked.rows:
        members.setdefault(cluster, []).append(identifier)
    reader = csv.DictReader(io.StringIO(source))
    reader.fieldnames = [h.strip().lower() for h in reader.fieldnames or []]
    wanted = set(linked.undecided)
    for people in linked.undecided.values():
        for cluster, _probability in people:
            wanted.update(members.get(cluster, [])[:SHOWN_PER_GROUP])
    rows = {
        row["id"].strip(): {c: (row.get(c) or "").strip() for c in SHOWN_COLUMNS}
        for row in reader
        if (row.get("id") or "").strip() in wanted
    }
    return [
        {
            "id": record,
            "values": rows.get(record, {}),
            "groups": [
                {
                    "cluster": cluster,
                    "probability": probability,
                    "records": [
                        {"id": member, "values": rows.get(member, {})}
                        for member in members.get(cluster, [])[:SHOWN_PER_GROUP]
                    ],
                    "size": len(members.get(cluster, [])),
                }
                for cluster, probability in people
            ],
        }
        for record, people in sorted(linked.undecided.items())
    ]


def linkage_delete(*, actor: Membership, job_id: uuid.UUID) -> None:
    """Delete one of the actor's linkages and its results now."""
    from opennrm.matching.batch_selectors import access_linkage_job

    job = access_linkage_job(actor=actor, job_id=job_id)
    with transaction.atomic():
        job.delete()
        audit_record(
            action="matching.linkage_deleted", actor=actor, object_type="linkage", object_id=job_id
        )


def linkage_purge(now: datetime | None = None) -> int:
    """Delete the linkages whose results expired (daily, by the task queue), and any still
    unfinished after as long (a task queue stopped mid-run must not keep a file for ever). A
    job sent since is left to run."""
    moment = now or timezone.now()
    stale = moment - timedelta(days=settings.OPENNRM_LINKAGE_KEEP_DAYS)
    with transaction.atomic():
        expired = LinkageJob.objects.filter(Q(expires_at__lte=moment) | Q(created_at__lte=stale))
        count = expired.count()
        if count:
            expired.delete()
            audit_record(
                action="matching.linkages_expired",
                object_type="linkage",
                details={"count": count},
            )
    return count
