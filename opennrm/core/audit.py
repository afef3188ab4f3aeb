"""The append-only, HMAC-chained audit log. `audit_record` is called inside every service."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from opennrm.core.keys import keyring
from opennrm.core.models import AuditChainHead, AuditEvent

if TYPE_CHECKING:
    from opennrm.accounts.models import Membership, User

GENESIS_HMAC = "0" * 64

# Where the current request comes from; set by AuditOriginMiddleware, read by audit_record.
_origin_ip: ContextVar[str | None] = ContextVar("audit_origin_ip", default=None)


@contextmanager
def audit_origin(ip: str | None) -> Iterator[None]:
    token = _origin_ip.set(ip)
    try:
        yield
    finally:
        _origin_ip.reset(token)


class AuditOriginMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # REMOTE_ADDR only: a forwarded-for header is client-controlled unless a trusted proxy
        # rewrites REMOTE_ADDR itself.
        with audit_origin(request.META.get("REMOTE_ADDR")):
            return self.get_response(request)


def compute_hmac(payload: dict[str, Any], previous: str) -> str:
    message = previous + json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hmac.new(keyring().audit_key, message.encode(), hashlib.sha256).hexdigest()


def audit_record(
    *,
    action: str,
    actor: Membership | None = None,
    user: User | None = None,
    object_type: str = "",
    object_id: object = "",
    subject_organisation_id: uuid.UUID | str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Runs in the caller's transaction, so the event and the change it
    describes commit or roll back together."""
    actor_organisation_id = None
    if actor is not None:
        user = actor.user
        actor_organisation_id = actor.organisation_id
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            seq=head.last_seq + 1,
            occurred_at=timezone.now(),
            actor_user_id=user.pk if user is not None else None,
            actor_username=user.get_username() if user is not None else "",
            actor_organisation_id=actor_organisation_id,
            subject_organisation_id=subject_organisation_id,
            action=action,
            object_type=object_type,
            object_id=str(object_id) if object_id else "",
            origin_ip=_origin_ip.get(),
            details=details or {},
            previous_hmac=head.last_hmac,
        )
        event.hmac = compute_hmac(event.chained_payload(), head.last_hmac)
        event.save(force_insert=True)
        head.last_seq = event.seq
        head.last_hmac = event.hmac
        head.save(update_fields=["last_seq", "last_hmac"])
    return event


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_seq: int | None
    reason: str

    @property
    def intact(self) -> bool:
        return self.first_broken_seq is None


def audit_verify(batch_size: int = 5000, using: str = "default") -> ChainReport:
    """Walk the chain from the start; report the first event that does not verify (`using`:
    another database, a restored backup)."""
    previous = GENESIS_HMAC
    expected_seq = 1
    checked = 0
    events = AuditEvent.objects.using(using).order_by("seq")
    for event in events.iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            return ChainReport(checked, expected_seq, "event missing (deleted) before this one")
        if event.previous_hmac != previous:
            return ChainReport(checked, event.seq, "link to the previous event is broken")
        if not hmac.compare_digest(compute_hmac(event.chained_payload(), previous), event.hmac):
            return ChainReport(checked, event.seq, "content does not match its HMAC (edited)")
        previous = event.hmac
        expected_seq += 1
        checked += 1
    head = AuditChainHead.objects.using(using).filter(pk=1).first()
    if head is not None and (head.last_seq != expected_seq - 1 or head.last_hmac != previous):
        return ChainReport(checked, expected_seq, "events missing at the end of the log")
    return ChainReport(checked, None, "")
