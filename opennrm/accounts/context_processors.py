from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from opennrm.accounts.notifications import unread_count
from opennrm.accounts.roles import permissions_of
from opennrm.accounts.selectors import memberships_of


def membership(request: HttpRequest) -> dict[str, Any]:
    current = getattr(request, "membership", None)
    if current is None:
        return {
            "membership": None,
            "perms_now": frozenset(),
            "other_memberships": [],
            "unread_notifications": 0,
        }
    loaded = getattr(request, "memberships", None)
    mine = loaded if loaded is not None else memberships_of(current.user)
    others = [m for m in mine if m.pk != current.pk]
    return {
        "membership": current,
        "perms_now": {str(p) for p in permissions_of(current.role)},
        "other_memberships": others,
        "unread_notifications": unread_count(current),
    }
