"""The pages a recipient without an account reaches through a one-time link: enter the code,
see what the referral discloses, accept or decline. No login; the opened link is bound to the
browser session that opened it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.referrals import selectors, services
from opennrm.referrals.referral_forms import LinkAnswerForm, LinkCodeForm
from opennrm.referrals.services.link import LINK_UNUSABLE

SESSION_KEY = "opennrm_referral_link"


@never_cache
def link_open(request: HttpRequest, token: str) -> HttpResponse:
    form = LinkCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.referral_link_open(token=token, code=form.cleaned_data["code"])
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            request.session.cycle_key()
            request.session[SESSION_KEY] = str(link.pk)
            return redirect("referrals:link_view", token=token)
    status = 400 if form.errors else 200
    return render(request, "referrals/link_open.html", {"form": form}, status=status)


@never_cache
def link_view(request: HttpRequest, token: str) -> HttpResponse:
    link = services.find_link(token)
    if (
        link is None
        or request.session.get(SESSION_KEY) != str(link.pk)
        or not services.link_session_valid(link)
    ):
        return render(
            request,
            "referrals/link_closed.html",
            {"message": str(LINK_UNUSABLE)},
            status=410,
        )
    referral = link.referral
    form = LinkAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            answered = services.referral_link_answer(
                link=link,
                accept=data["decision"] == "accept",
                responder=data["responder"],
                reason=data["reason"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            request.session.pop(SESSION_KEY, None)
            return render(
                request,
                "referrals/link_closed.html",
                {
                    "message": _(
                        "Thank you. Your answer (%(state)s) has been sent to %(org)s, who will "
                        "contact you. This link no longer works."
                    )
                    % {
                        "state": answered.get_state_display(),
                        "org": answered.sender_organisation,
                    }
                },
            )
    services.referral_link_viewed(link=link)
    return render(
        request,
        "referrals/link_view.html",
        {
            "referral": referral,
            "disclosed": selectors.disclosed_record(referral),
            "form": form,
        },
    )
