"""Keys built by other rules (an upgrade, a new hashing key) are noticed and rebuilt."""

import base64
import json

import pytest
from django.core.management import call_command

from conftest import TEST_KEYS
from opennrm.cases.tests.factories import open_case
from opennrm.core.keys import reset_keyring_cache
from opennrm.core.models import AuditEvent
from opennrm.matching.checks import match_keys_check
from opennrm.matching.key_rules import probe_names, rules_fingerprint
from opennrm.matching.models import MatchKeyState, PersonMatchKey
from opennrm.matching.records import NameParts
from opennrm.matching.selectors import likely_matches, match_keys_outdated

pytestmark = pytest.mark.django_db


def _new_hashing_key(settings):
    keys = {**TEST_KEYS, "blind_index_key": base64.b64encode(b"c" * 32).decode()}
    settings.OPENNRM_KEYS_JSON = json.dumps(keys)
    reset_keyring_cache()


def test_probes_are_synthetic_spellings_in_both_scripts_with_and_without_dates():
    probes = probe_names()
    assert len(probes) > 300
    assert any(p.given_arabic for p in probes) and any(not p.given_arabic for p in probes)
    assert {p.birth_date for p in probes} == {"", "1990", "1984-01-01", "2001-07-23"}


def test_the_fingerprint_follows_the_hashing_key(settings):
    before = rules_fingerprint()
    assert rules_fingerprint() == before
    _new_hashing_key(settings)
    assert rules_fingerprint() != before


def test_a_new_database_records_the_rules_of_its_first_keys(case_manager):
    assert not match_keys_outdated()
    open_case(case_manager)
    assert MatchKeyState.objects.get().fingerprint == rules_fingerprint()
    assert not match_keys_outdated()
    assert match_keys_check(databases=["default"]) == []


def test_keys_of_unknown_rules_are_reported_until_rebuilt(case_manager, capsys):
    case = open_case(case_manager)
    MatchKeyState.objects.update(fingerprint="")  # as the upgrade migration marks old keys
    assert match_keys_outdated()
    [warning] = match_keys_check(databases=["default"])
    assert warning.id == "matching.W001"
    assert "match_keys_rebuild" in warning.hint
    assert match_keys_check(databases=None) == []  # only when the database is checked

    call_command("match_keys_rebuild", "--if-outdated")
    assert "1 person(s) keyed." in capsys.readouterr().out
    state = MatchKeyState.objects.get()
    assert (state.fingerprint, state.persons) == (rules_fingerprint(), 1)
    assert AuditEvent.objects.filter(action="match_keys.rebuilt").count() == 1
    assert not match_keys_outdated()
    assert likely_matches(actor=case_manager, parts=NameParts.of(case.person))

    call_command("match_keys_rebuild", "--if-outdated")
    assert "up to date" in capsys.readouterr().out
    assert AuditEvent.objects.filter(action="match_keys.rebuilt").count() == 1


def test_a_new_hashing_key_makes_stored_keys_miss_until_rebuilt(settings, case_manager):
    case = open_case(case_manager)
    parts = NameParts.of(case.person)
    _new_hashing_key(settings)
    assert match_keys_outdated()
    assert likely_matches(actor=case_manager, parts=parts) == []
    call_command("match_keys_rebuild", "--if-outdated")
    assert [m.person for m in likely_matches(actor=case_manager, parts=parts)] == [case.person]
    assert PersonMatchKey.objects.filter(person=case.person).exists()
