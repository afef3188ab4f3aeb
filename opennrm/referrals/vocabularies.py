from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.cases.vocabularies import SupportType

# Support plan types and service types are one vocabulary, kept with the support plans.
ServiceType = SupportType


class ReferralState(models.TextChoices):
    SENT = "Sent", _("Awaiting an answer")
    ACCEPTED = "Accepted", _("Accepted")
    DECLINED = "Declined", _("Declined")
    EXPIRED = "Expired", _("Expired without an answer")
    IN_SERVICE = "InService", _("In service")
    COMPLETED = "Completed", _("Completed")
    REVOKED = "Revoked", _("Revoked")
    CANCELLED = "Cancelled", _("Cancelled: consent withdrawn")


# States in which the recipient still sees what the referral discloses.
OPEN_STATES = frozenset({ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.IN_SERVICE})


class DeclineReason(models.TextChoices):
    """Why a referral was declined, in a word that can be counted (the sender also reads the
    recipient's own explanation)."""

    NO_PLACE = "NoPlace", _("No place or capacity available")
    NOT_ELIGIBLE = "NotEligible", _("Does not meet the service's criteria")
    NOT_OFFERED = "NotOffered", _("Service not offered here")
    PERSON_REFUSED = "PersonRefused", _("The person refused the service")
    SAFETY = "Safety", _("Safety of the person or of the staff")
    OTHER = "Other", _("Other")


class ReferralOutcome(models.TextChoices):
    DELIVERED = "Delivered", _("Service delivered")
    PARTIALLY_DELIVERED = "PartiallyDelivered", _("Partially delivered")
    NOT_DELIVERED = "NotDelivered", _("Not delivered")


class DisclosedField(models.TextChoices):
    """What a referral may show its recipient. A disclosure profile is a named set of these."""

    GIVEN_NAME = "given_name", _("Given name")
    FAMILY_NAME = "family_name", _("Family name")
    AGE = "age", _("Age")
    BIRTH_DATE = "birth_date", _("Date of birth")
    SEX = "sex", _("Sex")
    CITIZENSHIP = "citizenship", _("Citizenship")
    LANGUAGES = "languages", _("Languages")
    PHONE = "phone", _("Phone")
    MEDICAL_NEEDS = "medical_needs", _("Medical needs")
    IDENTITY_DOCUMENTS = "identity_documents", _("Identity documents")
    TRAFFICKING_STATUS = "trafficking_status", _("Identification status")
    EXPLOITATION_TYPES = "exploitation_types", _("Forms of exploitation")
    NARRATIVE = "narrative", _("What happened (exploitation narrative)")


class ReferralEventKind(models.TextChoices):
    STATE = "State", _("State change")
    MESSAGE = "Message", _("Message")
    DISCLOSURE = "Disclosure", _("More information disclosed")


class TransferState(models.TextChoices):
    REQUESTED = "Requested", _("Requested by the coordinator: awaiting the owner")
    PROPOSED = "Proposed", _("Proposed: awaiting the recipient")
    ACCEPTED = "Accepted", _("Accepted: responsibility transferred")
    DECLINED = "Declined", _("Declined by the recipient")
    REFUSED = "Refused", _("Refused by the owner")
    WITHDRAWN = "Withdrawn", _("Withdrawn")
    CANCELLED = "Cancelled", _("Cancelled: the consent it relied on was withdrawn")


OPEN_TRANSFER_STATES = frozenset({TransferState.REQUESTED, TransferState.PROPOSED})
