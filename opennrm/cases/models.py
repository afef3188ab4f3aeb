from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation, User
from opennrm.cases.vocabularies import (
    DONE_ACTION_STATUSES,
    CaseStatus,
    ConsentGivenBy,
    ConsentPurpose,
    DecisionKind,
    DecisionMakingBody,
    ExploitationType,
    ForcedLabourIndustry,
    IdentificationOutcome,
    IdentificationStage,
    IdentificationState,
    NRMStage,
    ReferralReason,
    RelationshipToTrafficker,
    SupportActionStatus,
    SupportDelivery,
    SupportType,
    TraffickingStatus,
)
from opennrm.core.fields import EncryptedTextField
from opennrm.core.models import BaseModel
from opennrm.people.models import Person


class Case(BaseModel):
    """One person's path through the referral mechanism (HTCDS `cas_` and `vic_`)."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "person"

    reference_code = models.CharField(_("reference"), max_length=16, unique=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_cases",
        verbose_name=_("owning organisation"),
    )
    case_owner = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_cases",
        verbose_name=_("case worker"),
    )
    status = models.CharField(
        _("case status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.ACTIVE
    )
    nrm_stage = models.CharField(
        _("NRM stage"), max_length=24, choices=NRMStage.choices, default=NRMStage.IDENTIFICATION
    )
    stage_changed_at = models.DateTimeField(_("stage since"))
    trafficking_status = models.CharField(
        _("trafficking status"),
        max_length=32,
        choices=TraffickingStatus.choices,
        default=TraffickingStatus.POSSIBLE,
    )
    identified_on = models.DateField(_("first contact on"))
    identification_region = models.CharField(
        _("region of identification"), max_length=6, blank=True
    )
    identification_province = models.CharField(
        _("province or prefecture of identification"), max_length=8, blank=True
    )
    country_of_recruitment = models.CharField(_("country of recruitment"), max_length=2, blank=True)
    country_of_exploitation = models.CharField(
        _("country of exploitation"), max_length=2, blank=True
    )
    # Derived from the (encrypted) date of birth at first contact, for figures: CTDC bands.
    age_band = models.CharField(_("age band at first contact"), max_length=8, blank=True)
    age_when_trafficked = models.PositiveSmallIntegerField(
        _("age when first trafficked"), null=True, blank=True
    )
    relationship_to_trafficker = models.CharField(
        _("relationship to the trafficker"),
        max_length=16,
        choices=RelationshipToTrafficker.choices,
        blank=True,
    )
    methods_of_recruitment = models.JSONField(_("methods of recruitment"), default=list, blank=True)
    methods_of_control = models.JSONField(_("methods of control"), default=list, blank=True)
    recruitment_websites_and_apps = models.JSONField(
        _("websites and apps used to recruit"), default=list, blank=True
    )
    exploitation_websites_and_apps = models.JSONField(
        _("websites and apps used to exploit"), default=list, blank=True
    )
    types_of_sex_exploitation = models.JSONField(
        _("types of sexual exploitation"), default=list, blank=True
    )
    forced_labour_industry = models.CharField(
        _("industry of forced labour"),
        max_length=56,
        choices=ForcedLabourIndustry.choices,
        blank=True,
    )
    narrative = EncryptedTextField(_("what happened (narrative)"), blank=True)
    # How the case reached the owning organisation (HTCDS cas_ incoming referral fields).
    referring_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred by"),
    )
    incoming_referral_date = models.DateField(_("referred on"), null=True, blank=True)
    reason_for_incoming_referral = models.CharField(
        _("reason for the referral"), max_length=32, choices=ReferralReason.choices, blank=True
    )
    incoming_referral_details = EncryptedTextField(_("referral details"), blank=True)
    closure_reason = models.CharField(_("reason for closure"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(
                fields=["owner_organisation", "-updated_at", "-id"], name="case_org_recent"
            ),
            models.Index(
                fields=["owner_organisation", "nrm_stage", "-updated_at", "-id"],
                name="case_org_stage",
            ),
            models.Index(
                fields=["owner_organisation", "trafficking_status", "-updated_at", "-id"],
                name="case_org_status",
            ),
            models.Index(fields=["case_owner", "nrm_stage"], name="case_worker_stage"),
        ]

    def __str__(self) -> str:
        return self.reference_code


class CaseExploitation(models.Model):
    """One form of exploitation of a case (several per case)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="exploitations")
    exploitation_type = models.CharField(max_length=40, choices=ExploitationType.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "exploitation_type"], name="unique_case_exploitation"
            )
        ]
        indexes = [models.Index(fields=["exploitation_type", "case"], name="exploitation_type")]

    def __str__(self) -> str:
        return self.get_exploitation_type_display()


class StatusDecision(BaseModel):
    """A dated decision on trafficking status; the case's current status is the latest one."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "case__person"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_decisions")
    status = models.CharField(_("decision"), max_length=32, choices=TraffickingStatus.choices)
    kind = models.CharField(_("kind of decision"), max_length=16, choices=DecisionKind.choices)
    decided_on = models.DateField(_("decided on"))
    decision_making_body = models.CharField(
        _("decision-making body"), max_length=40, choices=DecisionMakingBody.choices
    )
    decided_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reasons = EncryptedTextField(_("reasons"), blank=True)

    class Meta:
        ordering = ["-decided_on", "-created_at"]
        verbose_name = _("status decision")
        verbose_name_plural = _("status decisions")

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.decided_on})"


class CaseNote(BaseModel):
    """A formal update from a case worker (HTCDS `cco_CaseComment`)."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "case__person"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    body = EncryptedTextField(_("note"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")

    def __str__(self) -> str:
        return f"note {self.pk}"


