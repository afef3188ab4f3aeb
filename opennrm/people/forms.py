from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opennrm.core import geo
from opennrm.core.forms import StyledForm
from opennrm.people.models import Person
from opennrm.people.services import PersonDetails
from opennrm.people.vocabularies import DocumentType, EducationLevel, Gender, MaritalStatus


class PersonForm(StyledForm):
    given_name_latin = forms.CharField(
        label=_("Given name (Latin script)"), required=False, max_length=120
    )
    family_name_latin = forms.CharField(
        label=_("Family name (Latin script)"), required=False, max_length=120
    )
    given_name_arabic = forms.CharField(
        label=_("Given name (Arabic script)"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
    )
    family_name_arabic = forms.CharField(
        label=_("Family name (Arabic script)"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
    )
    alias = forms.CharField(label=_("Other names or aliases"), required=False, max_length=200)
    birth_date = forms.CharField(
        label=_("Date of birth"),
        required=False,
        max_length=10,
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD: give only what is known."),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNKNOWN)
    citizenships = forms.MultipleChoiceField(label=_("Citizenship(s)"), required=False)
    languages = forms.MultipleChoiceField(label=_("Languages spoken"), required=False)
    marital_status = forms.ChoiceField(
        label=_("Marital status"), required=False, choices=[("", "—"), *MaritalStatus.choices]
    )
    number_of_children = forms.IntegerField(
        label=_("Number of children"), required=False, min_value=0, max_value=30
    )
    education = forms.ChoiceField(
        label=_("Highest level of education"),
        required=False,
        choices=[("", "—"), *EducationLevel.choices],
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=32,
        help_text=_("Moroccan numbers may be entered without the +212 prefix."),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    deceased = forms.BooleanField(label=_("Deceased"), required=False)
    address = forms.CharField(
        label=_("Address"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["citizenships"].choices = geo.country_choices()  # type: ignore[attr-defined]
        self.fields["languages"].choices = geo.language_choices()  # type: ignore[attr-defined]

    def person_details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            given_name_latin=data["given_name_latin"],
            family_name_latin=data["family_name_latin"],
            given_name_arabic=data["given_name_arabic"],
            family_name_arabic=data["family_name_arabic"],
            alias=data["alias"],
            birth_date=data["birth_date"],
            gender=data["gender"],
            citizenships=list(data["citizenships"]),
            languages=list(data["languages"]),
            marital_status=data["marital_status"],
            number_of_children=data["number_of_children"],
            education=data["education"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            deceased=data["deceased"],
        )

    @staticmethod
    def initial_person(person: Person) -> dict[str, Any]:
        return {
            name: getattr(person, name)
            for name in (
                "given_name_latin",
                "family_name_latin",
                "given_name_arabic",
                "family_name_arabic",
                "alias",
                "birth_date",
                "gender",
                "citizenships",
                "languages",
                "marital_status",
                "number_of_children",
                "education",
                "phone",
                "email",
                "address",
                "deceased",
            )
        }


class PersonEditForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class IdentityDocumentForm(StyledForm):
    document_type = forms.ChoiceField(label=_("Type of document"), choices=DocumentType.choices)
    number = forms.CharField(label=_("Document number"), max_length=64)
    issuing_country = forms.ChoiceField(label=_("Issuing country"), required=False)
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    held_by_person = forms.BooleanField(
        label=_("The person holds this document"),
        required=False,
        initial=True,
        help_text=_("Untick when the document is withheld, e.g. by an employer."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuing_country"].choices = geo.country_choices(blank="—")  # type: ignore[attr-defined]
