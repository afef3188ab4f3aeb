"""The public, anonymous report form: no login, no JavaScript needed, abuse-protected."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from opennrm.core import geo
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import StyledForm, add_application_error
from opennrm.core.ratelimit import over_limit
from opennrm.hotline.services import public_report_submit
from opennrm.hotline.vocabularies import CallerType

MAX_REPORT_CHARACTERS = 5000


class PublicReportForm(StyledForm):
    summary = forms.CharField(
        label=_("What is happening, where, to whom?"),
        max_length=MAX_REPORT_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    caller_type = forms.ChoiceField(
        label=_("You are"),
        choices=[
            (CallerType.ANONYMOUS, _("I prefer not to say")),
            *[c for c in CallerType.choices if c[0] != CallerType.ANONYMOUS],
        ],
    )
    contact_back = forms.CharField(
        label=_("How can we reach you? (optional)"), required=False, max_length=200
    )
    # Honeypot: hidden from people, filled in by bots.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = geo.region_choices(blank="—")  # type: ignore[attr-defined]


def report(request: HttpRequest) -> HttpResponse:
    form = PublicReportForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("website"):
            return redirect("public_report_thanks")  # a bot: say the same, keep nothing
        if over_limit(request, "public-report", settings.OPENNRM_PUBLIC_REPORT_LIMIT):
            return render(
                request, "hotline/public_report.html", {"form": form, "limited": True}, status=429
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                public_report_submit(
                    summary=data["summary"],
                    region=data["region"],
                    caller_type=data["caller_type"],
                    language=getattr(request, "LANGUAGE_CODE", ""),
                    contact_back=data["contact_back"],
                )
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                return redirect("public_report_thanks")
    return render(request, "hotline/public_report.html", {"form": form})


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "hotline/public_report_thanks.html")
