"""Attempts per address for the anonymous pages (public report, feedback codes, complaints),
counted in the cache under a keyed hash of the address, for the window only: no address is
kept in clear, nor beyond the window."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from opennrm.core.crypto import blind_index


def over_limit(request: HttpRequest, what: str, limit: int) -> bool:
    """Count one attempt at `what`; True once the address has made `limit` in the window.
    Counted atomically in the cache (`add` then `incr`), so that processes sharing it (Redis:
    OPENNRM_CACHE_URL) enforce one limit together."""
    address = request.META.get("REMOTE_ADDR", "")
    key = f"{what}:" + blind_index(address, purpose=f"{what}-rate")
    window = settings.OPENNRM_PUBLIC_REPORT_WINDOW_SECONDS
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between the two calls: a new one begins
        cache.add(key, 1, timeout=window)
        count = 1
    return count > limit
