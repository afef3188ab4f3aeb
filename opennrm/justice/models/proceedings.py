"""Criminal proceedings: the stages a country's procedure has (data), the authorities in charge
(data), the proceedings, their history, and the victims' cases they are linked to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation, User
from opennrm.cases.models import Case
from opennrm.core.fields import EncryptedTextField
from opennrm.core.models import BaseModel
from opennrm.justice.vocabularies import AuthorityKind, LinkBasis, StagePhase, VictimRole


class Labelled(models.Model):
    label_en = models.CharField(_("name (English)"), max_length=200)
    label_fr = models.CharField(_("name (French)"), max_length=200)
    label_ar = models.CharField(_("name (Arabic)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label()

    def label(self) -> str:
        """The name in the reader's language (French where a translation is missing)."""
        language = (get_language() or "fr")[:2]
        value: str = getattr(self, f"label_{language}", "") or self.label_fr
        return value


class JusticeStage(Labelled, BaseModel):
    """One stage of a country's criminal procedure, with the kinds of authority that may be in
    charge of it and what it counts as in the figures."""

    country = models.CharField(_("country"), max_length=2)
    code = models.CharField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("order"))
    phase = models.CharField(_("counts as"), max_length=16, choices=StagePhase.choices)
    authority_kinds = models.JSONField(_("authorities that may be in charge"), default=list)
    is_initial = models.BooleanField(_("a proceeding may start here"), default=False)

    class Meta:
        ordering = ["country", "position"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="unique_stage_per_country")
        ]
        verbose_name = _("stage of proceedings")
        verbose_name_plural = _("stages of proceedings")


class JusticeStageMove(BaseModel):
    """One allowed move between two stages of the same country's procedure."""

    from_stage = models.ForeignKey(JusticeStage, on_delete=models.CASCADE, related_name="+")
    to_stage = models.ForeignKey(JusticeStage, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_stage", "to_stage"], name="unique_stage_move")
        ]
        verbose_name = _("allowed move between stages")
        verbose_name_plural = _("allowed moves between stages")

    def __str__(self) -> str:
        return f"{self.from_stage.code} -> {self.to_stage.code}"


class Authority(Labelled, BaseModel):
    """A police or gendarmerie unit, a prosecutor's office, an investigating judge or a court.
    `organisation` is the OpenNRM organisation whose members act for it (none until the
    authority has accounts)."""

    country = models.CharField(_("country"), max_length=2)
    code = models.CharField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=24, choices=AuthorityKind.choices)
    region = models.CharField(_("region"), max_length=6, blank=True)
    specialised = models.BooleanField(
        _("specialised in trafficking (prosecutor of the specialised network)"), default=False
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authorities",
        verbose_name=_("organisation acting for it"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["country", "kind", "label_fr"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="unique_authority_code")
        ]
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")


class Proceeding(BaseModel):
    """A criminal proceeding: one complaint or report, one trafficking network, one or more
    victims. `stage` is a code of the country's JusticeStage table."""

    reference_code = models.CharField(_("reference"), max_length=16, unique=True)
    country = models.CharField(_("country"), max_length=2)
    stage = models.CharField(_("stage"), max_length=40)
    stage_since = models.DateField(_("stage since"))
    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="+", verbose_name=_("in charge")
    )
    opened_on = models.DateField(_("complaint or report on"))
    # The investigation's content: for the justice roles of the authorities in charge only.
    network_name = EncryptedTextField(_("network or case name"), blank=True)
    summary = EncryptedTextField(_("facts (investigation)"), blank=True)
    opened_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_on", "-created_at"]
        verbose_name = _("criminal proceeding")
        verbose_name_plural = _("criminal proceedings")

    def __str__(self) -> str:
        return self.reference_code


class ProceedingStageChange(BaseModel):
    """The history of a proceeding: every stage it entered, when, and who was in charge."""

    proceeding = models.ForeignKey(
        Proceeding, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=40, blank=True)
    to_stage = models.CharField(max_length=40)
    on = models.DateField(_("date"))
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_for = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["on", "created_at"]
        indexes = [models.Index(fields=["to_stage", "on"], name="proceeding_stage_entered")]

    def __str__(self) -> str:
        return f"{self.proceeding} {self.to_stage}"


class ProceedingCase(BaseModel):
    """A victim's case linked to a proceeding by the case's owner, with the person's role in
    it and the legal aid (a lawyer's organisation) assigned."""

    proceeding = models.ForeignKey(Proceeding, on_delete=models.CASCADE, related_name="cases")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="proceedings")
    role = models.CharField(_("role"), max_length=16, choices=VictimRole.choices)
    basis = models.CharField(_("basis"), max_length=24, choices=LinkBasis.choices)
    legal_aid_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal aid"),
    )
    linked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    linked_on = models.DateField(_("linked on"))

    class Meta:
        ordering = ["linked_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proceeding", "case"], name="unique_case_per_proceeding"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proceeding} {self.case}"
