import json

import pytest
from django.db import connection

from conftest import TEST_KEYS
from opennrm.cases.tests.factories import open_case
from opennrm.core.crypto import key_id_of
from opennrm.core.keys import reset_keyring_cache
from opennrm.core.rotation import reencrypt_all
from opennrm.people.models import Person


def _raw_given_name(person):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT given_name_latin FROM people_person WHERE id = %s",
            [person.pk.hex if connection.vendor == "sqlite" else person.pk],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_reencrypt_all_moves_every_value_to_the_active_key(settings, case_manager):
    settings.OPENNRM_KEYS_JSON = json.dumps({**TEST_KEYS, "active": "ktest1"})
    reset_keyring_cache()
    case = open_case(case_manager)
    assert key_id_of(_raw_given_name(case.person)) == "ktest1"

    settings.OPENNRM_KEYS_JSON = json.dumps({**TEST_KEYS, "active": "ktest2"})
    reset_keyring_cache()
    result = reencrypt_all()

    assert result.rows == 1  # the person: the case has no narrative, reasons or notes
    assert key_id_of(_raw_given_name(case.person)) == "ktest2"
    assert Person.objects.get(pk=case.person.pk).given_name_latin == "Salma"
    assert reencrypt_all().rows == 0
