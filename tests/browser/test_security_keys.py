"""A system administrator adds a security key and signs in with it, in Chromium with its
virtual authenticator (the DevTools WebAuthn domain): the page's own script talks to the
browser's WebAuthn API as it would to a USB key. WebAuthn needs a domain, not an address: the
pages are opened on localhost."""

import re
from pathlib import Path

import pytest

from tests.browser.helpers import (
    CHROMIUM,
    _log_in_with_second_factor,
    _shot,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed"),
]


def test_an_administrator_adds_a_security_key_and_signs_in_with_it(server, browser):
    base = server.replace("127.0.0.1", "localhost")
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    authenticator = devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": False,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )["authenticatorId"]
    _log_in_with_second_factor(page, base, "sysadmin")
    # Having just enrolled the authenticator (password and code), the administrator adds a key
    # without being asked again.
    page.goto(f"{base}/accounts/security/")
    page.fill("#id_key_name", "Clé bleue")
    page.get_by_test_id("add-security-key").click()
    keys = page.get_by_test_id("keys-panel")
    keys.get_by_text("Clé bleue").wait_for()
    _shot(page, "security-keys-fr")
    credentials = devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1

    # Next sign-in: the key instead of the code.
    page.locator("form[action='/accounts/logout/'] button").click()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "sysadmin")
    page.fill("#id_password", "demo-password-2026")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/accounts/second-factor/$"))
    page.get_by_test_id("use-security-key").click()
    page.wait_for_url(f"{base}/")
    assert page.get_by_test_id("acting-as").is_visible()

    # Removing the key is protected: password and the key itself confirm it.
    page.goto(f"{base}/accounts/security/")
    keys.get_by_role("button").filter(has_text="Retirer").click()
    page.wait_for_url(re.compile(r".*/accounts/confirm/\?next=.*"))
    page.fill("#id_password", "demo-password-2026")
    page.get_by_test_id("use-security-key").click()
    page.wait_for_url(f"{base}/accounts/security/")
    keys.get_by_role("button").filter(has_text="Retirer").click()
    page.wait_for_load_state()
    keys.get_by_text("Aucune clé de sécurité").wait_for()
    context.close()
