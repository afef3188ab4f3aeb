import json
from datetime import UTC, datetime

import pytest
from django.db import connection

from conftest import TEST_KEYS
from opennrm.cases.tests.factories import open_case
from opennrm.core.crypto import is_subject_value, key_id_of
from opennrm.core.keys import reset_keyring_cache
from opennrm.core.models import SubjectKeyMaterial
from opennrm.core.rotation import reencrypt_all
from opennrm.core.subject_keys import clear_cache
from opennrm.hotline.models import Contact
from opennrm.people.models import Person


def _raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {table} WHERE id = %s",  # noqa: S608 - test constants
            [pk.hex if connection.vendor == "sqlite" else pk],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_reencrypt_all_moves_values_to_the_active_key_and_rewraps_person_keys(
    settings, case_manager
):
    settings.OPENNRM_KEYS_JSON = json.dumps({**TEST_KEYS, "active": "ktest1"})
    reset_keyring_cache()
    case = open_case(case_manager)
    # A contact about no one: under the installation's data key.
    contact = Contact.objects.create(
        organisation=case_manager.organisation,
        channel="Phone",
        started_at=datetime(2026, 11, 2, 10, tzinfo=UTC),
        caller_type="Witness",
        summary="Workers locked in a farm near Berkane",
    )
    person_value = _raw("people_person", "given_name_latin", case.person.pk)
    assert is_subject_value(person_value)
    assert key_id_of(_raw("hotline_contact", "summary", contact.pk)) == "ktest1"
    assert SubjectKeyMaterial.objects.get(key_id=case.person.subject_key_id).kek_id == "ktest1"

    settings.OPENNRM_KEYS_JSON = json.dumps({**TEST_KEYS, "active": "ktest2"})
    reset_keyring_cache()
    result = reencrypt_all()

    assert (result.rows, result.subject_keys) == (1, 1)
    assert key_id_of(_raw("hotline_contact", "summary", contact.pk)) == "ktest2"
    # The person's values are not rewritten: their key is wrapped under the new data key.
    assert _raw("people_person", "given_name_latin", case.person.pk) == person_value
    assert SubjectKeyMaterial.objects.get(key_id=case.person.subject_key_id).kek_id == "ktest2"
    settings.OPENNRM_KEYS_JSON = json.dumps(
        {**TEST_KEYS, "data_keys": {"ktest2": TEST_KEYS["data_keys"]["ktest2"]}, "active": "ktest2"}
    )
    reset_keyring_cache()
    clear_cache()
    assert Person.objects.get(pk=case.person.pk).given_name_latin == "Salma"
    assert Contact.objects.get(pk=contact.pk).summary.startswith("Workers")
    assert (reencrypt_all().rows, reencrypt_all().subject_keys) == (0, 0)
