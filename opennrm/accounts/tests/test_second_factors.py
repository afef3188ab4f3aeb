"""Recovery codes (one-time, kept as keyed hashes) and the step-up re-authentication before
protected actions: revealing a protected address, exporting identifying data, changing roles."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from opennrm.accounts.models import Membership, RecoveryCode, RecoveryCodeDevice
from opennrm.accounts.second_factors import recovery_code_use, recovery_codes_generate
from opennrm.accounts.step_up import STEP_UP_SESSION_KEY
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-1"


def _unthrottle(device):
    type(device).objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )


def _totp(user):
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    _unthrottle(device)
    device.refresh_from_db()
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def test_recovery_codes_are_kept_as_hashes_and_each_works_once(case_manager):
    user = case_manager.user
    codes = recovery_codes_generate(user=user)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = list(RecoveryCode.objects.filter(device__user=user))
    assert len(stored) == 10
    for code in codes:
        plain = code.replace("-", "")
        assert not any(plain in (r.code_hash + r.salt) for r in stored)
    # Typed in lower case, with spaces instead of the dash, it still works; once.
    recovery_code_use(user=user, code=codes[0].lower().replace("-", " "))
    _unthrottle(RecoveryCodeDevice.objects.get(user=user))
    with pytest.raises(ApplicationError):
        recovery_code_use(user=user, code=codes[0])
    event = AuditEvent.objects.filter(action="mfa.recovery_code_used").get()
    assert event.details == {"factor": "recovery_code", "remaining": 9}
    assert codes[0] not in str(event.details)


def test_a_new_set_replaces_the_old_one(case_manager):
    user = case_manager.user
    old = recovery_codes_generate(user=user)
    new = recovery_codes_generate(user=user)
    with pytest.raises(ApplicationError):
        recovery_code_use(user=user, code=old[1])
    _unthrottle(RecoveryCodeDevice.objects.get(user=user))
    recovery_code_use(user=user, code=new[1])
    assert RecoveryCodeDevice.objects.get(user=user).remaining() == 9


def test_wrong_codes_are_throttled(case_manager):
    user = case_manager.user
    codes = recovery_codes_generate(user=user)
    with pytest.raises(ApplicationError):
        recovery_code_use(user=user, code="AAAAA-AAAAA")
    # Straight after a failure, even a right code waits for the throttling delay.
    with pytest.raises(ApplicationError):
        recovery_code_use(user=user, code=codes[0])
    assert RecoveryCodeDevice.objects.get(user=user).remaining() == 10
    assert AuditEvent.objects.filter(action="mfa.failed").count() == 2


def test_a_lost_authenticator_is_replaced_with_a_recovery_code(client, case_manager):
    user = case_manager.user
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    codes = recovery_codes_generate(user=user)
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert client.get("/cases/")["Location"] == "/accounts/second-factor/"
    assert (
        "/accounts/second-factor/recovery/"
        in client.get("/accounts/second-factor/").content.decode()
    )
    used = client.post("/accounts/second-factor/recovery/", {"code": codes[3]})
    assert used.status_code == 302
    assert client.get("/cases/").status_code == 200
    # Replacing the authenticator is a protected action: password and another code first.
    asked = client.post("/accounts/security/authenticator/replace/")
    assert asked["Location"].startswith("/accounts/confirm/")
    confirmed = client.post(
        "/accounts/confirm/",
        {"password": PASSWORD, "token": codes[4], "next": "/accounts/security/"},
    )
    assert confirmed["Location"] == "/accounts/security/"
    replaced = client.post("/accounts/security/authenticator/replace/")
    assert replaced["Location"] == "/accounts/second-factor/"
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get("/accounts/second-factor/").context["enrolling"]


def test_step_up_needs_the_password_and_a_second_factor(client, login, case_manager):
    login(client, case_manager)
    user = case_manager.user
    wrong = client.post("/accounts/confirm/", {"password": "not-it-at-all", "token": "123456"})
    assert wrong.status_code == 200 and "password" in wrong.context["form"].errors
    no_code = client.post("/accounts/confirm/", {"password": PASSWORD, "token": "000000"})
    assert "token" in no_code.context["form"].errors
    assert STEP_UP_SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(action="account.step_up_failed").count() == 2
    done = client.post(
        "/accounts/confirm/",
        {"password": PASSWORD, "token": _totp(user), "next": "https://elsewhere.example/x"},
    )
    # Never sent to another site afterwards.
    assert done.status_code == 302 and done["Location"] == "/"
    assert AuditEvent.objects.filter(action="account.step_up").count() == 1


def test_a_step_up_lasts_only_a_few_minutes(client, login, supervisor_with_cases, settings):
    settings.OPENNRM_STEP_UP_SECONDS = 300
    login(client, supervisor_with_cases, confirmed=True)
    url = "/cases/export.csv?identifying=1"
    assert client.get(url).status_code == 200
    session = client.session
    session[STEP_UP_SESSION_KEY] = time.time() - 301
    session.save()
    assert client.get(url)["Location"].startswith("/accounts/confirm/?next=")


@pytest.fixture
def supervisor_with_cases(member_of):
    return member_of("supervisor")


@pytest.fixture
def staff_admin(db):
    from opennrm.accounts.tests.factories import UserFactory

    user = UserFactory(is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_changing_a_role_in_the_administration_needs_a_step_up(client, staff_admin, case_manager):
    client.force_login(staff_admin)
    device = TOTPDevice.objects.create(user=staff_admin, name="t", confirmed=True)
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    url = f"/admin/accounts/membership/{case_manager.pk}/change/"
    form = {
        "user": case_manager.user.pk,
        "organisation": case_manager.organisation.pk,
        "role": "supervisor",
        "is_active": "on",
    }
    asked = client.post(url, form, HTTP_REFERER=f"http://testserver{url}")
    assert asked.status_code == 302 and asked["Location"].startswith("/accounts/confirm/")
    assert Membership.objects.get(pk=case_manager.pk).role == "case_manager"
    client.post(
        "/accounts/confirm/", {"password": PASSWORD, "token": _totp(staff_admin), "next": url}
    )
    changed = client.post(url, form)
    assert changed.status_code == 302 and "/change/" not in changed["Location"]
    assert Membership.objects.get(pk=case_manager.pk).role == "supervisor"
