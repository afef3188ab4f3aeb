from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opennrm.cases.models import SupportPlan
from opennrm.cases.services import SupportPlanDetails
from opennrm.cases.vocabularies import SupportActionStatus, SupportDelivery, SupportType
from opennrm.core.forms import DATE_WIDGET, StyledForm


class SupportPlanForm(StyledForm):
    objectives = forms.CharField(
        label=_("Objectives"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    action_plan = forms.CharField(
        label=_("Action plan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8000,
        required=False,
    )
    planned_end_on = forms.DateField(label=_("Planned end"), widget=DATE_WIDGET, required=False)
    actual_end_on = forms.DateField(label=_("Actual end"), widget=DATE_WIDGET, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def initial_plan(plan: SupportPlan) -> dict[str, object]:
        return {
            "objectives": plan.objectives,
            "action_plan": plan.action_plan,
            "planned_end_on": plan.planned_end_on,
            "actual_end_on": plan.actual_end_on,
            "version": plan.version,
        }

    def details(self) -> SupportPlanDetails:
        data = self.cleaned_data
        return SupportPlanDetails(
            objectives=data["objectives"],
            action_plan=data["action_plan"],
            planned_end_on=data["planned_end_on"],
        )


class SupportActionForm(StyledForm):
    support_type = forms.ChoiceField(label=_("Type of support"), choices=SupportType.choices)
    description = forms.CharField(
        label=_("What is to be done"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    delivery = forms.ChoiceField(
        label=_("Delivered"), choices=SupportDelivery.choices, widget=forms.RadioSelect
    )
    due_on = forms.DateField(label=_("Due by"), widget=DATE_WIDGET, required=False)


class SupportActionRecordForm(StyledForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (s, label)
            for s, label in SupportActionStatus.choices
            if s not in {SupportActionStatus.PLANNED, SupportActionStatus.REFERRED}
        ],
    )
    on = forms.DateField(label=_("On"), widget=DATE_WIDGET, initial=timezone.localdate)
    note = forms.CharField(
        label=_("What was (not) delivered, and why"), max_length=2000, required=False
    )
