from __future__ import annotations

from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from opennrm.accounts.models import Membership, User
from opennrm.accounts.roles import role_needs_second_factor
from opennrm.core.permissions import Permission


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, is_active=True, organisation__is_active=True)
        .select_related("organisation", "user")
        .order_by("organisation__name", "role")
    )


def membership_for_session(
    user: User, membership_id: str | None, memberships: list[Membership] | None = None
) -> Membership | None:
    """The membership the user chose for this session, else their first one (of
    `memberships` when the caller has them already: the request loads them once)."""
    if memberships is None:
        memberships = list(memberships_of(user))
    if membership_id:
        chosen = next((m for m in memberships if str(m.pk) == membership_id), None)
        if chosen is None:
            chosen = next((m for m in memberships if m.pk.hex == membership_id), None)
        if chosen is not None:
            return chosen
    return memberships[0] if memberships else None


def second_factor_passed(user: object) -> bool:
    """django-otp adds `is_verified` to request.user; absent means not verified."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def user_needs_second_factor(user: User) -> bool:
    if user.is_superuser or user.is_staff:
        return True
    return any(role_needs_second_factor(m.role) for m in memberships_of(user))


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    device: TOTPDevice | None = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device


def members_visible_to(actor: Membership) -> QuerySet[Membership]:
    if not actor.can(Permission.VIEW_MEMBERS):
        return Membership.objects.none()
    return (
        Membership.objects.filter(organisation_id=actor.organisation_id)
        .select_related("user")
        .order_by("user__username", "role")
    )
