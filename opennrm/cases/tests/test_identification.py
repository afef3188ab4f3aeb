from datetime import date, timedelta

import pytest
from django.utils import timezone

from opennrm.cases.models import Case, IdentificationDecision, RecoveryPeriod
from opennrm.cases.services import (
    identification_decision_notify,
    identification_decision_record,
    identification_decision_request,
    recovery_period_extend,
)
from opennrm.cases.tests.factories import open_case
from opennrm.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


def _decide(actor, decision, outcome="Positive", **overrides):
    values = {
        "outcome": outcome,
        "decided_on": decision.requested_on,
        "decision_making_body": "CourtOrProsecution",
        "decided_by_name": "Synthetic deputy prosecutor",
        "reasons": "Indicators of coercion and exploitation",
    }
    values.update(overrides)
    return identification_decision_record(actor=actor, decision=decision, **values)


def test_preliminary_request_is_due_in_five_working_days(case_manager):
    case = open_case(case_manager)
    # Thursday 12 November 2026; Wednesday 18 is Independence Day.
    decision = identification_decision_request(
        actor=case_manager, case=case, stage="Preliminary", requested_on=date(2026, 11, 12)
    )
    assert decision.due_on == date(2026, 11, 20)
    assert decision.state == "Requested"


def test_due_date_follows_the_setting(case_manager, settings):
    settings.OPENNRM_PRELIMINARY_DECISION_WORKING_DAYS = 1
    case = open_case(case_manager)
    decision = identification_decision_request(
        actor=case_manager, case=case, stage="Preliminary", requested_on=date(2026, 11, 13)
    )
    assert decision.due_on == date(2026, 11, 16)  # Friday -> Monday


def test_positive_preliminary_opens_recovery_period_and_keeps_possible_status(case_manager):
    case = open_case(case_manager)
    decision = identification_decision_request(
        actor=case_manager, case=case, stage="Preliminary", requested_on=date(2026, 2, 2)
    )
    _decide(case_manager, decision)
    period = RecoveryPeriod.objects.get(case=case)
    assert period.starts_on == date(2026, 2, 2)
    assert period.ends_on == date(2026, 3, 4)  # 30 days
    assert Case.objects.get(pk=case.pk).trafficking_status == "PossibleVictimOfTrafficking"


def test_final_positive_makes_an_identified_victim_with_history(case_manager):
    case = open_case(case_manager)
    preliminary = identification_decision_request(
        actor=case_manager, case=case, stage="Preliminary", requested_on=date(2026, 2, 2)
    )
    _decide(case_manager, preliminary)
    final = identification_decision_request(
        actor=case_manager, case=case, stage="Final", requested_on=date(2026, 2, 10)
    )
    _decide(case_manager, final)
    case.refresh_from_db()
    assert case.trafficking_status == "ActualVictimOfTrafficking"
    assert list(case.status_decisions.values_list("kind", flat=True)) == [
        "Final",
        "Preliminary",
        "Initial",
    ]


def test_negative_decision_records_not_a_victim_and_opens_no_period(case_manager):
    case = open_case(case_manager)
    decision = identification_decision_request(
        actor=case_manager, case=case, stage="Preliminary", requested_on=date(2026, 2, 2)
    )
    _decide(case_manager, decision, outcome="Negative")
    assert Case.objects.get(pk=case.pk).trafficking_status == "NotAVictimOfTrafficking"
    assert not RecoveryPeriod.objects.exists()


def test_final_needs_a_positive_preliminary(case_manager):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError, match="follows a positive preliminary"):
        identification_decision_request(actor=case_manager, case=case, stage="Final")


def test_a_pending_request_is_not_requested_twice(case_manager):
    case = open_case(case_manager)
    identification_decision_request(actor=case_manager, case=case, stage="Preliminary")
    with pytest.raises(ApplicationError, match="already been requested"):
        identification_decision_request(actor=case_manager, case=case, stage="Preliminary")
    assert IdentificationDecision.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("decision_making_body", ""),
        ("decided_by_name", " "),
        ("reasons", ""),
        ("outcome", "Maybe"),
    ],
)
def test_incomplete_decision_is_refused_and_stores_nothing(case_manager, field, value):
    case = open_case(case_manager)
    decision = identification_decision_request(
        actor=case_manager, case=case, stage="Preliminary", requested_on=date(2026, 2, 2)
    )
    with pytest.raises(ApplicationError) as error:
        _decide(case_manager, decision, **{field: value})
    assert error.value.field == field
    decision.refresh_from_db()
    assert decision.state == "Requested"
    assert case.status_decisions.count() == 1


