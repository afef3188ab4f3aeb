from datetime import timedelta

import pytest
from django.core.management import call_command

from opennrm.core.models import AuditEvent
from opennrm.referrals.digest import send_referral_digests
from opennrm.referrals.models import Referral
from opennrm.referrals.tests.factories import send_referral
from opennrm.referrals.vocabularies import ReferralState

pytestmark = pytest.mark.django_db


def test_both_sides_get_their_referrals_with_reference_codes_only(
    case_manager, member_of, mailoutbox
):
    shelter = member_of("service_provider")
    for member, email in ((case_manager, "leila@example.org"), (shelter, "nora@example.org")):
        member.user.email = email
        member.user.save()
    referral = send_referral(case_manager, shelter.organisation)
    # Only the recipient has something to do while the answer is not yet due.
    assert send_referral_digests() == 1
    assert mailoutbox[0].to == ["nora@example.org"]
    assert referral.reference_code in mailoutbox[0].body
    later = referral.response_due_at + timedelta(minutes=1)
    mailoutbox.clear()
    assert send_referral_digests(now=later) == 1  # overdue for the sender, gone for the recipient
    assert mailoutbox[0].to == ["leila@example.org"]
    assert "Testaoui" not in mailoutbox[0].body and "Salma" not in mailoutbox[0].body
    assert AuditEvent.objects.filter(action="referrals.digest_sent").count() == 2


def test_expire_command_expires_overdue_referrals(case_manager, member_of, capsys):
    shelter = member_of("service_provider")
    referral = send_referral(case_manager, shelter.organisation)
    Referral.objects.filter(pk=referral.pk).update(
        response_due_at=referral.sent_at - timedelta(hours=1)
    )
    call_command("expire_referrals")
    assert "1 referral(s) expired." in capsys.readouterr().out
    referral.refresh_from_db()
    assert referral.state == ReferralState.EXPIRED
