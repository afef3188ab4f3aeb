"""A caller's number is never stored, only its keyed hash (to recognise a repeat caller): it
cannot be worked out again under a new blind-index key. When the old key is retired, the
hashes written under it are cleared, since whoever holds that key could find the numbers
again by trying them all. Repeat callers are then recognised from their next call on."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from opennrm.hotline.models import Contact


def caller_hashes_clear(written_before: datetime) -> int:
    with transaction.atomic():
        cleared: int = (
            Contact.objects.filter(created_at__lt=written_before)
            .exclude(caller_phone_index="")
            .update(caller_phone_index="")
        )
    return cleared
