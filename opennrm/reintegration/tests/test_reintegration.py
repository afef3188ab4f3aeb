import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from opennrm.cases.digest import send_deadline_digests
from opennrm.cases.tests.factories import open_case
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.referrals.tests.factories import referral_consent, send_referral
from opennrm.reintegration.models import FollowUpVisit, ReturnPlan
from opennrm.reintegration.selectors import access_return, follow_ups_due
from opennrm.reintegration.services import (
    ReturnDetails,
    follow_up_record,
    goal_add,
    goal_update,
    return_assess_risk,
    return_close,
    return_open,
    return_record_arrival,
    return_set_receiving,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(case_manager):
    case = open_case(case_manager)
    return return_open(
        actor=case_manager,
        case=case,
        details=ReturnDetails(
            direction="Outbound",
            destination_country="SN",
            destination_place="Synthetic village near Thiès",
            voluntary_confirmed_on=timezone.localdate(),
        ),
    )


def _clear(actor, plan, **kwargs):
    values = {"level": "Medium", "risks": ["Stigma"], "notes": "", "proceed": True}
    values.update(kwargs)
    return return_assess_risk(actor=actor, plan=plan, **values)


def test_open_checks_country_direction_and_one_return_at_a_time(case_manager, plan):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError, match="does not match"):
        return_open(
            actor=case_manager,
            case=case,
            details=ReturnDetails(
                direction="Inbound",
                destination_country="SN",
                voluntary_confirmed_on=timezone.localdate(),
            ),
        )
    with pytest.raises(ApplicationError, match="already has a return"):
        return_open(
            actor=case_manager,
            case=plan.case,
            details=ReturnDetails(
                direction="Outbound",
                destination_country="NG",
                voluntary_confirmed_on=timezone.localdate(),
            ),
        )


def test_high_risk_clears_only_with_mitigation_written(case_manager, plan):
    with pytest.raises(ApplicationError, match="high"):
        _clear(case_manager, plan, level="High", risks=["TraffickersAtDestination"])
    on_hold = _clear(case_manager, plan, level="High", proceed=False)
    assert on_hold.state == "OnHold"
    cleared = _clear(
        case_manager, plan, level="High", notes="Family relocated; NGO escort on arrival."
    )
    assert cleared.state == "Cleared"


def test_arrival_needs_clearance_and_schedules_follow_ups(case_manager, plan, settings):
    settings.OPENNRM_FOLLOW_UP_MONTHS = (3, 6, 12)
    with pytest.raises(ApplicationError, match="cannot become"):
        return_record_arrival(actor=case_manager, plan=plan, returned_on=timezone.localdate())
    _clear(case_manager, plan)
    plan = return_record_arrival(actor=case_manager, plan=plan, returned_on=timezone.localdate())
    assert plan.state == "Returned"
    arrived = plan.returned_on
    dues = list(plan.follow_ups.values_list("months_after_return", "due_on"))
    assert [m for m, _ in dues] == [3, 6, 12]
    assert dues[2][1].year == arrived.year + 1


def test_follow_ups_overdue_surface_on_home_and_in_the_daily_email(
    client, login, case_manager, plan
):
    _clear(case_manager, plan)
    long_ago = timezone.localdate() - timedelta(days=200)
    ReturnPlan.objects.filter(pk=plan.pk).update(risk_assessed_on=long_ago)
    plan.refresh_from_db()
    return_record_arrival(actor=case_manager, plan=plan, returned_on=long_ago)
    overdue, _soon = follow_ups_due(case_manager)
    assert [v.months_after_return for v in overdue] == [3, 6]
    login(client, case_manager)
    assert 'data-testid="follow-ups"' in client.get("/").content.decode()
    case_manager.user.email = "leila@example.org"
    case_manager.user.save()
    assert send_deadline_digests() == 1
    body = mail.outbox[0].body
    assert plan.case.reference_code in body and "3-month" in body
    assert "Thiès" not in body


def test_a_follow_up_is_not_recorded_long_before_it_is_due(client, login, case_manager, plan):
    _clear(case_manager, plan)
    today = timezone.localdate()
    plan = return_record_arrival(actor=case_manager, plan=plan, returned_on=today)
    three_months = plan.follow_ups.get(months_after_return=3)
    with pytest.raises(ApplicationError, match="can be recorded from"):
        follow_up_record(
            actor=case_manager, visit=three_months, done_on=today, outcome="WellReintegrated"
        )
    three_months.refresh_from_db()
    assert three_months.done_on is None
    # The form proposes no outcome: the case worker chooses one.
    from opennrm.reintegration.forms import FollowUpForm

    form = FollowUpForm(initial={"visit_id": three_months.pk})
    assert form["outcome"].value() in (None, "")
    assert not FollowUpForm(
        {"visit_id": str(three_months.pk), "done_on": today.isoformat()}
    ).is_valid()


