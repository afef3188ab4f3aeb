from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation, User
from opennrm.core.models import BaseModel


class ReportState(models.TextChoices):
    QUEUED = "Queued", _("Waiting to start")
    RUNNING = "Running", _("Being prepared")
    DONE = "Done", _("Ready")
    FAILED = "Failed", _("Failed")


class ReportJob(BaseModel):
    """A national report asked for from the statistics section, made in the background. It
    holds national aggregates only (under the edition's rule), for its requester."""

    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=2)
    edition = models.CharField(_("edition"), max_length=8)
    state = models.CharField(
        _("state"), max_length=8, choices=ReportState.choices, default=ReportState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    error = models.CharField(max_length=300, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("national report")
        verbose_name_plural = _("national reports")
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="report_job_mine")]

    def __str__(self) -> str:
        return f"{self.year} {self.language} {self.edition}"

    @property
    def is_pending(self) -> bool:
        return self.state in {ReportState.QUEUED, ReportState.RUNNING}
