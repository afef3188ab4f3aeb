"""`make audit`: known vulnerabilities fail it, and an audit that could not run never passes."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "dependency_audit.py"
spec = importlib.util.spec_from_file_location("dependency_audit", SCRIPT)
assert spec and spec.loader
audit = importlib.util.module_from_spec(spec)
sys.modules["dependency_audit"] = audit
spec.loader.exec_module(audit)


@pytest.mark.parametrize(
    ("version", "events", "affected"),
    [
        ("1.2", [{"introduced": "0"}, {"fixed": "1.3"}], True),
        ("1.3", [{"introduced": "0"}, {"fixed": "1.3"}], False),
        ("2.0", [{"introduced": "1.0"}, {"last_affected": "2.0"}], True),
        ("2.0.1", [{"introduced": "1.0"}, {"last_affected": "2.0"}], False),
        ("0.9", [{"introduced": "1.0"}, {"fixed": "1.5"}], False),
        # Two ranges in one list: 1.x fixed in 1.5, 2.x fixed in 2.2.
        (
            "2.1",
            [{"introduced": "1.0"}, {"fixed": "1.5"}, {"introduced": "2.0"}, {"fixed": "2.2"}],
            True,
        ),
        (
            "1.7",
            [{"introduced": "1.0"}, {"fixed": "1.5"}, {"introduced": "2.0"}, {"fixed": "2.2"}],
            False,
        ),
    ],
)
def test_a_version_is_affected_inside_its_range_only(version, events, affected):
    assert audit.in_range(version, events) is affected


def test_a_withdrawn_advisory_or_a_listed_version_decides():
    advisory = {"affected": [{"ranges": [], "versions": ["3.1"]}], "withdrawn": None}
    assert audit.is_affected("3.1", advisory) and not audit.is_affected("3.2", advisory)
    assert not audit.is_affected("3.1", {**advisory, "withdrawn": "2024-01-01"})


def _snapshot(tmp_path, advisories):
    path = tmp_path / "snapshot.json"
    path.write_text(
        json.dumps(
            {
                "commit": "0" * 40,
                "date": "2026-11-01T00:00:00+00:00",
                "packages": ["django", "pytest"],
                "advisories": advisories,
            }
        )
    )
    return path


def test_an_installed_vulnerable_version_fails_the_audit(tmp_path, monkeypatch, capsys):
    installed = audit.installed()["pytest"]
    advisory = {
        "id": "TEST-1",
        "package": "pytest",
        "affected": [{"ranges": [], "versions": [installed]}],
        "summary": "a test advisory",
        "withdrawn": None,
    }
    monkeypatch.setenv("OPENNRM_AUDIT_OFFLINE", "1")
    monkeypatch.setattr(audit, "SNAPSHOT", _snapshot(tmp_path, [advisory]))
    monkeypatch.setattr(audit, "IGNORE", tmp_path / "none.txt")
    assert audit.main() == 1
    assert "TEST-1" in capsys.readouterr().out
    # Accepted with a reason, it is reported but no longer fails.
    ignore = tmp_path / "ignore.txt"
    ignore.write_text("TEST-1  only reachable from the test runner\n")
    monkeypatch.setattr(audit, "IGNORE", ignore)
    assert audit.main() == 0
    assert "accepted: only reachable from the test runner" in capsys.readouterr().out


def test_an_audit_that_cannot_run_fails(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OPENNRM_AUDIT_OFFLINE", "1")
    monkeypatch.setattr(audit, "SNAPSHOT", tmp_path / "missing.json")
    assert audit.main() == 2
    assert "FAILED TO RUN" in capsys.readouterr().out
