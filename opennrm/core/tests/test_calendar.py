from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from opennrm.core.calendar import (
    add_working_days,
    is_working_day,
    working_days_between,
    working_deadline,
)
from opennrm.core.errors import ApplicationError

# The calendar reads the administrator's holiday overrides from the database.
pytestmark = pytest.mark.django_db


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


CASABLANCA = ZoneInfo("Africa/Casablanca")


def _at(*args):
    return datetime(*args, tzinfo=CASABLANCA)


@pytest.mark.parametrize(
    ("sent", "due"),
    [
        # From a working day: the same time on the second working day after it.
        (_at(2026, 11, 27, 23, 59, 59), _at(2026, 12, 1, 23, 59, 59)),  # Friday -> Tuesday
        (_at(2026, 11, 27, 10, 0), _at(2026, 12, 1, 10, 0)),
        # From a weekend day: two whole working days, so the end of Tuesday.
        (_at(2026, 11, 28, 0, 0, 1), _at(2026, 12, 1, 23, 59, 59)),  # Saturday
        (_at(2026, 11, 29, 18, 30), _at(2026, 12, 1, 23, 59, 59)),  # Sunday
        # From a holiday (Independence Day, Wednesday 18 November): end of Friday.
        (_at(2026, 11, 18, 9, 0), _at(2026, 11, 20, 23, 59, 59)),
        # Tuesday 17 November: Wednesday is a holiday, so Thursday and Friday.
        (_at(2026, 11, 17, 15, 0), _at(2026, 11, 20, 15, 0)),
    ],
)
def test_a_working_day_deadline_gives_whole_working_days(sent, due):
    assert working_deadline(sent, 2) == due


def test_the_administrators_holidays_override_the_package(member_of):
    from opennrm.core.services import holiday_add, holiday_move, holiday_remove, holiday_restore

    admin = member_of("system_admin")
    # 2025: the package estimates Eid al-Fitr on 30-31 March; Morocco announced 31 March and
    # 1 April. 1 April counts as a working day until the administrator moves the holiday.
    assert is_working_day(date(2025, 4, 1))
    holiday_move(actor=admin, day=date(2025, 3, 30), to=date(2025, 4, 1))
    assert not is_working_day(date(2025, 4, 1))
    assert not is_working_day(date(2025, 3, 31))
    holiday_add(actor=admin, day=date(2026, 12, 3), name="Exceptional holiday")
    assert not is_working_day(date(2026, 12, 3))
    holiday_remove(actor=admin, day=date(2026, 11, 18))
    assert is_working_day(date(2026, 11, 18))
    holiday_restore(actor=admin, day=date(2026, 11, 18))
    assert not is_working_day(date(2026, 11, 18))
    from opennrm.core.models import AuditEvent

    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"calendar.holiday_moved", "calendar.holiday_added", "calendar.holiday_removed"} <= (
        actions
    )
    with pytest.raises(PermissionDenied):
        holiday_add(actor=member_of("case_manager"), day=date(2026, 12, 4), name="No")
    with pytest.raises(ApplicationError):
        holiday_add(actor=admin, day=date(2026, 12, 4), name=" ")
