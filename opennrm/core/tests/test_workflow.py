"""The one guarded step every state machine uses (case stages here; referrals, transfers and
returns are tested through their services)."""

import pytest
from django.core.exceptions import PermissionDenied

from opennrm.cases.models import Case
from opennrm.cases.services.case import CASE_STAGES
from opennrm.cases.tests.factories import open_case
from opennrm.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


def test_of_two_people_moving_one_record_at_once_exactly_one_wins(case_manager):
    case = open_case(case_manager)
    first, second = Case.objects.get(pk=case.pk), Case.objects.get(pk=case.pk)
    seen = []
    CASE_STAGES.step(
        first, "ImmediateAssistance", actor=case_manager, after=lambda c, f: seen.append(f)
    )
    with pytest.raises(ApplicationError, match="Someone else changed this case"):
        CASE_STAGES.step(second, "Closed", actor=case_manager, changes={"closure_reason": "x"})
    case.refresh_from_db()
    assert case.nrm_stage == "ImmediateAssistance" and case.closure_reason == ""
    assert seen == ["Identification"] and case.version == 2


def test_a_move_outside_the_table_names_both_states_and_changes_nothing(case_manager):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError, match="from “Identification” to “Return"):
        CASE_STAGES.step(case, "ReturnReintegration", actor=case_manager)
    case.refresh_from_db()
    assert case.nrm_stage == "Identification" and case.version == 1


def test_a_move_needs_the_permission_the_table_names(case_manager, member_of):
    case = open_case(case_manager)
    operator = member_of("hotline_operator", case_manager.organisation)
    with pytest.raises(PermissionDenied):
        CASE_STAGES.step(case, "ImmediateAssistance", actor=operator)
    assert CASE_STAGES.allows("Closed", "Identification")
    assert not CASE_STAGES.allows("Closed", "ImmediateAssistance")
