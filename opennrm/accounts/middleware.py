from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from opennrm.accounts.selectors import (
    membership_for_session,
    second_factor_passed,
    user_needs_second_factor,
)

ACTIVE_MEMBERSHIP_SESSION_KEY = "opennrm_membership"

Handler = Callable[[HttpRequest], HttpResponse]


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
        if request.user.is_authenticated:
            request.membership = membership_for_session(  # type: ignore[attr-defined]
                request.user, request.session.get(ACTIVE_MEMBERSHIP_SESSION_KEY)
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
