"""What the browser journeys share: Chromium, screenshots, and signing in with a second factor."""

import base64
import re
import shutil
import time
from pathlib import Path

from django_otp.oath import totp

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "var" / "screenshots"


def _shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# Authenticator secrets of users enrolled during this run, and the last time step each used:
# a code is accepted once (no replay), within one step of the current one.
_ENROLLED: dict[str, str] = {}
_LAST_STEP: dict[str, int] = {}


def _next_code(username, secret):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    step = int(time.time()) // 30
    wanted = max(step, _LAST_STEP.get(username, -1) + 1)
    if wanted - step > 1:
        time.sleep(30 - time.time() % 30 + 0.5)
        step, wanted = step + 1, max(step + 1, _LAST_STEP[username] + 1)
    _LAST_STEP[username] = wanted
    return f"{totp(key, drift=wanted - step):06d}"


def _log_in_with_second_factor(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo-password-2026")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/accounts/second-factor/$"))
    if username not in _ENROLLED:
        _ENROLLED[username] = page.get_by_test_id("totp-secret").inner_text()
    page.fill("#id_token", _next_code(username, _ENROLLED[username]))
    page.click("main form button")
    page.wait_for_load_state()
    if page.get_by_test_id("recovery-codes").count():
        # Right after enrolling: the recovery codes, shown once.
        page.get_by_role("link").filter(has_text=re.compile("kept|conservés|احتفظت")).click()
        page.goto(f"{base}/")
    page.wait_for_url(f"{base}/")
