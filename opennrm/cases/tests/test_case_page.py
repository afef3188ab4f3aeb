import pytest
from django.urls import reverse

from opennrm.cases.case_page import case_page_and_panel_rows
from opennrm.cases.services import case_note_add
from opennrm.cases.tests.factories import open_case
from opennrm.core.panels import rows_present
from opennrm.referrals.tests.factories import send_referral

pytestmark = pytest.mark.django_db


def _present(case):
    return rows_present(case, case_page_and_panel_rows)


def test_rows_present_names_exactly_what_the_case_has(case_manager, member_of):
    case = open_case(case_manager)
    assert _present(case) == frozenset()  # nothing yet
    case_note_add(actor=case_manager, case=case, body="First interview done.")
    shelter = member_of("service_provider")
    send_referral(case_manager, shelter.organisation, case=case)
    assert _present(case) == {"notes", "consents", "referrals"}
    # Another case of the same person's organisation is not affected.
    assert _present(open_case(case_manager)) == frozenset()


def test_the_case_page_shows_the_rows_that_exist_and_reads_no_empty_list(
    client, login, case_manager, member_of, django_assert_max_num_queries
):
    case = open_case(case_manager)
    login(client, case_manager)
    url = reverse("cases:detail", kwargs={"case_id": case.pk})
    # A case with nothing but itself: one statement says every list is empty (19 statements
    # here with the session, the audit event and its savepoints; 35 when each list was read).
    with django_assert_max_num_queries(20):
        empty = client.get(url).content.decode()
    assert "First interview done." not in empty
    case_note_add(actor=case_manager, case=case, body="First interview done.")
    referral = send_referral(case_manager, member_of("service_provider").organisation, case=case)
    page = client.get(url).content.decode()
    assert "First interview done." in page
    assert referral.reference_code in page