class ConsentRecord(BaseModel):
    """Informed consent for one purpose and recipient, with what was explained (HTCDS `con_`)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=24, choices=ConsentPurpose.choices)
    recipient_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient organisation"),
    )
    recipient_description = models.CharField(_("recipient (other)"), max_length=200, blank=True)
    given = models.BooleanField(_("consent given"))
    given_by = models.CharField(
        _("given by"), max_length=24, choices=ConsentGivenBy.choices, default=ConsentGivenBy.PERSON
    )
    given_at = models.DateTimeField(_("when"))
    explained_purpose = models.BooleanField(_("purpose explained"), default=False)
    explained_data_uses = models.BooleanField(_("uses of the data explained"), default=False)
    explained_research_use = models.BooleanField(
        _("non-identifying research use explained"), default=False
    )
    explained_right_of_access = models.BooleanField(
        _("right to obtain one's data explained"), default=False
    )
    explained_retention = models.BooleanField(_("retention period explained"), default=False)
    explained_withdrawal = models.BooleanField(_("how to withdraw explained"), default=False)
    interpreter_language = models.CharField(_("interpreted into"), max_length=3, blank=True)
    form_version = models.CharField(_("form version"), max_length=20, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_note = models.CharField(_("withdrawal note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_at:%Y-%m-%d})"

    @property
    def is_in_force(self) -> bool:
        return self.given and self.withdrawn_at is None


class IdentificationDecision(BaseModel):
    """A preliminary or final identification decision: requested, decided, notified. The due
    date is fixed when requested, so a later change of the settings moves no deadline."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "case__person"

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="identification_decisions"
    )
    stage = models.CharField(_("decision"), max_length=16, choices=IdentificationStage.choices)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=IdentificationState.choices,
        default=IdentificationState.REQUESTED,
    )
    requested_on = models.DateField(_("requested on"))
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requesting_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("due on"), db_index=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=IdentificationOutcome.choices, blank=True
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_making_body = models.CharField(
        _("decision-making body"), max_length=40, choices=DecisionMakingBody.choices, blank=True
    )
    decided_by_name = models.CharField(
        _("decided by (name and function)"), max_length=200, blank=True
    )
    reasons = EncryptedTextField(_("reasons"), blank=True)
    status_decision = models.OneToOneField(
        StatusDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notified_on = models.DateField(_("notified on"), null=True, blank=True)
    notified_to = models.CharField(_("notified to"), max_length=200, blank=True)

    class Meta:
        ordering = ["-requested_on", "-created_at"]
        verbose_name = _("identification decision")
        verbose_name_plural = _("identification decisions")
        indexes = [models.Index(fields=["state", "due_on"], name="identification_due")]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} ({self.get_state_display()})"


class RecoveryPeriod(BaseModel):
    """Recovery and reflection period opened by a positive preliminary decision."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recovery_periods")
    decision = models.OneToOneField(
        IdentificationDecision, on_delete=models.PROTECT, related_name="recovery_period"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), db_index=True)
    initially_ends_on = models.DateField(_("initially ends on"))
    extension_reason = models.CharField(_("reason for the extension"), max_length=500, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("recovery and reflection period")
        verbose_name_plural = _("recovery and reflection periods")

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"


class CaseAccessGrant(BaseModel):
    """Read access to a case for an organisation that does not own it: kept by the former owner
    after a transfer of responsibility, when the transfer granted it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_grants")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    granted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_grant_per_organisation",
            )
        ]
        indexes = [models.Index(fields=["organisation", "revoked_at"], name="grant_org")]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.case}"


class SupportPlan(BaseModel):
    """A case's support plan (HTCDS `spl_`): objectives, the action plan, planned and actual
    end dates; its actions are the services delivered in-house or through referrals."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "case__person"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="support_plan")
    objectives = EncryptedTextField(_("objectives"))
    action_plan = EncryptedTextField(_("action plan"), blank=True)
    planned_end_on = models.DateField(_("planned end"), null=True, blank=True)
    actual_end_on = models.DateField(_("actual end"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")

    def __str__(self) -> str:
        return f"plan {self.case}"


class SupportAction(BaseModel):
    """One service of a support plan. Delivered in-house, its status is recorded here; through
    a referral, the referral's answer and outcome set it."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "plan__case__person"

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="actions")
    support_type = models.CharField(_("type"), max_length=40, choices=SupportType.choices)
    description = EncryptedTextField(_("what is to be done"))
    delivery = models.CharField(_("delivered"), max_length=16, choices=SupportDelivery.choices)
    due_on = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=SupportActionStatus.choices,
        default=SupportActionStatus.PLANNED,
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    outcome_note = EncryptedTextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name = _("support action")
        verbose_name_plural = _("support actions")

    def __str__(self) -> str:
        return self.get_support_type_display()

    @property
    def is_done(self) -> bool:
        return self.status in DONE_ACTION_STATUSES
