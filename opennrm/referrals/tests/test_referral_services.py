from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opennrm.accounts.models import Notification
from opennrm.accounts.tests.factories import OrganisationFactory
from opennrm.cases.services import consent_withdraw
from opennrm.cases.tests.factories import open_case, person_details
from opennrm.cases.vocabularies import ConsentGivenBy
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.referrals.models import Referral, ReferralEvent
from opennrm.referrals.services import (
    referral_accept,
    referral_complete,
    referral_decline,
    referral_disclose_more,
    referral_message,
    referral_revoke,
    referral_send,
    referral_start_service,
    referrals_expire_overdue,
    response_deadline,
)
from opennrm.referrals.tests.factories import (
    referral_consent,
    referral_request,
    send_referral,
)
from opennrm.referrals.vocabularies import DisclosedField, ReferralOutcome, ReferralState

pytestmark = pytest.mark.django_db
CASABLANCA = ZoneInfo("Africa/Casablanca")


@pytest.fixture
def shelter(member_of):
    """A member of a reception centre who answers referrals."""
    return member_of("service_provider")


@pytest.fixture
def sent(case_manager, shelter):
    return send_referral(case_manager, shelter.organisation)


def test_send_records_state_deadline_history_audit_and_notifies_recipient(
    case_manager, shelter, django_capture_on_commit_callbacks, mailoutbox
):
    shelter.user.email = "centre@example.invalid"
    shelter.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        referral = send_referral(case_manager, shelter.organisation)
    assert referral.state == ReferralState.SENT
    assert referral.consent is not None
    assert referral.response_due_at > referral.sent_at
    assert referral.disclosed_fields == ["given_name", "age", "sex", "languages", "medical_needs"]
    assert referral.events.get().state == ReferralState.SENT
    assert AuditEvent.objects.filter(action="referral.sent", object_id=str(referral.pk)).exists()
    notice = Notification.objects.get(user=shelter.user)
    assert referral.reference_code in notice.message
    assert "Salma" not in notice.message
    assert len(mailoutbox) == 1
    assert referral.reference_code in mailoutbox[0].body
    assert "Salma" not in mailoutbox[0].body + mailoutbox[0].subject


def test_response_deadline_is_two_working_days_or_four_hours_when_urgent():
    friday = datetime(2026, 11, 27, 10, 0, tzinfo=CASABLANCA)
    # Saturday and Sunday are not working days: two working days after Friday is Tuesday.
    assert response_deadline(friday, urgent=False) == datetime(
        2026, 12, 1, 10, 0, tzinfo=CASABLANCA
    )
    assert response_deadline(friday, urgent=True) == friday + timedelta(hours=4)
    # Sent on Saturday: Monday and Tuesday are the two whole working days.
    saturday = datetime(2026, 11, 28, 0, 0, 1, tzinfo=CASABLANCA)
    assert response_deadline(saturday, urgent=False) == datetime(
        2026, 12, 1, 23, 59, 59, tzinfo=CASABLANCA
    )


def test_send_without_consent_is_refused(case_manager, shelter):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError, match="No recorded consent"):
        referral_send(actor=case_manager, case=case, request=referral_request(shelter.organisation))
    assert not Referral.objects.exists()


def test_consent_for_another_recipient_does_not_cover(case_manager, shelter):
    case = open_case(case_manager)
    referral_consent(case_manager, case, OrganisationFactory())
    with pytest.raises(ApplicationError):
        referral_send(actor=case_manager, case=case, request=referral_request(shelter.organisation))


def test_withdrawn_consent_does_not_cover(case_manager, shelter):
    case = open_case(case_manager)
    consent = referral_consent(case_manager, case, shelter.organisation)
    consent_withdraw(actor=case_manager, consent=consent)
    with pytest.raises(ApplicationError):
        referral_send(actor=case_manager, case=case, request=referral_request(shelter.organisation))


def test_child_needs_guardian_or_competent_authority_consent(case_manager, shelter):
    child_birth = f"{timezone.localdate().year - 15}-01"
    case = open_case(case_manager, person=person_details(birth_date=child_birth))
    referral_consent(case_manager, case, shelter.organisation)  # the child's own
    with pytest.raises(ApplicationError, match="guardian"):
        referral_send(actor=case_manager, case=case, request=referral_request(shelter.organisation))
    referral_consent(
        case_manager, case, shelter.organisation, given_by=ConsentGivenBy.COMPETENT_AUTHORITY
    )
    referral = referral_send(
        actor=case_manager, case=case, request=referral_request(shelter.organisation)
    )
    assert referral.consent.given_by == ConsentGivenBy.COMPETENT_AUTHORITY


