from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackKind(models.TextChoices):
    """What the person is asked about."""

    SERVICE = "Service", _("A service received")
    STAY = "Stay", _("A stay in a reception centre")
    RETURN_FOLLOW_UP = "ReturnFollowUp", _("A follow-up after a return")
    HEARING = "Hearing", _("A hearing in court")


class QuestionKind(models.TextChoices):
    SCALE = "Scale", _("From 1 (not at all) to 5 (completely)")
    YES_PARTLY_NO = "YesPartlyNo", _("Yes, partly, no")
    YES_NO = "YesNo", _("Yes or no")
    TEXT = "Text", _("Free text")


class Channel(models.TextChoices):
    PRINTED = "Printed", _("Printed and handed over")
    READ_OUT = "ReadOut", _("Read out")
    SMS = "SMS", _("Sent by SMS")
    EMAIL = "Email", _("Sent by e-mail")


class ComplaintChannel(models.TextChoices):
    ONLINE = "Online", _("Online (anonymous)")
    PAPER = "Paper", _("On paper")
    PHONE = "Phone", _("By phone")
    IN_PERSON = "InPerson", _("In person")


class ComplaintState(models.TextChoices):
    RECEIVED = "Received", _("Received")
    ACKNOWLEDGED = "Acknowledged", _("Acknowledged")
    CLOSED = "Closed", _("Closed")
