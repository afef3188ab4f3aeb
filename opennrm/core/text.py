"""Small pieces of writing that depend on the reader's language."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language


def list_separator() -> str:
    """The comma that joins a list: the Arabic comma in Arabic."""
    return "، " if (get_language() or "").startswith("ar") else ", "


def joined(items: Iterable[object]) -> str:
    return list_separator().join(str(item) for item in items)
