from __future__ import annotations

from django import template

from opennrm.reintegration.vocabularies import ReturnRisk

register = template.Library()


@register.filter
def return_risk(value: str) -> str:
    return str(dict(ReturnRisk.choices).get(value, value))
