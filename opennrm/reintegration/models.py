from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import User
from opennrm.cases.models import Case
from opennrm.core.fields import EncryptedTextField
from opennrm.core.models import BaseModel
from opennrm.referrals.models import Referral
from opennrm.reintegration.vocabularies import (
    FollowUpOutcome,
    GoalStatus,
    ReintegrationDomain,
    ReturnDirection,
    ReturnState,
    RiskLevel,
)


class ReturnPlan(BaseModel):
    """A voluntary return (to the country of origin, or home from abroad), with its risk
    assessment, the receiving organisation reached by a transnational referral, the
    reintegration plan and the follow-up visits."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "case__person"

    reference_code = models.CharField(_("reference"), max_length=16, unique=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="returns")
    direction = models.CharField(_("return"), max_length=16, choices=ReturnDirection.choices)
    destination_country = models.CharField(_("destination country"), max_length=2)
    destination_place = EncryptedTextField(_("destination (town, family address)"), blank=True)
    voluntary_confirmed_on = models.DateField(_("wish to return confirmed on"))
    planned_travel_on = models.DateField(_("planned travel date"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=ReturnState.choices, default=ReturnState.PLANNING
    )
    risk_level = models.CharField(_("risk"), max_length=8, choices=RiskLevel.choices, blank=True)
    risks = models.JSONField(_("risks identified"), default=list, blank=True)
    risk_notes = EncryptedTextField(_("risk assessment"), blank=True)
    risk_assessed_on = models.DateField(_("risk assessed on"), null=True, blank=True)
    risk_assessed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    receiving_referral = models.ForeignKey(
        Referral,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="returns",
        verbose_name=_("referral to the receiving organisation"),
    )
    returned_on = models.DateField(_("arrived on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("return")
        verbose_name_plural = _("returns")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(state__in=["Planning", "Cleared", "OnHold", "Returned"]),
                name="one_open_return_per_case",
            )
        ]

    def __str__(self) -> str:
        return self.reference_code


class ReintegrationGoal(BaseModel):
    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "plan__case__person"

    plan = models.ForeignKey(ReturnPlan, on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("domain"), max_length=16, choices=ReintegrationDomain.choices)
    objective = EncryptedTextField(_("objective"))
    status = models.CharField(
        _("status"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.PLANNED
    )

    class Meta:
        ordering = ["domain", "created_at"]

    def __str__(self) -> str:
        return self.get_domain_display()


class FollowUpVisit(BaseModel):
    """A follow-up after the return, due a set number of months after arrival (a setting)."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "plan__case__person"

    plan = models.ForeignKey(ReturnPlan, on_delete=models.CASCADE, related_name="follow_ups")
    months_after_return = models.PositiveSmallIntegerField(_("months after the return"))
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.CharField(_("done by (organisation)"), max_length=200, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=FollowUpOutcome.choices, blank=True
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on"]
        indexes = [models.Index(fields=["done_on", "due_on"], name="follow_up_due")]

    def __str__(self) -> str:
        return f"{self.plan} +{self.months_after_return}"
