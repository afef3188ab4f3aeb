"""Suspects and accused (HTCDS `per_` fields), the offences they are charged with, the
judgments at each instance and the compensation each victim is awarded. A perpetrator is a
person of its own kind: never a `Person`, so never in the victims' duplicate detection."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import User
from opennrm.core.fields import EncryptedTextField
from opennrm.core.models import BaseModel
from opennrm.justice.models.proceedings import Authority, Labelled, Proceeding, ProceedingCase
from opennrm.justice.vocabularies import (
    JudgmentInstance,
    JudgmentOutcome,
    PerpetratorStatus,
    RelationToVictim,
)
from opennrm.people.vocabularies import Gender


class Offence(Labelled, BaseModel):
    """An offence of the country's penal code (data: an administrator adds more)."""

    country = models.CharField(_("country"), max_length=2)
    article = models.CharField(_("article"), max_length=24)
    is_trafficking = models.BooleanField(_("trafficking in persons"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["country", "position", "article"]
        constraints = [
            models.UniqueConstraint(fields=["country", "article"], name="unique_offence_article")
        ]
        verbose_name = _("offence")
        verbose_name_plural = _("offences")


class Perpetrator(BaseModel):
    """A suspect or an accused in one proceeding. `label` (A-1, A-2...) is how those outside
    the justice roles' view may refer to them."""

    proceeding = models.ForeignKey(
        Proceeding, on_delete=models.CASCADE, related_name="perpetrators"
    )
    label = models.CharField(_("label"), max_length=8)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=PerpetratorStatus.choices,
        default=PerpetratorStatus.SUSPECT,
    )
    given_name = EncryptedTextField(_("given name"), blank=True)
    family_name = EncryptedTextField(_("family name"), blank=True)
    name_arabic = EncryptedTextField(_("name (Arabic script)"), blank=True)
    alias = EncryptedTextField(_("other names or aliases"), blank=True)
    # Keyed hashes for the justice roles' exact search; never read by the duplicate detection.
    name_index = models.CharField(max_length=40, blank=True, db_index=True)
    gender = models.CharField(
        _("sex"), max_length=24, choices=Gender.choices, default=Gender.UNKNOWN
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    citizenships = models.JSONField(_("citizenship"), default=list, blank=True)
    roles_in_process = models.JSONField(_("role in the network"), default=list, blank=True)
    relation_to_victim = models.CharField(
        _("relation to the victim"), max_length=16, choices=RelationToVictim.choices, blank=True
    )
    role_details = EncryptedTextField(_("details of the role"), blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["proceeding", "label"]
        constraints = [
            models.UniqueConstraint(fields=["proceeding", "label"], name="unique_perpetrator_label")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Charge(BaseModel):
    """One offence an accused is prosecuted for, with its aggravating circumstances."""

    perpetrator = models.ForeignKey(Perpetrator, on_delete=models.CASCADE, related_name="charges")
    offence = models.ForeignKey(Offence, on_delete=models.PROTECT, related_name="+")
    aggravations = models.JSONField(_("aggravating circumstances"), default=list, blank=True)
    charged_on = models.DateField(_("charged on"))
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["charged_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["perpetrator", "offence"], name="unique_charge_per_offence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.perpetrator} {self.offence.article}"

    @property
    def standing_judgment(self) -> Judgment | None:
        """The latest judgment on the charge: the one that stands."""
        judgments = list(self.judgments.all())
        return judgments[-1] if judgments else None


class Judgment(BaseModel):
    """A court's decision on one charge at one instance. An appeal adds a judgment; every
    judgment is kept, the latest is the one that stands."""

    charge = models.ForeignKey(Charge, on_delete=models.CASCADE, related_name="judgments")
    instance = models.CharField(_("instance"), max_length=16, choices=JudgmentInstance.choices)
    decided_on = models.DateField(_("date of the judgment"))
    court = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=16, choices=JudgmentOutcome.choices)
    requalified_as = models.ForeignKey(
        Offence,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requalified as"),
    )
    prison_months = models.PositiveIntegerField(_("prison, firm (months)"), default=0)
    suspended_months = models.PositiveIntegerField(_("prison, suspended (months)"), default=0)
    fine = models.DecimalField(_("fine (MAD)"), max_digits=12, decimal_places=2, default=0)
    confiscation = models.BooleanField(_("confiscation ordered"), default=False)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["decided_on", "created_at"]
        indexes = [models.Index(fields=["outcome", "decided_on"], name="judgment_outcome_date")]

    def __str__(self) -> str:
        return f"{self.charge} {self.instance} {self.outcome}"

    @property
    def is_conviction(self) -> bool:
        return self.outcome in {JudgmentOutcome.CONVICTION, JudgmentOutcome.REQUALIFICATION}


class Compensation(BaseModel):
    """What a judgment awards one victim, and what has been paid of it."""

    judgment = models.ForeignKey(Judgment, on_delete=models.CASCADE, related_name="compensations")
    victim = models.ForeignKey(
        ProceedingCase, on_delete=models.CASCADE, related_name="compensations"
    )
    awarded = models.DecimalField(_("amount awarded (MAD)"), max_digits=12, decimal_places=2)
    paid = models.DecimalField(_("amount paid (MAD)"), max_digits=12, decimal_places=2, default=0)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["judgment", "victim"], name="unique_compensation_per_victim"
            ),
            models.CheckConstraint(
                condition=models.Q(paid__lte=models.F("awarded")), name="paid_not_above_awarded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judgment} {self.victim}"
