from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opennrm.core import geo
from opennrm.core.forms import DATE_WIDGET, StyledForm
from opennrm.referrals.models import Referral
from opennrm.reintegration.services import ReturnDetails
from opennrm.reintegration.vocabularies import (
    FollowUpOutcome,
    GoalStatus,
    ReintegrationDomain,
    ReturnDirection,
    ReturnRisk,
    RiskLevel,
)


class ReturnOpenForm(StyledForm):
    direction = forms.ChoiceField(
        label=_("Return"), choices=ReturnDirection.choices, widget=forms.RadioSelect
    )
    destination_country = forms.ChoiceField(label=_("Destination country"))
    destination_place = forms.CharField(
        label=_("Destination (town, family address)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Encrypted; shown only to your organisation."),
    )
    voluntary_confirmed_on = forms.DateField(
        label=_("The person confirmed the wish to return on"),
        widget=DATE_WIDGET,
        initial=timezone.localdate,
    )
    planned_travel_on = forms.DateField(
        label=_("Planned travel date"), widget=DATE_WIDGET, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["destination_country"].choices = geo.country_choices()  # type: ignore[attr-defined]

    def details(self) -> ReturnDetails:
        data = self.cleaned_data
        return ReturnDetails(
            direction=data["direction"],
            destination_country=data["destination_country"],
            destination_place=data["destination_place"],
            voluntary_confirmed_on=data["voluntary_confirmed_on"],
            planned_travel_on=data["planned_travel_on"],
        )


class RiskForm(StyledForm):
    level = forms.ChoiceField(label=_("Level of risk"), choices=RiskLevel.choices)
    risks = forms.MultipleChoiceField(
        label=_("Risks identified"),
        choices=ReturnRisk.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    notes = forms.CharField(
        label=_("Assessment and mitigation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    proceed = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("The return can proceed")), ("no", _("Put the return on hold"))],
        widget=forms.RadioSelect,
    )


class ReceivingForm(StyledForm):
    referral = forms.ModelChoiceField(
        label=_("Referral to the receiving organisation"), queryset=Referral.objects.none()
    )

    def __init__(self, *args: Any, referrals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referral"].queryset = referrals  # type: ignore[attr-defined]


class ArrivalForm(StyledForm):
    returned_on = forms.DateField(
        label=_("Arrived on"), widget=DATE_WIDGET, initial=timezone.localdate
    )


class GoalForm(StyledForm):
    domain = forms.ChoiceField(label=_("Domain"), choices=ReintegrationDomain.choices)
    objective = forms.CharField(label=_("Objective"), max_length=2000)


class GoalStatusForm(StyledForm):
    goal_id = forms.UUIDField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)


class FollowUpForm(StyledForm):
    visit_id = forms.UUIDField(widget=forms.HiddenInput)
    done_on = forms.DateField(label=_("Done on"), widget=DATE_WIDGET, initial=timezone.localdate)
    # No outcome is preselected: the case worker chooses what the visit found.
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("Choose the outcome")), *FollowUpOutcome.choices]
    )
    done_by = forms.CharField(label=_("Done by (organisation)"), max_length=200, required=False)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CloseForm(StyledForm):
    note = forms.CharField(
        label=_("Closing note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
