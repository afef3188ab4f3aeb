"""The referral lists: filters by state, service and period, sorting, and their export."""

import csv
import io
from datetime import timedelta

import pytest

from opennrm.core.models import AuditEvent
from opennrm.referrals.services import referral_accept
from opennrm.referrals.tests.factories import send_referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(case_manager, member_of):
    provider = member_of("service_provider")
    first = send_referral(case_manager, provider.organisation)
    second = send_referral(case_manager, provider.organisation, service_types=["Health"])
    referral_accept(actor=provider, referral=first)
    return provider, first, second


def _codes(page):
    return [r.reference_code for r in page.context["page"].object_list]


def test_filters_and_sorting_of_the_sent_referrals(client, login, case_manager, two):
    _provider, first, second = two
    login(client, case_manager)
    assert _codes(client.get("/referrals/?direction=outgoing&service_type=Health")) == [
        second.reference_code
    ]
    assert _codes(client.get("/referrals/?direction=outgoing&state=Accepted")) == [
        first.reference_code
    ]
    oldest = client.get("/referrals/?direction=outgoing&sort=sent")
    assert _codes(oldest) == [first.reference_code, second.reference_code]
    tomorrow = (first.sent_at + timedelta(days=1)).date().isoformat()
    assert _codes(client.get(f"/referrals/?direction=outgoing&sent_from={tomorrow}")) == []
    bad = client.get(f"/referrals/?direction=outgoing&sent_from={tomorrow}&sent_to=2020-01-01")
    assert "comes before" in bad.content.decode()


def test_export_of_each_side(client, login, case_manager, two):
    provider, first, _second = two
    login(client, case_manager)
    lines = list(
        csv.reader(
            io.StringIO(client.get("/referrals/export.csv?direction=outgoing").content.decode())
        )
    )
    assert len(lines) == 3 and lines[0][2] == "Case"
    assert "Needs a safe place" not in str(lines)  # the reason stays on the referral page
    login(client, provider)
    lines = list(
        csv.reader(
            io.StringIO(client.get("/referrals/export.csv?direction=incoming").content.decode())
        )
    )
    assert [line[0] for line in lines[1:]] == [_second.reference_code, first.reference_code]
    assert "Case" not in lines[0]  # the recipient is not shown the sender's case reference
    events = AuditEvent.objects.filter(action="referrals.exported")
    assert sorted(e.details["direction"] for e in events) == ["incoming", "outgoing"]
    assert client.get("/referrals/export.doc").status_code == 404


def test_a_role_that_does_not_answer_referrals_cannot_export_received_ones(
    client, login, case_manager, member_of, two
):
    login(client, member_of("hotline_operator", case_manager.organisation))
    assert client.get("/referrals/export.csv?direction=incoming").status_code == 403


def test_sent_referrals_filtered_by_the_victims_case(client, login, case_manager, member_of):
    from opennrm.cases.tests.factories import open_case, person_details

    provider = member_of("service_provider")
    man = open_case(case_manager, person=person_details(gender="Masculine"))
    for_him = send_referral(case_manager, provider.organisation, case=man)
    send_referral(case_manager, provider.organisation)  # a woman's
    login(client, case_manager)
    page = client.get("/referrals/?direction=outgoing&sex=Masculine")
    assert _codes(page) == [for_him.reference_code]
    # The recipient is offered no such filter, and one in the address changes nothing.
    login(client, provider)
    received = client.get("/referrals/?direction=incoming&sex=Masculine")
    assert "sex" not in received.context["form"].fields
    assert len(_codes(received)) == 2


def test_declining_says_why_in_a_word_that_can_be_counted(client, login, case_manager, member_of):
    provider = member_of("service_provider")
    referral = send_referral(case_manager, provider.organisation)
    login(client, provider)
    url = f"/referrals/{referral.pk}/decline/"
    refused = client.post(url, {"decline-reason": "No bed tonight."})
    referral.refresh_from_db()
    assert referral.state == "Sent" and refused.status_code == 302  # back, with the problem
    client.post(url, {"decline-reason": "No bed tonight.", "decline-code": "NoPlace"})
    referral.refresh_from_db()
    assert (referral.state, referral.decline_code) == ("Declined", "NoPlace")
    page = client.get(f"/referrals/{referral.pk}/").content.decode()
    assert "No place or capacity available" in page
