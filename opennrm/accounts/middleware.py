from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from opennrm.accounts.selectors import (
    membership_for_session,
    memberships_of,
    second_factor_passed,
    user_needs_second_factor,
)

ACTIVE_MEMBERSHIP_SESSION_KEY = "opennrm_membership"

Handler = Callable[[HttpRequest], HttpResponse]


SESSION_ACTIVITY_KEY = "opennrm_active_at"


class SessionActivityMiddleware:
    """The idle timeout: a session in use has its expiry pushed back, at most once per
    OPENNRM_SESSION_REFRESH_SECONDS (marking it modified makes SessionMiddleware save it with a
    new expiry date)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = request.session
        if session.session_key is not None and not session.is_empty():
            now = int(time.time())
            last = session.get(SESSION_ACTIVITY_KEY, 0)
            if not isinstance(last, int) or now - last >= settings.OPENNRM_SESSION_REFRESH_SECONDS:
                session[SESSION_ACTIVITY_KEY] = now
        return response


class UserLanguageMiddleware:
    """A logged-in user's saved language wins over the browser's."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            language = user.preferred_language
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class ActiveMembershipMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = None  # type: ignore[attr-defined]
        request.memberships = []  # type: ignore[attr-defined]
        if request.user.is_authenticated:
            # All the user's memberships in one query: the page's organisation switcher
            # (accounts.context_processors) uses the same list.
            request.memberships = list(memberships_of(request.user))  # type: ignore[attr-defined]
            request.membership = membership_for_session(  # type: ignore[attr-defined]
                request.user,
                request.session.get(ACTIVE_MEMBERSHIP_SESSION_KEY),
                request.memberships,  # type: ignore[attr-defined]
            )
        return self.get_response(request)


class RequireSecondFactorMiddleware:
    """Users whose roles open victim data must pass TOTP before anything else."""

    exempt_prefixes = ("/accounts/", "/static/")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.OPENNRM_REQUIRE_MFA
            and user.is_authenticated
            and not second_factor_passed(user)
            and not request.path.startswith(self.exempt_prefixes)
            and user_needs_second_factor(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("A second authentication factor is required.")}, status=403
                )
            return redirect("accounts:second_factor")
        return self.get_response(request)
