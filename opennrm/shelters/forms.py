from __future__ import annotations

from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from opennrm.core import geo
from opennrm.core.forms import DATE_WIDGET, StyledForm
from opennrm.referrals.models import Referral
from opennrm.shelters.models import ReceptionCentre
from opennrm.shelters.services import CentreDetails
from opennrm.shelters.vocabularies import DepartureReason, PlaceCategory


class CentreForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    region = forms.ChoiceField(label=_("Region"))
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    address = forms.CharField(
        label=_("Address (protected)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Shown only to the centre, coordinators and the case worker of a resident."),
    )
    phone = forms.CharField(label=_("Phone (protected)"), max_length=30, required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = geo.region_choices()  # type: ignore[attr-defined]
        for category, label in PlaceCategory.choices:
            self.fields[f"places_{category}"] = forms.IntegerField(
                label=_("Places: %(category)s") % {"category": label},
                min_value=0,
                max_value=2000,
                required=False,
            )

    @staticmethod
    def initial_for(centre: ReceptionCentre) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "name": centre.name,
            "region": centre.region,
            "city": centre.city,
            "address": centre.address,
            "phone": centre.phone,
            "is_active": centre.is_active,
        }
        for places in centre.places.all():
            initial[f"places_{places.category}"] = places.capacity
        return initial

    def details(self) -> CentreDetails:
        data = self.cleaned_data
        return CentreDetails(
            name=data["name"],
            region=data["region"],
            city=data["city"],
            address=data["address"],
            phone=data["phone"],
            is_active=data["is_active"],
            places={
                category: data[f"places_{category}"]
                for category in PlaceCategory.values
                if data.get(f"places_{category}") is not None
            },
        )


class ReferralChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Referral) -> str:
        sent = formats.date_format(timezone.localtime(obj.sent_at), "SHORT_DATE_FORMAT")
        return f"{obj.reference_code} · {obj.sender_organisation} · {sent}"


class AdmitForm(StyledForm):
    referral = ReferralChoiceField(label=_("Referral"), queryset=Referral.objects.none())
    category = forms.ChoiceField(label=_("Place"), choices=PlaceCategory.choices)
    arrived_on = forms.DateField(
        label=_("Arrived on"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    planned_departure_on = forms.DateField(
        label=_("Planned departure"), widget=DATE_WIDGET, required=False
    )
    over_capacity = forms.BooleanField(label=_("Admit over capacity"), required=False)

    def __init__(self, *args: Any, referrals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referral"].queryset = referrals  # type: ignore[attr-defined]


class PlanDepartureForm(StyledForm):
    planned_departure_on = forms.DateField(label=_("Planned departure"), widget=DATE_WIDGET)


class EndStayForm(StyledForm):
    departed_on = forms.DateField(
        label=_("Left on"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    reason = forms.ChoiceField(label=_("Reason for leaving"), choices=DepartureReason.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
