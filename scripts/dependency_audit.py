"""Audit the installed Python packages for known vulnerabilities (`make audit`).

1. pip-audit against the live PyPI vulnerability service. A package the service could not
   answer for counts as not audited, never as clean.
2. For every package the live service did not audit, the offline snapshot of the PyPA Advisory
   Database in security/advisories-pypi.json (refresh it with scripts/advisory_snapshot.py);
   its date is printed, and a snapshot older than STALE_DAYS is called stale in the report.
3. Known vulnerabilities fail the audit unless listed, with a reason, in security/audit-ignore.txt.
   If neither source can be read, the audit fails: it never passes silently.

Exit codes: 0 no known vulnerability, 1 vulnerabilities found, 2 the audit could not run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "security" / "advisories-pypi.json"
IGNORE = ROOT / "security" / "audit-ignore.txt"
STALE_DAYS = 180


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class Finding:
    package: str
    version: str
    advisory: str
    summary: str
    source: str


@dataclass
class Audit:
    findings: list[Finding] = field(default_factory=list)
    audited_live: set[str] = field(default_factory=set)
    audited_snapshot: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def installed() -> dict[str, str]:
    return {normalise(d.metadata["Name"]): d.version for d in metadata.distributions()}


def _parse(version: str) -> Version | None:
    try:
        return Version(version)
    except InvalidVersion:
        return None


def in_range(version: str, events: list[dict[str, str]]) -> bool:
    """OSV ECOSYSTEM range: affected from each `introduced` up to the next `fixed` (excluded)
    or `last_affected` (included)."""
    current = _parse(version)
    if current is None:
        return False
    affected = False
    for event in events:
        if "introduced" in event:
            start = event["introduced"]
            affected = start == "0" or ((bound := _parse(start)) is not None and current >= bound)
        elif "fixed" in event and affected:
            bound = _parse(event["fixed"])
            if bound is not None and current >= bound:
                affected = False
        elif "last_affected" in event and affected:
            bound = _parse(event["last_affected"])
            if bound is not None and current > bound:
                affected = False
    return affected


def is_affected(version: str, advisory: dict[str, Any]) -> bool:
    if advisory.get("withdrawn"):
        return False
    for affected in advisory["affected"]:
        if version in affected["versions"]:
            return True
        if any(in_range(version, events) for events in affected["ranges"]):
            return True
    return False


def ignored() -> dict[str, str]:
    """Advisory id -> reason, from security/audit-ignore.txt (`ID  reason`, # comments)."""
    if not IGNORE.exists():
        return {}
    entries = {}
    for raw in IGNORE.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            advisory, _, reason = line.partition(" ")
            if not reason.strip():
                raise SystemExit(f"audit-ignore.txt: {advisory} needs a reason")
            entries[advisory] = reason.strip()
    return entries


def audit_live(audit: Audit, packages: dict[str, str]) -> None:
    if os.environ.get("OPENNRM_AUDIT_OFFLINE") == "1":
        audit.notes.append("live service: not asked (OPENNRM_AUDIT_OFFLINE=1)")
        return
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        report = json.loads(result.stdout or "{}")
    except (subprocess.TimeoutExpired, json.JSONDecodeError, OSError) as error:
        audit.notes.append(f"live service: unreachable ({type(error).__name__})")
        return
    for dependency in report.get("dependencies", []):
        name = normalise(dependency["name"])
        if "skip_reason" in dependency:
            continue
        audit.audited_live.add(name)
        for vuln in dependency.get("vulns", []):
            audit.findings.append(
                Finding(
                    name,
                    dependency["version"],
                    vuln["id"],
                    vuln.get("description", "")[:200],
                    "live",
                )
            )
    missing = len(packages) - len(audit.audited_live & set(packages))
    audit.notes.append(
        f"live service: {len(audit.audited_live)} packages audited, {missing} not answered for"
    )


def audit_snapshot(audit: Audit, packages: dict[str, str], today: datetime) -> None:
    remaining = {n: v for n, v in packages.items() if n not in audit.audited_live}
    if not remaining:
        return
    if not SNAPSHOT.exists():
        audit.notes.append(f"snapshot: missing ({SNAPSHOT})")
        return
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    taken = datetime.fromisoformat(snapshot["date"])
    age = (today - taken).days
    stale = f"STALE: {age} days old, refresh it" if age > STALE_DAYS else f"{age} days old"
    audit.notes.append(
        f"snapshot: PyPA Advisory Database at {snapshot['commit'][:12]} "
        f"of {taken.date().isoformat()} ({stale})"
    )
    covered = set(snapshot["packages"])
    by_package: dict[str, list[dict[str, Any]]] = {}
    for advisory in snapshot["advisories"]:
        by_package.setdefault(advisory["package"], []).append(advisory)
    for name, version in remaining.items():
        if name not in covered:
            continue
        audit.audited_snapshot.add(name)
        for advisory in by_package.get(name, []):
            if is_affected(version, advisory):
                audit.findings.append(
                    Finding(name, version, advisory["id"], advisory["summary"], "snapshot")
                )
    uncovered = sorted(set(remaining) - covered)
    if uncovered:
        audit.notes.append(
            "not in the snapshot (refresh it with scripts/advisory_snapshot.py): "
            + ", ".join(uncovered)
        )


def main() -> int:
    packages = installed()
    audit = Audit()
    audit_live(audit, packages)
    audit_snapshot(audit, packages, datetime.now(UTC))
    accepted = ignored()
    for note in audit.notes:
        print(f"dependency audit: {note}")
    failing = [f for f in audit.findings if f.advisory not in accepted]
    for finding in audit.findings:
        reason = accepted.get(finding.advisory)
        mark = f"accepted: {reason}" if reason else "VULNERABLE"
        print(
            f"  {finding.package} {finding.version}: {finding.advisory} ({finding.source}) "
            f"{mark}. {finding.summary}"
        )
    checked = audit.audited_live | audit.audited_snapshot
    unchecked = sorted(set(packages) - checked)
    print(
        f"dependency audit: {len(packages)} packages, {len(audit.audited_live)} checked live, "
        f"{len(audit.audited_snapshot)} against the snapshot, {len(unchecked)} not checked, "
        f"{len(failing)} vulnerable"
    )
    if failing:
        return 1
    if not checked:
        print("dependency audit: FAILED TO RUN: neither the live service nor the snapshot answered")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
