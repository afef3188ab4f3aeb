"""A case summary and a referral made to be printed: no action, no notes, a confidentiality
header, audited as printed, and nothing for another organisation."""

import pytest

from opennrm.cases.services import case_note_add
from opennrm.cases.tests.factories import open_case
from opennrm.core.models import AuditEvent
from opennrm.referrals.tests.factories import send_referral

pytestmark = pytest.mark.django_db


def test_the_case_summary_to_print(client, login, case_manager, member_of):
    case = open_case(case_manager)
    case_note_add(actor=case_manager, case=case, body="Synthetic note: said she was afraid.")
    login(client, case_manager)
    page = client.get(f"/cases/{case.pk}/print/")
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="print-header"' in body and "448-9" in body
    assert "Salma" in body  # the person's name, for the file
    assert "said she was afraid" not in body  # never the notes
    assert "<form" not in body.split('id="main"')[1]  # no action on the page
    assert AuditEvent.objects.filter(
        action="case.accessed", object_id=str(case.pk), details__purpose="print"
    ).exists()
    login(client, member_of("case_manager"))
    assert client.get(f"/cases/{case.pk}/print/").status_code == 404


def test_the_referral_to_print_for_both_sides(client, login, case_manager, member_of):
    provider = member_of("service_provider")
    referral = send_referral(case_manager, provider.organisation)
    for side in (case_manager, provider):
        login(client, side)
        page = client.get(f"/referrals/{referral.pk}/print/")
        assert page.status_code == 200
        assert 'data-testid="print-header"' in page.content.decode()
        assert not page.context["can_answer"] and not page.context["can_revoke"]
    login(client, member_of("service_provider"))
    assert client.get(f"/referrals/{referral.pk}/print/").status_code == 404
