"""Production settings pass `check --deploy` without a single warning."""

import os
import subprocess
import sys
from pathlib import Path

from conftest import TEST_KEYS_JSON

ROOT = Path(__file__).resolve().parent.parent


def _check_deploy(**overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "OPENNRM_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_SECRET_KEY": "x7#production-only-secret-" + "k" * 40,
            "DJANGO_ALLOWED_HOSTS": "nrm.example.org",
            "OPENNRM_KEYS_JSON": TEST_KEYS_JSON,
            **overrides,
        }
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = _check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_when_second_factor_is_relaxed():
    result = _check_deploy(OPENNRM_REQUIRE_MFA="false")
    assert result.returncode != 0
    assert "opennrm.W001" in result.stdout + result.stderr
