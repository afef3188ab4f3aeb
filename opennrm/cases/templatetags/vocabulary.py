from __future__ import annotations

from functools import cache

from django import template

from opennrm.cases import vocabularies

register = template.Library()


@cache
def _labels(vocabulary: str) -> dict[str, object]:
    # Built once: Model.get_FOO_display() re-hashes every lazy label on each call, which
    # dominated the rendering time of the case list.
    choices = getattr(vocabularies, vocabulary)
    return dict(choices.choices)


@register.filter
def label(value: str, vocabulary: str) -> str:
    """Translated label of one HTCDS value name."""
    return str(_labels(vocabulary).get(value, value))


@register.filter
def labels(values: list[str], vocabulary: str) -> list[str]:
    """Translated labels of a multi-select stored as a list of HTCDS value names."""
    known = _labels(vocabulary)
    return [str(known.get(v, v)) for v in values or []]


@register.filter
def label_gender(value: str) -> str:
    from opennrm.people.vocabularies import Gender

    return str(dict(Gender.choices).get(value, value))
