from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.cases.vocabularies import TraffickingStatus
from opennrm.hotline.vocabularies import Outcome


class RecordKind(models.TextChoices):
    CLOSED_CASE = "ClosedCase", _("Closed case (the person's details)")
    HOTLINE_CONTACT = "HotlineContact", _("Hotline contact not linked to a person")
    WEB_REPORT = "WebReport", _("Public web report not linked to a person")
    FEEDBACK_ANSWER = "FeedbackAnswer", _("Feedback answer (free texts)")


class RetentionAction(models.TextChoices):
    ANONYMISE = "Anonymise", _("Anonymise (keep what the figures count)")
    DELETE = "Delete", _("Delete")


class HoldReason(models.TextChoices):
    PROSECUTOR_REQUEST = "ProsecutorRequest", _("Request of the public prosecutor")
    COURT_ORDER = "CourtOrder", _("Order of a court")
    INVESTIGATION = "Investigation", _("Police investigation")
    COMPLAINT = "Complaint", _("Complaint or dispute about the record")


# What a rule's "closing reason" may be, per kind of record ("" is any other reason).
CONDITIONS: dict[str, type[models.TextChoices] | None] = {
    RecordKind.CLOSED_CASE: TraffickingStatus,
    RecordKind.HOTLINE_CONTACT: Outcome,
    RecordKind.WEB_REPORT: Outcome,
    RecordKind.FEEDBACK_ANSWER: None,
}
# A closed case is anonymised, never deleted: the national figures count it.
ACTIONS: dict[str, frozenset[str]] = {
    RecordKind.CLOSED_CASE: frozenset({RetentionAction.ANONYMISE}),
    RecordKind.HOTLINE_CONTACT: frozenset(RetentionAction.values),
    RecordKind.WEB_REPORT: frozenset(RetentionAction.values),
    RecordKind.FEEDBACK_ANSWER: frozenset(RetentionAction.values),
}


class RightKind(models.TextChoices):
    ACCESS = "Access", _("Access (a copy of everything held)")
    RECTIFICATION = "Rectification", _("Rectification")
    OBJECTION = "Objection", _("Objection to a use of the data")
    ERASURE = "Erasure", _("Erasure")


class RequestState(models.TextChoices):
    OPEN = "Open", _("Open")
    DONE = "Done", _("Done")
    REFUSED = "Refused", _("Refused")


class RequestMadeBy(models.TextChoices):
    PERSON = "Person", _("The person")
    REPRESENTATIVE = "Representative", _("A parent or legal representative")
    LAWYER = "Lawyer", _("A lawyer")


class RefusalReason(models.TextChoices):
    LEGAL_HOLD = "LegalHold", _("A legal hold or an open proceeding keeps the records")
    LEGAL_OBLIGATION = "LegalObligation", _("A legal obligation requires the processing")
    PROTECTION = "Protection", _("Needed to protect the person or others")
    NOT_CONFIRMED = "NotConfirmed", _("The requester's identity or mandate could not be confirmed")
