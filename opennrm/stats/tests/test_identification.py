"""Identification figures against a set counted by hand."""

from datetime import date

import pytest

from opennrm.cases.models import Case
from opennrm.cases.services import identification_decision_request
from opennrm.cases.tests.factories import open_case, person_details
from opennrm.cases.tests.test_identification import _decide
from opennrm.stats import identification as fig
from opennrm.stats.suppression import Rule, protect

pytestmark = pytest.mark.django_db
YEAR = fig.Filters.year(2026)


def _case(actor, first_contact, region="MA-01", **person):
    return open_case(
        actor,
        person=person_details(**person),
        identified_on=first_contact,
        identification_region=region,
    )


def _presumed(actor, case, on, outcome="Positive", decided=None):
    decision = identification_decision_request(
        actor=actor, case=case, stage="Preliminary", requested_on=on
    )
    return _decide(actor, decision, outcome=outcome, decided_on=decided or on)


@pytest.fixture
def world(case_manager):
    a = _case(case_manager, date(2026, 2, 1), gender="Feminine", citizenships=["MA"])
    b = _case(
        case_manager, date(2026, 3, 1), region="MA-06", gender="Masculine", citizenships=["SN"]
    )
    c = _case(case_manager, date(2025, 12, 20), gender="Feminine", citizenships=[])
    d = _case(case_manager, date(2026, 4, 1), gender="Masculine", citizenships=["MA", "FR"])
    _presumed(case_manager, a, date(2026, 2, 3))
    _presumed(case_manager, b, date(2026, 3, 2), decided=date(2026, 3, 4))
    _presumed(case_manager, c, date(2025, 12, 22))  # last year
    _presumed(case_manager, d, date(2026, 4, 2), outcome="Negative", decided=date(2026, 4, 6))
    late = _case(case_manager, date(2025, 11, 1), gender="Feminine", citizenships=["NG"])
    _presumed(case_manager, late, date(2026, 5, 4), decided=date(2026, 5, 20))
    final = identification_decision_request(
        actor=case_manager, case=a, stage="Final", requested_on=date(2026, 2, 10)
    )
    _decide(case_manager, final, decided_on=date(2026, 2, 10))
    return case_manager


def test_first_contacts_and_decisions_in_the_year(world):
    scope = Case.objects.all()
    assert fig.first_contacts(YEAR, scope).counts == {"total": 3}
    assert fig.presumed_victims(YEAR, scope).counts == {"total": 3}
    assert fig.identified_victims(YEAR, scope).counts == {"total": 1}
    assert fig.negative_decisions(YEAR, scope).counts == {"total": 1}


def test_breakdowns_count_each_person_once_per_value(world):
    scope = Case.objects.all()
    assert fig.first_contacts(YEAR, scope, by="sex").counts == {"Feminine": 1, "Masculine": 2}
    assert fig.first_contacts(YEAR, scope, by="nationality").counts == {"national": 2, "foreign": 1}
    assert fig.first_contacts(YEAR, scope, by="citizenship").counts == {"MA": 2, "SN": 1}
    assert fig.presumed_victims(YEAR, scope, by="region").counts == {"MA-01": 2, "MA-06": 1}
    assert fig.first_contacts(YEAR, scope, by="form").counts == {"ForcedLabour": 3}
    with pytest.raises(ValueError, match="unknown breakdown"):
        fig.first_contacts(YEAR, scope, by="shoe size")


def test_filters_by_region_and_organisation(world, member_of):
    scope = Case.objects.all()
    only_tangier = fig.Filters(start=YEAR.start, end=YEAR.end, regions=("MA-01",))
    assert fig.first_contacts(only_tangier, scope).counts == {"total": 2}
    other = fig.Filters(
        start=YEAR.start, end=YEAR.end, organisations=(member_of("case_manager").organisation_id,)
    )
    assert fig.first_contacts(other, scope).counts == {}


def test_decisions_on_time(world):
    timeliness = fig.decisions_on_time(YEAR, Case.objects.all())
    # Five decisions in 2026, 0, 2, 4, 16 (late: 5 working days allowed) and 0 days after the
    # request.
    assert timeliness.decisions == 5
    assert timeliness.on_time == 4
    assert timeliness.median_days == 2.0


def test_a_breakdown_is_protected_before_it_is_shown(world):
    sex = fig.first_contacts(YEAR, Case.objects.all(), by="sex")
    table = protect([list(sex.counts.values())], ["2026"], list(sex.counts), Rule(min_cell=5))
    assert all(cell.hidden for cell in table.cells[0])
    assert table.total.hidden


def test_age_bands_and_children(world):
    scope = Case.objects.all()
    # All born in April 1999 (the factory's default, counted from 1 April): 26 at first contact
    # in February and March 2026, 27 on 1 April 2026.
    assert fig.first_contacts(YEAR, scope, by="age_band").counts == {"24-26": 2, "27-29": 1}
    assert fig.first_contacts(YEAR, scope, by="child").counts == {"adult": 3}
