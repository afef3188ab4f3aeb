"""Working-day arithmetic holds for any start and any count (hypothesis), with Morocco's
weekend and public holidays: every legal deadline is computed with it."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opennrm.core.calendar import (
    add_months,
    add_working_days,
    is_working_day,
    working_days_between,
)

pytestmark = pytest.mark.django_db
DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
COUNTS = st.integers(min_value=0, max_value=60)
FIXTURES = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@FIXTURES
@given(start=DAYS, count=COUNTS)
def test_n_working_days_later_is_n_working_days_away(start, count):
    due = add_working_days(start, count)
    assert working_days_between(start, due) == count
    assert working_days_between(due, start) == -count
    if count:
        assert is_working_day(due)
        # Nothing earlier would do: the day before holds one working day fewer.
        assert working_days_between(start, due - timedelta(days=1)) == count - 1


@FIXTURES
@given(start=DAYS, count=COUNTS)
def test_one_more_working_day_is_always_later(start, count):
    assert add_working_days(start, count + 1) > add_working_days(start, count)


@FIXTURES
@given(start=DAYS, end=DAYS, middle=DAYS)
def test_working_days_add_up_over_consecutive_periods(start, end, middle):
    low, mid, high = sorted((start, end, middle))
    total = working_days_between(low, high)
    assert total == working_days_between(low, mid) + working_days_between(mid, high)
    assert 0 <= total <= (high - low).days


@given(start=DAYS, months=st.integers(min_value=0, max_value=240))
def test_months_later_is_the_same_day_or_the_months_last(start, months):
    later = add_months(start, months)
    assert (later.year * 12 + later.month) - (start.year * 12 + start.month) == months
    assert later.day == start.day or (later.day < start.day and (later + timedelta(1)).day == 1)
