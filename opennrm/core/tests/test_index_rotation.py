"""Rotation of the blind-index key (`rotate_keys --index`): every search keeps finding everyone
during the rotation, the indexes end under the new key, and the retired key indexes nothing
(it only still verifies random secrets handed out before)."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.utils import timezone

from conftest import TEST_KEYS
from opennrm.cases.models import Case
from opennrm.cases.selectors import _search_condition, search_key
from opennrm.cases.tests.factories import open_case
from opennrm.core import index_rotation
from opennrm.core.crypto import blind_indexes
from opennrm.core.keys import keyring, reset_keyring_cache
from opennrm.core.models import AuditEvent
from opennrm.hotline.selectors import contacts_from_number
from opennrm.hotline.services import ContactDetails, contact_record
from opennrm.matching.records import NameParts
from opennrm.matching.selectors import candidate_ids, match_keys_outdated
from opennrm.people.models import Person
from opennrm.people.services import phone_index
from opennrm.voice import services as voice

pytestmark = pytest.mark.django_db


@pytest.fixture
def key_file(settings, tmp_path, monkeypatch):
    path = tmp_path / "keys.json"
    path.write_text(json.dumps(TEST_KEYS))
    settings.OPENNRM_KEYS_JSON = ""
    settings.OPENNRM_KEY_FILE = path
    reset_keyring_cache()
    monkeypatch.setattr(index_rotation.time, "sleep", lambda seconds: None)
    yield path
    reset_keyring_cache()


@pytest.fixture
def world(case_manager, member_of):
    case = open_case(case_manager)
    operator = member_of("hotline_operator", case_manager.organisation)
    contact = contact_record(
        actor=operator,
        details=ContactDetails(
            channel="Phone",
            caller_type="Witness",
            started_at=timezone.now() - timedelta(minutes=3),
            caller_phone="0612345678",
        ),
    )
    code = voice.feedback_code_issue(
        actor=case_manager,
        case=case,
        kind="Service",
        organisation=case_manager.organisation,
        service_type="Shelter",
        month=timezone.localdate(),
        channel="Printed",
    ).code
    complaint = voice.complaint_file(details=voice.ComplaintDetails(text="Synthetic complaint"))
    return {
        "case": case,
        "operator": operator,
        "contact": contact,
        "code": code,
        "complaint": complaint,
    }


def _found_by_search(case, term):
    return Case.objects.filter(_search_condition(search_key(term))).filter(pk=case.pk).exists()


def _found_as_duplicate(case):
    parts = NameParts(
        given_latin="Salma", family_latin="Testaoui", birth_date="1999-04", phone="+212612345678"
    )
    return case.person_id in candidate_ids(parts)


def _everything_found(world):
    case = world["case"]
    return {
        "name": _found_by_search(case, "Salma Testaoui"),
        "arabic": _found_by_search(case, "سلمى التستاوي"),
        "phone": _found_by_search(case, "0612345678"),
        "duplicate": _found_as_duplicate(case),
        "feedback_code": bool(voice.feedback_code_open(world["code"])),
        "complaint": bool(
            voice.complaint_status(
                reference=world["complaint"].complaint.reference_code,
                secret=world["complaint"].secret,
            )
        ),
    }


ALL_FOUND = {
    "name": True,
    "arabic": True,
    "phone": True,
    "duplicate": True,
    "feedback_code": True,
    "complaint": True,
}


def test_searches_find_everyone_before_during_and_after_a_rotation(key_file, world):
    person = world["case"].person
    old_phone_index = Person.objects.get(pk=person.pk).phone_index
    assert _everything_found(world) == ALL_FOUND

    result = index_rotation.index_key_rotate()
    document = json.loads(key_file.read_text())
    assert result.started and document["blind_index_previous"] == [TEST_KEYS["blind_index_key"]]
    assert document["blind_index_key"] != TEST_KEYS["blind_index_key"]
    assert result.recomputed["people.persons"] == 1 and result.recomputed["matching.keys"] == 1
    stored = Person.objects.get(pk=person.pk)
    assert stored.phone_index == phone_index("+212612345678") != old_phone_index
    assert not match_keys_outdated()
    assert _everything_found(world) == ALL_FOUND
    # A row a process still on the old key wrote meanwhile is found too.
    Person.objects.filter(pk=person.pk).update(phone_index=old_phone_index)
    assert _found_by_search(world["case"], "0612345678")
    assert contacts_from_number(actor=world["operator"], phone="0612345678") == 1

    retired = index_key_retire_now()
    assert retired.retired and retired.recomputed["people.persons"] == 1
    assert retired.cleared == {"hotline.caller_numbers": 1}
    document = json.loads(key_file.read_text())
    assert "blind_index_previous" not in document
    assert document["blind_index_retired"] == [TEST_KEYS["blind_index_key"]]
    assert len(blind_indexes("+212612345678", purpose="person.phone")) == 1
    # Searches work under the new key alone; random secrets given before still open.
    assert _everything_found(world) == ALL_FOUND
    # A caller's number was kept only as a hash under the old key: cleared, not guessable.
    assert contacts_from_number(actor=world["operator"], phone="0612345678") == 0


def index_key_retire_now():
    return index_rotation.index_key_retire()


def test_a_backup_made_before_a_rotation_is_restorable_and_says_to_recompute(key_file, world):
    from opennrm.backups import manifest

    before = {"keys": manifest.key_metadata(keyring())}
    assert not manifest.blind_index_outdated(before, keyring())
    call_command("rotate_keys", "--index", "--retire-old")
    assert manifest.key_mismatch(before, keyring()) == ""
    assert manifest.blind_index_outdated(before, keyring())
    # After such a restore, the indexes are worked out again under the current key.
    Person.objects.update(phone_index="stale")
    call_command("rotate_keys", "--index", "--recompute-only")
    assert Person.objects.get().phone_index == phone_index("+212612345678")
    stranger = {"keys": {**before["keys"], "blind_index_key": "0" * 16}}
    assert "blind-index key" in manifest.key_mismatch(stranger, keyring())


def test_the_command_rotates_retires_and_audits(key_file, world, capsys):
    call_command("rotate_keys", "--index", "--retire-old")
    out = capsys.readouterr().out
    assert "New blind-index key in place" in out and "Old blind-index key retired" in out
    event = AuditEvent.objects.get(action="keys.index_rotated")
    assert event.details["retired"] and event.details["recomputed"]["people.persons"] == 1
    assert _everything_found(world) == ALL_FOUND
    # Nothing left to retire.
    with pytest.raises(ImproperlyConfigured, match="No rotation"):
        index_rotation.index_key_retire()


def test_a_rotation_is_refused_when_keys_come_from_the_environment(settings):
    settings.OPENNRM_KEYS_JSON = json.dumps(TEST_KEYS)
    with pytest.raises(CommandError, match="OPENNRM_KEYS_JSON"):
        call_command("rotate_keys", "--index")
    with pytest.raises(CommandError, match="--recompute-only goes with --index"):
        call_command("rotate_keys", "--recompute-only")
    assert not AuditEvent.objects.filter(action="keys.index_rotated").exists()


def test_a_running_process_picks_up_a_changed_key_file(key_file, monkeypatch):
    before = keyring().blind_index_key
    document = json.loads(key_file.read_text())
    document["blind_index_next"] = "bmV4dG5leHRuZXh0bmV4dG5leHRuZXh0bmV4dG5leHQ="
    key_file.write_text(json.dumps(document))
    import os

    stat = key_file.stat()
    os.utime(key_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    clock = index_rotation.time.monotonic()
    monkeypatch.setattr("opennrm.core.keys.time.monotonic", lambda: clock + 5)
    ring = keyring()
    assert ring.blind_index_key == before and ring.blind_index_next is not None
    assert len(ring.blind_index_search_keys) == 2


def test_a_rotation_interrupted_after_its_announcement_is_finished_then_retired(key_file, world):
    document = json.loads(key_file.read_text())
    document["blind_index_next"] = TEST_KEYS["audit_key"]  # any 32-byte key
    key_file.write_text(json.dumps(document))
    reset_keyring_cache()
    call_command("rotate_keys", "--index", "--retire-old")
    document = json.loads(key_file.read_text())
    assert document["blind_index_key"] == TEST_KEYS["audit_key"]
    assert "blind_index_next" not in document and "blind_index_previous" not in document
    assert document["blind_index_retired"] == [TEST_KEYS["blind_index_key"]]
    assert _everything_found(world) == ALL_FOUND
