"""Behind an organisation's own number: the cases (or proceedings) it counted, through the
access selectors; nothing behind national figures, nor behind alerts an organisation must not
learn of."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opennrm.cases.tests.factories import open_case, person_details
from opennrm.core.models import AuditEvent
from opennrm.justice.models import Authority
from opennrm.justice.services import proceeding_move
from opennrm.justice.tests.factories import link, open_proceeding
from opennrm.referrals.services import referral_accept
from opennrm.referrals.tests.factories import send_referral
from opennrm.stats import catalogue
from opennrm.stats.behind import has_list

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _links(page):
    return [link for _label, _cells, _total, link in page.context["table"].lines()]


def test_every_figure_an_organisation_reads_leads_to_what_it_counted_but_alerts():
    for figure in catalogue.FIGURES:
        assert has_list(figure) == (figure.key not in {"hotline_contacts", "duplicate_alerts"})


def test_referrals_by_service_lead_to_the_cases_referred(client, login, case_manager, member_of):
    provider = member_of("service_provider")
    women = [open_case(case_manager, person=person_details(gender="Feminine")) for _ in range(2)]
    man = open_case(case_manager, person=person_details(gender="Masculine"))
    send_referral(case_manager, provider.organisation, case=women[0], service_types=["Shelter"])
    send_referral(case_manager, provider.organisation, case=women[1], service_types=["Health"])
    send_referral(
        case_manager, provider.organisation, case=man, service_types=["Shelter", "Health"]
    )
    login(client, case_manager)
    page = client.get(f"/stats/referrals/?scope=own&year={YEAR}&by=service_type")
    links = dict(zip(page.context["table"].row_values, _links(page), strict=True))
    shelter = client.get(links["Shelter"])
    assert shelter.status_code == 200
    listed = {c.reference_code for c in shelter.context["page"].object_list}
    assert listed == {women[0].reference_code, man.reference_code}
    assert shelter.context["found"].units == 2
    assert "Shelter" in shelter.content.decode() or "Hébergement" in shelter.content.decode()
    assert AuditEvent.objects.filter(
        action="statistics.records_behind", actor_user_id=case_manager.user_id
    ).exists()
    # By the victim's sex: the same path through the case.
    by_sex = client.get(f"/stats/referrals/?scope=own&year={YEAR}&by=sex")
    links = dict(zip(by_sex.context["table"].row_values, _links(by_sex), strict=True))
    men = client.get(links["Masculine"])
    assert [c.reference_code for c in men.context["page"].object_list] == [man.reference_code]


def test_the_recipient_counts_a_referral_received_but_lists_only_its_own_cases(
    client, login, case_manager, member_of
):
    provider = member_of("case_manager")
    referral = send_referral(case_manager, provider.organisation)
    referral_accept(actor=provider, referral=referral, now=referral.sent_at + timedelta(hours=1))
    login(client, provider)
    page = client.get(f"/stats/referrals/?scope=own&year={YEAR}")
    behind = client.get(_links(page)[0])
    assert behind.context["found"].units == 1
    assert list(behind.context["page"].object_list) == []
    assert behind.context["found"].elsewhere == 1
    body = behind.content.decode()
    assert referral.case.reference_code not in body
    assert 'data-testid="behind-elsewhere"' in body


def test_proceedings_behind_an_investigation_count(client, login, case_manager, member_of):
    prosecutor = member_of("prosecutor")
    day = timezone.localdate() - timedelta(days=30)
    proceeding = open_proceeding(prosecutor, on=day)
    link(case_manager, open_case(case_manager), proceeding)
    proceeding_move(
        actor=prosecutor,
        proceeding=proceeding,
        to_stage="PoliceInvestigation",
        on=day + timedelta(days=2),
        authority=Authority.objects.get(code="PJ_06"),
    )
    # The prosecution office counts and lists the proceedings it handles.
    login(client, prosecutor)
    page = client.get(f"/stats/investigations/?scope=own&year={YEAR}")
    behind = client.get(_links(page)[0])
    assert [p.pk for p in behind.context["page"].object_list] == [proceeding.pk]
    # The NGO's own case is in it: counted, but the proceeding is not the NGO's to open.
    login(client, case_manager)
    page = client.get(f"/stats/investigations/?scope=own&year={YEAR}")
    behind = client.get(_links(page)[0])
    assert behind.context["found"].units == 1
    assert proceeding.reference_code not in behind.content.decode()


def test_no_list_behind_national_figures_nor_alerts(client, login, member_of, case_manager):
    open_case(case_manager)
    login(client, member_of("coordinator"))
    page = client.get(f"/stats/first_contacts/?year={YEAR}")
    assert not any(_links(page))
    assert client.get(f"/stats/referrals/behind/?year={YEAR}").status_code == 403
    login(client, case_manager)
    assert client.get(f"/stats/duplicate_alerts/behind/?scope=own&year={YEAR}").status_code == 403
    refused = client.get(f"/stats/duplicate_alerts/?scope=own&year={YEAR}")
    assert refused.status_code == 400
    chapter = client.get(f"/stats/?scope=own&year={YEAR}&chapter=partnership")
    assert "duplicate_alerts" not in [t.key for t, _svg in chapter.context["figures"]]
