"""A country's criminal procedure as data: its stages, the moves allowed between them and its
authorities, read from data/procedures/<COUNTRY>.json. Loaded by a migration for Morocco and by
`manage.py load_procedure FILE` for another country; loading again updates what changed and
never deletes a stage or an authority a proceeding may point to."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from opennrm.justice.vocabularies import AuthorityKind, StagePhase

DATA_DIR = Path(__file__).parent / "data" / "procedures"


class ProcedureFileError(ValueError):
    pass


def read_procedure(path: Path) -> dict[str, Any]:
    """The file's content, checked: every stage and authority well formed, every move between
    known stages."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ProcedureFileError(f"{path}: {exc}") from exc
    country = data.get("country", "")
    if not (isinstance(country, str) and len(country) == 2 and country.isupper()):
        raise ProcedureFileError(f"{path}: 'country' must be a two-letter ISO code")
    _check_stages(path, data)
    _check_authorities(path, data)
    _check_offences(path, data)
    return data


def _check_stages(path: Path, data: dict[str, Any]) -> None:
    codes = set()
    for stage in data.get("stages", []):
        for key in ("code", "label_en", "label_fr", "label_ar", "phase"):
            if not stage.get(key):
                raise ProcedureFileError(f"{path}: a stage has no '{key}'")
        if stage["phase"] not in StagePhase.values:
            raise ProcedureFileError(f"{path}: stage {stage['code']}: unknown phase")
        if set(stage.get("authority_kinds", [])) - set(AuthorityKind.values):
            raise ProcedureFileError(f"{path}: stage {stage['code']}: unknown authority kind")
        codes.add(stage["code"])
    if not codes or not any(s.get("is_initial") for s in data["stages"]):
        raise ProcedureFileError(f"{path}: no stage where a proceeding may start")
    for source, targets in data.get("moves", {}).items():
        if source not in codes or set(targets) - codes:
            raise ProcedureFileError(f"{path}: a move names an unknown stage ({source})")


def _check_offences(path: Path, data: dict[str, Any]) -> None:
    for offence in data.get("offences", []):
        for key in ("article", "label_en", "label_fr", "label_ar"):
            if not offence.get(key):
                raise ProcedureFileError(f"{path}: an offence has no '{key}'")


def _check_authorities(path: Path, data: dict[str, Any]) -> None:
    for authority in data.get("authorities", []):
        for key in ("code", "kind", "label_en", "label_fr", "label_ar"):
            if not authority.get(key):
                raise ProcedureFileError(f"{path}: an authority has no '{key}'")
        if authority["kind"] not in AuthorityKind.values:
            raise ProcedureFileError(f"{path}: authority {authority['code']}: unknown kind")


def load_procedure(
    data: dict[str, Any], *, stage_model: Any, move_model: Any, authority_model: Any
) -> dict[str, int]:
    """Write the procedure (models passed in, so a migration can use its historical ones).
    Returns how many stages, moves and authorities the country now has."""
    country = data["country"]
    stages = {}
    for position, stage in enumerate(data["stages"], start=1):
        stages[stage["code"]], _created = stage_model.objects.update_or_create(
            country=country,
            code=stage["code"],
            defaults={
                "position": position,
                "label_en": stage["label_en"],
                "label_fr": stage["label_fr"],
                "label_ar": stage["label_ar"],
                "phase": stage["phase"],
                "authority_kinds": list(stage.get("authority_kinds", [])),
                "is_initial": bool(stage.get("is_initial")),
            },
        )
    # The moves are the file's, exactly: one table, replaced as a whole.
    move_model.objects.filter(from_stage__country=country).delete()
    for source, targets in data.get("moves", {}).items():
        for target in targets:
            move_model.objects.create(from_stage=stages[source], to_stage=stages[target])
    for authority in data.get("authorities", []):
        authority_model.objects.update_or_create(
            country=country,
            code=authority["code"],
            defaults={
                "kind": authority["kind"],
                "region": authority.get("region", ""),
                "specialised": bool(authority.get("specialised")),
                "label_en": authority["label_en"],
                "label_fr": authority["label_fr"],
                "label_ar": authority["label_ar"],
            },
        )
    return {
        "stages": stage_model.objects.filter(country=country).count(),
        "moves": move_model.objects.filter(from_stage__country=country).count(),
        "authorities": authority_model.objects.filter(country=country).count(),
    }


def load_offences(data: dict[str, Any], *, offence_model: Any) -> int:
    """Write the country's offences (added or updated, never deleted: charges point to them)."""
    country = data["country"]
    for position, offence in enumerate(data.get("offences", []), start=1):
        offence_model.objects.update_or_create(
            country=country,
            article=offence["article"],
            defaults={
                "position": position,
                "is_trafficking": bool(offence.get("is_trafficking")),
                "label_en": offence["label_en"],
                "label_fr": offence["label_fr"],
                "label_ar": offence["label_ar"],
            },
        )
    count: int = offence_model.objects.filter(country=country).count()
    return count
