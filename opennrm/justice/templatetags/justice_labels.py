from __future__ import annotations

from collections.abc import Iterable

from django import template

from opennrm.core import text
from opennrm.justice.vocabularies import Aggravation, RoleInProcess

register = template.Library()


@register.filter
def aggravations(values: Iterable[str]) -> str:
    labels = dict(Aggravation.choices)
    return text.joined(str(labels.get(v, v)) for v in values or [])


@register.filter
def roles_in_process(values: Iterable[str]) -> str:
    labels = dict(RoleInProcess.choices)
    return text.joined(str(labels.get(v, v)) for v in values or [])


@register.filter
def lookup(mapping: dict[object, str], key: object) -> str:
    return mapping.get(key, "")
