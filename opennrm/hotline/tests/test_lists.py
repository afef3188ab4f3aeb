"""The contact list: filters, sorting and export, never what was said."""

import csv
import io
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from opennrm.core.models import AuditEvent
from opennrm.hotline.services import ContactDetails, contact_record

pytestmark = pytest.mark.django_db


def _record(operator, channel, days_ago, urgency="Normal"):
    day = timezone.localdate() - timedelta(days=days_ago)
    started = timezone.make_aware(datetime.combine(day, time(10)))
    return contact_record(
        actor=operator,
        details=ContactDetails(
            channel=channel,
            caller_type="Witness",
            started_at=started,
            urgency=urgency,
            summary="Synthetic account of a girl kept in a house",
            region="MA-06",
        ),
        now=started + timedelta(minutes=4),
    )


def test_filters_sorting_and_export(client, login, member_of):
    operator = member_of("hotline_operator")
    old = _record(operator, "Phone", 10)
    new = _record(operator, "WhatsApp", 1, urgency="High")
    _record(member_of("hotline_operator"), "Phone", 2)  # another hotline's
    login(client, operator)
    page = client.get("/hotline/contacts/")
    assert [c.pk for c in page.context["page"].object_list] == [new.pk, old.pk]
    oldest = client.get("/hotline/contacts/?sort=started")
    assert [c.pk for c in oldest.context["page"].object_list] == [old.pk, new.pk]
    phone = client.get("/hotline/contacts/?channel=Phone")
    assert [c.pk for c in phone.context["page"].object_list] == [old.pk]
    exported = client.get("/hotline/contacts/export.csv").content.decode()
    lines = list(csv.reader(io.StringIO(exported)))
    assert len(lines) == 3 and lines[1][1] == "WhatsApp" and lines[1][6] == "240"
    assert "girl kept" not in exported
    assert AuditEvent.objects.get(action="contacts.exported").details["rows"] == 2
    assert (
        client.get(
            "/hotline/contacts/export.csv?started_from=2026-02-01&started_to=2026-01-01"
        ).status_code
        == 400
    )


def test_roles_without_contacts_see_no_list(client, login, member_of):
    login(client, member_of("service_provider"))
    assert client.get("/hotline/contacts/").status_code == 403
    assert client.get("/hotline/contacts/export.csv").status_code == 403


def test_drill_down_from_the_hotline_figures(client, login, member_of):
    operator = member_of("hotline_operator")
    phone = _record(operator, "Phone", 3)
    _record(operator, "WhatsApp", 3)
    login(client, operator)
    today = timezone.localdate()
    period = f"period=range&start={today - timedelta(days=10)}&end={today}&year={today.year}"
    table = client.get(f"/stats/hotline_contacts/?scope=own&{period}&by=channel")
    lines = {label: link for label, _cells, _total, link in table.context["table"].lines()}
    listed = client.get(lines["Phone (toll-free line)"]).context["page"].object_list
    assert [c.pk for c in listed] == [phone.pk]
