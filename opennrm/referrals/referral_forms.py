"""Forms of the referral workflow: sending, answering, service and outcome, revoking."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation
from opennrm.cases.models import Case, ConsentRecord, SupportAction
from opennrm.cases.vocabularies import ConsentPurpose
from opennrm.core import geo
from opennrm.core.forms import DATE_WIDGET, CollatedModelChoiceField, StyledForm
from opennrm.core.text import joined
from opennrm.referrals.models import DisclosureProfile, Service
from opennrm.referrals.selectors import actions_a_referral_can_deliver
from opennrm.referrals.services import ReferralRequest
from opennrm.referrals.vocabularies import (
    DeclineReason,
    DisclosedField,
    ReferralOutcome,
    ServiceType,
)


class ProfileChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: DisclosureProfile) -> str:
        labels = dict(DisclosedField.choices)
        shown = joined(labels.get(f, f) for f in obj.fields)
        return f"{obj.name}: {shown}"


class ServiceChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Service) -> str:
        place = geo.region_name(obj.region) if obj.region else _("nationwide")
        return f"{obj.organisation} · {obj.name} ({obj.get_service_type_display()}, {place})"


class ConsentChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: ConsentRecord) -> str:
        recipient = obj.recipient_organisation or obj.recipient_description
        given = formats.date_format(timezone.localtime(obj.given_at), "SHORT_DATE_FORMAT")
        return f"{given} · {recipient} · {obj.get_given_by_display()}"


class SupportActionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: SupportAction) -> str:
        due = f" · {formats.date_format(obj.due_on, 'SHORT_DATE_FORMAT')}" if obj.due_on else ""
        return f"{obj.get_support_type_display()}: {obj.description[:80]}{due}"


class ReferralSendForm(StyledForm):
    service = ServiceChoiceField(
        label=_("Service from the directory"),
        queryset=Service.objects.none(),
        required=False,
        help_text=_("Choosing a service chooses its organisation."),
    )
    recipient_organisation = CollatedModelChoiceField(
        label=_("Or an organisation in OpenNRM"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    external_recipient_name = forms.CharField(
        label=_("Or a recipient without an account (clinic, organisation abroad)"),
        max_length=200,
        required=False,
    )
    external_recipient_email = forms.EmailField(label=_("Its e-mail"), required=False)
    external_recipient_country = forms.ChoiceField(label=_("Its country"), required=False)
    service_types = forms.MultipleChoiceField(
        label=_("Services requested"),
        choices=ServiceType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    urgent = forms.BooleanField(
        label=_("Urgent: the recipient must answer within hours"), required=False
    )
    reason = forms.CharField(
        label=_("Reason for the referral"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("The recipient reads this: write only what it needs to know."),
    )
    medical_needs = forms.CharField(
        label=_("Medical needs"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    disclosure_profile = ProfileChoiceField(
        label=_("What the recipient will see"),
        queryset=DisclosureProfile.objects.filter(is_active=True),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    extra_fields = forms.MultipleChoiceField(
        label=_("Also disclose"),
        choices=DisclosedField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The exploitation narrative is never shared unless you tick it here."),
    )
    consent = ConsentChoiceField(
        label=_("Consent covering this referral"),
        queryset=ConsentRecord.objects.none(),
        required=False,
        help_text=_("Left empty, OpenNRM uses the latest consent naming the recipient."),
    )
    consent_override_reason = forms.CharField(
        label=_("Proceed without consent, because"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
        help_text=_(
            "Only for an emergency. The reason is kept with the record; the audit log notes "
            "that consent was overridden."
        ),
    )
    outcome_due_on = forms.DateField(
        label=_("Outcome expected by"), widget=DATE_WIDGET, required=False
    )
    support_action = SupportActionChoiceField(
        label=_("Action of the support plan this referral delivers"),
        queryset=SupportAction.objects.none(),
        required=False,
    )
    send_despite_warnings = forms.BooleanField(
        label=_("I have read the warning: send the referral all the same"), required=False
    )

    def __init__(self, *args: Any, case: Case, can_override: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = case.owner_organisation_id
        self.fields["service"].queryset = (  # type: ignore[attr-defined]
            Service.objects.filter(is_active=True, organisation__is_active=True)
            .exclude(organisation_id=own)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        self.fields["recipient_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        ).exclude(pk=own)
        self.fields["consent"].queryset = case.consents.filter(  # type: ignore[attr-defined]
            purpose=ConsentPurpose.REFERRAL, given=True, withdrawn_at__isnull=True
        ).select_related("recipient_organisation")
        self.fields["external_recipient_country"].choices = geo.country_choices(blank="—")  # type: ignore[attr-defined]
        if not can_override:
            del self.fields["consent_override_reason"]
        self.fields["support_action"].queryset = actions_a_referral_can_deliver(case)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        service = data.get("service")
        if service is not None and not data.get("recipient_organisation"):
            data["recipient_organisation"] = service.organisation
        return data

    def request(self) -> ReferralRequest:
        data = self.cleaned_data
        return ReferralRequest(
            service_types=data["service_types"],
            reason=data["reason"],
            disclosure_profile=data["disclosure_profile"],
            recipient_organisation=data.get("recipient_organisation"),
            service=data.get("service"),
            external_recipient_name=data["external_recipient_name"],
            external_recipient_email=data["external_recipient_email"],
            external_recipient_country=data["external_recipient_country"],
            urgent=data["urgent"],
            medical_needs=data["medical_needs"],
            extra_fields=data["extra_fields"],
            consent=data.get("consent"),
            consent_override_reason=data.get("consent_override_reason", ""),
            outcome_due_on=data.get("outcome_due_on"),
            support_action=data.get("support_action"),
        )


class DeclineForm(StyledForm):
    code = forms.ChoiceField(label=_("Why"), choices=[("", "—"), *DeclineReason.choices])
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("The sender needs it to refer elsewhere."),
    )


class RevokeForm(StyledForm):
    reason = forms.CharField(
        label=_("Why the referral is revoked"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class NoteForm(StyledForm):
    note = forms.CharField(
        label=_("Note (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class MessageForm(StyledForm):
    text = forms.CharField(
        label=_("Message to the other organisation"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
    )


class ServiceStartForm(StyledForm):
    started_on = forms.DateField(
        label=_("Service started on"), widget=DATE_WIDGET, initial=timezone.localdate
    )


class OutcomeForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ReferralOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("What was (not) delivered, and why"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        required=False,
    )
    completed_on = forms.DateField(
        label=_("Completed on"), widget=DATE_WIDGET, initial=timezone.localdate
    )


class DiscloseMoreForm(StyledForm):
    fields_to_add = forms.MultipleChoiceField(
        label=_("Show the recipient also"),
        choices=DisclosedField.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Why"), max_length=500, required=False)

    def __init__(self, *args: Any, already: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fields_to_add"].choices = [  # type: ignore[attr-defined]
            (k, v) for k, v in DisclosedField.choices if k not in already
        ]


class LinkCodeForm(StyledForm):
    code = forms.CharField(label=_("Code you were given"), max_length=20)


class LinkAnswerForm(StyledForm):
    responder = forms.CharField(label=_("Your name and role"), max_length=200)
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("We accept the referral")), ("decline", _("We decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


def _case_consents(case: Case) -> Any:
    return case.consents.filter(
        purpose__in=[ConsentPurpose.DATA_SHARING, ConsentPurpose.REFERRAL],
        given=True,
        withdrawn_at__isnull=True,
    ).select_related("recipient_organisation")


class TransferConsentForm(StyledForm):
    """The owner's part of a transfer: read access kept, and the consent that covers it."""

    keep_read_access = forms.BooleanField(
        label=_("Keep read access to the case after the transfer"),
        required=False,
        help_text=_("Only if your organisation still needs to follow the case."),
    )
    consent = ConsentChoiceField(
        label=_("Consent covering the transfer"),
        queryset=ConsentRecord.objects.none(),
        required=False,
        help_text=_("Left empty, OpenNRM uses the latest consent naming the new organisation."),
    )
    consent_override_reason = forms.CharField(
        label=_("Proceed without consent, because"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
        help_text=_(
            "Only for an emergency. The reason is kept with the record; the audit log notes "
            "that consent was overridden."
        ),
    )

    def __init__(self, *args: Any, case: Case, can_override: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].queryset = _case_consents(case)  # type: ignore[attr-defined]
        if not can_override:
            del self.fields["consent_override_reason"]


class TransferProposeForm(TransferConsentForm):
    to_organisation = CollatedModelChoiceField(
        label=_("New responsible organisation"), queryset=Organisation.objects.none()
    )
    reason = forms.CharField(
        label=_("Reason for the transfer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    field_order = ["to_organisation", "reason", "keep_read_access", "consent"]

    def __init__(self, *args: Any, case: Case, can_override: bool, **kwargs: Any) -> None:
        super().__init__(*args, case=case, can_override=can_override, **kwargs)
        self.fields["to_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        ).exclude(pk=case.owner_organisation_id)


class TransferRequestForm(StyledForm):
    case_reference = forms.CharField(label=_("Case reference"), max_length=16)
    to_organisation = CollatedModelChoiceField(
        label=_("New responsible organisation"),
        queryset=Organisation.objects.filter(is_active=True),
    )
    reason = forms.CharField(
        label=_("Reason for the transfer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class WithdrawForm(StyledForm):
    reason = forms.CharField(
        label=_("Why it is withdrawn"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
