from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from rest_framework import serializers

from opennrm.accounts.models import Organisation
from opennrm.cases.models import Case, CaseNote
from opennrm.cases.services import CaseDetails
from opennrm.cases.vocabularies import (
    CaseStatus,
    DecisionMakingBody,
    ExploitationType,
    NRMStage,
    ReferralReason,
    TraffickingStatus,
)
from opennrm.people.models import Person
from opennrm.people.services import PersonDetails


class ReadOnlyModelSerializer(serializers.ModelSerializer[Any]):
    """A model serializer whose fields are all read-only. DRF drops `allow_blank` from
    read-only fields, so a list of choices that may be left empty ("" stored: no relationship
    to the trafficker recorded) would be published as the choices alone and every answer
    holding "" would contradict the schema; here such a field keeps it, and the schema says
    the value may be empty."""

    def include_extra_kwargs(
        self, kwargs: MutableMapping[str, Any], extra_kwargs: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        blank_choices = bool(kwargs.get("allow_blank")) and "choices" in kwargs
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if blank_choices:
            kwargs["allow_blank"] = True
        return kwargs


class CaseSummarySerializer(serializers.ModelSerializer[Case]):
    person_reference = serializers.CharField(source="person.reference_code", read_only=True)
    exploitation_types = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "reference_code",
            "person_reference",
            "nrm_stage",
            "status",
            "trafficking_status",
            "exploitation_types",
            "identification_region",
            "identified_on",
            "updated_at",
        ]

    def get_exploitation_types(self, case: Case) -> list[str]:
        return sorted(e.exploitation_type for e in case.exploitations.all())


class PersonSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = Person
        fields = [
            "id",
            "reference_code",
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
            "version",
        ]
        read_only_fields = fields


class CaseDetailSerializer(ReadOnlyModelSerializer):
    person = PersonSerializer(read_only=True)
    exploitation_types = serializers.SerializerMethodField()
    owner_organisation = serializers.CharField(source="owner_organisation.name", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "reference_code",
            "person",
            "owner_organisation",
            "case_owner",
            "status",
            "nrm_stage",
            "stage_changed_at",
            "trafficking_status",
            "exploitation_types",
            "identified_on",
            "identification_region",
            "country_of_recruitment",
            "country_of_exploitation",
            "recruitment_websites_and_apps",
            "exploitation_websites_and_apps",
            "age_when_trafficked",
            "relationship_to_trafficker",
            "methods_of_recruitment",
            "methods_of_control",
            "types_of_sex_exploitation",
            "forced_labour_industry",
            "narrative",
            "referring_organisation",
            "incoming_referral_date",
            "reason_for_incoming_referral",
            "incoming_referral_details",
            "closure_reason",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_exploitation_types(self, case: Case) -> list[str]:
        return sorted(e.exploitation_type for e in case.exploitations.all())


class PersonInputSerializer(serializers.Serializer[PersonDetails]):
    given_name_latin = serializers.CharField(required=False, allow_blank=True, max_length=120)
    family_name_latin = serializers.CharField(required=False, allow_blank=True, max_length=120)
    given_name_arabic = serializers.CharField(required=False, allow_blank=True, max_length=120)
    family_name_arabic = serializers.CharField(required=False, allow_blank=True, max_length=120)
    alias = serializers.CharField(required=False, allow_blank=True, max_length=200)
    birth_date = serializers.CharField(required=False, allow_blank=True, max_length=10)
    gender = serializers.CharField(required=False, default="NonSpecifiedUnknown")
    citizenships = serializers.ListField(
        child=serializers.CharField(max_length=2), required=False, default=list
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=3), required=False, default=list
    )
    marital_status = serializers.CharField(required=False, allow_blank=True, default="")
    number_of_children = serializers.IntegerField(required=False, allow_null=True, default=None)
    education = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=32)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    address = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class CaseInputSerializer(serializers.Serializer[CaseDetails]):
    identified_on = serializers.DateField()
    exploitation_types = serializers.ListField(
        child=serializers.ChoiceField(choices=ExploitationType.choices), min_length=1
    )
    identification_region = serializers.CharField(required=False, allow_blank=True, default="")
    country_of_recruitment = serializers.CharField(required=False, allow_blank=True, default="")
    country_of_exploitation = serializers.CharField(required=False, allow_blank=True, default="")
    recruitment_websites_and_apps = serializers.ListField(
        child=serializers.CharField(), required=False, default=list
    )
    exploitation_websites_and_apps = serializers.ListField(
        child=serializers.CharField(), required=False, default=list
    )
    age_when_trafficked = serializers.IntegerField(required=False, allow_null=True, default=None)
    relationship_to_trafficker = serializers.CharField(required=False, allow_blank=True, default="")
    methods_of_recruitment = serializers.ListField(
        child=serializers.CharField(), required=False, default=list
    )
    methods_of_control = serializers.ListField(
        child=serializers.CharField(), required=False, default=list
    )
    types_of_sex_exploitation = serializers.ListField(
        child=serializers.CharField(), required=False, default=list
    )
    forced_labour_industry = serializers.CharField(required=False, allow_blank=True, default="")
    narrative = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=20000
    )
    referring_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        default=None,
        allow_null=True,
    )
    incoming_referral_date = serializers.DateField(required=False, default=None, allow_null=True)
    reason_for_incoming_referral = serializers.ChoiceField(
        choices=ReferralReason.choices, required=False, default="", allow_blank=True
    )
    incoming_referral_details = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000
    )


class CaseOpenSerializer(serializers.Serializer[Any]):
    person = PersonInputSerializer()
    case = CaseInputSerializer()
    initial_status = serializers.ChoiceField(
        choices=TraffickingStatus.choices, default=TraffickingStatus.POSSIBLE
    )
    decision_making_body = serializers.ChoiceField(
        choices=DecisionMakingBody.choices, default=DecisionMakingBody.OTHER
    )


class CaseUpdateSerializer(CaseInputSerializer):
    version = serializers.IntegerField(min_value=1)


class CaseFilterSerializer(serializers.Serializer[Any]):
    nrm_stage = serializers.ChoiceField(choices=NRMStage.choices, required=False)
    trafficking_status = serializers.ChoiceField(choices=TraffickingStatus.choices, required=False)
    exploitation_type = serializers.ChoiceField(choices=ExploitationType.choices, required=False)
    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
    identification_region = serializers.CharField(required=False, max_length=6)


class CaseSearchSerializer(serializers.Serializer[Any]):
    q = serializers.CharField(max_length=200)


class CaseNoteSerializer(serializers.ModelSerializer[CaseNote]):
    class Meta:
        model = CaseNote
        fields = ["id", "body", "created_at"]
        read_only_fields = ["id", "created_at"]


class CaseSummaryPageSerializer(serializers.Serializer[Any]):
    """One page of a case list. `count` stops at OPENNRM_LIST_COUNT_CAP."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CaseSummarySerializer(many=True)
