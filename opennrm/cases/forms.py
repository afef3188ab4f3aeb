from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Membership, Organisation, User
from opennrm.cases.models import Case
from opennrm.cases.services import CaseDetails, ConsentDetails
from opennrm.cases.vocabularies import (
    ConsentGivenBy,
    ConsentPurpose,
    DecisionMakingBody,
    ExploitationType,
    ForcedLabourIndustry,
    MethodOfControl,
    MethodOfRecruitment,
    NRMStage,
    ReferralReason,
    RelationshipToTrafficker,
    SexExploitationType,
    TraffickingStatus,
    WebsiteOrApp,
)
from opennrm.core import geo
from opennrm.core.forms import DATE_WIDGET, CollatedModelChoiceField, StyledForm
from opennrm.people.forms import PersonForm


class CaseForm(StyledForm):
    identified_on = forms.DateField(label=_("First contact on"), widget=DATE_WIDGET)
    identification_region = forms.ChoiceField(label=_("Region of identification"), required=False)
    identification_province = forms.ChoiceField(label=_("Province or prefecture"), required=False)
    exploitation_types = forms.MultipleChoiceField(
        label=_("Forms of exploitation"),
        choices=ExploitationType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    country_of_recruitment = forms.ChoiceField(label=_("Country of recruitment"), required=False)
    country_of_exploitation = forms.ChoiceField(label=_("Country of exploitation"), required=False)
    age_when_trafficked = forms.IntegerField(
        label=_("Age when first trafficked"), required=False, min_value=0, max_value=110
    )
    relationship_to_trafficker = forms.ChoiceField(
        label=_("Relationship to the trafficker"),
        required=False,
        choices=[("", "—"), *RelationshipToTrafficker.choices],
    )
    methods_of_recruitment = forms.MultipleChoiceField(
        label=_("Methods of recruitment"),
        required=False,
        choices=MethodOfRecruitment.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    methods_of_control = forms.MultipleChoiceField(
        label=_("Methods of control"),
        required=False,
        choices=MethodOfControl.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    recruitment_websites_and_apps = forms.MultipleChoiceField(
        label=_("Websites and apps used to recruit"),
        required=False,
        choices=WebsiteOrApp.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    exploitation_websites_and_apps = forms.MultipleChoiceField(
        label=_("Websites and apps used to exploit"),
        required=False,
        choices=WebsiteOrApp.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    types_of_sex_exploitation = forms.MultipleChoiceField(
        label=_("Types of sexual exploitation"),
        required=False,
        choices=SexExploitationType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    forced_labour_industry = forms.ChoiceField(
        label=_("Industry of forced labour"),
        required=False,
        choices=[("", "—"), *ForcedLabourIndustry.choices],
    )
    narrative = forms.CharField(
        label=_("What happened (narrative)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    case_owner = CollatedModelChoiceField(
        label=_("Case worker"), required=False, queryset=User.objects.none()
    )
    referring_organisation = CollatedModelChoiceField(
        label=_("Referred by"),
        required=False,
        queryset=Organisation.objects.filter(is_active=True),
    )
    incoming_referral_date = forms.DateField(
        label=_("Referred on"), required=False, widget=DATE_WIDGET
    )
    reason_for_incoming_referral = forms.ChoiceField(
        label=_("Reason for the referral"),
        required=False,
        choices=[("", "—"), *ReferralReason.choices],
    )
    incoming_referral_details = forms.CharField(
        label=_("Referral details"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["identification_region"].choices = geo.region_choices(blank="—")  # type: ignore[attr-defined]
        # Only the provinces of the chosen region (htmx refills the list when it changes).
        region = self.data.get("identification_region") or self.initial.get("identification_region")
        self.fields["identification_province"].choices = geo.province_choices(  # type: ignore[attr-defined]
            region=region or None, blank="—"
        )
        self.fields["identification_region"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("province_options"),
                "hx-target": "#id_identification_province",
                "hx-trigger": "change",
            }
        )
        countries = geo.country_choices(blank="—")
        self.fields["country_of_recruitment"].choices = countries  # type: ignore[attr-defined]
        self.fields["country_of_exploitation"].choices = countries  # type: ignore[attr-defined]
        member_ids = Membership.objects.filter(organisation=organisation, is_active=True).values(
            "user_id"
        )
        owner_field = self.fields["case_owner"]
        owner_field.queryset = User.objects.filter(pk__in=member_ids).order_by("username")  # type: ignore[attr-defined]
        owner_field.label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]

    def case_details(self) -> CaseDetails:
        data = self.cleaned_data
        return CaseDetails(
            identified_on=data["identified_on"],
            exploitation_types=list(data["exploitation_types"]),
            identification_region=data["identification_region"],
            identification_province=data["identification_province"],
            country_of_recruitment=data["country_of_recruitment"],
            country_of_exploitation=data["country_of_exploitation"],
            recruitment_websites_and_apps=list(data["recruitment_websites_and_apps"]),
            exploitation_websites_and_apps=list(data["exploitation_websites_and_apps"]),
            age_when_trafficked=data["age_when_trafficked"],
            relationship_to_trafficker=data["relationship_to_trafficker"],
            methods_of_recruitment=list(data["methods_of_recruitment"]),
            methods_of_control=list(data["methods_of_control"]),
            types_of_sex_exploitation=list(data["types_of_sex_exploitation"]),
            forced_labour_industry=data["forced_labour_industry"],
            narrative=data["narrative"],
            case_owner=data["case_owner"],
            referring_organisation=data["referring_organisation"],
            incoming_referral_date=data["incoming_referral_date"],
            reason_for_incoming_referral=data["reason_for_incoming_referral"],
            incoming_referral_details=data["incoming_referral_details"],
        )

    @staticmethod
    def initial_case(case: Case) -> dict[str, Any]:
        return {
            "identified_on": case.identified_on,
            "identification_region": case.identification_region,
            "identification_province": case.identification_province,
            "exploitation_types": [e.exploitation_type for e in case.exploitations.all()],
            "country_of_recruitment": case.country_of_recruitment,
            "country_of_exploitation": case.country_of_exploitation,
            "recruitment_websites_and_apps": case.recruitment_websites_and_apps,
            "exploitation_websites_and_apps": case.exploitation_websites_and_apps,
            "age_when_trafficked": case.age_when_trafficked,
            "relationship_to_trafficker": case.relationship_to_trafficker,
            "methods_of_recruitment": case.methods_of_recruitment,
            "methods_of_control": case.methods_of_control,
            "types_of_sex_exploitation": case.types_of_sex_exploitation,
            "forced_labour_industry": case.forced_labour_industry,
            "narrative": case.narrative,
            "referring_organisation": case.referring_organisation_id,
            "incoming_referral_date": case.incoming_referral_date,
            "reason_for_incoming_referral": case.reason_for_incoming_referral,
            "incoming_referral_details": case.incoming_referral_details,
            "case_owner": case.case_owner_id,
            "version": case.version,
        }


class CaseEditForm(CaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CaseOpenForm(PersonForm, CaseForm):
    """Registration of a person and their case in one form."""

    initial_status = forms.ChoiceField(
        label=_("Initial assessment"),
        choices=TraffickingStatus.choices,
        initial=TraffickingStatus.POSSIBLE,
    )
    decision_making_body = forms.ChoiceField(
        label=_("Assessed by"), choices=DecisionMakingBody.choices, initial=DecisionMakingBody.NGO
    )

    # The fields duplicate detection compares: typing in them (not in the narrative) asks
    # "is this person already known?" again.
    MATCH_FIELDS = (
        "given_name_latin",
        "family_name_latin",
        "given_name_arabic",
        "family_name_arabic",
        "birth_date",
        "gender",
        "citizenships",
        "phone",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.MATCH_FIELDS:
            if name in self.fields:
                self.fields[name].widget.attrs["data-match-field"] = ""

    def person_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in PersonForm.base_fields]

    def case_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in PersonForm.base_fields]


class StageForm(StyledForm):
    to_stage = forms.ChoiceField(label=_("Move to stage"), choices=NRMStage.choices)
    closure_reason = forms.CharField(label=_("Reason for closure"), required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)


class StatusDecisionForm(StyledForm):
    """A review of an earlier decision on the person's status (identification itself is
    recorded as identification decisions, with their deadlines)."""

    status = forms.ChoiceField(
        label=_("Status after the review"), choices=TraffickingStatus.choices
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE_WIDGET)
    decision_making_body = forms.ChoiceField(
        label=_("Decision-making body"), choices=DecisionMakingBody.choices
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CaseNoteForm(StyledForm):
    body = forms.CharField(
        label=_("Note"), max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsentForm(StyledForm):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    recipient_organisation = CollatedModelChoiceField(
        label=_("Recipient organisation"),
        required=False,
        queryset=Organisation.objects.filter(is_active=True),
    )
    recipient_description = forms.CharField(
        label=_("Other recipient"), required=False, max_length=200
    )
    given = forms.TypedChoiceField(
        label=_("Answer"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Consent given")), ("no", _("Consent refused"))],
    )
    given_by = forms.ChoiceField(label=_("Given by"), choices=ConsentGivenBy.choices)
    given_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    explained_purpose = forms.BooleanField(label=_("The purpose was explained"), required=False)
    explained_data_uses = forms.BooleanField(
        label=_("Actual and potential uses of the data were explained"), required=False
    )
    explained_research_use = forms.BooleanField(
        label=_("Non-identifying research use was explained"), required=False
    )
    explained_right_of_access = forms.BooleanField(
        label=_("The right to obtain one's data was explained"), required=False
    )
    explained_retention = forms.BooleanField(
        label=_("The retention period was explained"), required=False
    )
    explained_withdrawal = forms.BooleanField(
        label=_("How to withdraw consent was explained"), required=False
    )
    interpreter_language = forms.ChoiceField(label=_("Interpreted into"), required=False)
    form_version = forms.CharField(label=_("Consent form version"), required=False, max_length=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interpreter_language"].choices = geo.language_choices(blank="—")  # type: ignore[attr-defined]
        self.fields["given_at"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")

    def consent_details(self) -> ConsentDetails:
        data = self.cleaned_data
        return ConsentDetails(
            purpose=data["purpose"],
            given=data["given"],
            given_at=data["given_at"],
            given_by=data["given_by"],
            recipient_organisation=data["recipient_organisation"],
            recipient_description=data["recipient_description"],
            explained_purpose=data["explained_purpose"],
            explained_data_uses=data["explained_data_uses"],
            explained_research_use=data["explained_research_use"],
            explained_right_of_access=data["explained_right_of_access"],
            explained_retention=data["explained_retention"],
            explained_withdrawal=data["explained_withdrawal"],
            interpreter_language=data["interpreter_language"],
            form_version=data["form_version"],
        )


class ConsentWithdrawForm(StyledForm):
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