def test_decision_moves_through_requested_decided_notified_only(case_manager):
    case = open_case(case_manager)
    decision = identification_decision_request(
        actor=case_manager, case=case, stage="Preliminary", requested_on=date(2026, 2, 2)
    )
    with pytest.raises(ApplicationError):
        identification_decision_notify(
            actor=case_manager,
            decision=decision,
            notified_on=date(2026, 2, 3),
            notified_to="The person",
        )
    decision = _decide(case_manager, decision)
    with pytest.raises(ApplicationError):
        _decide(case_manager, decision)
    notified = identification_decision_notify(
        actor=case_manager,
        decision=decision,
        notified_on=date(2026, 2, 3),
        notified_to="The person, with an interpreter",
    )
    assert notified.state == "Notified"


def test_recovery_period_extension_needs_a_later_date_and_a_reason(case_manager):
    case = open_case(case_manager)
    decision = identification_decision_request(
        actor=case_manager, case=case, stage="Preliminary", requested_on=date(2026, 2, 2)
    )
    _decide(case_manager, decision)
    period = RecoveryPeriod.objects.get()
    with pytest.raises(ApplicationError):
        recovery_period_extend(
            actor=case_manager, period=period, ends_on=period.ends_on, reason="Medical care"
        )
    with pytest.raises(ApplicationError):
        recovery_period_extend(
            actor=case_manager,
            period=period,
            ends_on=period.ends_on + timedelta(days=15),
            reason="",
        )
    recovery_period_extend(
        actor=case_manager,
        period=period,
        ends_on=period.ends_on + timedelta(days=15),
        reason="Medical treatment continues",
    )
    period.refresh_from_db()
    assert period.ends_on == date(2026, 3, 19)
    assert period.initially_ends_on == date(2026, 3, 4)


def test_request_date_cannot_be_in_the_future(case_manager):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError):
        identification_decision_request(
            actor=case_manager,
            case=case,
            stage="Preliminary",
            requested_on=timezone.localdate() + timedelta(days=1),
        )


def test_identification_through_the_case_page(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    client.post(f"/cases/{case.pk}/identification/new/", {"stage": "Preliminary"})
    decision = IdentificationDecision.objects.get()
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Record the decision" in page
    response = client.post(
        f"/cases/{case.pk}/identification/{decision.pk}/decide/",
        {
            "outcome": "Positive",
            "decided_on": timezone.localdate().isoformat(),
            "decision_making_body": "CourtOrProsecution",
            "decided_by_name": "Synthetic deputy prosecutor",
            "reasons": "Reasonable grounds",
        },
    )
    assert response.status_code == 302
    incomplete = client.post(
        f"/cases/{case.pk}/identification/{decision.pk}/decide/", {"outcome": "Positive"}
    )
    assert incomplete.status_code == 200
    client.post(
        f"/cases/{case.pk}/identification/{decision.pk}/notify/",
        {"notified_on": timezone.localdate().isoformat(), "notified_to": "The person"},
    )
    decision.refresh_from_db()
    assert decision.state == "Notified"
    assert RecoveryPeriod.objects.filter(case=case).exists()


def test_home_lists_overdue_and_due_soon_decisions(client, login, case_manager):
    overdue_case = open_case(case_manager)
    soon_case = open_case(case_manager)
    long_ago = timezone.localdate() - timedelta(days=30)
    identification_decision_request(
        actor=case_manager, case=overdue_case, stage="Preliminary", requested_on=long_ago
    )
    identification_decision_request(actor=case_manager, case=soon_case, stage="Preliminary")
    login(client, case_manager)
    deadlines = client.get("/").context["deadlines"]
    assert [d.case for d in deadlines.overdue] == [overdue_case]
    # Requested today with a 5-working-day deadline: not yet within the 2-day warning window.
    assert deadlines.due_soon == []
    body = client.get("/").content.decode()
    assert overdue_case.reference_code in body
