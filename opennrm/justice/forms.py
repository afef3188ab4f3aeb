from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation
from opennrm.core import geo
from opennrm.core.forms import DATE_WIDGET, EMPTY_CHOICE, CollatedModelChoiceField, StyledForm
from opennrm.justice.models import (
    Authority,
    Judgment,
    JusticeStage,
    Offence,
    Perpetrator,
    Proceeding,
    ProceedingCase,
)
from opennrm.justice.services import (
    JudgmentDetails,
    LinkDetails,
    PerpetratorDetails,
    ProceedingDetails,
    legal_aid_organisations,
)
from opennrm.justice.services.accused import COURT_KINDS
from opennrm.justice.vocabularies import (
    Aggravation,
    JudgmentInstance,
    JudgmentOutcome,
    LinkBasis,
    PerpetratorStatus,
    RelationToVictim,
    RoleInProcess,
    VictimRole,
)
from opennrm.people.vocabularies import Gender


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


class PerpetratorForm(StyledForm):
    status = forms.ChoiceField(label=_("Status"), choices=PerpetratorStatus.choices)
    given_name = forms.CharField(label=_("Given name"), required=False, max_length=100)
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=100)
    name_arabic = forms.CharField(
        label=_("Name (Arabic script)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "rtl"}),
    )
    alias = forms.CharField(label=_("Other names or aliases"), required=False, max_length=200)
    gender = forms.ChoiceField(label=_("Sex"), choices=Gender.choices, initial=Gender.UNKNOWN)
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False)
    citizenships = forms.MultipleChoiceField(label=_("Citizenship"), required=False)
    roles_in_process = forms.MultipleChoiceField(
        label=_("Role in the network"),
        choices=RoleInProcess.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    relation_to_victim = forms.ChoiceField(
        label=_("Relation to the victim"),
        choices=[("", EMPTY_CHOICE), *RelationToVictim.choices],
        required=False,
    )
    role_details = forms.CharField(
        label=_("Details of the role"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Encrypted; read only by the authorities in charge."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["citizenships"].choices = geo.country_choices()  # type: ignore[attr-defined]

    @classmethod
    def initial_of(cls, perpetrator: Perpetrator) -> dict[str, Any]:
        return {name: getattr(perpetrator, name) for name in cls.base_fields}

    def details(self) -> PerpetratorDetails:
        return PerpetratorDetails(**self.cleaned_data)


class OffenceChoiceField(CollatedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label())


class ChargeForm(StyledForm):
    offence = OffenceChoiceField(label=_("Offence"), queryset=Offence.objects.none())
    aggravations = forms.MultipleChoiceField(
        label=_("Aggravating circumstances"),
        choices=Aggravation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    charged_on = forms.DateField(
        label=_("Charged on"), widget=DATE_WIDGET, initial=timezone.localdate
    )

    def __init__(self, *args: Any, country: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offence"].queryset = Offence.objects.filter(  # type: ignore[attr-defined]
            country=country, is_active=True
        )


class JudgmentForm(StyledForm):
    charge = forms.ChoiceField(label=_("Charge"))
    instance = forms.ChoiceField(label=_("Instance"), choices=JudgmentInstance.choices)
    decided_on = forms.DateField(label=_("Date of the judgment"), widget=DATE_WIDGET)
    court = AuthorityChoiceField(label=_("Court"), queryset=Authority.objects.none())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=JudgmentOutcome.choices)
    requalified_as = OffenceChoiceField(
        label=_("Requalified as"), required=False, queryset=Offence.objects.none()
    )
    prison_months = forms.IntegerField(label=_("Prison, firm (months)"), min_value=0, initial=0)
    suspended_months = forms.IntegerField(
        label=_("Prison, suspended (months)"), min_value=0, initial=0
    )
    fine = forms.DecimalField(
        label=_("Fine (MAD)"), min_value=Decimal(0), decimal_places=2, initial=0
    )
    confiscation = forms.BooleanField(label=_("Confiscation ordered"), required=False)

    def __init__(self, *args: Any, perpetrator: Perpetrator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = perpetrator.proceeding.country
        self.fields["charge"].choices = [  # type: ignore[attr-defined]
            (str(c.pk), c.offence.label()) for c in perpetrator.charges.select_related("offence")
        ]
        self.fields["court"].queryset = Authority.objects.filter(  # type: ignore[attr-defined]
            country=country, is_active=True, kind__in=sorted(COURT_KINDS)
        )
        self.fields["requalified_as"].queryset = Offence.objects.filter(  # type: ignore[attr-defined]
            country=country, is_active=True
        )

    def details(self) -> JudgmentDetails:
        data = self.cleaned_data
        return JudgmentDetails(
            instance=data["instance"],
            decided_on=data["decided_on"],
            court=data["court"],
            outcome=data["outcome"],
            requalified_as=data["requalified_as"],
            prison_months=data["prison_months"],
            suspended_months=data["suspended_months"],
            fine=data["fine"],
            confiscation=data["confiscation"],
        )


class CompensationForm(StyledForm):
    judgment = forms.ChoiceField(label=_("Judgment"))
    victim = forms.ChoiceField(label=_("Victim"))
    awarded = forms.DecimalField(label=_("Amount awarded (MAD)"), decimal_places=2)
    paid = forms.DecimalField(label=_("Amount paid (MAD)"), decimal_places=2, initial=0)
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE_WIDGET, required=False)

    def __init__(
        self,
        *args: Any,
        judgments: list[Judgment],
        victims: list[tuple[ProceedingCase, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["judgment"].choices = [  # type: ignore[attr-defined]
            (
                str(j.pk),
                f"{j.charge.offence.article} · {j.get_instance_display()} · "
                f"{j.decided_on.isoformat()}",
            )
            for j in judgments
        ]
        self.fields["victim"].choices = [(str(v.pk), name) for v, name in victims]  # type: ignore[attr-defined]
