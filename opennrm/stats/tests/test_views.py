import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from opennrm.cases.tests.factories import open_case, person_details
from opennrm.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_cases(case_manager):
    return [
        open_case(
            case_manager,
            identified_on=date(2026, 3, 1),
            identification_region="MA-01",
            person=person_details(gender="Feminine"),
        )
        for _ in range(3)
    ]


def _figure(page, key):
    [(table, _svg)] = [(t, svg) for t, svg in page.context["figures"] if t.key == key]
    return table, _svg


def test_an_organisation_reads_its_own_figures_in_full(client, login, case_manager, three_cases):
    login(client, case_manager)
    page = client.get("/stats/?scope=own&year=2026")
    assert page.status_code == 200
    first, svg = _figure(page, "first_contacts")
    assert first.table.total.text == "3"
    assert svg.startswith("<svg")
    assert AuditEvent.objects.filter(
        action="statistics.viewed", actor_user_id=case_manager.user_id
    ).exists()
    # Any period: a month, a quarter, a range.
    march = client.get("/stats/?scope=own&year=2026&period=month&month=3")
    assert _figure(march, "first_contacts")[0].table.total.text == "3"
    april = client.get("/stats/?scope=own&year=2026&period=month&month=4")
    assert _figure(april, "first_contacts")[0].table.total.text == "0"
    q1 = client.get("/stats/?scope=own&year=2026&period=quarter&quarter=1")
    assert _figure(q1, "first_contacts")[0].table.total.text == "3"


def test_the_donor_reads_national_aggregates_with_small_numbers_hidden(
    client, login, member_of, three_cases
):
    login(client, member_of("donor_viewer"))
    page = client.get("/stats/?year=2026")
    assert page.status_code == 200
    first, svg = _figure(page, "first_contacts")
    assert first.table.total.text == "< 5"
    assert svg == ""  # nothing published, nothing drawn
    body = page.content.decode()
    assert "&lt; 5" in body
    for case in three_cases:
        assert case.reference_code not in body
    # A donor has no organisation figures to choose, and national figures are for a year.
    assert client.get("/stats/?scope=own&year=2026").status_code == 400
    month = client.get("/stats/?year=2026&period=month&month=3")
    assert month.status_code == 400
    assert "whole calendar year" in month.content.decode()


def test_another_organisation_counts_nothing_of_these_cases(client, login, member_of, three_cases):
    login(client, member_of("case_manager"))
    page = client.get("/stats/?scope=own&year=2026")
    assert _figure(page, "first_contacts")[0].table.total.text == "0"


def test_roles_without_figures_are_refused_and_bad_filters_explained(client, login, member_of):
    login(client, member_of("system_admin"))
    assert client.get("/stats/").status_code == 403
    assert client.get("/stats/first_contacts/").status_code == 403
    login(client, member_of("coordinator"))
    bad = client.get("/stats/?year=1850&chapter=shoes")
    assert bad.status_code == 400
    assert bad.context["figures"] == []
    assert client.get("/stats/no_such_figure/").status_code == 404
    assert client.get("/stats/first_contacts/?by=shoe").status_code == 400
    login(client, member_of("case_manager"))
    reversed_range = client.get(
        "/stats/?scope=own&period=range&start=2026-05-01&end=2026-01-01&year=2026"
    )
    assert reversed_range.status_code == 400
    assert "comes before" in reversed_range.content.decode()


def test_every_chapter_renders_for_each_reader(client, login, member_of, case_manager, three_cases):
    for membership, scope in [(case_manager, "own"), (member_of("coordinator"), "national")]:
        login(client, membership)
        for chapter in ("identification", "protection", "return", "prosecution", "partnership"):
            page = client.get(f"/stats/?scope={scope}&year=2026&chapter={chapter}")
            assert page.status_code == 200, (scope, chapter)
            assert page.context["figures"]


