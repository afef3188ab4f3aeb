"""Attempts per address for the anonymous pages (public report, feedback codes, complaints),
counted in the cache under a keyed hash of the address, for the window only: no address is
kept in clear, nor beyond the window."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from opennrm.core.crypto import blind_index


def over_limit(request: HttpRequest, what: str, limit: int) -> bool:
    """Count one attempt at `what`; True once the address has made `limit` in the window."""
    address = request.META.get("REMOTE_ADDR", "")
    key = f"{what}:" + blind_index(address, purpose=f"{what}-rate")
    count = cache.get(key, 0)
    if count >= limit:
        return True
    cache.set(key, count + 1, timeout=settings.OPENNRM_PUBLIC_REPORT_WINDOW_SECONDS)
    return False
