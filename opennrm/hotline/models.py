from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation, User
from opennrm.core.fields import EncryptedTextField
from opennrm.core.models import BaseModel
from opennrm.hotline.vocabularies import CallerType, Channel, EmergencyService, Outcome, Urgency
from opennrm.people.models import Person


class Contact(BaseModel):
    """One contact with the hotline: a call, a message, a web report or a visit. The caller's
    number is kept only as a keyed hash, enough to recognise a repeat caller."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "person"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    started_at = models.DateTimeField(_("started at"), db_index=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=3, blank=True)
    caller_type = models.CharField(_("caller"), max_length=16, choices=CallerType.choices)
    caller_phone_index = models.CharField(max_length=40, blank=True, db_index=True)
    region = models.CharField(_("region"), max_length=6, blank=True)
    province = models.CharField(_("province or prefecture"), max_length=8, blank=True)
    summary = EncryptedTextField(_("what was reported"), blank=True)
    indicators_observed = models.JSONField(_("indicators observed"), default=list, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL
    )
    outcome = models.CharField(
        _("outcome"), max_length=24, choices=Outcome.choices, default=Outcome.PENDING
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    callback_due_at = models.DateTimeField(_("call back by"), null=True, blank=True)
    # Emergencies: who was called, when, and when the emergency was over.
    emergency_service = models.CharField(
        _("emergency referred to"), max_length=16, choices=EmergencyService.choices, blank=True
    )
    emergency_contact = models.CharField(_("who was called"), max_length=200, blank=True)
    emergency_called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    emergency_closed_at = models.DateTimeField(_("emergency closed at"), null=True, blank=True)
    # Follow-up by the hotline: the call-back made, and the contact closed once handled.
    callback_done_at = models.DateTimeField(_("called back at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            models.Index(fields=["organisation", "-started_at"], name="contact_org_recent"),
            models.Index(fields=["urgency", "emergency_closed_at"], name="contact_emergency"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def handling_seconds(self) -> int | None:
        if self.ended_at is None:
            return None
        return int((self.ended_at - self.started_at).total_seconds())

    @property
    def is_open_emergency(self) -> bool:
        return self.urgency == Urgency.EMERGENCY and self.emergency_closed_at is None


class CallbackAttempt(BaseModel):
    """One attempt to call a contact back: whether the caller was reached, and what was said
    (encrypted: it may name someone)."""

    # Identifying values are under the key of the person this row is about.
    encryption_subject: ClassVar[str] = "contact__person"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="callbacks")
    attempted_at = models.DateTimeField(_("attempted at"))
    reached = models.BooleanField(_("caller reached"))
    note = EncryptedTextField(_("note"), blank=True)
    made_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-attempted_at"]

    def __str__(self) -> str:
        return f"{self.contact_id} {self.attempted_at:%Y-%m-%d %H:%M}"