def test_follow_up_outcome_and_closing(case_manager, plan):
    _clear(case_manager, plan)
    long_ago = timezone.localdate() - timedelta(days=400)
    ReturnPlan.objects.filter(pk=plan.pk).update(risk_assessed_on=long_ago)
    plan.refresh_from_db()
    plan = return_record_arrival(actor=case_manager, plan=plan, returned_on=long_ago)
    with pytest.raises(ApplicationError, match="follow-up"):
        return_close(actor=case_manager, plan=plan, note="Done")
    visits = list(plan.follow_ups.all())
    with pytest.raises(ApplicationError, match="what was found"):
        follow_up_record(
            actor=case_manager, visit=visits[0], done_on=timezone.localdate(), outcome="AtRisk"
        )
    for visit in visits:
        follow_up_record(
            actor=case_manager,
            visit=visit,
            done_on=timezone.localdate(),
            outcome="Progressing",
            done_by="Synthetic Reintegration Network",
        )
    with pytest.raises(ApplicationError, match="already recorded"):
        follow_up_record(
            actor=case_manager,
            visit=visits[0],
            done_on=timezone.localdate(),
            outcome="WellReintegrated",
        )
    plan = return_close(actor=case_manager, plan=plan, note="Stable income, housing.")
    assert plan.state == "Completed"
    assert AuditEvent.objects.filter(action="return.follow_up_recorded").count() == 3


def test_reintegration_goals(case_manager, plan):
    goal = goal_add(actor=case_manager, plan=plan, domain="Income", objective="Sewing business")
    goal = goal_update(actor=case_manager, goal=goal, status="InProgress")
    assert goal.status == "InProgress"
    with pytest.raises(ApplicationError):
        goal_add(actor=case_manager, plan=plan, domain="Luck", objective="x")


def test_receiving_organisation_is_a_return_assistance_referral(case_manager, member_of, plan):
    iom_sn = member_of("case_manager")
    referral_consent(case_manager, plan.case, iom_sn.organisation)
    shelter = send_referral(case_manager, iom_sn.organisation, case=plan.case)
    with pytest.raises(ApplicationError, match="return-assistance"):
        return_set_receiving(actor=case_manager, plan=plan, referral=shelter)
    transnational = send_referral(
        case_manager, iom_sn.organisation, case=plan.case, service_types=["ReturnAssistance"]
    )
    plan = return_set_receiving(actor=case_manager, plan=plan, referral=transnational)
    assert plan.receiving_referral == transnational


def test_cancel_before_travel_and_permissions(member_of, case_manager, plan):
    with pytest.raises(PermissionDenied):
        return_close(actor=member_of("case_manager"), plan=plan, note="x", cancel=True)
    operator = member_of("hotline_operator", case_manager.organisation)
    with pytest.raises(PermissionDenied):
        _clear(operator, plan)
    plan = return_close(actor=case_manager, plan=plan, note="Changed her mind.", cancel=True)
    assert plan.state == "Cancelled"


def test_returns_are_reached_through_the_owner_only(client, login, member_of, plan):
    with pytest.raises(Http404):
        access_return(actor=member_of("case_manager"), return_id=plan.pk)
    outsider = member_of("coordinator")
    login(client, outsider)
    for suffix in ("", "risk/", "arrival/", "follow-up/"):
        method = client.get if not suffix else client.post
        real = method(reverse("reintegration:return", kwargs={"return_id": plan.pk}) + suffix)
        missing = method(
            reverse("reintegration:return", kwargs={"return_id": uuid.uuid4()}) + suffix
        )
        assert real.status_code == missing.status_code == 404
        assert "Thiès" not in real.content.decode()


def test_return_page_walks_the_steps(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    response = client.post(
        reverse("reintegration:new", kwargs={"case_id": case.pk}),
        {
            "direction": "Outbound",
            "destination_country": "SN",
            "voluntary_confirmed_on": timezone.localdate().isoformat(),
        },
    )
    plan = ReturnPlan.objects.get(case=case)
    assert response.url == reverse("reintegration:return", kwargs={"return_id": plan.pk})
    step = reverse("reintegration:step", kwargs={"return_id": plan.pk, "step": "risk"})
    client.post(step, {"level": "Low", "proceed": "yes"})
    step = reverse("reintegration:step", kwargs={"return_id": plan.pk, "step": "arrival"})
    client.post(step, {"returned_on": timezone.localdate().isoformat()})
    assert FollowUpVisit.objects.filter(plan=plan).count() == 3
    page = client.get(reverse("reintegration:return", kwargs={"return_id": plan.pk}))
    assert 'data-testid="follow-up-visits"' in page.content.decode()
