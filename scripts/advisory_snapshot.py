"""Write the offline vulnerability snapshot used by `make audit` when the live service cannot
be reached.

Source: the PyPA Advisory Database (https://github.com/pypa/advisory-database, CC BY 4.0),
OSV format, one YAML file per advisory. Only the advisories of the packages installed in the
running environment are kept, as compact JSON (id, package, affected ranges and versions, first
line of the summary), with the commit and date of the database they came from.

Usage: python scripts/advisory_snapshot.py GIT_DIR_OF_THE_ADVISORY_DATABASE [OUTPUT]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "security" / "advisories-pypi.json"


def normalise(name: str) -> str:
    """PEP 503 normalisation: the name the database files its advisories under."""
    return re.sub(r"[-_.]+", "-", name).lower()


def git(git_dir: Path, *args: str) -> str:
    return subprocess.run(  # noqa: S603 - fixed git arguments, no shell
        ["git", f"--git-dir={git_dir}", *args],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def installed() -> set[str]:
    return {normalise(dist.metadata["Name"]) for dist in metadata.distributions()}


def compact(advisory: dict[str, Any], package: str) -> dict[str, Any]:
    affected = []
    for entry in advisory.get("affected", []):
        if normalise(entry.get("package", {}).get("name", "")) != package:
            continue
        affected.append(
            {
                "ranges": [
                    r.get("events", [])
                    for r in entry.get("ranges", [])
                    if r.get("type") == "ECOSYSTEM"
                ],
                "versions": [str(v) for v in entry.get("versions", [])],
            }
        )
    summary = (advisory.get("summary") or advisory.get("details") or "").strip().splitlines()
    return {
        "id": advisory["id"],
        "aliases": advisory.get("aliases", []),
        "package": package,
        "affected": affected,
        "summary": summary[0][:200] if summary else "",
        "withdrawn": advisory.get("withdrawn"),
    }


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    git_dir = Path(argv[1])
    output = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUTPUT
    commit, date = git(git_dir, "log", "-1", "--format=%H %cI", "HEAD").split()
    packages = installed()
    files = git(git_dir, "ls-tree", "-r", "--name-only", "HEAD", "vulns/").splitlines()
    advisories = []
    for path in files:
        parts = path.split("/")
        if len(parts) != 3 or not path.endswith((".yaml", ".yml")) or parts[1] not in packages:
            continue
        advisory = yaml.safe_load(git(git_dir, "show", f"HEAD:{path}"))
        advisories.append(compact(advisory, parts[1]))
    snapshot = {
        "source": "https://github.com/pypa/advisory-database",
        "licence": "CC-BY-4.0",
        "commit": commit,
        "date": date,
        "packages": sorted(packages),
        "advisories": sorted(advisories, key=lambda a: (a["package"], a["id"])),
    }
    output.write_text(
        json.dumps(snapshot, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"{len(advisories)} advisories for {len(packages)} packages written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
