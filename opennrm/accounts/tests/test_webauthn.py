"""Security keys (WebAuthn), against a software authenticator: registration after a step-up,
use as the second factor at sign-in and for a step-up, and every way an answer can be wrong."""

import time

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django_otp.plugins.otp_totp.models import TOTPDevice

from opennrm.accounts.models import SecurityKey
from opennrm.accounts.step_up import STEP_UP_SESSION_KEY
from opennrm.accounts.tests.soft_authenticator import SoftAuthenticator
from opennrm.core.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-1"


def _confirmed(client):
    session = client.session
    session[STEP_UP_SESSION_KEY] = time.time()
    session.save()


def _register(client, authenticator, name="Blue key"):
    options = client.post("/accounts/security/keys/options/")
    assert options.status_code == 200 and options["Cache-Control"] == "no-store"
    return client.post(
        "/accounts/security/keys/add/",
        {"name": name, "credential": authenticator.register(options.content)},
    )


def test_adding_a_key_needs_a_step_up_then_registers_it(client, login, member_of):
    admin = member_of("system_admin")
    login(client, admin)
    asked = client.post("/accounts/security/keys/options/")
    assert asked.status_code == 403 and asked.json()["confirm"].startswith("/accounts/confirm/")
    _confirmed(client)
    key = SoftAuthenticator()
    added = _register(client, key)
    assert added.status_code == 302
    stored = SecurityKey.objects.get(user=admin.user)
    assert bytes(stored.credential_id) == key.credential_id and stored.name == "Blue key"
    assert AuditEvent.objects.filter(action="mfa.security_key_added").count() == 1
    # The same key twice is refused, and the page says why.
    again = _register(client, key)
    assert again.status_code == 302 and SecurityKey.objects.filter(user=admin.user).count() == 1
    page = client.get("/accounts/security/").content.decode()
    assert "Blue key" in page


def test_a_registration_from_another_site_or_replayed_is_refused(client, login, member_of):
    login(client, member_of("system_admin"))
    _confirmed(client)
    key = SoftAuthenticator()
    options = client.post("/accounts/security/keys/options/").content
    phished = key.register(options, origin="https://opennrm-login.example")
    client.post("/accounts/security/keys/add/", {"name": "x", "credential": phished})
    assert not SecurityKey.objects.exists()
    # The challenge was used up by that attempt: the right answer to it is refused too.
    client.post("/accounts/security/keys/add/", {"name": "x", "credential": key.register(options)})
    assert not SecurityKey.objects.exists()
    garbage = client.post("/accounts/security/keys/add/", {"name": "x", "credential": "{no"})
    assert garbage.status_code == 302 and not SecurityKey.objects.exists()


def test_a_key_is_the_second_factor_at_sign_in(client, login, member_of):
    admin = member_of("system_admin")
    login(client, admin)
    _confirmed(client)
    key = SoftAuthenticator()
    _register(client, key)
    TOTPDevice.objects.filter(user=admin.user).delete()
    client.logout()
    client.post("/accounts/login/", {"username": admin.user.username, "password": PASSWORD})
    page = client.get("/accounts/second-factor/")
    # A user with a key and no app is not pushed into enrolling an app.
    assert not page.context["enrolling"] and page.context["has_keys"]
    assert not TOTPDevice.objects.filter(user=admin.user).exists()
    options = client.post("/accounts/security-key/options/login/").content
    done = client.post("/accounts/second-factor/key/", {"assertion": key.answer(options)})
    assert done.status_code == 302 and done["Location"] == "/"
    assert client.get("/system/backups/").status_code == 200
    stored = SecurityKey.objects.get(user=admin.user)
    assert stored.sign_count == 1 and stored.last_used_at is not None


def test_a_wrong_signature_a_cloned_key_or_a_stale_challenge_is_refused(client, login, member_of):
    admin = member_of("system_admin")
    login(client, admin)
    _confirmed(client)
    key = SoftAuthenticator()
    _register(client, key)
    client.logout()
    client.post("/accounts/login/", {"username": admin.user.username, "password": PASSWORD})

    def attempt(**kwargs):
        options = client.post("/accounts/security-key/options/login/").content
        client.post("/accounts/second-factor/key/", {"assertion": key.answer(options, **kwargs)})
        return client.get("/system/backups/").status_code

    assert attempt(key=ec.generate_private_key(ec.SECP256R1())) == 302
    assert attempt(origin="https://opennrm-login.example") == 302
    assert attempt(sign_count=5) == 200
    client.logout()
    client.post("/accounts/login/", {"username": admin.user.username, "password": PASSWORD})
    # A counter that does not move forward: a copy of the key.
    assert attempt(sign_count=5) == 302
    # No challenge asked in this session: nothing to answer.
    client.post(
        "/accounts/second-factor/key/",
        {"assertion": key.answer('{"challenge": "AA", "rpId": "testserver"}')},
    )
    assert client.get("/system/backups/").status_code == 302
    assert (
        AuditEvent.objects.filter(action="mfa.failed", details__factor="security_key").count() == 3
    )


def test_a_key_confirms_a_step_up_with_the_password(client, login, member_of):
    admin = member_of("system_admin")
    login(client, admin)
    _confirmed(client)
    key = SoftAuthenticator()
    _register(client, key)
    session = client.session
    del session[STEP_UP_SESSION_KEY]
    session.save()
    options = client.post("/accounts/security-key/options/step_up/").content
    wrong_password = client.post(
        "/accounts/confirm/", {"password": "not-the-password", "assertion": key.answer(options)}
    )
    assert wrong_password.status_code == 200 and STEP_UP_SESSION_KEY not in client.session
    options = client.post("/accounts/security-key/options/step_up/").content
    done = client.post(
        "/accounts/confirm/",
        {"password": PASSWORD, "assertion": key.answer(options), "next": "/accounts/security/"},
    )
    assert done["Location"] == "/accounts/security/" and STEP_UP_SESSION_KEY in client.session


def test_removing_a_key_needs_a_step_up(client, login, member_of):
    admin = member_of("system_admin")
    login(client, admin)
    _confirmed(client)
    _register(client, SoftAuthenticator())
    stored = SecurityKey.objects.get(user=admin.user)
    session = client.session
    del session[STEP_UP_SESSION_KEY]
    session.save()
    url = f"/accounts/security/keys/{stored.pk}/remove/"
    assert client.post(url)["Location"].startswith("/accounts/confirm/")
    assert SecurityKey.objects.filter(pk=stored.pk).exists()
    _confirmed(client)
    client.post(url)
    assert not SecurityKey.objects.filter(pk=stored.pk).exists()
    # Another user's key cannot be removed by guessing its number.
    other = member_of("system_admin")
    login(client, other, confirmed=True)
    assert client.post(f"/accounts/security/keys/{stored.pk + 1}/remove/").status_code == 302