def test_override_needs_the_permission_and_is_audited(case_manager, member_of, shelter):
    case = open_case(case_manager)
    request = referral_request(
        shelter.organisation, consent_override_reason="Life at risk; prosecutor informed."
    )
    with pytest.raises(PermissionDenied):
        referral_send(actor=case_manager, case=case, request=request)
    supervisor = member_of("supervisor", case_manager.organisation)
    referral = referral_send(actor=supervisor, case=case, request=request)
    assert referral.consent is None
    event = AuditEvent.objects.get(action="referral.consent_overridden")
    # The append-only log says there was a reason, never what it was: it stays encrypted on
    # the referral, which can be erased.
    assert "Life at risk" not in str(event.details) and "reason" not in event.details
    referral.refresh_from_db()
    assert referral.consent_override_reason == "Life at risk; prosecutor informed."


def test_only_the_owner_refers_and_never_to_itself(case_manager, member_of, shelter):
    other = member_of("case_manager")
    case = open_case(case_manager)
    with pytest.raises(PermissionDenied):
        referral_send(actor=other, case=case, request=referral_request(shelter.organisation))
    with pytest.raises(ApplicationError, match="another organisation"):
        referral_send(
            actor=case_manager, case=case, request=referral_request(case_manager.organisation)
        )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reason": "  "}, "reason"),
        ({"service_types": []}, "service_types"),
        ({"service_types": ["Teleportation"]}, "service_types"),
        ({"extra_fields": ["address"]}, "extra_fields"),
        ({"recipient_organisation": None}, "recipient_organisation"),
    ],
)
def test_send_bad_input_names_the_field(case_manager, shelter, overrides, field):
    case = open_case(case_manager)
    referral_consent(case_manager, case, shelter.organisation)
    with pytest.raises(ApplicationError) as error:
        referral_send(
            actor=case_manager,
            case=case,
            request=referral_request(shelter.organisation, **overrides),
        )
    assert error.value.field == field


def test_narrative_is_disclosed_only_when_chosen(case_manager, shelter):
    plain = send_referral(case_manager, shelter.organisation)
    assert DisclosedField.NARRATIVE not in plain.disclosed_fields
    chosen = send_referral(
        case_manager, shelter.organisation, extra_fields=[DisclosedField.NARRATIVE]
    )
    assert DisclosedField.NARRATIVE in chosen.disclosed_fields


def test_accept_then_service_then_completed_outcome(sent, shelter, case_manager):
    referral = referral_accept(actor=shelter, referral=sent)
    assert referral.state == ReferralState.ACCEPTED
    assert referral.responded_at is not None
    assert referral.outcome_due_on is not None
    referral = referral_start_service(
        actor=shelter, referral=referral, started_on=timezone.localdate()
    )
    assert referral.state == ReferralState.IN_SERVICE
    referral = referral_complete(
        actor=shelter,
        referral=referral,
        outcome=ReferralOutcome.DELIVERED,
        note="",
        completed_on=timezone.localdate(),
    )
    assert referral.state == ReferralState.COMPLETED
    states = list(ReferralEvent.objects.filter(referral=sent).values_list("state", flat=True))
    assert states == ["Sent", "Accepted", "InService", "Completed"]
    notices = Notification.objects.filter(user=case_manager.user)
    assert notices.count() == 3


def test_incomplete_outcome_needs_the_reason(sent, shelter):
    referral = referral_accept(actor=shelter, referral=sent)
    with pytest.raises(ApplicationError, match="why"):
        referral_complete(
            actor=shelter,
            referral=referral,
            outcome=ReferralOutcome.NOT_DELIVERED,
            note=" ",
            completed_on=timezone.localdate(),
        )
    referral = referral_complete(
        actor=shelter,
        referral=referral,
        outcome=ReferralOutcome.NOT_DELIVERED,
        note="The person never arrived.",
        completed_on=timezone.localdate(),
    )
    assert referral.outcome_note == "The person never arrived."


def test_only_the_recipient_answers(sent, case_manager, member_of):
    with pytest.raises(PermissionDenied):
        referral_accept(actor=case_manager, referral=sent)
    with pytest.raises(PermissionDenied):
        referral_accept(actor=member_of("service_provider"), referral=sent)
    hotline = member_of("hotline_operator", sent.recipient_organisation)
    with pytest.raises(PermissionDenied):
        referral_accept(actor=hotline, referral=sent)


def test_decline_needs_a_reason_and_is_final(sent, shelter):
    with pytest.raises(ApplicationError):
        referral_decline(actor=shelter, referral=sent, reason="")
    referral = referral_decline(actor=shelter, referral=sent, reason="No place for women.")
    assert referral.state == ReferralState.DECLINED
    assert referral.decline_reason == "No place for women."
    with pytest.raises(ApplicationError, match="cannot become"):
        referral_accept(actor=shelter, referral=referral)


