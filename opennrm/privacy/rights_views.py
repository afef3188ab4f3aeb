"""The rights of the person: requests recorded from a case, answered on their own page (an
access export to hand over, done, refused, or the erasure)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.accounts.step_up import step_up_response
from opennrm.cases.selectors import access_case
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.permissions import Permission
from opennrm.privacy.access_export import access_export
from opennrm.privacy.forms import AccessExportForm, AnswerForm, RefuseForm, RightsRequestForm
from opennrm.privacy.selectors import (
    access_rights_request,
    hold_reasons,
    rights_requests_visible_to,
)
from opennrm.privacy.services.rights import (
    rights_request_done,
    rights_request_erase,
    rights_request_record,
    rights_request_refuse,
)
from opennrm.privacy.vocabularies import RightKind

ANSWERS = frozenset({"done", "refuse", "erase"})


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    if not (actor.can(Permission.HANDLE_RIGHTS_REQUESTS) or actor.can(Permission.MANAGE_RETENTION)):
        raise PermissionDenied
    return actor


@member_required
def requests_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    requests = rights_requests_visible_to(actor).select_related("case", "organisation")
    return render(
        request,
        "privacy/requests.html",
        {
            "open": requests.filter(state="Open").order_by("due_on"),
            "answered": requests.exclude(state="Open").order_by("-answered_on")[:50],
            "today": timezone.localdate(),
            "national": actor.can(Permission.MANAGE_RETENTION),
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    case = access_case(actor=actor, case_id=case_id, purpose="rights_request")
    form = RightsRequestForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            made = rights_request_record(actor=actor, case=case, **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(
                request,
                _("The request is recorded; it is to be answered by %(d)s.")
                % {"d": formats.date_format(made.due_on, "SHORT_DATE_FORMAT")},
            )
            return redirect("privacy:request", made.pk)
    return render(request, "privacy/request_new.html", {"form": form, "case": case})


@member_required
def request_detail(request: HttpRequest, request_id: str) -> HttpResponse:
    actor = _actor(request)
    rights = access_rights_request(actor=actor, request_id=request_id)
    return render(
        request,
        "privacy/request_detail.html",
        {
            "rights": rights,
            "export_form": AccessExportForm(),
            "refuse_form": RefuseForm(initial={"version": rights.version}),
            "holds": hold_reasons(rights.person) if rights.kind == RightKind.ERASURE else [],
            "today": timezone.localdate(),
        },
    )


@member_required
@require_POST
def request_export(request: HttpRequest, request_id: str) -> HttpResponse:
    actor = _actor(request)
    rights = access_rights_request(actor=actor, request_id=request_id)
    form = AccessExportForm(request.POST)
    if rights.kind != RightKind.ACCESS or not form.is_valid():
        messages.error(request, _("Choose the language and the format of the copy."))
        return redirect("privacy:request", rights.pk)
    case = access_case(actor=actor, case_id=rights.case_id, purpose="rights_request")
    if (confirm := step_up_response(request)) is not None:
        return confirm
    file_format = form.cleaned_data["file_format"]
    data = access_export(
        actor=actor,
        case=case,
        language=form.cleaned_data["language"],
        file_format=file_format,
        request_id=rights.pk,
    )
    content_type = "application/pdf" if file_format == "pdf" else "application/json"
    response = HttpResponse(data, content_type=content_type)
    name = f"{rights.person.reference_code}-{rights.reference_code}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@member_required
@require_POST
def request_answer(request: HttpRequest, request_id: str, outcome: str) -> HttpResponse:
    actor = _actor(request)
    if outcome not in ANSWERS:
        raise Http404
    rights = access_rights_request(actor=actor, request_id=request_id)
    form: RefuseForm | AnswerForm = (
        RefuseForm(request.POST) if outcome == "refuse" else AnswerForm(request.POST)
    )
    if not form.is_valid():
        messages.error(request, _("Choose the reason for refusing."))
        return redirect("privacy:request", rights.pk)
    version = form.cleaned_data["version"]
    try:
        if outcome == "refuse":
            rights_request_refuse(
                actor=actor,
                request=rights,
                reason=form.cleaned_data["reason"],
                expected_version=version,
            )
        elif outcome == "erase":
            if not form.cleaned_data.get("confirm"):
                raise ApplicationError(_("Tick the box to confirm: an erasure cannot be undone."))
            rights_request_erase(actor=actor, request=rights, expected_version=version)
        else:
            rights_request_done(actor=actor, request=rights, expected_version=version)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The request is answered."))
    return redirect("privacy:request", rights.pk)
