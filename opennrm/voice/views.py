"""Staff pages of the victim's voice: issuing a feedback code from the case page, an
organisation's results, and the complaints desk of the data protection officer."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership, Organisation
from opennrm.cases.selectors import access_case
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.permissions import Permission
from opennrm.voice import selectors, services
from opennrm.voice.forms import IssueCodeForm, OutcomeForm, PaperComplaintForm


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    return actor


@member_required
def issue_code(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.ISSUE_FEEDBACK_CODE):
        raise PermissionDenied
    case = access_case(actor=actor, case_id=case_id, purpose="feedback_code")
    # What can be rated: the organisation itself and those the case was referred to.
    organisations = Organisation.objects.filter(
        Q(pk=actor.organisation_id) | Q(referrals_received__case=case)
    ).distinct()
    form = IssueCodeForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = services.feedback_code_issue(
                actor=actor,
                case=case,
                kind=data["kind"],
                organisation=data["organisation"],
                service_type=data["service_type"],
                month=data["month"],
                channel=data["channel"],
                email=data["email"],
                phone=data["phone"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            return render(
                request,
                "voice/code_issued.html",
                {"case": case, "code": issued.code, "record": issued.record},
            )
    return render(request, "voice/issue_code.html", {"form": form, "case": case})


def _period(request: HttpRequest) -> tuple[date, date]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    return date(year, 1, 1), date(year, 12, 31)


@member_required
def results(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.VIEW_FEEDBACK_RESULTS):
        raise PermissionDenied
    start, end = _period(request)
    return render(
        request,
        "voice/results.html",
        {
            "results": selectors.feedback_results(actor=actor, start=start, end=end),
            "min_answers": settings.OPENNRM_FEEDBACK_MIN_ANSWERS,
            "year": start.year,
            "years": range(timezone.localdate().year, 2023, -1),
        },
    )


@member_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.HANDLE_COMPLAINTS):
        raise PermissionDenied
    complaints = selectors.complaints_visible_to(actor).select_related("about_organisation")[:200]
    return render(request, "voice/complaint_list.html", {"complaints": complaints})


@member_required
def complaint_new(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.HANDLE_COMPLAINTS):
        raise PermissionDenied
    form = PaperComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filed = services.complaint_file(
                actor=actor,
                details=services.ComplaintDetails(
                    text=data["text"],
                    channel=data["channel"],
                    about_organisation=data["about_organisation"],
                    about=data["about"],
                    contact=data["contact"],
                    received_on=data["received_on"],
                ),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Recorded. Give the complainant the reference %(reference)s and the secret "
                    "%(secret)s to follow it."
                )
                % {"reference": filed.complaint.reference_code, "secret": filed.secret},
            )
            return redirect("voice:complaint", complaint_id=filed.complaint.pk)
    return render(request, "voice/complaint_new.html", {"form": form})


@member_required
def complaint_detail(request: HttpRequest, complaint_id: str) -> HttpResponse:
    actor = _actor(request)
    complaint = selectors.access_complaint(actor=actor, complaint_id=complaint_id)
    return render(
        request,
        "voice/complaint_detail.html",
        {"complaint": complaint, "outcome_form": OutcomeForm()},
    )


@member_required
@require_POST
def complaint_step(request: HttpRequest, complaint_id: str, step: str) -> HttpResponse:
    actor = _actor(request)
    complaint = selectors.access_complaint(actor=actor, complaint_id=complaint_id)
    form = OutcomeForm(request.POST)
    try:
        if step == "acknowledge":
            services.complaint_acknowledge(actor=actor, complaint=complaint)
        elif step == "close":
            if not form.is_valid():
                raise ApplicationError(
                    _("Write the outcome the complainant will read."), field="outcome"
                )
            services.complaint_close(
                actor=actor, complaint=complaint, outcome=form.cleaned_data["outcome"]
            )
        else:
            raise Http404
    except ApplicationError as exc:
        add_application_error(form, exc)
        return render(
            request,
            "voice/complaint_detail.html",
            {"complaint": complaint, "outcome_form": form},
            status=400,
        )
    messages.success(request, _("Recorded."))
    return redirect("voice:complaint", complaint_id=complaint.pk)
