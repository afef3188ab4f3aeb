"""The contact list's filters (a GET form: the address can be shared)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opennrm.core import geo
from opennrm.core.forms import DATE_WIDGET, StyledForm
from opennrm.hotline.selectors import CONTACT_SORTS, ContactFilters
from opennrm.hotline.vocabularies import CallerType, Channel, Outcome, Urgency


def _any(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("Any")), *choices]


class ContactFilterForm(StyledForm):
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=_any(Channel.choices))
    caller_type = forms.ChoiceField(
        label=_("Caller"), required=False, choices=_any(CallerType.choices)
    )
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=_any(Outcome.choices))
    urgency = forms.ChoiceField(label=_("Urgency"), required=False, choices=_any(Urgency.choices))
    region = forms.ChoiceField(label=_("Region"), required=False)
    started_from = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    started_to = forms.DateField(label=_("to"), required=False, widget=DATE_WIDGET)
    sort = forms.ChoiceField(
        required=False, widget=forms.HiddenInput, choices=[(k, k) for k in CONTACT_SORTS]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = geo.region_choices(blank=_("Any"))  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("started_from"), data.get("started_to")
        if start and end and end < start:
            self.add_error("started_to", _("The last day comes before the first."))
        return data

    def filters(self) -> ContactFilters:
        data = self.cleaned_data
        return ContactFilters(
            **{name: data.get(name) or "" for name in ("channel", "caller_type", "outcome")},
            urgency=data.get("urgency") or "",
            region=data.get("region") or "",
            started_from=data.get("started_from"),
            started_to=data.get("started_to"),
            sort=data.get("sort") or "",
        )
