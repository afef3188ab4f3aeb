from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from opennrm.core.calendar import is_working_day
from opennrm.core.models import AuditEvent, PublicHolidayOverride

pytestmark = pytest.mark.django_db
CASABLANCA = ZoneInfo("Africa/Casablanca")


def test_the_administrator_moves_a_holiday_on_the_calendar_page(client, login, member_of):
    admin = member_of("system_admin")
    login(client, admin)
    page = client.get(reverse("calendar:holidays") + "?year=2025").content.decode()
    assert 'data-day="2025-03-30"' in page and "Eid al-Fitr" in page
    response = client.post(
        reverse("calendar:change", kwargs={"action": "move"}),
        {"day": "2025-03-30", "to": "2025-04-01"},
    )
    assert response.status_code == 302
    page = client.get(reverse("calendar:holidays") + "?year=2025").content.decode()
    assert 'data-day="2025-04-01" data-source="Added"' in page
    assert 'data-day="2025-03-30" data-source="Removed"' in page
    assert not is_working_day(date(2025, 4, 1))
    bad = client.post(reverse("calendar:change", kwargs={"action": "add"}), {"day": "x"})
    assert bad.status_code == 302 and PublicHolidayOverride.objects.count() == 2


@pytest.mark.parametrize("role", ["case_manager", "coordinator", "hotline_operator"])
def test_only_the_system_administrator_changes_the_calendar(client, login, member_of, role):
    login(client, member_of(role))
    assert client.get(reverse("calendar:holidays")).status_code == 403
    response = client.post(
        reverse("calendar:change", kwargs={"action": "add"}),
        {"day": "2026-12-03", "name": "Holiday"},
    )
    assert response.status_code == 403
    assert not PublicHolidayOverride.objects.exists()


def test_fixed_deadlines_move_only_when_the_administrator_recomputes(
    client, login, member_of, case_manager
):
    from opennrm.referrals.tests.factories import send_referral

    shelter = member_of("service_provider")
    referral = send_referral(case_manager, shelter.organisation)
    sent = datetime(2026, 11, 30, 10, 0, tzinfo=CASABLANCA)  # a Monday
    type(referral).objects.filter(pk=referral.pk).update(
        sent_at=sent, response_due_at=datetime(2026, 12, 2, 10, 0, tzinfo=CASABLANCA)
    )
    admin = member_of("system_admin")
    login(client, admin)
    client.post(
        reverse("calendar:change", kwargs={"action": "add"}),
        {"day": "2026-12-01", "name": "Exceptional holiday"},
    )
    referral.refresh_from_db()
    assert referral.response_due_at == datetime(2026, 12, 2, 10, 0, tzinfo=CASABLANCA)
    client.post(reverse("calendar:recompute"))
    referral.refresh_from_db()
    # Tuesday is now a holiday: Wednesday and Thursday are the two working days.
    assert referral.response_due_at == sent + timedelta(days=3)
    event = AuditEvent.objects.get(action="calendar.deadlines_recomputed")
    assert event.details["referral_answers"] == "1"
