import re

import pytest
from django.urls import reverse
from django.utils import timezone

from opennrm.accounts.models import Notification
from opennrm.accounts.tests.factories import OrganisationFactory
from opennrm.cases.tests.factories import open_case
from opennrm.core.models import AuditEvent
from opennrm.referrals.models import Referral, ReferralLink
from opennrm.referrals.tests.factories import profile, referral_consent, send_referral
from opennrm.referrals.vocabularies import ReferralState

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter(member_of):
    return member_of("service_provider")


def _send_form(recipient, **overrides):
    data = {
        "recipient_organisation": str(recipient.pk),
        "service_types": ["Shelter"],
        "reason": "Safe place needed tonight.",
        "disclosure_profile": str(profile().pk),
    }
    data.update(overrides)
    return data


def test_case_manager_refers_from_the_case_page(client, login, case_manager, shelter):
    case = open_case(case_manager)
    referral_consent(case_manager, case, shelter.organisation)
    login(client, case_manager)
    page = client.get(reverse("cases:detail", kwargs={"case_id": case.pk}))
    assert reverse("referrals:new", kwargs={"case_id": case.pk}) in page.content.decode()
    url = reverse("referrals:new", kwargs={"case_id": case.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, _send_form(shelter.organisation))
    referral = Referral.objects.get()
    assert response.url == reverse("referrals:referral", kwargs={"referral_id": referral.pk})
    assert referral.state == ReferralState.SENT


def test_send_form_shows_the_consent_refusal_and_keeps_nothing(
    client, login, case_manager, shelter
):
    case = open_case(case_manager)
    login(client, case_manager)
    response = client.post(
        reverse("referrals:new", kwargs={"case_id": case.pk}), _send_form(shelter.organisation)
    )
    assert response.status_code == 200
    assert "No recorded consent" in response.content.decode()
    assert "consent_override_reason" not in response.content.decode()  # no override for them
    assert not Referral.objects.exists()


def test_send_form_without_recipient_is_a_form_error(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    response = client.post(
        reverse("referrals:new", kwargs={"case_id": case.pk}),
        _send_form(case_manager.organisation, recipient_organisation=""),
    )
    assert response.status_code == 200
    assert "Choose a recipient organisation" in response.content.decode()


def test_recipient_answers_and_the_sender_is_notified(client, login, case_manager, shelter):
    referral = send_referral(case_manager, shelter.organisation)
    login(client, shelter)
    assert "referral-work" in client.get("/").content.decode()
    page = client.get(reverse("referrals:referral", kwargs={"referral_id": referral.pk}))
    assert 'data-testid="accept"' in page.content.decode()
    client.post(reverse("referrals:accept", kwargs={"referral_id": referral.pk}))
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED
    notice = Notification.objects.get(user=case_manager.user)
    login(client, case_manager)
    listing = client.get(reverse("accounts:notifications")).content.decode()
    assert notice.message in listing
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_decline_without_reason_is_refused_with_a_message(client, login, case_manager, shelter):
    referral = send_referral(case_manager, shelter.organisation)
    login(client, shelter)
    response = client.post(
        reverse("referrals:decline", kwargs={"referral_id": referral.pk}),
        {"decline-reason": ""},
        follow=True,
    )
    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT


def test_referral_list_shows_each_side_its_own(client, login, case_manager, shelter):
    referral = send_referral(case_manager, shelter.organisation)
    login(client, shelter)
    assert referral.reference_code in client.get("/referrals/").content.decode()
    login(client, case_manager)
    assert referral.reference_code in client.get("/referrals/?direction=outgoing").content.decode()


def test_external_referral_link_flow(client, login, case_manager, mailoutbox):
    case = open_case(case_manager)
    consent = referral_consent(case_manager, case, None, description="Clinique Synthétique")
    referral = send_referral(
        case_manager,
        None,
        case=case,
        external_recipient_name="Clinique Synthétique",
        external_recipient_email="clinic@example.invalid",
        consent=consent,
        service_types=["Medical"],
        medical_needs="Asthma inhaler",
    )
    login(client, case_manager)
    issued = client.post(reverse("referrals:issue_link", kwargs={"referral_id": referral.pk}))
    body = issued.content.decode()
    url = re.search(r'data-testid="link-url">([^<]+)<', body).group(1)
    code = re.search(r'data-testid="link-code">(\d+)<', body).group(1)
    path = url.split("localhost:8000", 1)[1]
    client.logout()
    wrong = client.post(path, {"code": "00000000" if code != "00000000" else "11111111"})
    assert wrong.status_code == 400
    assert ReferralLink.objects.get().failed_attempts == 1
    opened = client.post(path, {"code": code})
    view = client.get(opened.url).content.decode()
    assert "Asthma inhaler" in view
    assert "Testaoui" not in view
    answered = client.post(
        opened.url, {"responder": "Dr Synthétique, nurse", "decision": "accept", "reason": ""}
    )
    assert "no longer works" in answered.content.decode()
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED
    # The link works once: another browser with the right code gets nothing.
    client.cookies.clear()
    again = client.post(path, {"code": code})
    assert again.status_code == 400
    assert "Asthma inhaler" not in again.content.decode()
    actions = set(
        AuditEvent.objects.filter(object_id=str(referral.pk)).values_list("action", flat=True)
    )
    assert {"referral.link_issued", "referral.link_opened", "referral.link_viewed"} <= actions
    assert {"referral.link_refused", "referral.accepted"} <= actions
    # The sender records the outcome on the clinic's behalf.
    login(client, case_manager)
    client.post(
        reverse("referrals:complete", kwargs={"referral_id": referral.pk}),
        {"outcome": "Delivered", "note": "", "completed_on": timezone.localdate().isoformat()},
    )
    referral.refresh_from_db()
    assert referral.state == ReferralState.COMPLETED


def test_link_locks_after_too_many_wrong_codes(client, case_manager, settings):
    from opennrm.referrals.services import referral_link_issue

    settings.OPENNRM_REFERRAL_LINK_MAX_ATTEMPTS = 2
    case = open_case(case_manager)
    consent = referral_consent(case_manager, case, None, description="Foreign NGO")
    referral = send_referral(
        case_manager,
        None,
        case=case,
        external_recipient_name="Foreign NGO",
        consent=consent,
    )
    issued = referral_link_issue(actor=case_manager, referral=referral)
    path = reverse("referrals:link_open", kwargs={"token": issued.url.rsplit("/r/", 1)[1][:-1]})
    for _ in range(2):
        client.post(path, {"code": "99999999" if issued.code != "99999999" else "88888888"})
    locked = client.post(path, {"code": issued.code})
    assert locked.status_code == 400
    assert "no longer works" in locked.content.decode()


def _close(how, referral, case_manager, shelter):
    from datetime import timedelta

    from opennrm.cases.services import consent_withdraw
    from opennrm.referrals import services

    if how == "declined":
        services.referral_decline(actor=shelter, referral=referral, reason="No place left.")
    elif how == "expired":
        later = referral.response_due_at + timedelta(minutes=1)
        assert services.referrals_expire_overdue(now=later) == 1
    elif how == "revoked":
        services.referral_revoke(actor=case_manager, referral=referral, reason="Her phone: 0661")
    elif how == "cancelled":
        consent_withdraw(actor=case_manager, consent=referral.consent)
    else:
        services.referral_accept(actor=shelter, referral=referral)
        services.referral_complete(
            actor=shelter,
            referral=referral,
            outcome="Delivered",
            note="",
            completed_on=timezone.localdate(),
        )


@pytest.mark.parametrize("how", ["declined", "expired", "revoked", "cancelled", "completed"])
def test_a_closed_referral_shows_the_recipient_no_message(
    client, login, case_manager, shelter, how
):
    from opennrm.referrals.services import referral_message

    referral = send_referral(case_manager, shelter.organisation)
    referral_message(actor=case_manager, referral=referral, text="Her phone: 0661234987")
    url = reverse("referrals:referral", kwargs={"referral_id": referral.pk})
    login(client, shelter)
    assert "0661234987" in client.get(url).content.decode()  # open: the message is there
    _close(how, referral, case_manager, shelter)
    referral.refresh_from_db()
    assert not referral.is_open
    body = client.get(url).content.decode()
    assert "0661234987" not in body and "Her phone" not in body
    assert "Testaoui" not in body
    login(client, case_manager)  # the sender keeps its own history
    assert "0661234987" in client.get(url).content.decode()


def test_the_coordinator_records_the_consent_from_the_referral_form(client, login, member_of):
    from opennrm.cases.models import ConsentRecord

    coordinator = member_of("coordinator")
    case = open_case(coordinator)
    shelter = member_of("service_provider")
    login(client, coordinator)
    page = client.get(reverse("referrals:new", kwargs={"case_id": case.pk})).content.decode()
    assert 'data-testid="record-consent"' in page
    url = reverse("referrals:consent_inline", kwargs={"case_id": case.pk})
    opened = client.get(url, {"recipient_organisation": str(shelter.organisation_id)})
    assert opened.status_code == 200
    form = opened.context["form"]
    assert form.initial["purpose"] == "Referral"
    assert str(form.initial["recipient_organisation"]) == str(shelter.organisation_id)
    data = {
        "consent-purpose": "Referral",
        "consent-recipient_organisation": str(shelter.organisation_id),
        "consent-given": "yes",
        "consent-given_by": "Person",
        "consent-given_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "consent-explained_purpose": "on",
        "consent-explained_withdrawal": "on",
    }
    recorded = client.post(url, data)
    body = recorded.content.decode()
    consent = ConsentRecord.objects.get(case=case)
    assert 'data-testid="consent-recorded"' in body
    assert f'<option value="{consent.pk}" selected>' in body and 'hx-swap-oob="true"' in body
    # Sent with that consent, the referral goes.
    sent = client.post(
        reverse("referrals:new", kwargs={"case_id": case.pk}),
        _send_form(shelter.organisation, consent=str(consent.pk)),
    )
    assert sent.status_code == 302 and Referral.objects.get().consent_id == consent.pk
    # A role that may not record consent does not get the form.
    login(client, member_of("prosecutor", coordinator.organisation))
    assert client.get(url).status_code in {403, 404}


def test_a_reason_opennrm_writes_is_read_in_the_readers_language(client, login, case_manager):
    from opennrm.accounts.services import user_set_language
    from opennrm.cases.services import consent_withdraw

    shelter_org = send_referral(case_manager, OrganisationFactory()).recipient_organisation
    referral = Referral.objects.get(recipient_organisation=shelter_org)
    consent_withdraw(actor=case_manager, consent=referral.consent)  # written in English
    user_set_language(user=case_manager.user, language="fr")
    login(client, case_manager)
    body = client.get(reverse("referrals:referral", kwargs={"referral_id": referral.pk}))
    text = body.content.decode()
    assert "La personne a retiré le consentement" in text
    assert "The person withdrew the consent" not in text
