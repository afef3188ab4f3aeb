"""Security keys (WebAuthn): options for the browser (JSON), registration, removal, and their
use as the second factor at sign-in. The step-up page uses them through accounts.confirm."""

from __future__ import annotations

from typing import cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from opennrm.accounts import webauthn
from opennrm.accounts.forms import SecurityKeyAnswerForm, SecurityKeyForm
from opennrm.accounts.models import User
from opennrm.accounts.step_up import recently_confirmed, step_up_required
from opennrm.core.errors import ApplicationError

PURPOSES = {"login", "step_up"}


def _json(body: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def registration_options(request: HttpRequest) -> HttpResponse:
    if not recently_confirmed(request):
        # Adding a key is a protected action: the page sends the user to confirm first.
        confirm = (
            f"{reverse('accounts:confirm')}?{urlencode({'next': reverse('accounts:security')})}"
        )
        return JsonResponse(
            {"detail": _("Confirm it is you first."), "confirm": confirm}, status=403
        )
    return _json(webauthn.registration_options(request, cast(User, request.user)))


@login_required
@require_POST
def authentication_options(request: HttpRequest, purpose: str) -> HttpResponse:
    if purpose not in PURPOSES:
        return JsonResponse({"detail": _("Unknown request.")}, status=404)
    try:
        body = webauthn.authentication_options(request, cast(User, request.user), purpose)
    except ApplicationError as error:
        return JsonResponse({"detail": error.message}, status=400)
    return _json(body)


@login_required
@require_POST
@step_up_required
def key_add(request: HttpRequest) -> HttpResponse:
    form = SecurityKeyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The security key's answer could not be read; try again."))
        return redirect("accounts:security")
    try:
        webauthn.security_key_add(
            request=request,
            user=cast(User, request.user),
            credential=form.cleaned_data["credential"],
            name=form.cleaned_data["name"],
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Security key added."))
    return redirect("accounts:security")


@login_required
@require_POST
@step_up_required
def key_remove(request: HttpRequest, key_id: int) -> HttpResponse:
    try:
        webauthn.security_key_remove(user=cast(User, request.user), key_id=key_id)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Security key removed."))
    return redirect("accounts:security")


@login_required
@never_cache
@require_POST
def key_login(request: HttpRequest) -> HttpResponse:
    """The second factor at sign-in by a security key."""
    form = SecurityKeyAnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("The security key's answer could not be read; try again."))
        key = webauthn.security_key_verify(
            request=request,
            user=cast(User, request.user),
            credential=form.cleaned_data["assertion"],
            purpose="login",
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("accounts:second_factor")
    otp_login(request, key)
    return redirect("home")
