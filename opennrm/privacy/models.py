from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation, User
from opennrm.cases.models import Case
from opennrm.core.models import BaseModel
from opennrm.people.models import Person
from opennrm.privacy.vocabularies import (
    CONDITIONS,
    HoldReason,
    RecordKind,
    RefusalReason,
    RequestMadeBy,
    RequestState,
    RetentionAction,
    RightKind,
)


class RetentionRule(BaseModel):
    """How long one kind of record is kept once its life is over (a case closed, a contact
    made), per closing reason, and what happens then. Data, not code: the data protection
    officer edits the rules (Law 09-08: limited retention, destruction at the end)."""

    record_kind = models.CharField(_("records"), max_length=16, choices=RecordKind.choices)
    # A value of the kind's closing vocabulary (trafficking status of a closed case, outcome of
    # a contact); "" for every other reason.
    closing_reason = models.CharField(_("closing reason"), max_length=40, blank=True)
    keep_months = models.PositiveIntegerField(_("kept for (months)"))
    action = models.CharField(_("then"), max_length=10, choices=RetentionAction.choices)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["record_kind", "closing_reason"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_kind", "closing_reason"], name="one_rule_per_kind_and_reason"
            )
        ]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")

    def __str__(self) -> str:
        return f"{self.record_kind}/{self.closing_reason or '*'}: {self.keep_months} months"

    @property
    def closing_reason_label(self) -> str:
        vocabulary = CONDITIONS.get(self.record_kind)
        if not self.closing_reason:
            return str(_("Any other reason") if vocabulary else _("Any"))
        if vocabulary is None or self.closing_reason not in vocabulary.values:
            return self.closing_reason
        return str(vocabulary(self.closing_reason).label)

    @property
    def keep_years(self) -> int | None:
        """Whole years, when the period is a number of years."""
        return self.keep_months // 12 if self.keep_months % 12 == 0 else None


class LegalHold(BaseModel):
    """Keeps a person's records whatever the retention rules say, until lifted: asked for by a
    prosecutor or a court. An open criminal proceeding holds its victims' records without one."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.CharField(_("reason"), max_length=20, choices=HoldReason.choices)
    # The file number of the request (e.g. the prosecutor's reference), never a name.
    reference = models.CharField(_("reference of the request"), max_length=80, blank=True)
    placed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    placed_for = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "lifted_at"], name="hold_person_active")]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")

    def __str__(self) -> str:
        return f"hold on {self.person_id} ({self.reason})"

    @property
    def active(self) -> bool:
        return self.lifted_at is None


class RightsRequest(BaseModel):
    """A request by a person (or their representative) to exercise a right under Law 09-08 on
    what one organisation holds about them: recorded by the organisation that owns their case,
    answered by a legal deadline (OPENNRM_RIGHTS_REQUEST_DAYS) with its outcome."""

    reference_code = models.CharField(_("reference"), max_length=16, unique=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="rights_requests")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="rights_requests")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("right"), max_length=16, choices=RightKind.choices)
    made_by = models.CharField(
        _("made by"), max_length=16, choices=RequestMadeBy.choices, default=RequestMadeBy.PERSON
    )
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due by"), db_index=True)
    state = models.CharField(
        _("state"), max_length=8, choices=RequestState.choices, default=RequestState.OPEN
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    refusal_reason = models.CharField(
        _("reason for refusing"), max_length=16, choices=RefusalReason.choices, blank=True
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    answered_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["state", "due_on"]
        indexes = [models.Index(fields=["organisation", "state", "due_on"], name="rights_org_open")]
        verbose_name = _("rights request")
        verbose_name_plural = _("rights requests")

    def __str__(self) -> str:
        return self.reference_code

    @property
    def is_open(self) -> bool:
        return self.state == RequestState.OPEN
