from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation
from opennrm.core.forms import DATE_WIDGET, CollatedModelChoiceField, StyledForm
from opennrm.justice.models import Authority, JusticeStage, Proceeding
from opennrm.justice.services import LinkDetails, ProceedingDetails, legal_aid_organisations
from opennrm.justice.vocabularies import LinkBasis, VictimRole


class AuthorityChoiceField(CollatedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label())


class ProceedingOpenForm(StyledForm):
    authority = AuthorityChoiceField(
        label=_("Authority receiving the complaint or report"), queryset=Authority.objects.none()
    )
    stage = forms.ChoiceField(label=_("Stage"))
    opened_on = forms.DateField(
        label=_("Complaint or report on"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    network_name = forms.CharField(
        label=_("Network or case name"),
        required=False,
        max_length=200,
        help_text=_("Encrypted; read only by the authorities in charge."),
    )
    summary = forms.CharField(
        label=_("Facts (investigation)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Encrypted; never shown to case managers or lawyers."),
    )

    def __init__(self, *args: Any, authorities: QuerySet[Authority], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities  # type: ignore[attr-defined]
        countries = set(authorities.values_list("country", flat=True))
        self.fields["stage"].choices = [  # type: ignore[attr-defined]
            (s.code, s.label())
            for s in JusticeStage.objects.filter(country__in=countries, is_initial=True)
        ]

    def details(self) -> ProceedingDetails:
        data = self.cleaned_data
        return ProceedingDetails(
            authority=data["authority"],
            stage=data["stage"],
            opened_on=data["opened_on"],
            network_name=data["network_name"],
            summary=data["summary"],
        )


class MoveForm(StyledForm):
    to_stage = forms.ChoiceField(label=_("Next stage"))
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)
    authority = AuthorityChoiceField(
        label=_("In charge from then on"), queryset=Authority.objects.none()
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Encrypted; read only by the authorities in charge."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, proceeding: Proceeding, stages: list[JusticeStage], **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {})["version"] = proceeding.version
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [(s.code, s.label()) for s in stages]  # type: ignore[attr-defined]
        kinds = {kind for s in stages for kind in s.authority_kinds}
        self.fields["authority"].queryset = Authority.objects.filter(  # type: ignore[attr-defined]
            country=proceeding.country, is_active=True, kind__in=kinds
        )
        self.fields["authority"].initial = proceeding.authority_id


class LegalAidChoiceField(CollatedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class LinkForm(StyledForm):
    reference = forms.CharField(
        label=_("Reference of the proceeding"),
        max_length=16,
        help_text=_("Given by the police or the prosecutor (J-…)."),
    )
    role = forms.ChoiceField(label=_("The person's role"), choices=VictimRole.choices)
    basis = forms.ChoiceField(
        label=_("Why the justice side may know this person"), choices=LinkBasis.choices
    )
    legal_aid = LegalAidChoiceField(
        label=_("Legal aid"),
        required=False,
        queryset=Organisation.objects.none(),
        help_text=_("The lawyers of this organisation will read the stages of the proceeding."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["legal_aid"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in legal_aid_organisations()]
        )

    def details(self) -> LinkDetails:
        data = self.cleaned_data
        return LinkDetails(
            reference=data["reference"],
            role=data["role"],
            basis=data["basis"],
            legal_aid_organisation=data["legal_aid"],
        )
