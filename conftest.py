"""Test-wide setup: fixed, test-only keys (never used anywhere else)."""

from __future__ import annotations

import base64
import json

import pytest

TEST_KEYS = {
    "active": "ktest2",
    "data_keys": {
        "ktest1": base64.b64encode(b"1" * 32).decode(),
        "ktest2": base64.b64encode(b"2" * 32).decode(),
    },
    "blind_index_key": base64.b64encode(b"b" * 32).decode(),
    "audit_key": base64.b64encode(b"a" * 32).decode(),
}
TEST_KEYS_JSON = json.dumps(TEST_KEYS)


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    settings.OPENNRM_KEYS_JSON = TEST_KEYS_JSON
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    from opennrm.core.keys import reset_keyring_cache

    reset_keyring_cache()


@pytest.fixture(autouse=True)
def _english_and_fresh_keys(settings):
    settings.LANGUAGE_CODE = "en"
    settings.OPENNRM_KEYS_JSON = TEST_KEYS_JSON
    from opennrm.core.keys import reset_keyring_cache

    reset_keyring_cache()
    yield
    reset_keyring_cache()
