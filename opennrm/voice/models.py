"""The victim's voice. Questionnaires are versioned data. A feedback code is issued for one
service, organisation and month, and spent once; the answer it opens keeps only the service,
organisation, month and kind: no case, no person, no time of day, no link to the code.
Complaints go to the national commission, never to the organisation complained about."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation, User
from opennrm.core.fields import EncryptedTextField
from opennrm.core.models import BaseModel
from opennrm.voice.vocabularies import (
    Channel,
    ComplaintChannel,
    ComplaintState,
    FeedbackKind,
    QuestionKind,
)


class Questionnaire(BaseModel):
    code = models.CharField(_("code"), max_length=40)
    version = models.PositiveSmallIntegerField(_("version"))
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_questionnaire_version")
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    def languages(self) -> list[str]:
        """Languages every question of this version is written in."""
        sets = [set(q.text) for q in self.questions.all()]
        return sorted(set.intersection(*sets)) if sets else []


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    key = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=QuestionKind.choices)
    # The question in each language it exists in: {"fr": "...", "ar": "...", ...}.
    text = models.JSONField(default=dict)

    class Meta:
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="unique_question_key")
        ]

    def __str__(self) -> str:
        return self.key

    def in_language(self, language: str) -> str:
        text: str = self.text.get(language) or self.text.get("fr") or self.key
        return text


class FeedbackCode(BaseModel):
    """A one-time code given to a person. Only its keyed hash is stored; it names what is rated,
    never who was given it. It is deleted when the answer is saved, so that no time of answer
    survives anywhere."""

    code_hash = models.CharField(max_length=40, unique=True)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("about"), max_length=16, choices=FeedbackKind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("rated")
    )
    service_type = models.CharField(_("service"), max_length=40, blank=True)
    month = models.DateField(_("month"))
    channel = models.CharField(_("given"), max_length=8, choices=Channel.choices)
    issued_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    expires_on = models.DateField(_("valid until"))

    def __str__(self) -> str:
        return f"{self.kind} {self.month:%Y-%m}"


class FeedbackAnswer(models.Model):
    """One anonymous answer. Deliberately no timestamps, no code, no case, and a random key (no
    order of arrival): the month of the service is all the time it keeps."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=FeedbackKind.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    service_type = models.CharField(max_length=40, blank=True)
    month = models.DateField()
    language = models.CharField(max_length=8)
    # {"felt_safe": 4, "received_promised": "partly", "what_to_change": "..."}: free texts
    # encrypted below, not here.
    scores = models.JSONField(default=dict)
    texts = EncryptedTextField(blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["organisation", "service_type", "month"], name="feedback_answer_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.service_type} {self.month:%Y-%m}"


class Complaint(BaseModel):
    """A complaint by a survivor, or someone on their behalf, about a service or a member of
    staff. Read by the national commission's data protection officer only."""

    reference_code = models.CharField(_("reference"), max_length=16, unique=True)
    # A keyed hash of the secret the complainant keeps to follow their complaint.
    secret_hash = models.CharField(max_length=40, blank=True)
    channel = models.CharField(_("received"), max_length=8, choices=ComplaintChannel.choices)
    about_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about the organisation"),
    )
    about = EncryptedTextField(_("about (service, place or member of staff)"), blank=True)
    text = EncryptedTextField(_("the complaint"))
    contact = EncryptedTextField(_("how to reach the person"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    received_on = models.DateField(_("received on"))
    state = models.CharField(
        _("state"), max_length=16, choices=ComplaintState.choices, default=ComplaintState.RECEIVED
    )
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    outcome = EncryptedTextField(_("outcome"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    handled_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_on", "-created_at"]

    def __str__(self) -> str:
        return self.reference_code
