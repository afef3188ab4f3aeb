"""In-app notifications with an e-mail copy. A notice is stored as an event (its English text and
its parameters) and rendered in the reader's language when read; the e-mail copy is rendered in
the user's preferred language. Notices name reference codes and organisations only. The e-mail
goes out after the transaction commits, so a rolled back change never notifies anyone."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


def label(value: object) -> dict[str, str]:
    """A parameter to translate when the notice is read (a vocabulary label): kept as its
    English text, which is its translation key."""
    with translation.override(None):
        return {"label": str(value)}


def moment(value: datetime) -> dict[str, str]:
    """A date and time, written in the reader's language and time zone when read."""
    return {"moment": value.isoformat()}


Param = str | int | dict[str, str]


@dataclass(frozen=True)
class Notice:
    """What happened, as an English text (marked with gettext_noop, so it is extracted) and its
    parameters: written as they are (reference codes, organisation names, numbers), translated
    (`label`) or formatted (`moment`) in the reader's language when the notice is read."""

    text: str
    params: Mapping[str, Param] = field(default_factory=dict)
    plural: str = ""
    count: int = 0

    def render(self) -> str:
        values: dict[str, object] = {}
        for name, value in self.params.items():
            if isinstance(value, dict) and "label" in value:
                values[name] = _(value["label"])
            elif isinstance(value, dict) and "moment" in value:
                at = timezone.localtime(datetime.fromisoformat(value["moment"]))
                values[name] = f"\u2068{formats.date_format(at, 'DATETIME_FORMAT')}\u2069"
            else:
                # First-strong isolates: a Latin code or name keeps its own direction inside
                # an Arabic sentence (and the other way round), in the page and the e-mail.
                values[name] = f"\u2068{value}\u2069"
        template = ngettext(self.text, self.plural, self.count) if self.plural else _(self.text)
        try:
            return template % values
        except (KeyError, TypeError, ValueError):
            # A translation whose placeholders went wrong: the English text still reads.
            return (self.text if not self.plural or self.count == 1 else self.plural) % values

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "params": dict(self.params),
            "plural": self.plural,
            "count": self.count,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Notice:
        return cls(
            text=str(data["text"]),
            params=dict(data.get("params") or {}),
            plural=str(data.get("plural") or ""),
            count=int(data.get("count") or 0),
        )


def notice_text(notification: Notification) -> str:
    """The notice in the active language (the reader's), or as stored for old notices."""
    if notification.notice:
        return Notice.from_json(notification.notice).render()
    return notification.message


def notify(
    *,
    users: Iterable[User],
    organisation: Organisation,
    message: Notice,
    url: str = "",
) -> list[Notification]:
    """Create one notification per user, acting for `organisation`, and e-mail a copy once the
    surrounding transaction commits."""
    created: list[Notification] = []
    seen: set[uuid.UUID] = set()
    for user in users:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        with translation.override(user.preferred_language):
            text = message.render()[:300]
        created.append(
            Notification.objects.create(
                user=user,
                organisation=organisation,
                message=text,
                notice=message.as_json(),
                url=url,
            )
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
            text = notice_text(notification)
            subject = _("OpenNRM: %(message)s") % {"message": text}
            body = "\n\n".join(
                [
                    text,
                    f"{base}{notification.url}" if notification.url else "",
                    _("Sign in to OpenNRM to see the details. This e-mail names no one."),
                ]
            )
        try:
            send_mail(subject[:200], body, None, [user.email])
        except OSError:
            # The in-app notice stands; a failed e-mail must not break the workflow.
            logger.exception("notification e-mail failed", extra={"notification": notification.pk})


def notifications_of(membership: Membership) -> QuerySet[Notification]:
    """The notices of the user acting for this membership's organisation: a user with two
    memberships never sees, in one, what was addressed to them in the other."""
    return Notification.objects.filter(
        user_id=membership.user_id, organisation_id=membership.organisation_id
    ).select_related("organisation")


def unread_count(membership: Membership) -> int:
    return notifications_of(membership).filter(read_at__isnull=True).count()


def notifications_mark_read(
    *, membership: Membership, notification_ids: list[uuid.UUID] | None = None
) -> int:
    """Mark the membership's notifications (all, or the given ones) as read. Not audited:
    reading a notice reveals nothing beyond what the notice said."""
    unread = notifications_of(membership).filter(read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now(), updated_at=timezone.now())