def test_a_figure_explored_by_month_and_exported(client, login, case_manager, three_cases):
    login(client, case_manager)
    query = "scope=own&year=2026&by=sex&across=month"
    page = client.get(f"/stats/first_contacts/?{query}")
    assert page.status_code == 200
    table = page.context["table"]
    assert table.table.columns[:3] == ["2026-01", "2026-02", "2026-03"]
    assert [c.text for c in table.table.cells[0]][2] == "3"
    exported = client.get(f"/stats/first_contacts/export.csv?{query}")
    assert exported["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(exported.content.decode())))
    assert lines[-2][:4] == ["Female", "0", "0", "3"]
    assert lines[-1][0] == "Total"
    xlsx = client.get(f"/stats/first_contacts/export.xlsx?{query}")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == "Persons first in contact"
    assert client.get(f"/stats/first_contacts/export.svg?{query}").content.startswith(b"<svg")
    assert client.get(f"/stats/first_contacts/export.png?{query}").content[:4] == b"\x89PNG"
    assert client.get(f"/stats/first_contacts/export.exe?{query}").status_code == 404
    exports = AuditEvent.objects.filter(action__startswith="statistics.exported")
    assert exports.count() == 4
    assert exports.filter(action="statistics.exported.csv").get().details["by"] == "sex"


def test_national_figures_by_region_are_protected_with_the_national_ones(
    client, login, member_of, case_manager
):
    for region, n in (("MA-01", 6), ("MA-06", 2)):
        for _ in range(n):
            open_case(case_manager, identified_on=date(2026, 3, 1), identification_region=region)
    login(client, member_of("coordinator"))
    national = client.get("/stats/first_contacts/?year=2026&by=total").context["table"]
    by_region = client.get("/stats/first_contacts/?year=2026&by=region").context["table"]
    tangier = client.get("/stats/first_contacts/?year=2026&region=MA-01").context["table"]
    # 8 in all, 6 in one region, 2 in another: the 2 is hidden, and with it the 6 (else 8 - 6
    # gives it away); the national total stays published.
    assert national.table.total.text == "8"
    assert by_region.table.total.text == "8"
    assert [c.hidden for c in by_region.table.row_totals] == [True, True]
    assert tangier.table.total.hidden
    assert (
        'data-testid="region-map"'
        in client.get("/stats/first_contacts/?year=2026&by=region").content.decode()
    )
    # Under the national rule a region's figures are totals, and there are no columns.
    assert client.get("/stats/first_contacts/?year=2026&region=MA-01&by=sex").status_code == 400
    assert client.get("/stats/first_contacts/?year=2026&across=month").status_code == 400


def test_centre_occupancy_for_the_centre_and_the_coordinator_only(client, login, member_of):
    from opennrm.shelters.services import CentreDetails, centre_create

    staff = member_of("service_provider")
    admin = member_of("organisation_admin", staff.organisation)
    centre_create(
        actor=admin,
        details=CentreDetails(
            name="Centre Synthétique",
            region="MA-06",
            address="1 rue Synthétique",
            phone="+212522000000",
            places={"Women": 4},
        ),
    )
    url = "/stats/?year=2026&chapter=protection"
    login(client, staff)
    totals, grid = client.get(url + "&scope=own").context["occupancy"]
    [mine] = totals
    assert (mine.centre, mine.nights) == ("Centre Synthétique", 0)
    assert grid.months[0] == "2026-01" and grid.rows[0][0] == "Centre Synthétique"
    login(client, member_of("coordinator"))
    assert [c.centre for c in client.get(url).context["occupancy"][0]] == ["Centre Synthétique"]
    login(client, member_of("donor_viewer"))
    assert client.get(url).context["occupancy"] is None


def test_an_organisation_drills_down_to_its_cases_behind_a_number(
    client, login, case_manager, member_of, three_cases
):
    other = open_case(case_manager, identified_on=date(2026, 3, 2), person=person_details())
    login(client, case_manager)
    page = client.get("/stats/first_contacts/?scope=own&year=2026&by=sex")
    [(label, cells, _total, link)] = page.context["table"].lines()
    assert (label, cells[0].text) == ("Female", "4")
    assert f'href="{link.replace("&", "&amp;")}"' in page.content.decode()
    listed = client.get(link)
    codes = {c.reference_code for c in listed.context["page"].object_list}
    assert codes == {c.reference_code for c in [*three_cases, other]}
    # National figures lead to no case.
    login(client, member_of("coordinator"))
    national = client.get("/stats/first_contacts/?year=2026&by=sex").context["table"]
    assert [line[3] for line in national.lines()] == [""]


def test_figures_by_province(client, login, case_manager, member_of):
    for province in ("MA-CAS", "MA-CAS", "MA-MOH"):
        open_case(
            case_manager,
            identified_on=date(2026, 3, 1),
            identification_region="MA-06",
            identification_province=province,
        )
    login(client, case_manager)
    own = client.get("/stats/first_contacts/?scope=own&year=2026&province=MA-CAS").context
    assert own["table"].table.total.text == "2"
    by_province = client.get("/stats/first_contacts/?scope=own&year=2026&by=province")
    assert by_province.context["table"].row_values == ["MA-CAS", "MA-MOH"]
    login(client, member_of("coordinator"))
    national = client.get("/stats/first_contacts/?year=2026&by=province").context["table"]
    assert [c[0].text for _l, c, _t in national.table.lines()] == ["< 5", "< 5"]
    refused = client.get("/stats/first_contacts/?year=2026&province=MA-CAS")
    assert refused.status_code == 400 and "not for one province" in refused.content.decode()


def test_drill_down_from_presumed_victims(client, login, case_manager):
    from opennrm.stats.tests.test_identification import _presumed

    decided = open_case(case_manager, identified_on=date(2026, 2, 1))
    _presumed(case_manager, decided, date(2026, 2, 3))
    open_case(case_manager, identified_on=date(2026, 2, 1))  # no decision
    login(client, case_manager)
    page = client.get("/stats/presumed_victims/?scope=own&year=2026&by=total")
    [(_label, cells, _total, link)] = page.context["table"].lines()
    assert cells[0].text == "1" and "decision=presumed" in link
    listed = client.get(link).context["page"].object_list
    assert [c.pk for c in listed] == [decided.pk]


def test_national_figures_for_one_type_of_organisation(client, login, member_of, case_manager):
    """The commission reads a type of organisation's figures, protected with the national
    ones: a small type is hidden together with another, never recoverable from the total."""
    from opennrm.accounts.models import OrganisationType
    from opennrm.accounts.tests.factories import OrganisationFactory

    police = member_of(
        "case_manager", OrganisationFactory(org_type=OrganisationType.LAW_ENFORCEMENT)
    )
    un = member_of("case_manager", OrganisationFactory(org_type=OrganisationType.UN_AGENCY))
    for membership, n in ((case_manager, 12), (police, 9), (un, 2)):
        for k in range(n):
            open_case(
                membership,
                identified_on=date(2026, 3, 1),
                identification_region="MA-01",
                person=person_details(gender="Feminine" if k % 3 else "Masculine"),
            )
    login(client, member_of("coordinator"))

    def total(query):
        page = client.get(f"/stats/first_contacts/?year=2026&{query}")
        assert page.status_code == 200, page.content.decode()[:500]
        return page.context["table"].table

    assert total("by=total").total.text == "23"
    assert total("by=total&organisation_type=NGO").total.text == "12"
    # The UN agency's 2 is hidden, and with it the police's 9 (else 23 - 12 - 9 gives it).
    assert total("by=total&organisation_type=UNAgency").total.hidden
    assert total("by=total&organisation_type=LawEnforcement").total.hidden
    assert total("by=total&organisation_type=SchoolOrCollege").total.text == "0"
    # By sex within a type, and a region's total within a type.
    # (the NGO's 4 men hidden, and with them its 8 women, its total being published)
    ngo_by_sex = total("by=sex&organisation_type=NGO")
    assert [c.hidden for c in ngo_by_sex.row_totals] == [True, True]
    assert ngo_by_sex.total.text == "12"
    assert total("organisation_type=NGO&region=MA-01").total.text == "12"
    assert total("organisation_type=UNAgency&region=MA-01").total.hidden
    # The national table by sex is what the types add up to, hidden where they would tell.
    national_by_sex = total("by=sex")
    assert national_by_sex.total.text == "23"
    # Audited with the type chosen; public figures are not given by type.
    event = AuditEvent.objects.filter(action="statistics.viewed").latest("occurred_at")
    assert event.details["organisation_types"] == []
    client.get("/stats/first_contacts/?year=2026&organisation_type=NGO")
    event = AuditEvent.objects.filter(action="statistics.viewed").latest("occurred_at")
    assert event.details["organisation_types"] == ["NGO"]
