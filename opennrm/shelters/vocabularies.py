from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceCategory(models.TextChoices):
    WOMEN = "Women", _("Women")
    MEN = "Men", _("Men")
    CHILDREN = "Children", _("Children")
    FAMILIES = "Families", _("Families")


class DepartureReason(models.TextChoices):
    REINTEGRATION = "Reintegration", _("Reintegration in the community")
    RETURN_TO_FAMILY = "ReturnToFamily", _("Returned to the family")
    VOLUNTARY_RETURN = "VoluntaryReturn", _("Voluntary return to the country of origin")
    TRANSFERRED = "Transferred", _("Moved to another centre or service")
    LEFT_VOLUNTARILY = "LeftVoluntarily", _("Left of their own will")
    NO_CONTACT = "NoContact", _("Left without notice")
    OTHER = "Other", _("Other")
