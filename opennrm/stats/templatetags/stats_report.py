from django import template

from opennrm.stats.report import digits as to_digits

register = template.Library()


@register.filter
def digits(value: object, language: str) -> str:
    """A number or a sentence with the digits the report's language asks for."""
    return to_digits(str(value), language)
