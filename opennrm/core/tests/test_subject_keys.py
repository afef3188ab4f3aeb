"""Each person's values are under a key of their own; destroying it erases them everywhere."""

import pytest
from django.db import connection

from opennrm.cases.services import case_note_add
from opennrm.cases.tests.factories import open_case, person_details
from opennrm.core.crypto import DecryptionError, decrypt, is_subject_value, subject_prefix
from opennrm.core.errors import ApplicationError
from opennrm.core.models import SubjectKey, SubjectKeyMaterial
from opennrm.core.subject_keys import clear_cache, preload, subject_keys_destroy
from opennrm.people.models import Person

pytestmark = pytest.mark.django_db


def _raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {table} WHERE id = %s",  # noqa: S608 - test constants
            [pk.hex if connection.vendor == "sqlite" else pk],
        )
        return cursor.fetchone()[0]


def test_a_persons_values_and_their_cases_texts_are_under_their_own_key(case_manager):
    case = open_case(case_manager, narrative="Recruited in Beni Mellal for a farm job")
    note = case_note_add(actor=case_manager, case=case, body="Called her sister in Fes")
    key = case.person.subject_key_id
    assert key is not None
    for table, column, pk in [
        ("people_person", "given_name_latin", case.person.pk),
        ("people_person", "address", case.person.pk),
        ("cases_case", "narrative", case.pk),
        ("cases_casenote", "body", note.pk),
    ]:
        stored = _raw(table, column, pk)
        assert stored.startswith(subject_prefix(key)), (table, column)
    # The wrapped key is not the key: the database alone reads nothing.
    material = SubjectKeyMaterial.objects.get(key_id=key)
    assert material.kek_id == "ktest2" and len(material.wrapped) > 40
    clear_cache()
    assert Person.objects.get(pk=case.person.pk).address == "12 Rue Imaginaire, Tanger"


def test_destroying_a_key_erases_that_person_only(case_manager):
    first = open_case(case_manager)
    second = open_case(case_manager, person=person_details(given_name_latin="Yassine"))
    subject_keys_destroy([first.person.subject_key_id])
    assert not SubjectKeyMaterial.objects.filter(key_id=first.person.subject_key_id).exists()
    assert SubjectKey.objects.get(pk=first.person.subject_key_id).destroyed_at is not None
    clear_cache()  # another process, which never held the key
    assert Person.objects.get(pk=first.person.pk).given_name_latin == ""
    assert Person.objects.get(pk=second.person.pk).given_name_latin == "Yassine"
    # Nothing new can be written under a destroyed key.
    with pytest.raises(ApplicationError, match="erased"):
        case_note_add(actor=case_manager, case=first, body="A new note")


def test_a_value_moved_to_another_column_or_key_does_not_decrypt(case_manager):
    case = open_case(case_manager)
    stored = _raw("people_person", "given_name_latin", case.person.pk)
    assert is_subject_value(stored)
    with pytest.raises(DecryptionError):
        decrypt(stored, context="people.person.address")
    unknown = "v2:" + "0" * 32 + ":" + stored.split(":", 2)[2]
    with pytest.raises(DecryptionError, match="not in this database"):
        decrypt(unknown, context="people.person.given_name_latin")


def test_preload_unwraps_many_keys_in_few_queries(case_manager, django_assert_max_num_queries):
    cases = [
        open_case(case_manager, person=person_details(given_name_latin=f"Name{i}"))
        for i in range(5)
    ]
    clear_cache()
    with django_assert_max_num_queries(1):
        preload([c.person.subject_key_id for c in cases])
    with django_assert_max_num_queries(1):
        names = sorted(p.given_name_latin for p in Person.objects.all())
    assert names == [f"Name{i}" for i in range(5)]
