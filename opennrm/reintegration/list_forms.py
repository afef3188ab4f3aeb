"""The return list's filters (a GET form: the address can be shared)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opennrm.cases.case_filter_fields import case_filter_fields, case_filters_of
from opennrm.core import geo
from opennrm.core.forms import DATE_WIDGET, StyledForm
from opennrm.reintegration.selectors import RETURN_SORTS, ReturnFilters
from opennrm.reintegration.vocabularies import ReturnDirection, ReturnState


class ReturnFilterForm(StyledForm):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any")), *ReturnState.choices]
    )
    direction = forms.ChoiceField(
        label=_("Return"), required=False, choices=[("", _("Any")), *ReturnDirection.choices]
    )
    destination_country = forms.ChoiceField(label=_("Destination country"), required=False)
    returned_from = forms.DateField(label=_("Arrived from"), required=False, widget=DATE_WIDGET)
    returned_to = forms.DateField(label=_("to"), required=False, widget=DATE_WIDGET)
    sort = forms.ChoiceField(
        required=False, widget=forms.HiddenInput, choices=[(k, k) for k in RETURN_SORTS]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["destination_country"].choices = geo.country_choices(blank=_("Any"))  # type: ignore[attr-defined]
        self.fields.update(case_filter_fields())
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("returned_from"), data.get("returned_to")
        if start and end and end < start:
            self.add_error("returned_to", _("The last day comes before the first."))
        return data

    def filters(self) -> ReturnFilters:
        data = self.cleaned_data
        return ReturnFilters(
            state=data.get("state") or "",
            direction=data.get("direction") or "",
            destination_country=data.get("destination_country") or "",
            returned_from=data.get("returned_from"),
            returned_to=data.get("returned_to"),
            sort=data.get("sort") or "",
            cases=case_filters_of(data),
        )
