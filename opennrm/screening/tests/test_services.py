import pytest
from django.core.exceptions import PermissionDenied

from opennrm.cases.tests.factories import open_case
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.screening.selectors import indicator_set
from opennrm.screening.services import screening_answer, screening_complete, screening_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def screening(case_manager):
    case = open_case(case_manager)
    return screening_start(
        actor=case_manager, person=case.person, indicator_set=indicator_set(slug="ilo-adult-labour")
    )


def _answer(actor, screening, dimension, ids, skipped=False):
    return screening_answer(
        actor=actor, screening=screening, dimension=dimension, indicator_ids=ids, skipped=skipped
    )


def test_interview_is_resumable_and_answers_can_be_changed(case_manager, screening):
    _answer(case_manager, screening, 1, ["1.deceived_nature_of_job"])
    assert screening.current_dimension == 2
    _answer(case_manager, screening, 3, [], skipped=True)
    assert screening.current_dimension == 2
    _answer(case_manager, screening, 1, ["1.deceived_wages"])
    found = sorted(i.code for i in screening.indicators_found.all())
    assert found == ["deceived_wages"]
    assert screening.answered_dimensions == [1]
    assert screening.skipped_dimensions == [3]


def test_complete_evaluates_and_keeps_the_indicators_that_made_each_dimension(
    case_manager, screening
):
    _answer(case_manager, screening, 1, ["1.deceived_nature_of_job", "1.deceived_wages"])
    _answer(case_manager, screening, 4, ["4.excessive_hours", "4.low_or_no_salary"])
    _answer(case_manager, screening, 5, ["5.debt_bondage", "5.confiscation_of_documents"])
    done = screening_complete(actor=case_manager, screening=screening)
    assert done.presumed_victim is True
    assert done.result["dimensions"]["4"] is True
    assert done.result["fired"]["5"] == ["5.confiscation_of_documents", "5.debt_bondage"]
    with pytest.raises(ApplicationError):
        _answer(case_manager, screening, 2, [])
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"screening.started", "screening.answered", "screening.completed"} <= actions


def test_indicator_of_another_dimension_is_refused(case_manager, screening):
    with pytest.raises(ApplicationError):
        _answer(case_manager, screening, 1, ["5.debt_bondage"])
    assert not screening.indicators_found.exists()


def test_roles_without_screening_cannot_start(member_of, case_manager):
    case = open_case(case_manager)
    prosecutor = member_of("prosecutor", organisation=case_manager.organisation)
    with pytest.raises(PermissionDenied):
        screening_start(
            actor=prosecutor,
            person=case.person,
            indicator_set=indicator_set(slug="ilo-adult-labour"),
        )
