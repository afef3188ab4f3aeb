from __future__ import annotations

from django import template
from django.db import models

from opennrm.cases import vocabularies

register = template.Library()


@register.filter
def labels(values: list[str], vocabulary: str) -> list[str]:
    """Translated labels of a multi-select stored as a list of HTCDS value names."""
    choices: type[models.TextChoices] = getattr(vocabularies, vocabulary)
    known = dict(choices.choices)
    return [str(known.get(v, v)) for v in values or []]
