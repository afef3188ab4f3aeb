"""Hearings (with each victim's attendance, interpreter, legal aid and way of testifying),
protection measures for victims and witnesses (Code of Criminal Procedure art. 82-4 ff.), and
the record of every revelation of a concealed identity (Law 27-14 art. 448-9)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation, User
from opennrm.core.fields import EncryptedTextField
from opennrm.core.models import BaseModel
from opennrm.justice.models.proceedings import Authority, Proceeding, ProceedingCase
from opennrm.justice.vocabularies import (
    Attendance,
    HearingPurpose,
    MeasureKind,
    MeasureState,
    Requester,
    TestimonyMode,
)


class Hearing(BaseModel):
    proceeding = models.ForeignKey(Proceeding, on_delete=models.CASCADE, related_name="hearings")
    scheduled_at = models.DateTimeField(_("date and time"))
    court = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=HearingPurpose.choices)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["scheduled_at"]
        indexes = [models.Index(fields=["scheduled_at"], name="hearing_scheduled_at")]

    def __str__(self) -> str:
        return f"{self.proceeding} {self.scheduled_at:%Y-%m-%d}"


class HearingVictim(BaseModel):
    """One victim at one hearing: summoned or not, interpreter, legal aid, how they testify,
    and afterwards whether they attended."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="victims")
    victim = models.ForeignKey(ProceedingCase, on_delete=models.CASCADE, related_name="hearings")
    attendance = models.CharField(
        _("attendance"), max_length=16, choices=Attendance.choices, default=Attendance.EXPECTED
    )
    interpreter_language = models.CharField(_("interpreter"), max_length=8, blank=True)
    legal_aid = models.BooleanField(_("assisted by a lawyer"), default=False)
    testimony = models.CharField(
        _("testimony"), max_length=16, choices=TestimonyMode.choices, default=TestimonyMode.NONE
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["hearing", "victim"], name="unique_hearing_victim")
        ]

    def __str__(self) -> str:
        return f"{self.hearing} {self.victim}"


class ProtectionMeasure(BaseModel):
    proceeding = models.ForeignKey(
        Proceeding, on_delete=models.CASCADE, related_name="protection_measures"
    )
    victim = models.ForeignKey(
        ProceedingCase, on_delete=models.CASCADE, related_name="protection_measures"
    )
    kind = models.CharField(_("measure"), max_length=24, choices=MeasureKind.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=MeasureState.choices, default=MeasureState.REQUESTED
    )
    requested_on = models.DateField(_("requested on"))
    requested_by = models.CharField(_("requested by"), max_length=16, choices=Requester.choices)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    # Set when an identity concealment is granted: how the justice roles refer to the person.
    pseudonym = models.CharField(_("pseudonym"), max_length=16, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["requested_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["victim", "kind"],
                condition=models.Q(state__in=["Requested", "Granted"]),
                name="one_open_measure_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.victim} {self.kind} {self.state}"


class IdentityReveal(BaseModel):
    """A concealed identity shown to someone in the justice chain: who, when, why."""

    measure = models.ForeignKey(ProtectionMeasure, on_delete=models.PROTECT, related_name="reveals")
    revealed_to = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    revealed_for = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason"))

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.measure} {self.created_at:%Y-%m-%d}"
