"""Retention rules as data: what is due on a given day, the preview per organisation, what
applying them does, and the rules that are refused."""

from datetime import UTC, date, datetime

import pytest

from opennrm.cases.models import Case
from opennrm.cases.tests.factories import open_case
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.core.subject_keys import clear_cache
from opennrm.hotline.models import Contact
from opennrm.people.models import Person
from opennrm.privacy.models import RetentionRule
from opennrm.privacy.services.holds import legal_hold_lift, legal_hold_place
from opennrm.privacy.services.retention import (
    apply_retention,
    retention_preview,
    retention_rule_save,
)
from opennrm.privacy.tests.factories import closed_case
from opennrm.voice.models import FeedbackAnswer, Questionnaire

pytestmark = pytest.mark.django_db
TODAY = date(2036, 6, 30)


def _contact(org, *, started, outcome="NoAction", channel="Phone", person=None):
    return Contact.objects.create(
        organisation=org,
        channel=channel,
        started_at=datetime(started.year, started.month, started.day, 9, tzinfo=UTC),
        caller_type="Witness",
        outcome=outcome,
        summary="Synthetic report of a locked workshop",
        caller_phone_index="c" * 40,
        person=person,
    )


def test_a_closed_case_goes_ten_years_after_closure_by_default(case_manager):
    old = closed_case(case_manager, date(2026, 6, 1), name="Amina")
    recent = closed_case(case_manager, date(2026, 7, 15), name="Yassine")
    still_open = open_case(case_manager)

    preview = retention_preview(TODAY)
    line = next(line for line in preview.lines if line.kind == "ClosedCase")
    assert (line.organisation, line.due, line.held) == (case_manager.organisation.name, 1, 0)

    run = apply_retention(TODAY)
    assert run.persons_erased == 1
    clear_cache()
    assert Person.objects.get(pk=old.person_id).erased_at is not None
    assert Person.objects.get(pk=old.person_id).given_name_latin == ""
    assert Person.objects.get(pk=recent.person_id).given_name_latin == "Yassine"
    assert Person.objects.get(pk=still_open.person_id).erased_at is None
    assert AuditEvent.objects.filter(action="retention.applied").count() == 1
    # Applied again, nothing more is due.
    assert apply_retention(TODAY).persons_erased == 0


def test_a_person_with_one_case_still_open_is_kept(case_manager):
    old = closed_case(case_manager, date(2020, 1, 10))
    # A second case of the same person (as after a merge), still open.
    Case.objects.filter(pk=open_case(case_manager).pk).update(person=old.person)
    assert apply_retention(TODAY).persons_erased == 0


def test_the_rule_of_the_closing_reason_comes_before_the_general_one(case_manager):
    # Not a victim: 5 years by default; the same date with the general rule would be kept.
    closed_case(case_manager, date(2030, 1, 10), name="Amina")
    case = closed_case(case_manager, date(2030, 1, 10))
    Case.objects.filter(pk=case.pk).update(trafficking_status="NotAVictimOfTrafficking")
    assert apply_retention(TODAY).persons_erased == 1
    assert Person.objects.get(pk=case.person_id).erased_at is not None


def test_a_legal_hold_keeps_the_records_and_shows_in_the_preview(case_manager, member_of):
    case = closed_case(case_manager, date(2020, 1, 10))
    prosecutor = member_of("data_protection_officer")
    hold = legal_hold_place(actor=prosecutor, case=case, reason="ProsecutorRequest")
    line = next(line for line in retention_preview(TODAY).lines if line.kind == "ClosedCase")
    assert (line.due, line.held) == (0, 1)
    run = apply_retention(TODAY)
    assert (run.persons_erased, run.persons_held) == (0, 1)
    legal_hold_lift(actor=prosecutor, hold=hold)
    assert apply_retention(TODAY).persons_erased == 1


def test_contacts_that_led_to_nothing_are_anonymised_others_kept(case_manager):
    org = case_manager.organisation
    nothing = _contact(org, started=date(2034, 6, 1))
    referred = _contact(org, started=date(2034, 6, 1), outcome="ReferredToPolice")
    recent = _contact(org, started=date(2035, 6, 1))
    web = _contact(org, started=date(2035, 6, 1), channel="WebForm", outcome="Pending")
    run = apply_retention(TODAY)
    assert (run.contacts, run.web_reports) == (1, 1)
    for contact, blanked in [(nothing, True), (referred, False), (recent, False), (web, True)]:
        contact.refresh_from_db()
        assert (contact.summary == "") is blanked
        assert (contact.caller_phone_index == "") is blanked
    # Still counted: the contact is there, only what identified it is gone.
    assert Contact.objects.count() == 4


