from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opennrm.accounts.models import Notification
from opennrm.cases.tests.factories import open_case
from opennrm.core.calendar import add_working_days, is_working_day
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.justice.hearings import hearing_digest_section, hearing_home_panel, pseudonyms
from opennrm.justice.models import Authority, IdentityReveal, ProtectionMeasure
from opennrm.justice.services import (
    hearing_reschedule,
    hearing_schedule,
    hearing_victim_update,
    identity_reveal,
    measure_decide,
    measure_lift,
    measure_request,
)
from opennrm.justice.tests.factories import link, open_proceeding

pytestmark = pytest.mark.django_db


def at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def next_working_day(after):
    return add_working_days(after, 1)


@pytest.fixture
def police(member_of):
    return member_of("judicial_police_officer")


@pytest.fixture
def proceeding(police):
    return open_proceeding(police, on=date(2026, 1, 10))


@pytest.fixture
def court():
    return Authority.objects.get(code="CA_CASABLANCA")


def test_a_hearing_before_the_complaint_or_on_a_day_off_is_refused(police, proceeding, court):
    with pytest.raises(ApplicationError, match="before the complaint"):
        hearing_schedule(
            actor=police,
            proceeding=proceeding,
            scheduled_at=at(date(2026, 1, 5)),
            court=court,
            purpose="Trial",
        )
    saturday = date(2026, 12, 5)
    assert not is_working_day(saturday)
    with pytest.raises(ApplicationError, match="not a working day"):
        hearing_schedule(
            actor=police,
            proceeding=proceeding,
            scheduled_at=at(saturday),
            court=court,
            purpose="Trial",
        )
    with pytest.raises(ApplicationError, match="court or the investigating judge"):
        hearing_schedule(
            actor=police,
            proceeding=proceeding,
            scheduled_at=at(date(2026, 12, 7)),
            court=Authority.objects.get(code="PJ_06"),
            purpose="Trial",
        )
    assert not proceeding.hearings.exists()


def test_a_hearing_lists_the_victims_and_tells_their_case_manager_and_lawyer(
    police, proceeding, court, case_manager, member_of
):
    lawyer = member_of("victims_lawyer")
    victim = link(case_manager, open_case(case_manager), proceeding, legal_aid=lawyer.organisation)
    day = next_working_day(timezone.localdate())
    hearing = hearing_schedule(
        actor=police, proceeding=proceeding, scheduled_at=at(day), court=court, purpose="Trial"
    )
    [entry] = hearing.victims.all()
    assert entry.victim == victim
    assert entry.legal_aid
    assert Notification.objects.filter(user=case_manager.user, message__contains="hearing").exists()
    assert Notification.objects.filter(user=lawyer.user, message__contains="hearing").exists()
    # On both home pages and in both daily e-mails; not for someone else.
    assert hearing_home_panel(case_manager).context["rows"][0]["hearing"] == hearing
    assert hearing_home_panel(lawyer).context["rows"][0]["working_days"] == 1
    assert hearing_home_panel(member_of("case_manager")) is None
    section = hearing_digest_section(lawyer, timezone.localdate())
    assert proceeding.reference_code in section.lines[0]
    assert "Salma" not in section.lines[0]


def test_the_digest_looks_ahead_in_working_days_only(police, proceeding, court, case_manager):
    link(case_manager, open_case(case_manager), proceeding)
    today = timezone.localdate()
    far = add_working_days(today, 6)
    hearing_schedule(
        actor=police, proceeding=proceeding, scheduled_at=at(far), court=court, purpose="Trial"
    )
    assert hearing_digest_section(case_manager, today) is None
    assert hearing_home_panel(case_manager) is not None


def test_attendance_is_recorded_after_the_hearing(police, proceeding, court, case_manager):
    link(case_manager, open_case(case_manager), proceeding)
    hearing = hearing_schedule(
        actor=police,
        proceeding=proceeding,
        scheduled_at=at(next_working_day(timezone.localdate())),
        court=court,
        purpose="VictimHearing",
    )
    entry = hearing.victims.get()
    with pytest.raises(ApplicationError, match="after the hearing"):
        hearing_victim_update(
            actor=police,
            entry=entry,
            attendance="Attended",
            interpreter_language="ful",
            legal_aid=False,
            testimony="BehindScreen",
        )
    updated = hearing_victim_update(
        actor=police,
        entry=entry,
        attendance="Expected",
        interpreter_language="ful",
        legal_aid=True,
        testimony="BehindScreen",
    )
    assert updated.testimony == "BehindScreen"


def test_a_cancelled_hearing_leaves_the_home_pages(police, proceeding, court, case_manager):
    link(case_manager, open_case(case_manager), proceeding)
    hearing = hearing_schedule(
        actor=police,
        proceeding=proceeding,
        scheduled_at=at(next_working_day(timezone.localdate())),
        court=court,
        purpose="Trial",
    )
    hearing_reschedule(actor=police, hearing=hearing, scheduled_at=None, cancel=True)
    assert hearing_home_panel(case_manager) is None
    with pytest.raises(ApplicationError, match="cancelled"):
        hearing_reschedule(actor=police, hearing=hearing, scheduled_at=at(date(2026, 12, 7)))


