"""The crash drill's verdict: a write the server acknowledged and the database lacks, or one
that does not read back, fails the drill (the drill itself runs in `make reliability`)."""

import importlib.util
import json
import sys
import uuid
from pathlib import Path

import pytest

from opennrm.cases.services import case_note_add
from opennrm.cases.tests.factories import open_case, person_details

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "crash_drill.py"
spec = importlib.util.spec_from_file_location("crash_drill", SCRIPT)
assert spec and spec.loader
drill = importlib.util.module_from_spec(spec)
sys.modules["crash_drill"] = drill
spec.loader.exec_module(drill)

pytestmark = pytest.mark.django_db


def _acked(tmp_path, cases, notes=()):
    path = tmp_path / "acked.json"
    path.write_text(json.dumps({"cases": cases, "notes": list(notes), "unsure": 0}))
    return str(path)


def test_every_acknowledged_write_present_and_whole_passes(tmp_path, case_manager, capsys):
    case = open_case(
        case_manager,
        person=person_details(given_name_latin="Drill", family_name_latin="w0-1"),
        narrative="Narrative w0-1",
    )
    note = case_note_add(actor=case_manager, case=case, body="Note w0-2")
    acked = _acked(tmp_path, [[str(case.pk), "w0-1"]], [[str(case.pk), str(note.pk), "w0-2"]])
    assert drill.verify(acked) == 0
    assert "lost 0, unreadable 0, half written 0; audit chain intact" in capsys.readouterr().out


def test_a_lost_or_unreadable_write_fails(tmp_path, case_manager, capsys):
    case = open_case(
        case_manager,
        person=person_details(given_name_latin="Drill", family_name_latin="w1-1"),
        narrative="Narrative w1-1",
    )
    acked = _acked(tmp_path, [[str(uuid.uuid4()), "w1-9"], [str(case.pk), "w1-2"]])
    assert drill.verify(acked) == 1
    assert "lost 1, unreadable 1" in capsys.readouterr().out
