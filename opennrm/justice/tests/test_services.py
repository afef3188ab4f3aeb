from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opennrm.accounts.models import Notification
from opennrm.cases.tests.factories import open_case
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.justice.models import Authority, JusticeStage, Proceeding, ProceedingCase
from opennrm.justice.services import (
    ProceedingDetails,
    proceeding_move,
    proceeding_open,
    proceeding_unlink_case,
)
from opennrm.justice.tests.factories import acting_for, link, open_proceeding

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(member_of):
    return member_of("judicial_police_officer")


@pytest.fixture
def prosecutor(member_of):
    return member_of("prosecutor")


def test_morocco_procedure_is_loaded_as_data():
    stages = list(JusticeStage.objects.filter(country="MA").values_list("code", flat=True))
    assert stages[0] == "Complaint"
    assert {
        "PoliceInvestigation",
        "Prosecution",
        "FirstInstanceTrial",
        "Appeal",
        "Cassation",
    } <= set(stages)
    assert Authority.objects.filter(country="MA", kind="AppealCourt").count() == 21
    assert Authority.objects.filter(country="MA", kind="CassationCourt").count() == 1


def test_police_open_a_proceeding_for_their_own_unit(police):
    proceeding = open_proceeding(police)
    assert proceeding.reference_code.startswith("J-")
    assert proceeding.stage == "Complaint"
    assert proceeding.summary.startswith("Synthetic facts")
    assert list(proceeding.stage_changes.values_list("to_stage", flat=True)) == ["Complaint"]
    assert AuditEvent.objects.filter(
        action="proceeding.opened", object_id=str(proceeding.pk)
    ).exists()


def test_opening_for_an_authority_of_another_organisation_is_refused(police):
    other = Authority.objects.get(country="MA", code="PJ_01")
    with pytest.raises(ApplicationError) as refused:
        proceeding_open(
            actor=police,
            details=ProceedingDetails(
                authority=other, stage="Complaint", opened_on=date(2026, 2, 1)
            ),
        )
    assert refused.value.field == "authority"
    assert not Proceeding.objects.exists()


def test_opening_at_a_later_stage_or_in_the_future_is_refused(police):
    unit = acting_for(police, "PJ_06")
    with pytest.raises(ApplicationError, match="cannot start at this stage"):
        proceeding_open(
            actor=police,
            details=ProceedingDetails(authority=unit, stage="Appeal", opened_on=date(2026, 2, 1)),
        )
    with pytest.raises(ApplicationError, match="is not in charge"):
        proceeding_open(
            actor=police,
            details=ProceedingDetails(
                authority=unit, stage="Prosecution", opened_on=date(2026, 2, 1)
            ),
        )
    with pytest.raises(ApplicationError, match="future"):
        proceeding_open(
            actor=police,
            details=ProceedingDetails(
                authority=unit,
                stage="Complaint",
                opened_on=timezone.localdate() + timedelta(days=1),
            ),
        )
    assert not Proceeding.objects.exists()


def test_roles_without_the_justice_permission_cannot_open(member_of):
    lawyer = member_of("victims_lawyer")
    acting_for(lawyer, "PJ_06")
    with pytest.raises(PermissionDenied):
        open_proceeding(lawyer)


def test_police_hand_over_to_the_prosecutor_who_then_records(police, prosecutor):
    proceeding = open_proceeding(police)
    office = acting_for(prosecutor, "PG_CASABLANCA")
    proceeding_move(
        actor=police,
        proceeding=proceeding,
        to_stage="PoliceInvestigation",
        on=date(2026, 2, 2),
        authority=Authority.objects.get(code="PJ_06"),
    )
    moved = proceeding_move(
        actor=police,
        proceeding=proceeding,
        to_stage="Prosecution",
        on=date(2026, 3, 1),
        authority=office,
        note="Report sent to the prosecutor.",
    )
    assert moved.stage == "Prosecution"
    assert moved.authority == office
    assert moved.stage_since == date(2026, 3, 1)
    assert moved.version == 3
    # The police are no longer in charge; the prosecutor is.
    with pytest.raises(PermissionDenied):
        proceeding_move(
            actor=police,
            proceeding=moved,
            to_stage="FirstInstanceTrial",
            on=date(2026, 4, 1),
            authority=Authority.objects.get(code="CA_CASABLANCA"),
        )
    proceeding_move(
        actor=prosecutor,
        proceeding=moved,
        to_stage="FirstInstanceTrial",
        on=date(2026, 4, 1),
        authority=Authority.objects.get(code="CA_CASABLANCA"),
    )
    history = list(moved.stage_changes.values_list("to_stage", flat=True))
    assert history == ["Complaint", "PoliceInvestigation", "Prosecution", "FirstInstanceTrial"]


