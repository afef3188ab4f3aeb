from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PHONE = "Phone", _("Phone (toll-free line)")
    WHATSAPP = "WhatsApp", _("WhatsApp")
    SMS = "SMS", _("SMS")
    EMAIL = "Email", _("E-mail")
    WEB_FORM = "WebForm", _("Web form")
    WALK_IN = "WalkIn", _("Walk-in")


class CallerType(models.TextChoices):
    POSSIBLE_VICTIM = "PossibleVictim", _("Possible victim")
    RELATIVE = "Relative", _("Relative or friend")
    WITNESS = "Witness", _("Witness")
    PROFESSIONAL = "Professional", _("Professional")
    ANONYMOUS = "Anonymous", _("Anonymous")


class Urgency(models.TextChoices):
    EMERGENCY = "Emergency", _("Emergency: someone in immediate danger")
    HIGH = "High", _("High")
    NORMAL = "Normal", _("Normal")


class Outcome(models.TextChoices):
    INFORMATION_GIVEN = "InformationGiven", _("Information given")
    REFERRED_TO_POLICE = "ReferredToPolice", _("Referred to police")
    REFERRED_TO_SERVICES = "ReferredToServices", _("Referred to services")
    CASE_OPENED = "CaseOpened", _("Case opened")
    LINKED_TO_CASE = "LinkedToExistingCase", _("Linked to an existing case")
    NO_ACTION = "NoAction", _("No action")
    HANG_UP = "HangUpOrPrank", _("Hang-up or prank")
    PENDING = "Pending", _("Not handled yet")


class EmergencyService(models.TextChoices):
    POLICE = "Police", _("Police")
    GENDARMERIE = "Gendarmerie", _("Royal Gendarmerie")
    PROSECUTION = "Prosecution", _("Public prosecutor")
