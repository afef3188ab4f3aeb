"""Questionnaires as versioned data (voice/data/*.json), loaded by a migration; a new version
is a new file, and answers keep the version they were given under."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"


def load_questionnaire(path: Path, *, questionnaire_model: Any, question_model: Any) -> Any:
    data = json.loads(path.read_text(encoding="utf-8"))
    questionnaire, _created = questionnaire_model.objects.update_or_create(
        code=data["code"], version=data["version"], defaults={"is_active": True}
    )
    # An older version of the same questionnaire is no longer handed out.
    questionnaire_model.objects.filter(code=data["code"], version__lt=data["version"]).update(
        is_active=False
    )
    for position, question in enumerate(data["questions"], start=1):
        question_model.objects.update_or_create(
            questionnaire=questionnaire,
            key=question["key"],
            defaults={"position": position, "kind": question["kind"], "text": question["text"]},
        )
    return questionnaire
