from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opennrm.cases.vocabularies import DecisionMakingBody, IdentificationOutcome
from opennrm.core.forms import DATE_WIDGET, StyledForm


class IdentificationDecisionForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=IdentificationOutcome.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE_WIDGET)
    decision_making_body = forms.ChoiceField(
        label=_("Decision-making body"),
        choices=[("", "—"), *DecisionMakingBody.choices],
        required=False,
    )
    decided_by_name = forms.CharField(
        label=_("Decided by (name and function)"), max_length=200, required=False
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class IdentificationNotifyForm(StyledForm):
    notified_on = forms.DateField(label=_("Notified on"), widget=DATE_WIDGET)
    notified_to = forms.CharField(label=_("Notified to"), max_length=200, required=False)


class RecoveryExtensionForm(StyledForm):
    ends_on = forms.DateField(label=_("New end date"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Reason for the extension"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
