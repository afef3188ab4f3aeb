from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opennrm.cases.tests.factories import open_case, person_details
from opennrm.core.errors import ApplicationError
from opennrm.justice.models import NonPunishment, Participation
from opennrm.justice.services import (
    NonPunishmentDetails,
    ParticipationDetails,
    non_punishment_record,
    participation_record,
    residence_decide,
    residence_request,
)
from opennrm.justice.tests.factories import add_accused, charge, judge, link, open_proceeding

pytestmark = pytest.mark.django_db


def test_a_non_punishment_request_and_its_outcome(case_manager):
    case = open_case(case_manager)
    record = non_punishment_record(
        actor=case_manager,
        case=case,
        details=NonPunishmentDetails(
            act="IrregularEntryOrStay", measure="Arrested", occurred_on=date(2026, 3, 1)
        ),
    )
    assert record.outcome == "NotRequested"
    updated = non_punishment_record(
        actor=case_manager,
        case=case,
        record=record,
        details=NonPunishmentDetails(
            act="IrregularEntryOrStay",
            measure="Arrested",
            occurred_on=date(2026, 3, 1),
            requested_on=date(2026, 3, 2),
            outcome="Applied",
            outcome_on=date(2026, 3, 20),
        ),
    )
    assert NonPunishment.objects.get() == updated
    assert updated.outcome == "Applied"


def test_impossible_non_punishment_dates_are_refused_all_at_once(case_manager):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError) as refused:
        non_punishment_record(
            actor=case_manager,
            case=case,
            details=NonPunishmentDetails(
                act="Begging",
                measure="Fined",
                occurred_on=date(2026, 3, 10),
                requested_on=date(2026, 3, 1),
                outcome="Refused",
            ),
        )
    fields = {p.field for p in refused.value.all()}
    assert fields == {"requested_on", "outcome_on"}
    with pytest.raises(ApplicationError, match="choose its outcome"):
        non_punishment_record(
            actor=case_manager,
            case=case,
            details=NonPunishmentDetails(
                act="Begging",
                measure="Fined",
                occurred_on=date(2026, 3, 10),
                requested_on=date(2026, 3, 11),
            ),
        )
    assert not NonPunishment.objects.exists()


def test_only_the_case_owner_records_non_punishment(case_manager, member_of):
    case = open_case(case_manager)
    with pytest.raises(PermissionDenied):
        non_punishment_record(
            actor=member_of("case_manager"),
            case=case,
            details=NonPunishmentDetails(
                act="Drugs", measure="Detained", occurred_on=date(2026, 1, 1)
            ),
        )


def test_residence_is_for_foreign_victims_and_decided_after_the_request(case_manager):
    moroccan = open_case(case_manager)
    with pytest.raises(ApplicationError, match="Only a foreign victim"):
        residence_request(
            actor=case_manager, case=moroccan, kind="StayUntilEnd", requested_on=date(2026, 2, 1)
        )
    foreign = open_case(case_manager, person=person_details(citizenships=["NG"]))
    record = residence_request(
        actor=case_manager, case=foreign, kind="StayUntilEnd", requested_on=date(2026, 2, 1)
    )
    with pytest.raises(ApplicationError, match="before the request"):
        residence_decide(
            actor=case_manager,
            record=record,
            decision="Granted",
            decided_on=date(2026, 1, 31),
            authority="Préfecture",
            valid_until=None,
        )
    granted = residence_decide(
        actor=case_manager,
        record=record,
        decision="Granted",
        decided_on=date(2026, 2, 10),
        authority="Préfecture",
        valid_until=date(2027, 2, 10),
    )
    assert granted.decision == "Granted"
    with pytest.raises(ApplicationError, match="already decided"):
        residence_decide(
            actor=case_manager,
            record=granted,
            decision="Refused",
            decided_on=date(2026, 2, 11),
            authority="",
            valid_until=None,
        )


def test_participation_by_the_owner_the_lawyer_or_the_authority_in_charge(case_manager, member_of):
    police = member_of("judicial_police_officer")
    lawyer = member_of("victims_lawyer")
    proceeding = open_proceeding(police, on=date(2026, 1, 10))
    victim = link(case_manager, open_case(case_manager), proceeding, legal_aid=lawyer.organisation)
    for actor in (case_manager, lawyer, police):
        participation_record(
            actor=actor,
            link=victim,
            details=ParticipationDetails(
                rights_informed_on=date(2026, 1, 11),
                rights_language="ary",
                rights_informed_by="BNPJ",
            ),
        )
    assert Participation.objects.get().rights_language == "ary"
    with pytest.raises(PermissionDenied):
        participation_record(
            actor=member_of("victims_lawyer"), link=victim, details=ParticipationDetails()
        )


def test_participation_dates_follow_the_proceeding_and_the_judgment(case_manager, member_of):
    police = member_of("judicial_police_officer")
    proceeding = open_proceeding(police, on=date(2026, 1, 10))
    victim = link(case_manager, open_case(case_manager), proceeding)
    with pytest.raises(ApplicationError) as refused:
        participation_record(
            actor=case_manager,
            link=victim,
            details=ParticipationDetails(
                heard_on=date(2026, 1, 1),
                judgment_informed_on=date(2026, 2, 1),
                rights_language="ary",
            ),
        )
    fields = {p.field for p in refused.value.all()}
    assert fields == {"heard_on", "judgment_informed_on", "rights_informed_on"}
    judge(police, charge(police, add_accused(police, proceeding)), decided_on=date(2026, 3, 1))
    with pytest.raises(ApplicationError, match="before it"):
        participation_record(
            actor=case_manager,
            link=victim,
            details=ParticipationDetails(judgment_informed_on=date(2026, 2, 28)),
        )
    told = participation_record(
        actor=case_manager,
        link=victim,
        details=ParticipationDetails(judgment_informed_on=timezone.localdate() - timedelta(1)),
    )
    assert told.judgment_informed_on


def test_the_case_page_shows_non_punishment_and_residence(client, login, case_manager):
    case = open_case(case_manager, person=person_details(citizenships=["SN"]))
    login(client, case_manager)
    response = client.post(
        f"/justice/case/{case.pk}/non-punishment/",
        {
            "act": "IrregularEntryOrStay",
            "measure": "Detained",
            "occurred_on": "2026-03-01",
            "requested_on": "2026-03-02",
            "outcome": "Pending",
        },
    )
    assert response.status_code == 302
    assert (
        client.post(
            f"/justice/case/{case.pk}/residence/",
            {"kind": "StayUntilEnd", "requested_on": "2026-03-03"},
        ).status_code
        == 302
    )
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Requested, pending" in page
    assert "Right to stay until the end of the proceedings" in page
    bad = client.post(
        f"/justice/case/{case.pk}/non-punishment/",
        {
            "act": "Begging",
            "measure": "Fined",
            "occurred_on": "2030-01-01",
            "outcome": "NotRequested",
        },
    )
    assert bad.status_code == 200
    assert "in the future" in bad.content.decode()
    assert NonPunishment.objects.count() == 1
