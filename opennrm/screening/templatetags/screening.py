from __future__ import annotations

from django import template

from opennrm.screening.models import in_language as pick

register = template.Library()


@register.filter
def in_language(texts: dict[str, str]) -> str:
    """The wording in the user's language (indicator sets carry fr, ar and en)."""
    return pick(texts or {})
