from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from opennrm.accounts.selectors import second_factor_passed, user_needs_second_factor


class IsVerifiedMember(BasePermission):
    """Logged in, acting for an organisation, and past the second factor where required."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if user is None or not user.is_authenticated:
            return False
        if getattr(request._request, "membership", None) is None:
            return False
        return not (
            settings.OPENNRM_REQUIRE_MFA
            and not second_factor_passed(user)
            and user_needs_second_factor(user)
        )
