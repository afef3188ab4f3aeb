"""Identifying values never reach the database in clear."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from conftest import TEST_KEYS_JSON
from opennrm.cases.services import case_note_add
from opennrm.cases.tests.factories import open_case

ROOT = Path(__file__).resolve().parent.parent
IDENTIFYING = ["Testaoui", "التستاوي", "612345678", "Rue Imaginaire", "Private detail of the story"]


@pytest.mark.django_db
def test_no_table_holds_identifying_values_in_clear(case_manager):
    case = open_case(case_manager, narrative="Private detail of the story")
    case_note_add(actor=case_manager, case=case, body="Private detail of the story, again")
    tables = {m._meta.db_table for m in apps.get_models()}
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            dump = json.dumps(cursor.fetchall(), default=str, ensure_ascii=False)
            for value in IDENTIFYING:
                assert value not in dump, (table, value)


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )


def test_demo_database_file_contains_no_demo_name(tmp_path):
    """Seed a small demo into a SQLite file, read the names back through the application,
    then search the raw bytes of the database file (and its WAL) for each of them."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "OPENNRM_KEYS_JSON": TEST_KEYS_JSON,
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    _manage("migrate", "--noinput", env=env)
    _manage("seed_demo", "--persons", "25", env=env)
    dumped = _manage(
        "shell",
        "-c",
        "import json; from opennrm.people.models import Person; "
        "print(json.dumps([[p.display_name_latin, p.display_name_arabic, p.phone, p.address] "
        "for p in Person.objects.all()]))",
        env=env,
    )
    # Whole names, phone numbers and addresses: short fragments such as a three-letter surname
    # would turn up by chance inside base64 ciphertext.
    rows = json.loads(dumped.stdout.strip().splitlines()[-1])
    values = {v for row in rows for v in row if v and len(v) >= 8}
    assert len(values) > 50
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("demo.sqlite3*"))
    for value in values:
        assert value.encode() not in raw, value
