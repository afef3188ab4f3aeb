import json

import pytest
from django.core.management import CommandError, call_command

from conftest import TEST_KEYS
from opennrm.cases.tests.factories import open_case
from opennrm.core.keys import read_key_file, reset_keyring_cache
from opennrm.core.models import AuditEvent, SubjectKeyMaterial
from opennrm.core.subject_keys import clear_cache
from opennrm.people.models import Person


def test_generate_keys_writes_a_private_key_file_once(tmp_path, settings):
    path = tmp_path / "keys.json"
    call_command("generate_keys", path=str(path))
    document = read_key_file(path)
    assert document["active"] in document["data_keys"]
    assert path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(CommandError, match="exists"):
        call_command("generate_keys", path=str(path))
    call_command("generate_keys", path=str(path), if_missing=True)
    assert read_key_file(path) == document


@pytest.mark.django_db
def test_rotate_keys_adds_active_key_and_reencrypts(tmp_path, settings, case_manager):
    path = tmp_path / "keys.json"
    path.write_text(json.dumps(TEST_KEYS))
    settings.OPENNRM_KEYS_JSON = ""
    settings.OPENNRM_KEY_FILE = path
    reset_keyring_cache()
    case = open_case(case_manager)

    call_command("rotate_keys")

    document = read_key_file(path)
    new_key = document["active"]
    assert new_key not in TEST_KEYS["data_keys"]
    assert set(TEST_KEYS["data_keys"]) < set(document["data_keys"])
    # The person's values stay under their own key; that key is wrapped under the new one.
    material = SubjectKeyMaterial.objects.get(key_id=case.person.subject_key_id)
    assert material.kek_id == new_key
    clear_cache()
    assert Person.objects.get(pk=case.person_id).phone == "+212612345678"
    assert AuditEvent.objects.filter(action="keys.rotated").exists()

    call_command("rotate_keys", retire_old=True)
    assert len(read_key_file(path)["data_keys"]) == 1
    clear_cache()
    assert Person.objects.get(pk=case.person_id).phone == "+212612345678"


@pytest.mark.django_db
def test_rotate_keys_refuses_to_write_keys_given_by_environment():
    with pytest.raises(CommandError, match="OPENNRM_KEYS_JSON"):
        call_command("rotate_keys")
