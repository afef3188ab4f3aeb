"""In-app notifications with an e-mail copy. The message is rendered in each user's own language
and names reference codes only; the e-mail goes out after the transaction commits, so a rolled
back change never notifies anyone."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership, Notification, Organisation, User
from opennrm.core.permissions import Permission

logger = logging.getLogger(__name__)


def members_with(organisation_id: uuid.UUID, permission: Permission) -> list[User]:
    """Active users of an organisation whose role holds the permission."""
    memberships = Membership.objects.filter(
        organisation_id=organisation_id,
        is_active=True,
        user__is_active=True,
        organisation__is_active=True,
    ).select_related("user")
    users: dict[uuid.UUID, User] = {}
    for membership in memberships:
        if membership.can(permission):
            users[membership.user_id] = membership.user
    return list(users.values())


def notify(
    *,
    users: Iterable[User],
    organisation: Organisation,
    message: Callable[[], str],
    url: str = "",
) -> list[Notification]:
    """Create one notification per user (message() is called under each user's language) and
    e-mail a copy once the surrounding transaction commits."""
    created: list[Notification] = []
    seen: set[uuid.UUID] = set()
    for user in users:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        with translation.override(user.preferred_language):
            text = str(message())[:300]
        created.append(
            Notification.objects.create(user=user, organisation=organisation, message=text, url=url)
        )
    ids = [n.pk for n in created]
    if ids:
        transaction.on_commit(lambda: _send_copies(ids))
    return created


def _send_copies(notification_ids: list[uuid.UUID]) -> None:
    base = settings.OPENNRM_BASE_URL.rstrip("/")
    for notification in Notification.objects.filter(pk__in=notification_ids).select_related("user"):
        user = notification.user
        if not user.email:
            continue
        with translation.override(user.preferred_language):
            subject = _("OpenNRM: %(message)s") % {"message": notification.message}
            body = "\n\n".join(
                [
                    notification.message,
                    f"{base}{notification.url}" if notification.url else "",
                    _("Sign in to OpenNRM to see the details. This e-mail names no one."),
                ]
            )
        try:
            send_mail(subject[:200], body, None, [user.email])
        except OSError:
            # The in-app notice stands; a failed e-mail must not break the workflow.
            logger.exception("notification e-mail failed", extra={"notification": notification.pk})


def notifications_of(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related("organisation")


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_mark_read(*, user: User, notification_ids: list[uuid.UUID] | None = None) -> int:
    """Mark the user's notifications (all, or the given ones) as read. Not audited: reading a
    notice reveals nothing beyond what the notice said."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now(), updated_at=timezone.now())
