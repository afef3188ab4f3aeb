from __future__ import annotations

from django import template

from opennrm.core.text import joined
from opennrm.referrals.vocabularies import DisclosedField, ServiceType

register = template.Library()


@register.filter
def service_type(value: str) -> str:
    return str(dict(ServiceType.choices).get(value, value))


@register.filter
def disclosed_fields(values: list[str]) -> str:
    labels = dict(DisclosedField.choices)
    return joined(labels.get(v, v) for v in values or [])
