"""The form renderer: Django's, except that selects are written out in Python.

Through the template engine, a select renders one template include per option: the country
and language lists (about 250 and 190 options) cost several milliseconds of CPU per field on
every page that shows them (case list filters, the hotline form, the person form). The output
is the same markup as Django's templates give, byte for byte (tests/core compare both)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def conditional_escape(value: object) -> str:
    """django.utils.html.conditional_escape without its lazy-string wrapper (three calls per
    option add up): what is marked safe stays as it is, the rest is escaped the same way."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def _attrs(attrs: Mapping[str, Any]) -> str:
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {name}")
        else:
            out.append(f' {name}="{conditional_escape(str(value))}"')
    return "".join(out)


def render_select(widget: Mapping[str, Any]) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            parts.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _plain_options(widget: Mapping[str, Any]) -> bool:
    return all(
        option.get("template_name") == OPTION
        for _name, group, _index in widget["optgroups"]
        for option in group
    )


class FormRenderer(DjangoTemplates):
    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        widget = context.get("widget")
        if template_name == SELECT and isinstance(widget, Mapping) and _plain_options(widget):
            return render_select(widget)
        return str(super().render(template_name, context, request))
