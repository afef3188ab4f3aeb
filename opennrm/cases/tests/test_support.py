from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from opennrm.cases.selectors import plan_progress
from opennrm.cases.services import (
    SupportPlanDetails,
    support_action_add,
    support_action_record,
    support_plan_create,
    support_plan_update,
)
from opennrm.cases.tests.factories import open_case
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(case_manager):
    case = open_case(case_manager)
    return support_plan_create(
        actor=case_manager,
        case=case,
        details=SupportPlanDetails(
            objectives="Safe housing, health, income within six months.",
            planned_end_on=timezone.localdate() + timedelta(days=180),
        ),
    )


def _action(actor, plan, **kwargs):
    values = {
        "support_type": "Health",
        "description": "Dental care",
        "delivery": "InHouse",
        "due_on": timezone.localdate() + timedelta(days=10),
    }
    values.update(kwargs)
    return support_action_add(actor=actor, plan=plan, **values)


def test_plan_needs_objectives_and_one_per_case(case_manager, plan):
    with pytest.raises(ApplicationError, match="already has"):
        support_plan_create(
            actor=case_manager, case=plan.case, details=SupportPlanDetails(objectives="Again")
        )
    other = open_case(case_manager)
    with pytest.raises(ApplicationError) as error:
        support_plan_create(
            actor=case_manager, case=other, details=SupportPlanDetails(objectives=" ")
        )
    assert error.value.field == "objectives"


def test_plan_update_detects_a_stale_form(case_manager, plan):
    details = SupportPlanDetails(objectives="Updated objectives")
    support_plan_update(actor=case_manager, plan=plan, details=details, expected_version=1)
    with pytest.raises(ApplicationError, match="changed by someone else"):
        support_plan_update(actor=case_manager, plan=plan, details=details, expected_version=1)


def test_in_house_action_progress_and_outcome(case_manager, plan):
    action = _action(case_manager, plan)
    action = support_action_record(
        actor=case_manager, action=action, status="InProgress", on=timezone.localdate()
    )
    assert action.started_on == timezone.localdate()
    with pytest.raises(ApplicationError, match="why"):
        support_action_record(
            actor=case_manager, action=action, status="NotDelivered", on=timezone.localdate()
        )
    action = support_action_record(
        actor=case_manager, action=action, status="Delivered", on=timezone.localdate()
    )
    assert action.is_done
    with pytest.raises(ApplicationError, match="cannot become"):
        support_action_record(
            actor=case_manager, action=action, status="InProgress", on=timezone.localdate()
        )
    assert AuditEvent.objects.filter(action="case.support_action_recorded").count() == 2


def test_referred_action_is_not_recorded_by_hand(case_manager, plan):
    action = _action(case_manager, plan, delivery="Referral", support_type="Shelter")
    with pytest.raises(ApplicationError, match="through a referral"):
        support_action_record(
            actor=case_manager, action=action, status="Delivered", on=timezone.localdate()
        )


def test_progress_counts_done_and_late_actions(case_manager, plan):
    done = _action(case_manager, plan)
    support_action_record(
        actor=case_manager, action=done, status="Delivered", on=timezone.localdate()
    )
    late = _action(case_manager, plan, due_on=timezone.localdate() - timedelta(days=2))
    cancelled = _action(case_manager, plan)
    support_action_record(
        actor=case_manager, action=cancelled, status="Cancelled", on=timezone.localdate(), note="x"
    )
    progress = plan_progress(plan)
    assert (progress.total, progress.done, progress.delivered) == (2, 1, 1)
    assert progress.overdue == [late]
    assert progress.percent_done == 50


def test_roles_without_edit_cannot_plan(member_of, case_manager, plan):
    operator = member_of("hotline_operator", case_manager.organisation)
    with pytest.raises(PermissionDenied):
        _action(operator, plan)


def test_case_page_shows_the_plan_at_a_glance(client, login, case_manager, plan):
    _action(case_manager, plan, due_on=timezone.localdate() - timedelta(days=1))
    login(client, case_manager)
    body = client.get(reverse("cases:detail", kwargs={"case_id": plan.case_id})).content.decode()
    assert 'data-testid="plan-progress"' in body
    assert "0 of 1 actions done" in body
    assert "1 action is late" in body


def test_plan_pages_create_and_add(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    url = reverse("cases:support_plan", kwargs={"case_id": case.pk})
    assert client.get(url).status_code == 200
    client.post(url, {"objectives": "Housing and health."})
    client.post(
        reverse("cases:support_action_add", kwargs={"case_id": case.pk}),
        {"support_type": "Legal", "description": "Lawyer for the hearing", "delivery": "Referral"},
    )
    assert case.support_plan.actions.get().delivery == "Referral"
