"""Referrals are built through the real services: consent, audit and notices all apply."""

from datetime import timedelta

from django.utils import timezone

from opennrm.cases.services import ConsentDetails, consent_record
from opennrm.cases.tests.factories import open_case
from opennrm.cases.vocabularies import ConsentGivenBy, ConsentPurpose
from opennrm.referrals.models import DisclosureProfile
from opennrm.referrals.services import ReferralRequest, referral_send
from opennrm.referrals.vocabularies import ServiceType


def profile(key="shelter-admission"):
    return DisclosureProfile.objects.get(key=key)


def referral_consent(actor, case, recipient, *, given_by=ConsentGivenBy.PERSON, description=""):
    return consent_record(
        actor=actor,
        case=case,
        details=ConsentDetails(
            purpose=ConsentPurpose.REFERRAL,
            given=True,
            given_at=timezone.now() - timedelta(minutes=5),
            given_by=given_by,
            recipient_organisation=recipient,
            recipient_description=description,
            explained_purpose=True,
            explained_withdrawal=True,
        ),
    )


def referral_request(recipient, **overrides):
    values = {
        "service_types": [ServiceType.SHELTER],
        "reason": "Needs a safe place tonight; speaks Darija.",
        "disclosure_profile": profile(),
        "recipient_organisation": recipient,
    }
    values.update(overrides)
    return ReferralRequest(**values)


def send_referral(actor, recipient, case=None, **overrides):
    """Open a case if none is given, record the covering consent, send the referral."""
    case = case or open_case(actor)
    if "consent" not in overrides and "consent_override_reason" not in overrides:
        referral_consent(actor, case, recipient)
    return referral_send(actor=actor, case=case, request=referral_request(recipient, **overrides))
