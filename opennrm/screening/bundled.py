"""The indicator sets shipped with OpenNRM (data/sets.json and its TSV lists), resolved into
plain dictionaries. Loaded into the database by a data migration; edited there afterwards."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
LANGUAGES = ("en", "fr", "ar")
STRENGTHS = {"S": "strong", "M": "medium", "W": "weak"}


def _read_list(filename: str) -> list[dict[str, Any]]:
    rows = []
    for line in (DATA / filename).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        dimension, strength, code, *texts = line.split("\t")
        rows.append(
            {
                "dimension": int(dimension),
                "code": code,
                "strength": STRENGTHS[strength],
                "text": dict(zip(LANGUAGES, texts, strict=True)),
            }
        )
    return rows


def _derive(rows: list[dict[str, Any]], derive: dict[str, Any]) -> list[dict[str, Any]]:
    removed = set(derive.get("remove", []))
    changes = derive.get("strength", {})
    weak_becomes = derive.get("weak_becomes")
    derived = []
    for row in rows:
        key = f"{row['dimension']}.{row['code']}"
        if key in removed:
            continue
        strength = changes.get(key, row["strength"])
        if strength == "weak" and weak_becomes:
            strength = weak_becomes
        derived.append({**row, "strength": strength})
    return derived


def bundled_sets() -> list[dict[str, Any]]:
    document = json.loads((DATA / "sets.json").read_text(encoding="utf-8"))
    sets = []
    for definition in document["sets"]:
        rows = _read_list(definition["indicators"])
        if "derive" in definition:
            rows = _derive(rows, definition["derive"])
        sets.append(
            {
                "slug": definition["slug"],
                "version": definition["version"],
                "population": definition["population"],
                "exploitation": definition["exploitation"],
                "verified": definition["verified"],
                "title": definition["title"],
                "verification_note": definition["verification_note"],
                "dimension_rule": document["dimension_present"],
                "victim_rule": definition["presumed_victim"],
                "dimensions": [
                    {
                        "number": int(number),
                        "name": name,
                        "indicators": [r for r in rows if r["dimension"] == int(number)],
                    }
                    for number, name in sorted(document["dimensions"].items())
                ],
            }
        )
    return sets
