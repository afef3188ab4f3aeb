from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation, User
from opennrm.cases.models import Case, ConsentRecord, SupportAction
from opennrm.core.fields import EncryptedTextField
from opennrm.core.models import BaseModel
from opennrm.referrals.vocabularies import (
    OPEN_STATES,
    OPEN_TRANSFER_STATES,
    DeclineReason,
    ReferralEventKind,
    ReferralOutcome,
    ReferralState,
    ServiceType,
    TransferState,
)


class Service(BaseModel):
    """A service an organisation offers to referred persons. Empty eligibility lists mean
    "everyone". Shelters give a region and city only: their address is protected."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)
    service_type = models.CharField(
        _("type of service"), max_length=40, choices=ServiceType.choices
    )
    description = models.TextField(_("description"), blank=True)
    region = models.CharField(_("region"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    nationwide = models.BooleanField(_("available nationwide"), default=False)
    eligible_sexes = models.JSONField(_("for"), default=list, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    eligible_nationalities = models.JSONField(_("nationalities"), default=list, blank=True)
    eligible_exploitation_types = models.JSONField(
        _("forms of exploitation"), default=list, blank=True
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=16, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["service_type", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            models.Index(fields=["service_type", "region", "is_active"], name="service_find")
        ]

    def __str__(self) -> str:
        return self.name


class DisclosureProfile(BaseModel):
    """A named set of fields a referral shows its recipient (e.g. "shelter admission"). Profiles
    are data: loaded from referrals/data/disclosure_profiles.json, editable in the admin."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_ar = models.CharField(_("name (Arabic)"), max_length=100)
    fields = models.JSONField(_("fields disclosed"), default=list)
    sort_order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort_order", "key"]
        verbose_name = _("disclosure profile")
        verbose_name_plural = _("disclosure profiles")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        return str(getattr(self, f"name_{language}", "") or self.name_en)


class Referral(BaseModel):
    """A request from the organisation that owns a case to a service provider, registered in
    OpenNRM (recipient_organisation) or not (external_*: reached by a one-time link)."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "case__person"

    reference_code = models.CharField(_("reference"), max_length=16, unique=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    sender_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referrals_sent"
    )
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recipient_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_received",
        verbose_name=_("recipient organisation"),
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("service"),
    )
    external_recipient_name = models.CharField(
        _("recipient without an account"), max_length=200, blank=True
    )
    external_recipient_email = models.EmailField(_("recipient e-mail"), blank=True)
    external_recipient_country = models.CharField(_("recipient country"), max_length=2, blank=True)
    service_types = models.JSONField(_("services requested"), default=list)
    urgent = models.BooleanField(_("urgent"), default=False)
    reason = EncryptedTextField(_("reason for the referral"))
    medical_needs = EncryptedTextField(_("medical needs"), blank=True)
    support_action = models.ForeignKey(
        SupportAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("support plan action"),
    )
    disclosure_profile = models.ForeignKey(
        DisclosureProfile,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("disclosure profile"),
    )
    disclosed_fields = models.JSONField(_("fields disclosed"), default=list)
    consent = models.ForeignKey(
        ConsentRecord,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("consent"),
    )
    consent_override_reason = EncryptedTextField(
        _("reason for proceeding without consent"), blank=True
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ReferralState.choices, default=ReferralState.SENT
    )
    state_changed_at = models.DateTimeField(_("state since"))
    sent_at = models.DateTimeField(_("sent at"))
    response_due_at = models.DateTimeField(_("answer due by"))
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    decline_code = models.CharField(
        _("why declined"), max_length=16, choices=DeclineReason.choices, blank=True
    )
    outcome_due_on = models.DateField(_("outcome expected by"), null=True, blank=True)
    service_started_on = models.DateField(_("service started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=24, choices=ReferralOutcome.choices, blank=True
    )
    outcome_note = models.TextField(_("outcome details"), blank=True)
    closing_reason = models.TextField(_("reason for revoking or cancelling"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["recipient_organisation", "state"], name="referral_incoming"),
            models.Index(fields=["sender_organisation", "state"], name="referral_outgoing"),
            models.Index(fields=["state", "response_due_at"], name="referral_due"),
        ]

    def __str__(self) -> str:
        return self.reference_code

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_external(self) -> bool:
        return self.recipient_organisation_id is None

    @property
    def recipient_label(self) -> str:
        if self.recipient_organisation is not None:
            return str(self.recipient_organisation)
        return self.external_recipient_name


class ReferralEvent(BaseModel):
    """The referral's history as both sides see it: state changes, messages, disclosures."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "referral__case__person"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=ReferralEventKind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=16, choices=ReferralState.choices, blank=True)
    text = EncryptedTextField(blank=True)
    added_fields = models.JSONField(default=list, blank=True)
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["occurred_at", "created_at"]


class ReferralLink(BaseModel):
    """A one-time, expiring link for a recipient without an account. Only hashes of the token
    and of the code sent separately are stored."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    opened_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]


class Transfer(BaseModel):
    """A change of the organisation responsible for a case: proposed by the owner (or requested
    by the national coordinator, then proposed by the owner), accepted or declined by the
    recipient. On acceptance the former owner keeps read access only if the transfer grants it."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "case__person"

    reference_code = models.CharField(_("reference"), max_length=16, unique=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transfers")
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="transfers_out"
    )
    to_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="transfers_in",
        verbose_name=_("new responsible organisation"),
    )
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requesting_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proposed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = EncryptedTextField(_("reason for the transfer"))
    keep_read_access = models.BooleanField(_("keep read access after the transfer"), default=False)
    consent = models.ForeignKey(
        ConsentRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="transfers"
    )
    consent_override_reason = EncryptedTextField(blank=True)
    state = models.CharField(_("state"), max_length=16, choices=TransferState.choices)
    state_changed_at = models.DateTimeField(_("state since"))
    answered_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answer_note = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("transfer of responsibility")
        verbose_name_plural = _("transfers of responsibility")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(state__in=["Requested", "Proposed"]),
                name="one_open_transfer_per_case",
            )
        ]
        indexes = [models.Index(fields=["to_organisation", "state"], name="transfer_incoming")]

    def __str__(self) -> str:
        return self.reference_code

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_TRANSFER_STATES
