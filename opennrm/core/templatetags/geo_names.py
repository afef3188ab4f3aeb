from __future__ import annotations

from django import template

from opennrm.core import geo
from opennrm.core.audit_labels import AUDIT_ACTION_LABELS, AUDIT_OBJECT_LABELS
from opennrm.core.text import list_separator

register = template.Library()


@register.filter
def country(code: str) -> str:
    return geo.country_name(code) if code else ""


@register.filter
def countries(codes: list[str]) -> str:
    return list_separator().join(geo.country_name(c) for c in codes or [])


@register.filter
def region(code: str) -> str:
    return geo.region_name(code) if code else ""


@register.filter
def languages(codes: list[str]) -> str:
    return list_separator().join(geo.language_name(c) for c in codes or [])


@register.filter
def audit_object(object_type: str) -> str:
    return str(AUDIT_OBJECT_LABELS.get(object_type, object_type))


@register.filter
def audit_action(action: str) -> str:
    return str(AUDIT_ACTION_LABELS.get(action, action))


@register.simple_tag
def comma() -> str:
    """The list comma of the page's language (the Arabic comma in Arabic)."""
    return list_separator()
