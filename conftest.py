"""Test-wide setup: fixed, test-only keys (never used anywhere else)."""

from __future__ import annotations

import base64
import json
import os

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
    from hypothesis import settings as hypothesis_settings

    # Property tests: no per-example time limit (CI machines vary; speed is for bench/), no
    # example database written into the checkout; HYPOTHESIS_PROFILE=thorough explores more.
    hypothesis_settings.register_profile("default", deadline=None, database=None)
    hypothesis_settings.register_profile(
        "thorough", deadline=None, database=None, max_examples=1000
    )
    hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

    settings.OPENNRM_KEYS_JSON = TEST_KEYS_JSON
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The test client speaks plain HTTP; production keeps the redirect (see check --deploy test).
    settings.SECURE_SSL_REDIRECT = False

    from opennrm.core.keys import reset_keyring_cache

    reset_keyring_cache()
    # Tasks a test enqueues (a route walker pressing "Back up now") stay in memory: never in
    # the installation's queue, where a running consumer would execute them.
    from huey.contrib.djhuey import HUEY
    from huey.storage import MemoryStorage

    HUEY.storage = MemoryStorage("opennrm-tests")


@pytest.fixture(autouse=True)
def _english_and_fresh_keys(settings, tmp_path):
    settings.LANGUAGE_CODE = "en"
    settings.OPENNRM_KEYS_JSON = TEST_KEYS_JSON
    settings.OPENNRM_SUBJECT_KEY_ESCROW = tmp_path / "subject-keys.escrow"
    from opennrm.core.calendar import clear_holiday_cache
    from opennrm.core.keys import reset_keyring_cache
    from opennrm.core.subject_keys import clear_cache

    reset_keyring_cache()
    clear_cache()  # a test's persons are rolled back with it
    clear_holiday_cache()  # a test's holiday overrides are rolled back with it
    from django.core.cache import cache

    cache.clear()  # rate limits and cached statistics belong to one test
    yield
    reset_keyring_cache()
    clear_holiday_cache()


@pytest.fixture
def organisation(db):
    from opennrm.accounts.tests.factories import OrganisationFactory

    return OrganisationFactory()


@pytest.fixture
def case_manager(db, organisation):
    from opennrm.accounts.tests.factories import MembershipFactory

    return MembershipFactory(organisation=organisation, role="case_manager")


@pytest.fixture
def member_of(db):
    """Build a membership of `role` in `organisation` (a new one by default)."""
    from opennrm.accounts.tests.factories import MembershipFactory, OrganisationFactory

    def make(role, organisation=None):
        return MembershipFactory(organisation=organisation or OrganisationFactory(), role=role)

    return make


@pytest.fixture
def login():
    """Log a membership's user in with a verified second factor, acting for that membership."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from opennrm.accounts.middleware import ACTIVE_MEMBERSHIP_SESSION_KEY

    def do(client, membership, *, confirmed=False):
        """`confirmed`: the user also re-authenticated just now (step-up)."""
        import time

        from opennrm.accounts.step_up import STEP_UP_SESSION_KEY

        device = TOTPDevice.objects.filter(user=membership.user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=membership.user, name="test", confirmed=True)
        client.force_login(membership.user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[ACTIVE_MEMBERSHIP_SESSION_KEY] = str(membership.pk)
        if confirmed:
            session[STEP_UP_SESSION_KEY] = time.time()
        session.save()
        return client

    return do


def _audit_triggers(action: str) -> None:
    """Install or remove the audit log's append-only triggers (core migration 0002)."""
    import importlib

    from django.db import connection

    migration = importlib.import_module("opennrm.core.migrations.0002_audit_append_only_triggers")
    with connection.schema_editor() as editor:
        getattr(migration, action)(None, editor)


@pytest.fixture
def audit_committed(request, transactional_db):
    """For tests whose committed audit events the flush after them must delete: the
    append-only triggers are lifted after the test (before the flush) and put back after the
    flush (`pytest_runtest_teardown`). Mark the test `audit_committed` too."""
    assert request.node.get_closest_marker("audit_committed"), "mark the test audit_committed"
    yield
    _audit_triggers("remove")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if item.get_closest_marker("audit_committed"):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _audit_triggers("install")
