"""HTCDS v2 person picklists (value names as in the standard, labels translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    FEMININE = "Feminine", _("Female")
    MASCULINE = "Masculine", _("Male")
    TRANSGENDER_FEMININE = "TransgenderFeminine", _("Transgender female")
    TRANSGENDER_MASCULINE = "TransgenderMasculine", _("Transgender male")
    NON_CONFORMING = "NonConforming", _("Gender non-conforming")
    UNKNOWN = "NonSpecifiedUnknown", _("Not specified / unknown")


class MaritalStatus(models.TextChoices):
    SINGLE = "Single", _("Single")
    MARRIED = "Married", _("Married")
    WIDOWED = "Widowed", _("Widowed")
    DIVORCED = "Divorced", _("Divorced")
    SEPARATED = "Separated", _("Separated")
    REGISTERED_PARTNERSHIP = "RegisteredPartnership", _("Registered partnership")


class EducationLevel(models.TextChoices):
    EARLY_CHILDHOOD = "EarlyChildhoodEducation", _("Early childhood education")
    PRIMARY = "PrimaryEducation", _("Primary education")
    LOWER_SECONDARY = "LowerSecondaryEducation", _("Lower secondary education")
    UPPER_SECONDARY = "UpperSecondaryEducation", _("Upper secondary education")
    POST_SECONDARY = "PostSecondaryNonTertiaryEducation", _("Post-secondary non-tertiary")
    SHORT_CYCLE_TERTIARY = "ShortCycleTertiaryEducation", _("Short-cycle tertiary")
    BACHELORS = "BachelorsOrEquivalentLevel", _("Bachelor's or equivalent")
    MASTERS = "MastersOrEquivalentLevel", _("Master's or equivalent")
    DOCTORAL = "DoctoralOrEquivalentLevel", _("Doctoral or equivalent")


class DocumentType(models.TextChoices):
    NATIONAL_ID = "NationalIdentityCard", _("National identity card")
    PASSPORT = "Passport", _("Passport")
    RESIDENCE_PERMIT = "ResidencePermit", _("Residence permit")
    REFUGEE_CARD = "RefugeeOrAsylumCard", _("Refugee or asylum-seeker card")
    BIRTH_CERTIFICATE = "BirthCertificate", _("Birth certificate")
    OTHER = "Other", _("Other document")
