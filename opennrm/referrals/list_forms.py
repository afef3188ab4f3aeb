"""The referral list's filters (a GET form: the address can be shared)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opennrm.cases.case_filter_fields import case_filter_fields, case_filters_of
from opennrm.core.forms import DATE_WIDGET, StyledForm
from opennrm.referrals.selectors import REFERRAL_SORTS, ReferralFilters
from opennrm.referrals.vocabularies import ReferralState, ServiceType


class ReferralFilterForm(StyledForm):
    direction = forms.ChoiceField(
        required=False,
        widget=forms.HiddenInput,
        choices=[("incoming", "incoming"), ("outgoing", "outgoing")],
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *ReferralState.choices]
    )
    service_type = forms.ChoiceField(
        label=_("Service requested"), required=False, choices=[("", _("Any")), *ServiceType.choices]
    )
    sent_from = forms.DateField(label=_("Sent from"), required=False, widget=DATE_WIDGET)
    sent_to = forms.DateField(label=_("to"), required=False, widget=DATE_WIDGET)
    sort = forms.ChoiceField(
        required=False, widget=forms.HiddenInput, choices=[(k, k) for k in REFERRAL_SORTS]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(case_filter_fields())
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("sent_from"), data.get("sent_to")
        if start and end and end < start:
            self.add_error("sent_to", _("The last day comes before the first."))
        return data

    def filters(self, default_direction: str) -> ReferralFilters:
        data = self.cleaned_data
        return ReferralFilters(
            direction=data.get("direction") or default_direction,
            state=data.get("state", ""),
            service_type=data.get("service_type", ""),
            sent_from=data.get("sent_from"),
            sent_to=data.get("sent_to"),
            sort=data.get("sort", ""),
            cases=case_filters_of(data),
        )
