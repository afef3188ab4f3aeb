"""The case list's filters (a GET form: the address can be shared) and its search box."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opennrm.cases.case_filter_fields import case_filter_fields
from opennrm.cases.selectors import CASE_SORTS, CaseFilters
from opennrm.cases.vocabularies import CaseStatus, NRMStage, TraffickingStatus
from opennrm.core.forms import DATE_WIDGET, StyledForm

FIELD_ORDER = [
    "nrm_stage",
    "trafficking_status",
    "exploitation_type",
    "status",
    "identification_region",
    "age_band",
    "sex",
    "citizenship",
]


class CaseFilterForm(StyledForm):
    nrm_stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All stages")), *NRMStage.choices]
    )
    trafficking_status = forms.ChoiceField(
        label=_("Trafficking status"),
        required=False,
        choices=[("", _("Any status")), *TraffickingStatus.choices],
    )
    status = forms.ChoiceField(
        label=_("Case status"), required=False, choices=[("", _("Any")), *CaseStatus.choices]
    )
    first_contact_from = forms.DateField(
        label=_("First contact from"),
        required=False,
        widget=DATE_WIDGET,
    )
    first_contact_to = forms.DateField(label=_("to"), required=False, widget=DATE_WIDGET)
    decision = forms.ChoiceField(
        label=_("Identification decision"),
        required=False,
        choices=[
            ("", _("Any")),
            ("presumed", _("Presumed victim (reasonable grounds)")),
            ("identified", _("Identified victim (final decision)")),
            ("negative", _("Negative decision")),
        ],
    )
    decided_from = forms.DateField(label=_("Decided from"), required=False, widget=DATE_WIDGET)
    decided_to = forms.DateField(label=_("to"), required=False, widget=DATE_WIDGET)
    mine = forms.BooleanField(label=_("Only my cases"), required=False)
    s = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    sort = forms.ChoiceField(
        required=False, widget=forms.HiddenInput, choices=[(k, k) for k in CASE_SORTS]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(case_filter_fields())
        self.order_fields(FIELD_ORDER)
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for start, end in (
            ("first_contact_from", "first_contact_to"),
            ("decided_from", "decided_to"),
        ):
            if data.get(start) and data.get(end) and data[end] < data[start]:
                self.add_error(end, _("The last day comes before the first."))
        return data

    def filters(self) -> CaseFilters:
        data = self.cleaned_data
        return CaseFilters(
            nrm_stage=data["nrm_stage"],
            trafficking_status=data["trafficking_status"],
            exploitation_type=data["exploitation_type"],
            status=data["status"],
            identification_region=data["identification_region"],
            mine_only=data["mine"],
            first_contact_from=data.get("first_contact_from"),
            first_contact_to=data.get("first_contact_to"),
            age_band=data.get("age_band", ""),
            sex=data.get("sex", ""),
            citizenship=data.get("citizenship", ""),
            decision=data.get("decision", ""),
            decided_from=data.get("decided_from"),
            decided_to=data.get("decided_to"),
            sort=data.get("sort", ""),
        )


class CaseSearchForm(StyledForm):
    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        help_text=_(
            "Reference code, full name in Latin or Arabic script (close spellings too), or "
            "phone number."
        ),
    )
