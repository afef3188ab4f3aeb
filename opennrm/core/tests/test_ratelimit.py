"""The anonymous pages' rate limit: counted atomically, so several processes sharing one cache
(Redis in production) enforce one limit together."""

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.test import RequestFactory

from conftest import TEST_KEYS_JSON
from opennrm.core.ratelimit import over_limit

ROOT = Path(__file__).resolve().parents[3]
REDIS = ("127.0.0.1", 6379)


def test_the_limit_counts_each_attempt_once(settings):
    settings.OPENNRM_PUBLIC_REPORT_WINDOW_SECONDS = 60
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    assert [over_limit(request, "synthetic", 3) for _ in range(5)] == [
        False,
        False,
        False,
        True,
        True,
    ]
    other = RequestFactory().get("/", REMOTE_ADDR="192.0.2.8")
    assert not over_limit(other, "synthetic", 3)


def _redis_running() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


ATTEMPTS = """
from django.test import RequestFactory
from opennrm.core.ratelimit import over_limit
request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.9")
print(sum(not over_limit(request, "shared", 10) for _ in range(25)))
"""


@pytest.mark.skipif(not _redis_running(), reason="no Redis on 127.0.0.1:6379")
def test_several_processes_sharing_redis_enforce_one_limit():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "OPENNRM_CACHE_URL": "redis://127.0.0.1:6379/15",
        "OPENNRM_CACHE_PREFIX": f"opennrm-test-{uuid.uuid4().hex}",
        "OPENNRM_KEYS_JSON": TEST_KEYS_JSON,
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", ATTEMPTS],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    allowed = [int(p.communicate(timeout=120)[0].strip().splitlines()[-1]) for p in processes]
    # 75 attempts from one address in three processes: 10 allowed in all, not 10 each.
    assert sum(allowed) == 10, allowed
