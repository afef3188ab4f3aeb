"""The decision rules on any set of indicators (hypothesis), for every bundled indicator set:
more evidence never takes a presumption away, the order of the answers does not matter, and
the dimensions reported are the ones that decided."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opennrm.screening.models import Indicator, IndicatorSet
from opennrm.screening.rules import evaluate, indicator_id

pytestmark = pytest.mark.django_db
FIXTURES = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60, deadline=None
)


@pytest.fixture(params=["ilo-adult-labour", "ilo-child-labour"])
def rules(request):
    indicator_set = IndicatorSet.objects.get(slug=request.param)
    ids = sorted(
        indicator_id(i)
        for i in Indicator.objects.filter(dimension__indicator_set=indicator_set).select_related(
            "dimension"
        )
    )
    return indicator_set, ids


@FIXTURES
@given(data=st.data())
def test_more_indicators_never_take_a_presumption_away(rules, data):
    indicator_set, ids = rules
    some = data.draw(st.lists(st.sampled_from(ids), unique=True))
    more = some + data.draw(st.lists(st.sampled_from(ids), unique=True))
    before, after = evaluate(indicator_set, some), evaluate(indicator_set, more)
    assert not before.presumed_victim or after.presumed_victim
    for number, present in before.dimensions.items():
        assert not present or after.dimensions[number]


@FIXTURES
@given(data=st.data())
def test_the_order_and_repetition_of_answers_do_not_matter(rules, data):
    indicator_set, ids = rules
    some = data.draw(st.lists(st.sampled_from(ids)))
    shuffled = data.draw(st.permutations(some))
    first, second = evaluate(indicator_set, some), evaluate(indicator_set, [*shuffled, *some])
    assert (first.presumed_victim, first.dimensions) == (second.presumed_victim, second.dimensions)
    # Only the dimensions that are present list what fired in them.
    assert set(first.fired) == {n for n, present in first.dimensions.items() if present}
    assert all(set(fired) <= set(some) for fired in first.fired.values())


@FIXTURES
@given(data=st.data())
def test_no_indicator_no_presumption(rules, data):
    indicator_set, _ = rules
    assert not evaluate(indicator_set, []).presumed_victim
