"""The Python select gives Django's markup, byte for byte, and escapes what users typed."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from opennrm.core.form_renderer import FormRenderer

CHOICES = [
    ("", "—"),
    ("MA", "Maroc"),
    ('x"<y>', 'Quote " & <b>tag</b>'),
    (3, mark_safe("<i>safe</i>")),
    ("Afrique", [("SN", "Sénégal"), ("ML", "Mali")]),
]


class Sample(forms.Form):
    one = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(
        choices=CHOICES[1:], required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    flag = forms.NullBooleanField(required=False)
    radio = forms.ChoiceField(choices=CHOICES[:2], widget=forms.RadioSelect, required=False)


def _both(data: dict[str, object]) -> list[tuple[str, str]]:
    fast = Sample(data, renderer=FormRenderer())
    stock = Sample(data, renderer=DjangoTemplates())
    return [(str(fast[name]), str(stock[name])) for name in fast.fields]


def test_selects_render_as_django_templates_do() -> None:
    for data in ({}, {"one": "MA", "many": ["SN", "3"], "flag": "true"}, {"one": 'x"<y>'}):
        for fast, stock in _both(data):
            assert fast == stock


def test_user_values_are_escaped() -> None:
    html = str(Sample({"one": 'x"<y>'}, renderer=FormRenderer())["one"])
    assert 'value="x&quot;&lt;y&gt;" selected' in html
    assert "Quote &quot; &amp; &lt;b&gt;tag&lt;/b&gt;" in html
    assert "<i>safe</i>" in html
    assert '<optgroup label="Afrique">' in html


def test_a_custom_option_template_goes_through_the_templates() -> None:
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    field = forms.ChoiceField(choices=CHOICES[:2], widget=Custom)
    html = field.widget.render("c", "MA", renderer=FormRenderer())
    assert "<label><input" in html
