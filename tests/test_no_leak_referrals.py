"""A referral is the only window another organisation has on a case. The recipient sees what the
disclosure profile shows and nothing else, and nothing once the referral is declined, expired,
revoked or cancelled; any other organisation, and any role of the recipient that does not
answer referrals, learns nothing, not even that the referral exists."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from opennrm.accounts.roles import Role
from opennrm.cases.tests.factories import open_case
from opennrm.referrals.services import (
    referral_accept,
    referral_decline,
    referral_revoke,
    referrals_expire_overdue,
)
from opennrm.referrals.tests.factories import send_referral
from tests.test_no_leak import _patterns

pytestmark = pytest.mark.django_db

REFERRAL_ROUTES = [route for route, _pattern in _patterns() if "<uuid:referral_id>" in route]
# What the shelter-admission profile shows, and what it must not.
SHOWN = ["Salma", "سلمى", "Darija"]
HIDDEN = ["Testaoui", "التستاوي", "612345678", "Rue Imaginaire", "Synthetic narrative of abuse"]


@pytest.fixture
def referral(case_manager, member_of):
    shelter = member_of("service_provider")
    case = open_case(case_manager, narrative="Synthetic narrative of abuse")
    return send_referral(
        case_manager, shelter.organisation, case=case, medical_needs="Asthma inhaler"
    )


def _path(route, referral_id):
    return "/" + route.replace("<uuid:referral_id>", str(referral_id))


def test_walker_found_the_referral_routes():
    assert len(REFERRAL_ROUTES) == 10  # with the page to print


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_other_organisations_learn_nothing_of_a_referral(client, login, member_of, referral, role):
    login(client, member_of(role))
    for route in REFERRAL_ROUTES:
        for method in ("get", "post"):
            real = getattr(client, method)(_path(route, referral.pk))
            missing = getattr(client, method)(_path(route, uuid.uuid4()))
            assert real.status_code == missing.status_code, (role, route, method)
            assert real.status_code in {404, 405}, (role, route, method)
            body = real.content.decode()
            for secret in [referral.reference_code, referral.case.reference_code, *SHOWN]:
                assert secret not in body, (role, route, method, secret)
    listing = client.get("/referrals/?direction=incoming").content.decode()
    assert referral.reference_code not in listing


@pytest.mark.parametrize(
    "role",
    [r.value for r in Role if r not in {Role.SERVICE_PROVIDER, Role.CASE_MANAGER, Role.SUPERVISOR}],
)
def test_recipient_roles_that_do_not_answer_referrals_see_nothing(
    client, login, member_of, referral, role
):
    login(client, member_of(role, referral.recipient_organisation))
    response = client.get(_path("referrals/<uuid:referral_id>/", referral.pk))
    assert response.status_code == 404
    assert "Salma" not in response.content.decode()


def test_recipient_sees_the_profile_fields_only(client, login, referral):
    from opennrm.accounts.models import Membership

    shelter = Membership.objects.get(organisation=referral.recipient_organisation)
    login(client, shelter)
    body = client.get(_path("referrals/<uuid:referral_id>/", referral.pk)).content.decode()
    for value in [*SHOWN, "Asthma inhaler", referral.reason]:
        assert value in body, value
    for value in [*HIDDEN, referral.case.reference_code, referral.case.person.reference_code]:
        assert value not in body, value


def test_recipient_never_reaches_the_case_itself(client, login, referral):
    from opennrm.accounts.models import Membership
    from tests.test_no_leak import ROUTES, _fill

    shelter = Membership.objects.get(organisation=referral.recipient_organisation)
    referral_accept(actor=shelter, referral=referral)
    login(client, shelter)
    for route, _pattern in ROUTES:
        for method in ("get", "post"):
            response = getattr(client, method)(_fill(route, referral.case_id, uuid.uuid4()))
            assert response.status_code in {403, 404, 405}, (route, method)
            assert "Testaoui" not in response.content.decode()


def _close(referral, how, sender, recipient):
    if how == "declined":
        referral_decline(actor=recipient, referral=referral, reason="No place left.")
    elif how == "revoked":
        referral_revoke(actor=sender, referral=referral, reason="Placed elsewhere.")
    elif how == "expired":
        referrals_expire_overdue(now=referral.response_due_at + timedelta(minutes=1))
    elif how == "cancelled":
        from opennrm.cases.services import consent_withdraw

        consent_withdraw(actor=sender, consent=referral.consent)


@pytest.mark.parametrize("how", ["declined", "revoked", "expired", "cancelled"])
def test_a_closed_referral_leaves_no_access(client, login, referral, case_manager, how):
    from opennrm.accounts.models import Membership

    shelter = Membership.objects.get(organisation=referral.recipient_organisation)
    _close(referral, how, case_manager, shelter)
    login(client, shelter)
    response = client.get(_path("referrals/<uuid:referral_id>/", referral.pk))
    assert response.status_code == 200  # the recipient keeps the bare record of its referral
    body = response.content.decode()
    for value in [*SHOWN, *HIDDEN, "Asthma inhaler", referral.reason]:
        assert value not in body, (how, value)


def test_a_completed_referral_leaves_no_access(client, login, referral):
    from opennrm.accounts.models import Membership
    from opennrm.referrals.services import referral_complete

    shelter = Membership.objects.get(organisation=referral.recipient_organisation)
    accepted = referral_accept(actor=shelter, referral=referral)
    referral_complete(
        actor=shelter,
        referral=accepted,
        outcome="Delivered",
        note="",
        completed_on=timezone.localdate(),
    )
    login(client, shelter)
    body = client.get(_path("referrals/<uuid:referral_id>/", referral.pk)).content.decode()
    for value in [*SHOWN, *HIDDEN, "Asthma inhaler"]:
        assert value not in body, value
