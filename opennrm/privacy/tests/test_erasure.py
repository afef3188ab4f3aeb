"""Erasing a person destroys what names them everywhere, keeps what the figures count, and
is refused while a legal hold or an open proceeding keeps their records."""

from datetime import date

import pytest

from opennrm.cases.models import Case, CaseNote
from opennrm.cases.services import case_note_add
from opennrm.cases.tests.factories import open_case, person_details
from opennrm.core.audit import audit_verify
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent, SubjectKey
from opennrm.core.subject_keys import clear_cache
from opennrm.matching.models import PersonMatchKey
from opennrm.people.models import IdentityDocument, Person
from opennrm.people.services import identity_document_add
from opennrm.privacy.services.erasure import person_erase
from opennrm.privacy.services.holds import legal_hold_lift, legal_hold_place
from opennrm.stats import catalogue
from opennrm.stats.facts import Filters, Scope, tabulate

pytestmark = pytest.mark.django_db


def _figure(key, by):
    filters = Filters.year(2026)
    facts = catalogue.BY_KEY[key].facts(filters, Scope.everything())
    return tabulate(facts, by, filters).by_row()


def test_erasure_destroys_every_identifying_value_and_keeps_the_figures(case_manager):
    case = open_case(
        case_manager, narrative="Recruited in Beni Mellal", identified_on=date(2026, 3, 2)
    )
    other = open_case(case_manager, person=person_details(given_name_latin="Yassine"))
    case_note_add(actor=case_manager, case=case, body="Her sister lives in Fes")
    identity_document_add(
        actor=case_manager, person=case.person, document_type="Passport", number="ZX123456"
    )
    before = [
        _figure("first_contacts", by) for by in ("total", "sex", "age_band", "citizenship", "form")
    ]
    assert before[0] == {"total": 2}
    assert PersonMatchKey.objects.filter(person=case.person).exists()

    result = person_erase(actor=case_manager, person=case.person, reason="request")

    assert result.keys_destroyed == 1
    clear_cache()
    person = Person.objects.get(pk=case.person.pk)
    assert person.erased_at is not None
    assert (person.given_name_latin, person.given_name_arabic, person.phone, person.address) == (
        "",
        "",
        "",
        "",
    )
    assert (person.name_latin_index, person.phone_index) == ("", "")
    assert Case.objects.get(pk=case.pk).narrative == ""
    assert CaseNote.objects.get(case=case).body == ""
    assert not IdentityDocument.objects.filter(person=person).exists()
    assert not PersonMatchKey.objects.filter(person=person).exists()
    assert SubjectKey.objects.get(pk=person.subject_key_id).destroyed_at is not None
    # What figures count stays: the yearly numbers do not move.
    assert [
        _figure("first_contacts", by) for by in ("total", "sex", "age_band", "citizenship", "form")
    ] == before
    assert person.gender == "Feminine" and person.citizenships == ["MA"]
    # Another person is untouched; the audit log still verifies and holds no value.
    assert Person.objects.get(pk=other.person.pk).given_name_latin == "Yassine"
    assert audit_verify().intact
    event = AuditEvent.objects.get(action="person.erased")
    assert event.details["reason"] == "request" and "Salma" not in str(event.details)


def test_erasure_takes_the_records_merged_into_the_person(case_manager):
    survivor = open_case(case_manager)
    merged = open_case(case_manager, person=person_details(given_name_latin="Salma B."))
    Person.objects.filter(pk=merged.person.pk).update(merged_into=survivor.person)
    person_erase(actor=case_manager, person=survivor.person, reason="request")
    clear_cache()
    assert Person.objects.get(pk=merged.person.pk).given_name_latin == ""
    assert Person.objects.get(pk=merged.person.pk).erased_at is not None


def test_a_legal_hold_blocks_erasure_until_lifted(case_manager, member_of):
    case = open_case(case_manager)
    dpo = member_of("data_protection_officer")
    hold = legal_hold_place(actor=dpo, case=case, reason="CourtOrder", reference="TPI-2026-118")
    with pytest.raises(ApplicationError, match="legal hold"):
        person_erase(actor=case_manager, person=case.person, reason="request")
    clear_cache()
    assert Person.objects.get(pk=case.person.pk).given_name_latin == "Salma"
    legal_hold_lift(actor=dpo, hold=hold)
    person_erase(actor=case_manager, person=case.person, reason="request")
    assert Person.objects.get(pk=case.person.pk).erased_at is not None


def test_an_open_proceeding_blocks_erasure_a_final_one_does_not(case_manager, member_of):
    from opennrm.justice.models import JusticeStage, Proceeding
    from opennrm.justice.tests.factories import link, open_proceeding

    case = open_case(case_manager)
    police = member_of("judicial_police_officer")
    proceeding = open_proceeding(police)
    link(case_manager, case, proceeding)
    with pytest.raises(ApplicationError, match="open criminal proceeding"):
        person_erase(actor=case_manager, person=case.person, reason="request")
    final = JusticeStage.objects.filter(country="MA", phase="Final").first()
    Proceeding.objects.filter(pk=proceeding.pk).update(stage=final.code)
    person_erase(actor=case_manager, person=case.person, reason="request")