def _concealed(police, proceeding, case_manager):
    victim = link(case_manager, open_case(case_manager), proceeding)
    measure = measure_request(
        actor=case_manager,
        victim=victim,
        kind="IdentityConcealment",
        requested_on=date(2026, 1, 12),
        requested_by="CaseManager",
    )
    return measure_decide(
        actor=police,
        measure=measure,
        grant=True,
        decided_on=date(2026, 1, 13),
        authority=Authority.objects.get(code="PG_CASABLANCA"),
    )


def test_the_case_owner_asks_and_the_authority_in_charge_grants_a_pseudonym(
    police, proceeding, case_manager
):
    measure = _concealed(police, proceeding, case_manager)
    assert measure.state == "Granted"
    assert measure.pseudonym == "X-1"
    assert pseudonyms(proceeding) == {measure.victim_id: "X-1"}
    assert Notification.objects.filter(user=case_manager.user, message__contains="Granted").exists()
    with pytest.raises(ApplicationError, match="already requested or in force"):
        measure_request(
            actor=case_manager,
            victim=measure.victim,
            kind="IdentityConcealment",
            requested_on=date(2026, 1, 14),
            requested_by="CaseManager",
        )


def test_a_decision_before_the_request_and_a_lift_before_the_grant_are_refused(
    police, proceeding, case_manager
):
    victim = link(case_manager, open_case(case_manager), proceeding)
    measure = measure_request(
        actor=police,
        victim=victim,
        kind="PoliceProtection",
        requested_on=date(2026, 2, 1),
        requested_by="Prosecutor",
    )
    with pytest.raises(ApplicationError, match="before the request"):
        measure_decide(
            actor=police,
            measure=measure,
            grant=True,
            decided_on=date(2026, 1, 31),
            authority=Authority.objects.get(code="PG_CASABLANCA"),
        )
    granted = measure_decide(
        actor=police,
        measure=measure,
        grant=True,
        decided_on=date(2026, 2, 2),
        authority=Authority.objects.get(code="PG_CASABLANCA"),
    )
    with pytest.raises(ApplicationError, match="before it was granted"):
        measure_lift(actor=police, measure=granted, lifted_on=date(2026, 2, 1))
    lifted = measure_lift(actor=police, measure=granted, lifted_on=date(2026, 3, 1))
    assert lifted.state == "Lifted"
    with pytest.raises(ApplicationError):
        measure_lift(actor=police, measure=lifted, lifted_on=date(2026, 3, 2))


def test_only_the_case_owner_or_the_authority_in_charge_asks_for_a_measure(
    police, proceeding, case_manager, member_of
):
    victim = link(case_manager, open_case(case_manager), proceeding)
    with pytest.raises(PermissionDenied):
        measure_request(
            actor=member_of("case_manager"),
            victim=victim,
            kind="PoliceProtection",
            requested_on=date(2026, 2, 1),
            requested_by="Victim",
        )


def test_revealing_a_concealed_identity_needs_the_permission_and_a_reason(
    police, proceeding, case_manager, member_of
):
    measure = _concealed(police, proceeding, case_manager)
    prosecutor = member_of("prosecutor")
    with pytest.raises(PermissionDenied):
        identity_reveal(actor=police, measure=measure, reason="Confrontation ordered by the judge")
    with pytest.raises(ApplicationError, match="Give the reason"):
        identity_reveal(actor=prosecutor, measure=measure, reason="x")
    identity_reveal(actor=prosecutor, measure=measure, reason="Confrontation ordered by the judge")
    reveal = IdentityReveal.objects.get()
    assert reveal.revealed_to == prosecutor.user
    event = AuditEvent.objects.get(action="identity.revealed")
    assert "Confrontation" not in str(event.details)
    notice = Notification.objects.filter(user=case_manager.user).order_by("-created_at").first()
    assert "revealed" in notice.message
    assert str(prosecutor.organisation) in notice.message


def test_a_refused_concealment_gives_no_pseudonym(police, proceeding, case_manager):
    victim = link(case_manager, open_case(case_manager), proceeding)
    measure = measure_request(
        actor=police,
        victim=victim,
        kind="IdentityConcealment",
        requested_on=date(2026, 2, 1),
        requested_by="Victim",
    )
    refused = measure_decide(
        actor=police,
        measure=measure,
        grant=False,
        decided_on=date(2026, 2, 3),
        authority=Authority.objects.get(code="PG_CASABLANCA"),
    )
    assert refused.state == "Refused"
    assert refused.pseudonym == ""
    assert pseudonyms(proceeding) == {}
    assert ProtectionMeasure.objects.count() == 1


def test_a_video_testimony_in_force_sets_the_hearing_by_video(
    police, proceeding, case_manager, court
):
    victim = link(case_manager, open_case(case_manager), proceeding)
    measure = measure_request(
        actor=police,
        victim=victim,
        kind="VideoTestimony",
        requested_on=date(2026, 2, 1),
        requested_by="Victim",
    )
    measure_decide(
        actor=police,
        measure=measure,
        grant=True,
        decided_on=date(2026, 2, 2),
        authority=Authority.objects.get(code="PG_CASABLANCA"),
    )
    hearing = hearing_schedule(
        actor=police,
        proceeding=proceeding,
        scheduled_at=at(next_working_day(timezone.localdate() + timedelta(days=3))),
        court=court,
        purpose="Trial",
    )
    assert hearing.victims.get().testimony == "Video"
