"""Step-up: a protected action (revealing a protected address, exporting identifying data,
changing roles or accounts) needs a re-authentication of the last few minutes
(OPENNRM_STEP_UP_SECONDS), kept in the session only."""

from __future__ import annotations

import time
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from opennrm.accounts.decorators import View

STEP_UP_SESSION_KEY = "opennrm_step_up_at"


def recently_confirmed(request: HttpRequest) -> bool:
    confirmed_at = request.session.get(STEP_UP_SESSION_KEY)
    return (
        isinstance(confirmed_at, int | float)
        and 0 <= time.time() - confirmed_at <= settings.OPENNRM_STEP_UP_SECONDS
    )


def mark_confirmed(request: HttpRequest) -> None:
    request.session[STEP_UP_SESSION_KEY] = time.time()


def safe_next(request: HttpRequest, target: str | None, default: str = "/") -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def confirm_url(request: HttpRequest) -> str:
    """The confirmation page, coming back here afterwards: to this page for a GET, to the page
    the form was on for a POST (the action is then sent again, on purpose, by the user)."""
    back = request.get_full_path()
    if request.method != "GET":
        back = safe_next(request, request.headers.get("Referer"), default="/")
    return f"{reverse('accounts:confirm')}?{urlencode({'next': back})}"


def step_up_response(request: HttpRequest) -> HttpResponse | None:
    """None after a recent re-authentication; otherwise the answer that asks for one. Views
    call it after their access checks, so that who may not act still gets a plain 404."""
    if recently_confirmed(request):
        return None
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": _("Confirm your identity in the application first.")}, status=403
        )
    return redirect(confirm_url(request))


def step_up_required(view: View) -> View:
    """Run the view only after a recent re-authentication; otherwise ask for one."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return step_up_response(request) or view(request, *args, **kwargs)

    return wrapper
