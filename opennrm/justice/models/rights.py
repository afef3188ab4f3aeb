"""The victim's rights around the proceedings: not being punished for what trafficking made
them do (non-punishment), staying in the country until the proceedings end or returning
safely (residence), and taking part (informed, heard, told of the judgment)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import User
from opennrm.cases.models import Case
from opennrm.core.fields import EncryptedTextField
from opennrm.core.models import BaseModel
from opennrm.justice.models.proceedings import ProceedingCase
from opennrm.justice.vocabularies import (
    Decision,
    NonPunishmentOutcome,
    PenalisedAct,
    PenaltyMeasure,
    ResidenceKind,
)


class NonPunishment(BaseModel):
    """A victim prosecuted, arrested, detained, fined or expelled for an act committed as a
    result of being trafficked, the request to apply the non-punishment provision, and its
    outcome. Recorded on the victim's case by its owner."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="non_punishments")
    act = models.CharField(_("act"), max_length=24, choices=PenalisedAct.choices)
    measure = models.CharField(_("what happened"), max_length=16, choices=PenaltyMeasure.choices)
    occurred_on = models.DateField(_("on"))
    authority = models.CharField(_("by (authority)"), max_length=200, blank=True)
    requested_on = models.DateField(_("non-punishment requested on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=16,
        choices=NonPunishmentOutcome.choices,
        default=NonPunishmentOutcome.NOT_REQUESTED,
    )
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["occurred_on", "created_at"]

    def __str__(self) -> str:
        return f"{self.case} {self.act}"


class ResidenceDecision(BaseModel):
    """A foreign victim's right to stay until the end of the proceedings, or a voluntary return
    (the return itself is planned in the return module)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="residence_decisions")
    kind = models.CharField(_("residence"), max_length=16, choices=ResidenceKind.choices)
    requested_on = models.DateField(_("requested on"))
    decision = models.CharField(
        _("decision"), max_length=8, choices=Decision.choices, default=Decision.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    authority = models.CharField(_("decided by (authority)"), max_length=200, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["requested_on", "created_at"]

    def __str__(self) -> str:
        return f"{self.case} {self.kind}"


class Participation(BaseModel):
    """How the victim takes part in one proceeding: informed of their rights (when, in which
    language, by whom), heard, told of the judgment. Civil party, legal aid and compensation
    are read from the link, its lawyer and the judgments."""

    link = models.OneToOneField(
        ProceedingCase, on_delete=models.CASCADE, related_name="participation"
    )
    rights_informed_on = models.DateField(_("informed of their rights on"), null=True, blank=True)
    rights_language = models.CharField(_("in the language"), max_length=8, blank=True)
    rights_informed_by = models.CharField(_("informed by"), max_length=200, blank=True)
    heard_on = models.DateField(_("heard on"), null=True, blank=True)
    judgment_informed_on = models.DateField(_("informed of the judgment on"), null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return str(self.link)
