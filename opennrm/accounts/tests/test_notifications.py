import pytest
from django.urls import reverse
from django.utils import translation

from opennrm.accounts.models import Notification
from opennrm.accounts.notifications import Notice, label, notice_text, notify
from opennrm.accounts.services import user_set_language
from opennrm.accounts.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_notice_is_read_in_the_readers_language_not_the_senders(client, login, case_manager):
    from opennrm.referrals.tests.factories import send_referral

    shelter = MembershipFactory(role="service_provider")
    shelter.user.preferred_language = "fr"
    shelter.user.save()
    with translation.override("en"):  # the sender works in English
        referral = send_referral(case_manager, shelter.organisation)
    notification = Notification.objects.get(user=shelter.user)
    assert "Nouvelle" in notification.message  # the e-mail copy: the recipient's language
    user_set_language(user=shelter.user, language="ar")
    login(client, shelter)
    body = client.get(reverse("accounts:notifications")).content.decode()
    assert "إحالة جديدة" in body and referral.reference_code in body
    assert "Nouvelle" not in body and "New referral" not in body


def test_notice_parameters_are_isolated_and_labels_translated():
    from opennrm.referrals.vocabularies import ReferralOutcome

    notice = Notice(
        "Referral %(ref)s is completed: %(outcome)s.",
        {"ref": "R-1A2B3C", "outcome": label(ReferralOutcome.DELIVERED.label)},
    )
    with translation.override("fr"):
        text = notice.render()
    assert "\u2068R-1A2B3C\u2069" in text
    with translation.override("fr"):
        assert str(ReferralOutcome.DELIVERED.label) in text


def test_a_user_with_two_memberships_sees_each_organisations_notices_apart(client, login):
    first = MembershipFactory(role="case_manager")
    second = MembershipFactory(
        user=first.user, organisation=OrganisationFactory(), role="supervisor"
    )
    for membership, ref in ((first, "C-FIRST1"), (second, "C-OTHER2")):
        notify(
            users=[first.user],
            organisation=membership.organisation,
            message=Notice("Referral %(ref)s was accepted by %(org)s.", {"ref": ref, "org": "X"}),
        )
    login(client, first)
    body = client.get(reverse("accounts:notifications")).content.decode()
    assert "C-FIRST1" in body and "C-OTHER2" not in body
    # Reading the first membership's notices leaves the other's unread.
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
    login(client, second)
    body = client.get(reverse("accounts:notifications")).content.decode()
    assert "C-OTHER2" in body and "C-FIRST1" not in body
    assert all(notice_text(n) for n in Notification.objects.all())