def test_illegal_transitions_are_refused(sent, shelter):
    with pytest.raises(ApplicationError, match="cannot become"):
        referral_complete(
            actor=shelter,
            referral=sent,
            outcome=ReferralOutcome.DELIVERED,
            note="",
            completed_on=timezone.localdate(),
        )
    with pytest.raises(ApplicationError, match="cannot become"):
        referral_start_service(actor=shelter, referral=sent, started_on=timezone.localdate())


def test_two_answers_from_the_same_reading_only_one_wins(sent, shelter):
    stale = Referral.objects.get(pk=sent.pk)
    referral_accept(actor=shelter, referral=sent)
    with pytest.raises(ApplicationError):
        referral_decline(actor=shelter, referral=stale, reason="Full.")
    assert Referral.objects.get(pk=sent.pk).state == ReferralState.ACCEPTED


def test_unanswered_referrals_expire_and_late_answers_are_refused(sent, shelter, case_manager):
    later = sent.response_due_at + timedelta(minutes=1)
    with pytest.raises(ApplicationError, match="expired"):
        referral_accept(actor=shelter, referral=sent, now=later)
    assert Referral.objects.get(pk=sent.pk).state == ReferralState.EXPIRED
    other = send_referral(case_manager, shelter.organisation)
    assert referrals_expire_overdue(now=other.response_due_at - timedelta(minutes=1)) == 0
    assert referrals_expire_overdue(now=other.response_due_at + timedelta(minutes=1)) == 1
    other.refresh_from_db()
    assert other.state == ReferralState.EXPIRED
    assert Notification.objects.filter(user=case_manager.user, message__contains="expired").exists()


def test_revoke_by_sender_or_supervisor_only(sent, case_manager, member_of):
    colleague = member_of("case_manager", case_manager.organisation)
    with pytest.raises(PermissionDenied):
        referral_revoke(actor=colleague, referral=sent, reason="Not needed.")
    with pytest.raises(ApplicationError):
        referral_revoke(actor=case_manager, referral=sent, reason="")
    supervisor = member_of("supervisor", case_manager.organisation)
    referral = referral_revoke(actor=supervisor, referral=sent, reason="Placed elsewhere.")
    assert referral.state == ReferralState.REVOKED
    assert referral.closing_reason == "Placed elsewhere."


def test_revoke_after_completion_is_refused(sent, shelter, case_manager):
    referral = referral_accept(actor=shelter, referral=sent)
    referral = referral_complete(
        actor=shelter,
        referral=referral,
        outcome=ReferralOutcome.DELIVERED,
        note="",
        completed_on=timezone.localdate(),
    )
    with pytest.raises(ApplicationError, match="cannot become"):
        referral_revoke(actor=case_manager, referral=referral, reason="Too late.")


def test_withdrawing_consent_cancels_open_referrals_and_tells_recipients(
    case_manager, shelter, member_of
):
    case = open_case(case_manager)
    consent = referral_consent(case_manager, case, shelter.organisation)
    first = referral_send(
        actor=case_manager, case=case, request=referral_request(shelter.organisation)
    )
    second = referral_accept(
        actor=shelter,
        referral=referral_send(
            actor=case_manager, case=case, request=referral_request(shelter.organisation)
        ),
    )
    done = referral_complete(
        actor=shelter,
        referral=referral_accept(
            actor=shelter,
            referral=referral_send(
                actor=case_manager, case=case, request=referral_request(shelter.organisation)
            ),
        ),
        outcome=ReferralOutcome.DELIVERED,
        note="",
        completed_on=timezone.localdate(),
    )
    consent_withdraw(actor=case_manager, consent=consent, note="Changed her mind.")
    for referral in (first, second):
        referral.refresh_from_db()
        assert referral.state == ReferralState.CANCELLED
    done.refresh_from_db()
    assert done.state == ReferralState.COMPLETED
    assert Notification.objects.filter(user=shelter.user, message__contains="withdrew").count() == 2


def test_disclose_more_adds_fields_and_never_removes(sent, case_manager, shelter):
    referral = referral_disclose_more(
        actor=case_manager, referral=sent, fields=[DisclosedField.PHONE], note="To call her."
    )
    assert DisclosedField.PHONE in referral.disclosed_fields
    assert DisclosedField.GIVEN_NAME in referral.disclosed_fields
    with pytest.raises(ApplicationError):
        referral_disclose_more(actor=case_manager, referral=referral, fields=["phone"])
    with pytest.raises(PermissionDenied):
        referral_disclose_more(actor=shelter, referral=referral, fields=["narrative"])


