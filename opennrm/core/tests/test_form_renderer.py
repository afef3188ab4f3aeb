"""The Python widgets give Django's markup, byte for byte, and escape what users typed."""

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
    ticks = forms.MultipleChoiceField(
        choices=CHOICES[1:3], widget=forms.CheckboxSelectMultiple, required=False
    )
    text = forms.CharField(required=False, widget=forms.TextInput(attrs={"placeholder": '"<x>"'}))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    tick = forms.BooleanField(required=False)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    when = forms.DateTimeField(required=False)
    count = forms.IntegerField(required=False, min_value=0)
    mail = forms.EmailField(required=False)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))


def _both(data: dict[str, object]) -> list[tuple[str, str]]:
    fast = Sample(data, renderer=FormRenderer())
    stock = Sample(data, renderer=DjangoTemplates())
    return [(str(fast[name]), str(stock[name])) for name in fast.fields]


TYPED = {
    "one": "MA",
    "many": ["SN", "3"],
    "flag": "true",
    "radio": "MA",
    "ticks": ["MA", 'x"<y>'],
    "text": 'A "quoted" <b>name</b> & more',
    "note": "Line one\n<script>alert(1)</script>",
    "hidden": "token<>",
    "tick": "on",
    "day": "2026-13-45",
    "when": "2026-12-03 10:00",
    "count": "-1",
    "mail": "not an address",
    "secret": "p<a>ss",
}


def test_widgets_render_as_django_templates_do() -> None:
    for data in ({}, {"one": 'x"<y>'}, TYPED):
        for fast, stock in _both(data):
            assert fast == stock
    unbound = (Sample(renderer=FormRenderer()), Sample(renderer=DjangoTemplates()))
    assert [str(f) for f in unbound[0]] == [str(f) for f in unbound[1]]


def test_list_options_render_as_django_templates_do() -> None:
    # Each checkbox or radio of a list, as includes/form_fields.html writes them one by one.
    for data in ({}, TYPED):
        fast = Sample(data, renderer=FormRenderer())
        stock = Sample(data, renderer=DjangoTemplates())
        for name in ("ticks", "radio"):
            for wrap in (False, True):
                mine = [option.tag(wrap_label=wrap) for option in fast[name]]
                assert mine == [option.tag(wrap_label=wrap) for option in stock[name]]
                assert mine


def test_user_values_are_escaped() -> None:
    html = str(Sample({"one": 'x"<y>'}, renderer=FormRenderer())["one"])
    assert 'value="x&quot;&lt;y&gt;" selected' in html
    assert "Quote &quot; &amp; &lt;b&gt;tag&lt;/b&gt;" in html
    assert "<i>safe</i>" in html
    assert '<optgroup label="Afrique">' in html


def test_typed_text_is_escaped_in_inputs_and_text_areas() -> None:
    form = Sample(TYPED, renderer=FormRenderer())
    assert 'value="A &quot;quoted&quot; &lt;b&gt;name&lt;/b&gt; &amp; more"' in str(form["text"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in str(form["note"])
    assert "<script>" not in "".join(str(field) for field in form)


def test_a_custom_option_template_goes_through_the_templates() -> None:
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    field = forms.ChoiceField(choices=CHOICES[:2], widget=Custom)
    html = field.widget.render("c", "MA", renderer=FormRenderer())
    assert "<label><input" in html
