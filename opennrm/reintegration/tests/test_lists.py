"""The return list: filters, sorting and export, never the destination's address."""

import csv
import io

import pytest
from django.utils import timezone

from opennrm.cases.tests.factories import open_case
from opennrm.core.models import AuditEvent
from opennrm.reintegration.services import ReturnDetails, return_open

pytestmark = pytest.mark.django_db


def _open(manager, country):
    return return_open(
        actor=manager,
        case=open_case(manager),
        details=ReturnDetails(
            direction="Outbound",
            destination_country=country,
            destination_place="Synthetic village, family house",
            voluntary_confirmed_on=timezone.localdate(),
        ),
    )


def test_filters_sorting_and_export(client, login, case_manager, member_of):
    senegal, mali = _open(case_manager, "SN"), _open(case_manager, "ML")
    _open(member_of("case_manager"), "SN")  # another organisation's
    login(client, case_manager)
    listed = client.get("/returns/")
    assert [r.pk for r in listed.context["page"].object_list] == [mali.pk, senegal.pk]
    only = client.get("/returns/?destination_country=SN")
    assert [r.pk for r in only.context["page"].object_list] == [senegal.pk]
    exported = client.get("/returns/export.csv").content.decode()
    lines = list(csv.reader(io.StringIO(exported)))
    assert len(lines) == 3 and {lines[1][3], lines[2][3]} == {"Senegal", "Mali"}
    assert "family house" not in exported
    assert AuditEvent.objects.get(action="returns.exported").details["rows"] == 2
    login(client, member_of("donor_viewer"))
    assert client.get("/returns/export.csv").status_code == 403


def test_returns_filtered_by_the_victims_case(client, login, case_manager):
    from opennrm.cases.tests.factories import person_details

    plan = return_open(
        actor=case_manager,
        case=open_case(case_manager, person=person_details(gender="Masculine")),
        details=ReturnDetails(
            direction="Outbound",
            destination_country="SN",
            voluntary_confirmed_on=timezone.localdate(),
        ),
    )
    _open(case_manager, "ML")
    login(client, case_manager)
    page = client.get("/returns/?sex=Masculine")
    assert [r.pk for r in page.context["page"].object_list] == [plan.pk]
