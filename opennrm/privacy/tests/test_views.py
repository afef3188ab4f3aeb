"""The retention page is the data protection officer's; the holds page a prosecutor's and the
data protection officer's; every other role is refused, and a case out of reach reads as not
found."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from opennrm.cases.tests.factories import open_case
from opennrm.privacy.models import LegalHold, RetentionRule
from opennrm.privacy.tests.factories import closed_case

pytestmark = pytest.mark.django_db

ROLES = [
    "hotline_operator",
    "case_manager",
    "supervisor",
    "coordinator",
    "donor_viewer",
    "organisation_admin",
    "system_admin",
    "auditor",
    "judicial_police_officer",
    "victims_lawyer",
]


@pytest.mark.parametrize("role", ROLES)
def test_other_roles_are_refused_both_pages(client, login, member_of, role):
    login(client, member_of(role))
    assert client.get(reverse("privacy:retention")).status_code == 403
    assert client.get(reverse("privacy:holds")).status_code == 403
    assert client.post(reverse("privacy:holds"), {"case_reference": "C-X"}).status_code == 403


def test_the_dpo_changes_a_rule_and_sees_the_preview(client, login, member_of, case_manager):
    closed_case(case_manager, date(2010, 1, 4))
    dpo = member_of("data_protection_officer")
    login(client, dpo)
    page = client.get(reverse("privacy:retention"))
    assert page.status_code == 200
    preview = page.content.decode()
    assert case_manager.organisation.name in preview
    rule = RetentionRule.objects.get(record_kind="ClosedCase", closing_reason="")
    response = client.post(
        reverse("privacy:retention"),
        {
            "rule": rule.pk,
            "record_kind": "ClosedCase",
            "closing_reason": "",
            "keep_months": "180",
            "action": "Anonymise",
            "version": rule.version,
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.keep_months, rule.version) == (180, 2)
    # A stale form (the old version) is refused with a message; nothing changes.
    response = client.post(
        reverse("privacy:retention"),
        {
            "rule": rule.pk,
            "record_kind": "ClosedCase",
            "closing_reason": "",
            "keep_months": "12",
            "action": "Anonymise",
            "version": 1,
        },
    )
    assert response.status_code == 200 and "Someone else changed" in response.content.decode()
    rule.refresh_from_db()
    assert rule.keep_months == 180


def test_a_bad_rule_is_a_form_error(client, login, member_of):
    login(client, member_of("data_protection_officer"))
    response = client.post(
        reverse("privacy:retention"),
        {
            "record_kind": "ClosedCase",
            "closing_reason": "",
            "keep_months": "60",
            "action": "Delete",
        },
    )
    assert response.status_code == 200
    assert "anonymised, not deleted" in response.content.decode()


def test_a_prosecutor_holds_a_case_of_their_proceeding_not_any_case(
    client, login, member_of, case_manager
):
    from opennrm.justice.tests.factories import link, open_proceeding

    prosecutor = member_of("prosecutor")
    mine = open_case(case_manager)
    not_mine = open_case(case_manager)
    link(case_manager, mine, open_proceeding(prosecutor, authority_code="PG_CASABLANCA"))
    login(client, prosecutor)
    refused = client.post(
        reverse("privacy:holds"),
        {"case_reference": not_mine.reference_code, "reason": "ProsecutorRequest"},
    )
    assert refused.status_code == 200 and "No case with this reference" in refused.content.decode()
    assert not LegalHold.objects.exists()
    placed = client.post(
        reverse("privacy:holds"),
        {
            "case_reference": mine.reference_code.lower(),
            "reason": "ProsecutorRequest",
            "reference": "PV 118/2026",
        },
    )
    assert placed.status_code == 302
    hold = LegalHold.objects.get()
    assert hold.person_id == mine.person_id and hold.placed_for == prosecutor.organisation
    # Another prosecutor's office neither sees nor lifts it.
    other = member_of("prosecutor")
    client.logout()
    login(client, other)
    assert mine.person.reference_code not in client.get(reverse("privacy:holds")).content.decode()
    assert client.post(reverse("privacy:hold_lift", args=[hold.pk])).status_code == 404
    client.logout()
    login(client, prosecutor)
    assert client.post(reverse("privacy:hold_lift", args=[hold.pk])).status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_at is not None


def test_apply_retention_command_previews_then_applies(capsys, case_manager):
    closed_case(case_manager, date(2010, 1, 4))
    call_command("apply_retention", preview=True)
    out = capsys.readouterr().out
    assert "due 1" in out and "Total: 1 due" in out
    call_command("apply_retention")
    assert "Erased 1 person(s)" in capsys.readouterr().out
    with pytest.raises(CommandError, match="not a date"):
        call_command("apply_retention", date="31/12/2030")
