"""The batch page: send a file of records, follow its linkage, read what was found, download
the clusters, review the records that could be one of several people."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.matching.batch import COLUMNS, OPTIONAL_COLUMNS
from opennrm.matching.batch_selectors import (
    access_linkage_job,
    linkage_clusters_for_download,
    linkage_jobs_of,
    linkage_review,
)
from opennrm.matching.batch_services import SHOWN_COLUMNS, linkage_delete, linkage_request
from opennrm.matching.forms import LinkageForm

# The file's columns as the review table heads them; values of the "ltr" ones are kept left to
# right in Arabic pages.
COLUMN_LABELS = {
    "given_name": gettext_lazy("Given name"),
    "family_name": gettext_lazy("Family name"),
    "given_name_ar": gettext_lazy("Given name (Arabic script)"),
    "family_name_ar": gettext_lazy("Family name (Arabic script)"),
    "birth_date": gettext_lazy("Date of birth"),
    "sex": gettext_lazy("Sex"),
    "citizenship": gettext_lazy("Citizenship"),
    "phone": gettext_lazy("Phone"),
    "family_name_2": gettext_lazy("Second family name"),
    "organisation": gettext_lazy("Registered by"),
    "registered_on": gettext_lazy("Registered on"),
}
LEFT_TO_RIGHT = {"birth_date", "sex", "citizenship", "phone", "registered_on"}
# The steps of a linkage as the page names them (link_dataset reports them in English).
STAGES = [
    ("reading", gettext_lazy("Reading and checking the file")),
    ("training", gettext_lazy("Learning from the file how one person's records differ")),
    ("scoring", gettext_lazy("Comparing the records that may be one person")),
    ("clustering", gettext_lazy("Grouping the records")),
]


def _current_stage(stage: str) -> str:
    return next((key for key, _label in STAGES if stage.startswith(key)), "reading")


def _shown(items: list[dict[str, Any]]) -> list[str]:
    """The columns the review table shows: the file's own (an optional column none of the
    records for review fills is left out)."""
    values = [item["values"] for item in items]
    for item in items:
        values += [member["values"] for group in item["groups"] for member in group["records"]]
    return [
        c
        for c in SHOWN_COLUMNS
        if c not in OPTIONAL_COLUMNS or any(value.get(c) for value in values)
    ]


def _review_rows(items: list[dict[str, Any]], columns: list[str]) -> list[dict[str, Any]]:
    """The records left for review as the page lays them out: each record's cells, then each
    group it may belong to, with a heading and its records' cells."""

    def _cells(values: dict[str, str]) -> list[tuple[str, str]]:
        return [(values.get(c, ""), "ltr" if c in LEFT_TO_RIGHT else "auto") for c in columns]

    return [
        {
            "heading": format_html(
                _("Record {id} of the file"), id=format_html('<bdi dir="ltr">{}</bdi>', item["id"])
            ),
            "record": format_html('<bdi dir="ltr">{}</bdi>', item["id"]),
            "cells": _cells(item["values"]),
            "groups": [
                {
                    "heading": format_html(
                        ngettext(
                            "Group {cluster} ({size} record), match probability {percent} %",
                            "Group {cluster} ({size} records), match probability {percent} %",
                            group["size"],
                        ),
                        cluster=format_html('<bdi dir="ltr">{}</bdi>', group["cluster"]),
                        size=group["size"],
                        percent=number_format(group["probability"] * 100, 1),
                    ),
                    "records": [
                        {"id": member["id"], "cells": _cells(member["values"])}
                        for member in group["records"]
                    ],
                }
                for group in item["groups"]
            ],
        }
        for item in items
    ]


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    if not actor.can(Permission.LINK_FILES):
        raise PermissionDenied
    return actor


@member_required
def batch(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = LinkageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = linkage_request(
                actor=actor,
                file_name=upload.name or "",
                content=upload.read(),
                threshold=float(form.cleaned_data["threshold"]),
                january_first_is_date=form.cleaned_data["january_first_is_date"],
            )
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            return redirect("matching:batch_job", job_id=job.pk)
    context = {
        "form": form,
        "jobs": linkage_jobs_of(actor)[:20],
        "columns": COLUMNS,
        "optional_columns": OPTIONAL_COLUMNS,
        "keep_days": settings.OPENNRM_LINKAGE_KEEP_DAYS,
        # A format, not words: kept left to right inside an Arabic sentence.
        "iso_date": format_html('<bdi dir="ltr">{}</bdi>', _("YYYY-MM-DD")),
    }
    return render(
        request, "matching/batch.html", context, status=400 if request.method == "POST" else 200
    )


@member_required
def batch_job(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    actor = _actor(request)
    job = access_linkage_job(actor=actor, job_id=job_id)
    review = linkage_review(actor=actor, job=job)
    columns = _shown(review)
    context = {
        "job": job,
        "counts": job.summary,
        "review": _review_rows(review, columns),
        "column_labels": [COLUMN_LABELS[c] for c in columns],
        "column_count": len(columns) + 1,
        "stages": STAGES,
        "current_stage": _current_stage(job.stage),
    }
    return render(request, "matching/batch_job.html", context)


@member_required
def batch_clusters(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job, text = linkage_clusters_for_download(actor=_actor(request), job_id=job_id)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    name = f"clusters-{job.created_at:%Y%m%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@member_required
@require_POST
def batch_delete(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    linkage_delete(actor=_actor(request), job_id=job_id)
    messages.success(request, _("The file's results were deleted."))
    return redirect("matching:batch")
