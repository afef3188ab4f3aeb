"""The anonymous pages: answering with a feedback code, filing a complaint and following it.
No login, no JavaScript needed, abuse-protected like the public report form."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.ratelimit import over_limit
from opennrm.voice import services
from opennrm.voice.forms import CodeForm, ComplaintForm, StatusForm, answer_form_class
from opennrm.voice.models import FeedbackCode

RTL_LANGUAGES = {"ar", "ary", "fa", "ur", "he"}


def _over_limit(request: HttpRequest, what: str) -> bool:
    """Tries of a code or a secret, and complaints, per address: a code cannot be guessed by
    trying."""
    return over_limit(request, what, settings.OPENNRM_FEEDBACK_ATTEMPT_LIMIT)


def _language(request: HttpRequest, record: FeedbackCode) -> tuple[str, list[str]]:
    available = record.questionnaire.languages()
    wanted = request.POST.get("lang") or request.GET.get("lang") or (get_language() or "fr")[:2]
    return (wanted if wanted in available else "fr"), available


def _questionnaire(
    request: HttpRequest,
    record: FeedbackCode,
    code: str,
    data: QueryDict | None = None,
    status: int = 200,
) -> HttpResponse:
    language, available = _language(request, record)
    form = answer_form_class(record.questionnaire, language)(data, initial={"code": code})
    return render(
        request,
        "voice/questionnaire.html",
        {
            "form": form,
            "record": record,
            "language": language,
            "direction": "rtl" if language in RTL_LANGUAGES else "ltr",
            "languages": available,
            "code": code,
        },
        status=status,
    )


def feedback(request: HttpRequest) -> HttpResponse:
    """Step 1: the code; step 2: the questions (the code travels in the form, nothing is kept
    in a session); the answer is saved and the code deleted together."""
    if request.method == "POST" and "answer" in request.POST:
        code = request.POST.get("code", "")
        try:
            record = services.feedback_code_open(code)
        except ApplicationError:
            return render(request, "voice/feedback.html", {"form": CodeForm(), "expired": True})
        language, _available = _language(request, record)
        form = answer_form_class(record.questionnaire, language)(request.POST)
        if form.is_valid():
            try:
                services.feedback_answer(code=code, answers=form.cleaned_data, language=language)
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                return redirect("voice:thanks")
        return _questionnaire(request, record, code, request.POST, status=400)
    form = CodeForm(request.POST or request.GET or None)
    if form.is_bound and form.is_valid():
        # Counted whether the code comes typed in the form or in a link (?code=).
        if _over_limit(request, "feedback-code"):
            return render(
                request, "voice/feedback.html", {"form": form, "limited": True}, status=429
            )
        try:
            record = services.feedback_code_open(form.cleaned_data["code"])
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            return _questionnaire(request, record, form.cleaned_data["code"])
    return render(request, "voice/feedback.html", {"form": form})


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "voice/thanks.html")


def complaint(request: HttpRequest) -> HttpResponse:
    form = ComplaintForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("website"):
            return render(request, "voice/complaint_thanks.html", {})
        if _over_limit(request, "complaint"):
            return render(
                request, "voice/complaint.html", {"form": form, "limited": True}, status=429
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                filed = services.complaint_file(
                    details=services.ComplaintDetails(
                        text=data["text"],
                        about_organisation=data["about_organisation"],
                        about=data["about"],
                        contact=data["contact"],
                        language=(get_language() or "")[:8],
                    )
                )
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                # Shown once: the secret is not kept anywhere it could be read again.
                return render(
                    request,
                    "voice/complaint_thanks.html",
                    {"reference": filed.complaint.reference_code, "secret": filed.secret},
                )
    return render(request, "voice/complaint.html", {"form": form})


def complaint_status(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.POST or None)
    found = None
    if request.method == "POST":
        if _over_limit(request, "complaint-status"):
            return render(
                request, "voice/complaint_status.html", {"form": form, "limited": True}, status=429
            )
        if form.is_valid():
            try:
                found = services.complaint_status(
                    reference=form.cleaned_data["reference"], secret=form.cleaned_data["secret"]
                )
            except ApplicationError as exc:
                add_application_error(form, exc)
    return render(request, "voice/complaint_status.html", {"form": form, "complaint": found})
