from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceType(models.TextChoices):
    # HTCDS v2 spl_Type
    EDUCATION = "Education", _("Education")
    FINANCIAL = "Financial", _("Financial support")
    HEALTH = "Health", _("Health")
    LABOUR_REHABILITATION = (
        "LabourExploitationRehabilitation",
        _("Rehabilitation after labour exploitation"),
    )
    LEGAL = "Legal", _("Legal")
    LIVELIHOOD = "Livelihood", _("Livelihood")
    RIGHTS_TRAINING = "RightsBasedTraining", _("Rights-based training")
    SEXUAL_REHABILITATION = (
        "SexualExploitationRehabilitation",
        _("Rehabilitation after sexual exploitation"),
    )
    SOCIAL_CARE = "SocialCare", _("Social care")
    # OpenNRM additions for the referral mechanism
    SHELTER = "Shelter", _("Shelter and accommodation")
    MEDICAL = "Medical", _("Medical care")
    PSYCHOSOCIAL = "Psychosocial", _("Psychosocial support")
    LEGAL_AID = "LegalAid", _("Legal aid")
    INTERPRETATION = "Interpretation", _("Interpretation")
    FAMILY_TRACING = "FamilyTracing", _("Family tracing")
    RETURN_ASSISTANCE = "ReturnAssistance", _("Return assistance")