def test_a_move_the_table_does_not_allow_is_refused_with_both_stages_named(police):
    proceeding = open_proceeding(police)
    with pytest.raises(ApplicationError) as refused:
        proceeding_move(
            actor=police,
            proceeding=proceeding,
            to_stage="Appeal",
            on=date(2026, 2, 2),
            authority=Authority.objects.get(code="CA_CASABLANCA"),
        )
    assert "Complaint or report" in refused.value.message
    assert "Appeal" in refused.value.message
    proceeding.refresh_from_db()
    assert proceeding.stage == "Complaint"
    assert proceeding.stage_changes.count() == 1


def test_a_move_dated_before_the_previous_step_or_to_the_wrong_authority_is_refused(police):
    proceeding = open_proceeding(police, on=date(2026, 2, 10))
    with pytest.raises(ApplicationError, match="before the proceeding's previous step"):
        proceeding_move(
            actor=police,
            proceeding=proceeding,
            to_stage="PoliceInvestigation",
            on=date(2026, 2, 9),
            authority=Authority.objects.get(code="PJ_06"),
        )
    with pytest.raises(ApplicationError, match="is not in charge"):
        proceeding_move(
            actor=police,
            proceeding=proceeding,
            to_stage="Prosecution",
            on=date(2026, 2, 11),
            authority=Authority.objects.get(code="CA_RABAT"),
        )
    assert proceeding.stage_changes.count() == 1


def test_two_people_moving_the_same_proceeding_one_is_told_to_reload(police):
    proceeding = open_proceeding(police)
    unit = Authority.objects.get(code="PJ_06")
    stale = Proceeding.objects.get(pk=proceeding.pk)
    proceeding_move(
        actor=police,
        proceeding=proceeding,
        to_stage="PoliceInvestigation",
        on=date(2026, 2, 2),
        authority=unit,
    )
    with pytest.raises(ApplicationError, match="changed by someone else"):
        proceeding_move(
            actor=police, proceeding=stale, to_stage="Closed", on=date(2026, 2, 3), authority=unit
        )
    proceeding.refresh_from_db()
    assert proceeding.stage == "PoliceInvestigation"


def test_the_case_owner_links_a_case_and_is_told_of_each_new_stage(police, case_manager):
    proceeding = open_proceeding(police)
    case = open_case(case_manager)
    made = link(case_manager, case, proceeding, role="CivilParty")
    assert made.role == "CivilParty"
    assert AuditEvent.objects.filter(
        action="case.linked_to_proceeding", object_id=str(case.pk)
    ).exists()
    proceeding_move(
        actor=police,
        proceeding=proceeding,
        to_stage="PoliceInvestigation",
        on=date(2026, 2, 2),
        authority=Authority.objects.get(code="PJ_06"),
    )
    notice = Notification.objects.get(user=case_manager.user)
    assert proceeding.reference_code in notice.message
    assert case.reference_code in notice.message
    assert "Atlas" not in notice.message


def test_linking_needs_a_real_reference_and_only_once(police, case_manager):
    proceeding = open_proceeding(police)
    case = open_case(case_manager)
    with pytest.raises(ApplicationError, match="No criminal proceeding has this reference"):
        link(case_manager, case, Proceeding(reference_code="J-0000-0000"))
    link(case_manager, case, proceeding)
    with pytest.raises(ApplicationError, match="already linked"):
        link(case_manager, case, proceeding)
    assert ProceedingCase.objects.count() == 1


def test_only_the_case_owner_links_or_unlinks(police, case_manager, member_of):
    proceeding = open_proceeding(police)
    case = open_case(case_manager)
    stranger = member_of("case_manager")
    with pytest.raises(PermissionDenied):
        link(stranger, case, proceeding)
    made = link(case_manager, case, proceeding)
    with pytest.raises(PermissionDenied):
        proceeding_unlink_case(actor=stranger, link=made)
    proceeding_unlink_case(actor=case_manager, link=made)
    assert not ProceedingCase.objects.exists()


def test_legal_aid_must_be_an_organisation_with_a_victims_lawyer(police, case_manager, member_of):
    proceeding = open_proceeding(police)
    case = open_case(case_manager)
    not_lawyers = member_of("case_manager").organisation
    with pytest.raises(ApplicationError, match="no victims' lawyer"):
        link(case_manager, case, proceeding, legal_aid=not_lawyers)
    lawyer = member_of("victims_lawyer")
    link(case_manager, case, proceeding, legal_aid=lawyer.organisation)
    assert Notification.objects.filter(user=lawyer.user).count() == 1
