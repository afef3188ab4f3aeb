from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opennrm.cases.vocabularies import ExploitationType
from opennrm.core import geo
from opennrm.core.forms import StyledForm
from opennrm.people.vocabularies import Gender
from opennrm.referrals.models import Service
from opennrm.referrals.selectors import ServiceNeed
from opennrm.referrals.services import ServiceDetails
from opennrm.referrals.vocabularies import ServiceType


class ServiceSearchForm(StyledForm):
    service_type = forms.ChoiceField(
        label=_("Need"), required=False, choices=[("", _("Any service")), *ServiceType.choices]
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    age = forms.IntegerField(label=_("Age"), required=False, min_value=0, max_value=120)
    sex = forms.ChoiceField(label=_("Gender"), required=False, choices=[("", "—"), *Gender.choices])
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    exploitation_type = forms.ChoiceField(
        label=_("Exploitation"), required=False, choices=[("", "—"), *ExploitationType.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = geo.region_choices(blank=_("All regions"))  # type: ignore[attr-defined]
        self.fields["nationality"].choices = geo.country_choices(blank="—")  # type: ignore[attr-defined]

    def need(self) -> ServiceNeed:
        data = self.cleaned_data
        return ServiceNeed(
            service_type=data["service_type"],
            region=data["region"],
            age=data["age"],
            sex=data["sex"],
            nationality=data["nationality"],
            exploitation_type=data["exploitation_type"],
        )


class ServiceForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    service_type = forms.ChoiceField(label=_("Type of service"), choices=ServiceType.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    nationwide = forms.BooleanField(label=_("Available nationwide"), required=False)
    eligible_sexes = forms.MultipleChoiceField(
        label=_("For (empty: everyone)"),
        required=False,
        choices=Gender.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    min_age = forms.IntegerField(label=_("Minimum age"), required=False, min_value=0)
    max_age = forms.IntegerField(label=_("Maximum age"), required=False, min_value=0)
    eligible_nationalities = forms.MultipleChoiceField(
        label=_("Nationalities (empty: all)"), required=False
    )
    eligible_exploitation_types = forms.MultipleChoiceField(
        label=_("Forms of exploitation (empty: all)"),
        required=False,
        choices=ExploitationType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(label=_("Languages spoken"), required=False)
    opening_hours = forms.CharField(label=_("Opening hours"), required=False, max_length=200)
    capacity = forms.IntegerField(label=_("Capacity"), required=False, min_value=0)
    contact_phone = forms.CharField(label=_("Contact phone"), required=False, max_length=32)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = geo.region_choices(blank="—")  # type: ignore[attr-defined]
        self.fields["eligible_nationalities"].choices = geo.country_choices()  # type: ignore[attr-defined]
        self.fields["languages"].choices = geo.language_choices()  # type: ignore[attr-defined]

    def details(self) -> ServiceDetails:
        return ServiceDetails(**self.cleaned_data)

    @staticmethod
    def initial_service(service: Service) -> dict[str, Any]:
        return {name: getattr(service, name) for name in ServiceForm.base_fields}
