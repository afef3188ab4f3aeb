from datetime import date

import pytest
from django.http import Http404

from opennrm.cases.tests.factories import open_case
from opennrm.core.models import AuditEvent
from opennrm.justice.models import Authority
from opennrm.justice.selectors import (
    access_proceeding,
    justice_case_panel,
    proceedings_visible_to,
    victims_shown_to,
)
from opennrm.justice.services import proceeding_move
from opennrm.justice.tests.factories import acting_for, link, open_proceeding

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(member_of):
    return member_of("judicial_police_officer")


def test_the_opening_unit_and_every_authority_in_charge_since_see_the_proceeding(police, member_of):
    prosecutor = member_of("prosecutor")
    proceeding = open_proceeding(police)
    assert list(proceedings_visible_to(prosecutor)) == []
    proceeding_move(
        actor=police,
        proceeding=proceeding,
        to_stage="Prosecution",
        on=date(2026, 2, 2),
        authority=acting_for(prosecutor, "PG_CASABLANCA"),
    )
    assert list(proceedings_visible_to(prosecutor)) == [proceeding]
    # The police who handed it over still read it.
    assert list(proceedings_visible_to(police)) == [proceeding]


@pytest.mark.parametrize(
    "role",
    [
        "judicial_police_officer",
        "prosecutor",
        "court_clerk",
        "case_manager",
        "coordinator",
        "victims_lawyer",
    ],
)
def test_an_uninvolved_organisation_gets_404_and_the_refusal_is_audited(police, member_of, role):
    proceeding = open_proceeding(police)
    outsider = member_of(role)
    with pytest.raises(Http404):
        access_proceeding(actor=outsider, proceeding_id=proceeding.pk)
    assert AuditEvent.objects.filter(
        action="proceeding.access_refused", actor_user_id=outsider.user_id
    ).exists()


def test_a_victims_case_manager_never_reaches_the_proceeding_page(police, case_manager):
    proceeding = open_proceeding(police)
    link(case_manager, open_case(case_manager), proceeding)
    with pytest.raises(Http404):
        access_proceeding(actor=case_manager, proceeding_id=proceeding.pk)


def test_a_lawyer_reads_the_proceedings_of_their_clients_only(police, case_manager, member_of):
    lawyer = member_of("victims_lawyer")
    proceeding = open_proceeding(police)
    client = open_case(case_manager)
    other_victim = open_case(case_manager)
    link(case_manager, client, proceeding, legal_aid=lawyer.organisation)
    link(case_manager, other_victim, proceeding)
    assert access_proceeding(actor=lawyer, proceeding_id=proceeding.pk) == proceeding
    assert [v.case for v in victims_shown_to(lawyer, proceeding)] == [client]
    assert len(victims_shown_to(police, proceeding)) == 2
    # Reading is not recording.
    with pytest.raises(Http404):
        access_proceeding(actor=lawyer, proceeding_id=proceeding.pk, purpose="move")


def test_a_former_authority_reads_but_may_not_record(police, member_of):
    prosecutor = member_of("prosecutor")
    proceeding = open_proceeding(police)
    proceeding_move(
        actor=police,
        proceeding=proceeding,
        to_stage="Prosecution",
        on=date(2026, 2, 2),
        authority=acting_for(prosecutor, "PG_CASABLANCA"),
    )
    assert access_proceeding(actor=police, proceeding_id=proceeding.pk)
    with pytest.raises(Http404):
        access_proceeding(actor=police, proceeding_id=proceeding.pk, purpose="move")
    assert access_proceeding(actor=prosecutor, proceeding_id=proceeding.pk, purpose="move")


def test_the_case_panel_shows_the_stage_and_authority_to_the_owner_only(
    police, case_manager, member_of
):
    proceeding = open_proceeding(police)
    case = open_case(case_manager)
    link(case_manager, case, proceeding)
    panel = justice_case_panel(case_manager, case)
    [line] = panel.context["lines"]
    assert line.reference == proceeding.reference_code
    assert line.stage == "Complaint or report"
    assert line.authority == Authority.objects.get(code="PJ_06").label()
    assert "summary" not in vars(line)
    assert justice_case_panel(member_of("case_manager"), case) is None
