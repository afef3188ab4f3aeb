"""The form renderer: Django's, except that selects, inputs, text areas and the inputs of
checkbox and radio lists are written out in Python.

Through the template engine, a select renders one template include per option: the country
and language lists (about 250 and 190 options) cost several milliseconds of CPU per field on
every page that shows them (case list filters, the hotline form, the person form); each input
is three nested includes. The output is the same markup as Django's templates give, byte for
byte (tests/core compare both); any other template goes through the templates."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
TEXTAREA = "django/forms/widgets/textarea.html"
# Django's templates that are only `{% include "django/forms/widgets/input.html" %}`.
INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in [
        *("input", "checkbox", "color", "date", "datetime", "email", "hidden", "number"),
        *("password", "search", "tel", "text", "time", "url"),
    ]
)
# An input with its label around it when asked (checkbox and radio lists).
INPUT_OPTIONS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input_option", "checkbox_option", "radio_option")
)


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


def render_input(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def render_input_option(widget: Mapping[str, Any]) -> str:
    if not widget.get("wrap_label"):
        return render_input(widget)
    target = widget["attrs"].get("id")
    label_for = f' for="{conditional_escape(target)}"' if target else ""
    # The included input template ends with a new line, kept inside the label.
    label = conditional_escape(widget["label"])
    return f"<label{label_for}>{render_input(widget)}\n {label}</label>"


def render_textarea(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{conditional_escape(value) if value else ''}</textarea>"
    )


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
        if isinstance(widget, Mapping):
            if template_name in INPUTS:
                return render_input(widget)
            if template_name in INPUT_OPTIONS:
                return render_input_option(widget)
            if template_name == TEXTAREA:
                return render_textarea(widget)
            if template_name == SELECT and _plain_options(widget):
                return render_select(widget)
        return str(super().render(template_name, context, request))