def test_messages_go_both_ways_while_open(sent, case_manager, shelter):
    referral_message(actor=shelter, referral=sent, text="Can she arrive before 18:00?")
    assert Notification.objects.filter(user=case_manager.user).exists()
    referral_message(actor=case_manager, referral=sent, text="Yes, at 17:00.")
    referral_decline(actor=shelter, referral=sent, reason="No place.")
    with pytest.raises(ApplicationError, match="closed"):
        referral_message(actor=case_manager, referral=sent, text="Anything?")


def test_a_referral_delivers_a_support_plan_action(case_manager, shelter):
    from opennrm.cases.services import SupportPlanDetails, support_action_add, support_plan_create

    case = open_case(case_manager)
    plan = support_plan_create(
        actor=case_manager, case=case, details=SupportPlanDetails(objectives="Safe housing")
    )
    action = support_action_add(
        actor=case_manager,
        plan=plan,
        support_type="Shelter",
        description="Place in a women's centre",
        delivery="Referral",
    )
    referral = send_referral(case_manager, shelter.organisation, case=case, support_action=action)
    action.refresh_from_db()
    assert action.status == "Referred"
    with pytest.raises(ApplicationError, match="support plan"):
        send_referral(case_manager, shelter.organisation, case=case, support_action=action)
    referral = referral_accept(actor=shelter, referral=referral)
    action.refresh_from_db()
    assert action.status == "InProgress"
    referral_complete(
        actor=shelter,
        referral=referral,
        outcome=ReferralOutcome.PARTIALLY_DELIVERED,
        note="Two weeks only.",
        completed_on=timezone.localdate(),
    )
    action.refresh_from_db()
    assert (action.status, action.outcome_note) == ("PartiallyDelivered", "Two weeks only.")


def test_a_declined_referral_puts_the_action_back_to_planned(case_manager, shelter):
    from opennrm.cases.services import SupportPlanDetails, support_action_add, support_plan_create

    case = open_case(case_manager)
    plan = support_plan_create(
        actor=case_manager, case=case, details=SupportPlanDetails(objectives="Legal")
    )
    action = support_action_add(
        actor=case_manager,
        plan=plan,
        support_type="LegalAid",
        description="Lawyer",
        delivery="Referral",
    )
    referral = send_referral(case_manager, shelter.organisation, case=case, support_action=action)
    referral_decline(actor=shelter, referral=referral, reason="Not our field.")
    action.refresh_from_db()
    assert action.status == "Planned"


@pytest.mark.parametrize("from_state", list(ReferralState.values))
@pytest.mark.parametrize("to_state", list(ReferralState.values))
def test_the_transition_table_is_enforced(sent, from_state, to_state):
    from opennrm.referrals.services import ALLOWED_TRANSITIONS
    from opennrm.referrals.services.referral import _move

    Referral.objects.filter(pk=sent.pk).update(state=from_state)
    sent.refresh_from_db()
    allowed = to_state in ALLOWED_TRANSITIONS.get(from_state, frozenset())
    if allowed:
        moved = _move(sent, to_state, actor=None, action="referral.test_move")
        assert moved.state == to_state
    else:
        with pytest.raises(ApplicationError, match="cannot become"):
            _move(sent, to_state, actor=None, action="referral.test_move")
        assert Referral.objects.get(pk=sent.pk).state == from_state


@pytest.mark.parametrize("open_state", ["Sent", "Accepted", "InService"])
def test_revoke_from_every_open_state(sent, shelter, case_manager, open_state):
    if open_state != "Sent":
        referral_accept(actor=shelter, referral=sent)
    if open_state == "InService":
        referral_start_service(actor=shelter, referral=sent, started_on=timezone.localdate())
    sent.refresh_from_db()
    assert sent.state == open_state
    revoked = referral_revoke(actor=case_manager, referral=sent, reason="Placed elsewhere.")
    assert revoked.state == ReferralState.REVOKED
    assert Notification.objects.filter(user=shelter.user, message__contains="revoked").exists()


def test_consent_for_a_recipient_without_account_covers_that_recipient_only(case_manager):
    case = open_case(case_manager)
    consent = referral_consent(case_manager, case, None, description="Clinique Ibn Sina, Tetouan")
    for kwargs in ({"consent": consent}, {}):
        with pytest.raises(ApplicationError, match="consent"):
            referral_send(
                actor=case_manager,
                case=case,
                request=referral_request(
                    None, external_recipient_name="Association Espoir, Dakar", **kwargs
                ),
            )
    assert not Referral.objects.exists()
    # The same recipient, written with other capitals and spacing: the consent is found.
    referral = referral_send(
        actor=case_manager,
        case=case,
        request=referral_request(None, external_recipient_name="clinique ibn sina,  TETOUAN"),
    )
    assert referral.consent_id == consent.pk
