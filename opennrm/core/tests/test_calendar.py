from datetime import date

import pytest

from opennrm.core.calendar import add_working_days, is_working_day, working_days_between


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 11, 29))  # Sunday
    assert is_working_day(date(2026, 11, 30))


def test_public_and_religious_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 11, 18))  # Independence Day (Wednesday)
    assert not is_working_day(date(2026, 5, 27))  # Eid al-Adha (estimated), Wednesday
    assert not is_working_day(date(2026, 5, 28))


def test_five_working_days_across_a_weekend():
    # Thursday 2026-11-12 + 5 working days: Fri 13, Mon 16, Tue 17, (Wed 18 holiday), Thu 19, Fri 20
    assert add_working_days(date(2026, 11, 12), 5) == date(2026, 11, 20)


def test_five_working_days_across_eid():
    # Monday 2026-05-25: Tue 26, (Wed 27, Thu 28 Eid), Fri 29, Mon 1 June, Tue 2, Wed 3
    assert add_working_days(date(2026, 5, 25), 5) == date(2026, 6, 3)


def test_counting_back_and_forth_agree():
    start = date(2026, 3, 16)
    end = add_working_days(start, 10)
    assert working_days_between(start, end) == 10
    assert working_days_between(end, start) == -10


def test_zero_days_is_the_same_day_and_negative_is_refused():
    assert add_working_days(date(2026, 1, 5), 0) == date(2026, 1, 5)
    with pytest.raises(ValueError, match="zero or more"):
        add_working_days(date(2026, 1, 5), -1)


def test_weekend_is_a_setting(settings):
    settings.OPENNRM_WEEKEND_DAYS = frozenset({4, 5})  # Friday and Saturday
    assert not is_working_day(date(2026, 11, 27))  # Friday
    assert is_working_day(date(2026, 11, 29))  # Sunday


def test_add_months_keeps_the_day_or_takes_the_months_last():
    from datetime import date

    from opennrm.core.calendar import add_months

    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 29), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 6, 15), 12) == date(2027, 6, 15)
    assert add_months(date(2026, 12, 1), 6) == date(2027, 6, 1)