def test_a_delete_rule_deletes_contacts(case_manager, member_of):
    dpo = member_of("data_protection_officer")
    rule = RetentionRule.objects.get(record_kind="WebReport", closing_reason="")
    retention_rule_save(
        actor=dpo,
        rule=rule,
        record_kind="WebReport",
        closing_reason="",
        keep_months=6,
        action="Delete",
    )
    _contact(case_manager.organisation, started=date(2035, 12, 1), channel="WebForm")
    assert apply_retention(TODAY).web_reports == 1
    assert not Contact.objects.exists()


def test_feedback_texts_go_after_their_months(case_manager):
    questionnaire = Questionnaire.objects.first()
    old = FeedbackAnswer.objects.create(
        questionnaire=questionnaire,
        kind="Service",
        organisation=case_manager.organisation,
        month=date(2033, 5, 1),
        language="fr",
        scores={"felt_safe": 4},
        texts="Synthetic words",
    )
    recent = FeedbackAnswer.objects.create(
        questionnaire=questionnaire,
        kind="Service",
        organisation=case_manager.organisation,
        month=date(2033, 7, 1),
        language="fr",
        scores={"felt_safe": 5},
        texts="Synthetic words",
    )
    assert apply_retention(TODAY).feedback_answers == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.texts, old.scores) == ("", {"felt_safe": 4})
    assert recent.texts == "Synthetic words"


def test_rules_are_kept_by_the_data_protection_officer_only_and_audited(case_manager, member_of):
    dpo = member_of("data_protection_officer")
    with pytest.raises(ApplicationError, match="data protection officer"):
        retention_rule_save(
            actor=case_manager,
            rule=None,
            record_kind="ClosedCase",
            closing_reason="ActualVictimOfTrafficking",
            keep_months=240,
            action="Anonymise",
        )
    rule = retention_rule_save(
        actor=dpo,
        rule=None,
        record_kind="ClosedCase",
        closing_reason="ActualVictimOfTrafficking",
        keep_months=240,
        action="Anonymise",
    )
    event = AuditEvent.objects.get(action="retention.rule_saved")
    assert event.details["keep_months"] == 240 and event.object_id == str(rule.pk)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"action": "Delete"}, "anonymised, not deleted"),
        ({"closing_reason": "NoAction"}, "does not apply"),
        ({"keep_months": 0}, "between 1 and"),
        ({"record_kind": "Everything"}, "Unknown kind"),
        ({"closing_reason": ""}, "already"),
    ],
)
def test_bad_rules_are_refused_and_nothing_changes(member_of, values, message):
    dpo = member_of("data_protection_officer")
    before = list(RetentionRule.objects.values_list("record_kind", "closing_reason", "keep_months"))
    arguments = {
        "record_kind": "ClosedCase",
        "closing_reason": "PossibleVictimOfTrafficking",
        "keep_months": 60,
        "action": "Anonymise",
        **values,
    }
    with pytest.raises(ApplicationError, match=message):
        retention_rule_save(actor=dpo, rule=None, **arguments)
    assert (
        list(RetentionRule.objects.values_list("record_kind", "closing_reason", "keep_months"))
        == before
    )


def test_a_rule_that_would_erase_held_records_is_refused(case_manager, member_of, settings):
    dpo = member_of("data_protection_officer")
    case = closed_case(case_manager, date(2025, 1, 10))
    legal_hold_place(actor=dpo, case=case, reason="CourtOrder", reference="TPI-118")
    rule = RetentionRule.objects.get(record_kind="ClosedCase", closing_reason="")
    with pytest.raises(ApplicationError, match="legal hold"):
        retention_rule_save(
            actor=dpo,
            rule=rule,
            record_kind="ClosedCase",
            closing_reason="",
            keep_months=1,
            action="Anonymise",
        )
    rule.refresh_from_db()
    assert rule.keep_months == 120
