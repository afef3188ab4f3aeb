"""Each figure against a small set of proceedings whose numbers were counted by hand."""

from datetime import date
from decimal import Decimal

import pytest

from opennrm.cases.tests.factories import open_case
from opennrm.justice import figures
from opennrm.justice.models import Authority
from opennrm.justice.services import (
    CompensationDetails,
    NonPunishmentDetails,
    ParticipationDetails,
    compensation_record,
    measure_decide,
    measure_request,
    non_punishment_record,
    participation_record,
    proceeding_move,
)
from opennrm.justice.tests.factories import add_accused, charge, judge, link, open_proceeding

pytestmark = pytest.mark.django_db
YEAR = figures.Period.year(2025)


def _move(actor, proceeding, stage, on, code="PJ_06"):
    return proceeding_move(
        actor=actor,
        proceeding=proceeding,
        to_stage=stage,
        on=on,
        authority=Authority.objects.get(code=code),
    )


@pytest.fixture
def world(member_of, case_manager):
    police = member_of("judicial_police_officer")
    # P1: investigated and prosecuted in 2025, one accused convicted, one acquitted.
    p1 = open_proceeding(police, on=date(2025, 3, 1))
    victim = link(case_manager, open_case(case_manager), p1)
    _move(police, p1, "PoliceInvestigation", date(2025, 3, 2))
    # The police unit keeps recording in this test: it acts for the prosecutor's office too.
    Authority.objects.filter(code="PG_CASABLANCA").update(organisation=police.organisation)
    _move(police, p1, "Prosecution", date(2025, 6, 1), "PG_CASABLANCA")
    a1 = add_accused(police, p1, gender="Masculine", citizenships=["MA"])
    a2 = add_accused(police, p1, gender="Feminine", citizenships=["NG"])
    c1 = charge(police, a1, on=date(2025, 6, 1))
    c2 = charge(police, a2, on=date(2025, 6, 1), aggravations=["ChildVictim"])
    j1 = judge(police, c1, decided_on=date(2025, 12, 1), prison_months=120)
    judge(police, c2, decided_on=date(2025, 12, 1), outcome="Acquittal", prison_months=0)
    compensation_record(
        actor=police,
        judgment=j1,
        details=CompensationDetails(
            victim=victim,
            awarded=Decimal(50000),
            paid=Decimal(10000),
            paid_on=date(2025, 12, 20),
        ),
    )
    granted = measure_request(
        actor=police,
        victim=victim,
        kind="PoliceProtection",
        requested_on=date(2025, 6, 20),
        requested_by="Victim",
    )
    measure_decide(
        actor=police,
        measure=granted,
        grant=True,
        decided_on=date(2025, 7, 1),
        authority=Authority.objects.get(code="PG_CASABLANCA"),
    )
    refused = measure_request(
        actor=police,
        victim=victim,
        kind="ChangeOfResidence",
        requested_on=date(2025, 6, 20),
        requested_by="Victim",
    )
    measure_decide(
        actor=police,
        measure=refused,
        grant=False,
        decided_on=date(2025, 7, 1),
        authority=Authority.objects.get(code="PG_CASABLANCA"),
    )
    participation_record(
        actor=case_manager,
        link=victim,
        details=ParticipationDetails(
            rights_informed_on=date(2025, 3, 5), heard_on=date(2025, 4, 1)
        ),
    )
    non_punishment_record(
        actor=case_manager,
        case=victim.case,
        details=NonPunishmentDetails(
            act="Begging",
            measure="Fined",
            occurred_on=date(2025, 3, 20),
            requested_on=date(2025, 4, 1),
            outcome="Applied",
            outcome_on=date(2025, 4, 20),
        ),
    )
    # P2: investigated in 2025, dropped.
    p2 = open_proceeding(police, on=date(2025, 5, 1))
    _move(police, p2, "PoliceInvestigation", date(2025, 5, 2))
    _move(police, p2, "Closed", date(2025, 8, 1))
    # P3: prosecuted in 2024; convicted in 2025, acquitted on appeal the same year.
    p3 = open_proceeding(police, on=date(2024, 11, 1))
    _move(police, p3, "Prosecution", date(2024, 12, 1), "PG_CASABLANCA")
    a3 = add_accused(police, p3, gender="Masculine", citizenships=[])
    c3 = charge(police, a3, on=date(2024, 12, 1))
    first = judge(police, c3, decided_on=date(2025, 2, 1), prison_months=24)
    victim3 = link(case_manager, open_case(case_manager), p3)
    compensation_record(
        actor=police,
        judgment=first,
        details=CompensationDetails(victim=victim3, awarded=Decimal(20000)),
    )
    judge(
        police,
        c3,
        instance="Appeal",
        decided_on=date(2025, 10, 1),
        outcome="Acquittal",
        prison_months=0,
    )
    return p1, p2, p3


def test_investigations_and_prosecutions_count_stages_entered_in_the_year(world):
    assert figures.investigations(YEAR) == 2
    assert figures.prosecutions(YEAR) == 1
    assert figures.prosecutions(figures.Period.year(2024)) == 1


def test_persons_prosecuted_convicted_and_acquitted(world):
    assert figures.persons_prosecuted(YEAR).count() == 2
    assert figures.persons_convicted(YEAR).count() == 2
    # Convicted at first instance and acquitted on appeal the same year counts as convicted.
    assert figures.persons_acquitted(YEAR).count() == 1


def test_breakdowns_of_the_convicted(world):
    convicted = figures.persons_convicted(YEAR)
    assert figures.breakdown(convicted, "sex") == {"Masculine": 2}
    assert figures.breakdown(convicted, "citizenship") == {"MA": 1, "unknown": 1}
    assert figures.breakdown(convicted, "child") == {"child": 1, "adult": 1}
    assert figures.breakdown(convicted, "form") == {"ForcedLabour": 2}


def test_median_days_from_complaint_to_first_judgment(world):
    # P1: 1 Mar -> 1 Dec 2025 = 275 days; P3: 1 Nov 2024 -> 1 Feb 2025 = 92 days.
    assert figures.median_days_to_first_judgment(YEAR) == 183.5


def test_sentences_by_longest_firm_term(world):
    assert figures.sentences(YEAR) == {
        "0": 0,
        "1-11": 0,
        "12-59": 1,
        "60-119": 0,
        "120-239": 1,
        "240+": 0,
    }


def test_compensation_counts_standing_judgments_only(world):
    # P3's award fell with the acquittal on appeal.
    assert figures.compensation(YEAR) == figures.CompensationFigures(
        victims_awarded=1, awarded=Decimal(50000), victims_paid=1, paid=Decimal(10000)
    )


def test_protection_non_punishment_and_participation(world):
    assert figures.protection_granted(YEAR) == {"PoliceProtection": 1}
    assert figures.non_punishment(YEAR) == {"Applied": 1}
    assert figures.participation(YEAR) == figures.ParticipationFigures(
        informed_of_rights=1, heard=1, informed_of_judgment=0
    )


def test_a_scope_counts_only_what_it_holds(world):
    p1, _p2, _p3 = world
    from opennrm.justice.models import Proceeding

    scope = figures.Scope(proceedings=Proceeding.objects.filter(pk=p1.pk))
    assert figures.investigations(YEAR, scope) == 1
    assert figures.persons_convicted(YEAR, scope).count() == 1
