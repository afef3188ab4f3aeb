from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms

from opennrm.core.errors import ApplicationError
from opennrm.core.geo import collation_key

# HTML date inputs only read ISO dates, whatever the interface language.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_application_error(form: forms.Form, error: ApplicationError) -> None:
    """Show a service's refusals, each on the field it concerns, or above the form."""
    for problem in error.all():
        field = problem.field if problem.field in form.fields else None
        form.add_error(field, problem.message)


EMPTY_CHOICE = "—"


class CollatedChoiceIterator(forms.models.ModelChoiceIterator):  # type: ignore[type-arg]
    """The queryset's choices in the reader's alphabetical order (É and Î with E and I, not
    after Z as the database's byte order puts them)."""

    def __iter__(self) -> Iterator[Any]:
        choices = list(super().__iter__())
        empty = [c for c in choices if c[0] == ""]
        rest = sorted((c for c in choices if c[0] != ""), key=lambda c: collation_key(str(c[1])))
        yield from empty + rest


class CollatedModelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    iterator = CollatedChoiceIterator


def _name_the_empty_choice(field: forms.Field) -> None:
    """Django's "---------" reads as noise, and in Arabic as a broken line: an empty choice
    is a dash."""
    if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
        field.empty_label = EMPTY_CHOICE
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)  # type: ignore[arg-type]
        if any(value == "" and label == "---------" for value, label in choices):
            field.choices = [
                (value, EMPTY_CHOICE if value == "" and label == "---------" else label)
                for value, label in choices
            ]


class StyledForm(forms.Form):
    """Adds the CSS framework's classes to every widget, so templates stay plain."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._style()

    def _style(self) -> None:
        """Classes for every widget (again after fields are added in a subclass)."""
        for field in self.fields.values():
            _name_the_empty_choice(field)
            widget = field.widget
            if isinstance(
                widget, forms.CheckboxSelectMultiple | forms.CheckboxInput | forms.RadioSelect
            ):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs.setdefault("class", "form-control")
