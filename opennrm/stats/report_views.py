"""National reports from the statistics section: asked for, made in the background (the page
follows the progress, without JavaScript), then downloaded."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.stats import selectors, services
from opennrm.stats.facts import Filters
from opennrm.stats.forms import ReportForm, YearForm
from opennrm.stats.suppression import Rule
from opennrm.stats.tip import answers as tip_answers


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    if not actor.can(Permission.VIEW_NATIONAL_STATISTICS):
        raise PermissionDenied
    return actor


@member_required
def reports(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.report_request(actor=actor, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            return redirect("stats:report", job_id=job.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "jobs": selectors.report_jobs_of(actor)[:20]}
    return render(request, "stats/reports.html", context, status=status)


@member_required
def report(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job = selectors.access_report_job(_actor(request), job_id)
    return render(request, "stats/report_job.html", {"job": job})


@member_required
def report_pdf(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job = selectors.report_for_download(_actor(request), job_id)
    if job is None or job.pdf is None:
        messages.warning(request, _("This report is not ready."))
        return redirect("stats:report", job_id=job_id)
    response = HttpResponse(bytes(job.pdf), content_type="application/pdf")
    name = f"national-report-{job.year}-{job.language}-{job.edition}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@member_required
def tip(request: HttpRequest) -> HttpResponse:
    """The answers to the US TIP report's questions for one year, national rule."""
    actor = _actor(request)
    form = YearForm(request.GET or {"year": timezone.localdate().year - 1})
    if not form.is_valid():
        return render(request, "stats/tip.html", {"form": form}, status=400)
    year = form.cleaned_data["year"]
    totals, details = tip_answers(year, Rule.national())
    selectors.audit_viewed(
        actor,
        scope=selectors.NATIONAL,
        figures=[a.key for a in totals],
        view=selectors.View(Filters.year(year)),
        action="viewed.tip",
    )
    context = {"form": form, "year": year, "totals": totals, "details": details}
    return render(request, "stats/tip.html", context)
