import socket
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from opennrm.accounts.models import User
from opennrm.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-1"


def test_login_error_is_the_same_for_unknown_user_and_wrong_password(client, case_manager):
    unknown = client.post("/accounts/login/", {"username": "nobody-here", "password": "x" * 12})
    wrong = client.post(
        "/accounts/login/", {"username": case_manager.user.username, "password": "x" * 12}
    )
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].errors == wrong.context["form"].errors


def test_login_locks_out_after_repeated_failures(client, case_manager, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/", {"username": case_manager.user.username, "password": "bad" * 4}
        )
    locked = client.post(
        "/accounts/login/", {"username": case_manager.user.username, "password": PASSWORD}
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_victim_data_roles_must_pass_second_factor(client, case_manager):
    client.post("/accounts/login/", {"username": case_manager.user.username, "password": PASSWORD})
    response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/second-factor/"
    api = client.get("/api/v1/cases/")
    assert api.status_code == 403


def test_second_factor_enrolment_then_access(client, case_manager):
    client.post("/accounts/login/", {"username": case_manager.user.username, "password": PASSWORD})
    page = client.get("/accounts/second-factor/")
    assert page.context["enrolling"]
    device = TOTPDevice.objects.get(user=case_manager.user, confirmed=False)
    wrong = client.post("/accounts/second-factor/", {"token": "000000"})
    assert wrong.status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # Let the throttling delay pass (django-otp doubles it after each failure).
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    device.refresh_from_db()
    token = f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    response = client.post("/accounts/second-factor/", {"token": token})
    # Right after enrolling, the user is given recovery codes, once.
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10 and all(c in response.content.decode() for c in codes)
    assert client.get("/cases/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_donor_viewer_needs_no_second_factor(client, member_of):
    donor = member_of("donor_viewer")
    client.post("/accounts/login/", {"username": donor.user.username, "password": PASSWORD})
    home = client.get("/")
    assert home.status_code == 200
    assert client.get("/cases/").status_code == 403


def test_mfa_setting_off_relaxes_it_for_the_demo(client, case_manager, settings):
    settings.OPENNRM_REQUIRE_MFA = False
    client.post("/accounts/login/", {"username": case_manager.user.username, "password": PASSWORD})
    assert client.get("/cases/").status_code == 200


def test_language_switch_is_saved_for_the_user(client, login, case_manager):
    login(client, case_manager)
    client.post("/accounts/language/", {"language": "ar", "next": "/cases/"})
    assert User.objects.get(pk=case_manager.user.pk).preferred_language == "ar"
    assert 'dir="rtl"' in client.get("/cases/").content.decode()


def test_language_switch_refuses_foreign_redirect(client):
    response = client.post(
        "/accounts/language/", {"language": "fr", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_password_reset_does_not_reveal_accounts(client, case_manager, mailoutbox):
    case_manager.user.email = "leila@example.org"
    case_manager.user.save()
    known = client.post("/accounts/password/reset/", {"email": "leila@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.invalid"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mailoutbox) == 1


def test_idle_session_expires_and_activity_extends_it(client, login, case_manager, settings):
    settings.OPENNRM_SESSION_REFRESH_SECONDS = 0
    login(client, case_manager)
    session = Session.objects.get()
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(seconds=5))
    assert client.get("/cases/").status_code == 200
    extended = Session.objects.get().expire_date
    assert extended > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_activity_extends_the_session_at_most_once_a_minute(client, login, case_manager, settings):
    settings.OPENNRM_SESSION_REFRESH_SECONDS = 60
    login(client, case_manager)
    assert client.get("/").status_code == 200
    soon = timezone.now() + timedelta(seconds=30)
    Session.objects.update(expire_date=soon)
    assert client.get("/cases/").status_code == 200
    assert Session.objects.get().expire_date == soon  # used a moment ago: not written again
    session = client.session
    session["opennrm_active_at"] -= 61
    session.save()
    Session.objects.update(expire_date=soon)
    assert client.get("/cases/").status_code == 200
    refreshed = Session.objects.get().expire_date
    assert refreshed > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_a_stale_session_cookie_creates_no_session(client):
    client.cookies["sessionid"] = "stale0000000000000000000000000000"
    assert client.get("/report/").status_code == 200
    assert not Session.objects.exists()


def _redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def _session_engine(**environment: str) -> str:
    code = "from django.conf import settings; print(settings.SESSION_ENGINE)"
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=Path(__file__).resolve().parents[3],
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "", **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_sessions_are_cached_only_in_a_cache_every_process_shares():
    # A per-process cache would keep a signed-out session alive in the other processes.
    assert _session_engine() == "django.contrib.sessions.backends.db"
    shared = _session_engine(OPENNRM_CACHE_URL="redis://127.0.0.1:6379/15")
    assert shared == "django.contrib.sessions.backends.cached_db"


@pytest.mark.skipif(not _redis_running(), reason="no Redis on 127.0.0.1:6379")
def test_a_session_signed_out_in_one_process_is_refused_by_the_others(
    client, case_manager, settings
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"opennrm-test-{uuid.uuid4().hex}",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.post("/accounts/login/", {"username": case_manager.user.username, "password": PASSWORD})
    other_worker = Client()
    other_worker.cookies["sessionid"] = client.cookies["sessionid"].value
    assert other_worker.get("/accounts/second-factor/").status_code == 200
    client.post("/accounts/logout/")
    assert other_worker.get("/accounts/second-factor/").status_code == 302


def test_enrolled_user_verifies_with_the_current_code(client, case_manager):
    device = TOTPDevice.objects.create(user=case_manager.user, name="phone", confirmed=True)
    client.post("/accounts/login/", {"username": case_manager.user.username, "password": PASSWORD})
    page = client.get("/accounts/second-factor/")
    assert not page.context["enrolling"]
    assert client.post("/accounts/second-factor/", {"token": "123456"}).status_code == 200
    assert client.get("/cases/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # the failure was kept, throttling applies
    assert AuditEvent.objects.filter(action="mfa.failed").exists()
    token = f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    assert client.post("/accounts/second-factor/", {"token": token}).status_code == 302
    assert client.get("/cases/").status_code == 200
