"""The figures beyond identification, each against a small set counted by hand: hotline
contacts, referrals and how they are answered, admissions and occupancy, returns and
follow-ups, prosecution, partnership. And every figure of the catalogue runs by each of its
breakdowns, nationally and for one organisation."""

from dataclasses import replace
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from opennrm.cases.tests.factories import open_case, person_details
from opennrm.hotline.services import ContactDetails, contact_record
from opennrm.justice.models import Authority
from opennrm.justice.services import CompensationDetails, compensation_record, proceeding_move
from opennrm.justice.tests.factories import add_accused, charge, judge, link, open_proceeding
from opennrm.referrals.services import referral_accept, referral_decline
from opennrm.referrals.tests.factories import send_referral
from opennrm.reintegration.services import (
    ReturnDetails,
    return_assess_risk,
    return_open,
    return_record_arrival,
)
from opennrm.shelters.services import CentreDetails, centre_create, stay_admit, stay_end
from opennrm.stats import catalogue, protection
from opennrm.stats.facts import Filters, Scope, tabulate
from opennrm.stats.selectors import View, breakdowns_of, figure_table, reader
from opennrm.stats.suppression import Rule

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = Filters.year(TODAY.year)
EVERYTHING = Scope.everything()


def _count(key, by="total", filters=YEAR, scope=EVERYTHING, across=None):
    facts = catalogue.BY_KEY[key].facts(filters, scope)
    return tabulate(facts, by, filters, across).by_row()


def _at(days_ago, hour=10):
    day = TODAY - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def test_hotline_contacts_by_channel_outcome_and_organisation(member_of):
    operator = member_of("hotline_operator")
    other = member_of("hotline_operator")
    for channel, outcome in [("Phone", "CaseOpened"), ("Phone", "NoAction"), ("WebForm", "")]:
        contact_record(
            actor=operator,
            details=ContactDetails(
                channel=channel,
                caller_type="Witness",
                started_at=_at(3),
                outcome=outcome or "Pending",
                region="MA-06",
            ),
            now=_at(3, 11),
        )
    contact_record(
        actor=other,
        details=ContactDetails(channel="SMS", caller_type="Anonymous", started_at=_at(2)),
        now=_at(2, 11),
    )
    assert _count("hotline_contacts", "channel") == {"Phone": 2, "WebForm": 1, "SMS": 1}
    assert _count("hotline_contacts", "region") == {"MA-06": 3, "unknown": 1}
    own = Scope(cases=EVERYTHING.cases.none(), organisations=(operator.organisation_id,))
    assert _count("hotline_contacts", "contact_outcome", scope=own) == {
        "CaseOpened": 1,
        "NoAction": 1,
        "Pending": 1,
    }
    only_region = Filters(start=YEAR.start, end=YEAR.end, regions=("MA-06",))
    assert _count("hotline_contacts", filters=only_region) == {"total": 3}


def test_referrals_by_service_and_state_and_how_they_are_answered(case_manager, member_of):
    provider = member_of("service_provider")
    accepted = send_referral(case_manager, provider.organisation)
    referral_accept(actor=provider, referral=accepted, now=accepted.sent_at + timedelta(hours=4))
    declined = send_referral(
        case_manager, provider.organisation, service_types=["Shelter", "Health"]
    )
    referral_decline(
        actor=provider,
        referral=declined,
        reason="No place left",
        code="NoPlace",
        now=declined.sent_at + timedelta(hours=10),
    )
    send_referral(case_manager, provider.organisation)  # not answered yet
    assert _count("referrals", "referral_state") == {"Accepted": 1, "Declined": 1, "Sent": 1}
    # Why declined: counted from the recipient's word for it, never from its free text.
    assert _count("referrals", "decline_reason") == {"NoPlace": 1, "unknown": 2}
    # A referral asking for two services counts under each.
    assert _count("referrals", "service_type") == {"Shelter": 3, "Health": 1}
    assert _count("referrals_between", "recipient_type") == {provider.organisation.org_type: 3}
    measures = {m.key: m for m in protection.referral_measures(YEAR, EVERYTHING)}
    assert measures["acceptance_rate"].value == 0.5
    assert measures["acceptance_rate"].base == 2
    assert measures["median_response_hours"].value == pytest.approx(7.0, abs=0.01)
    assert measures["p90_response_hours"].value == pytest.approx(10.0, abs=0.01)
    assert measures["expired_share"].value == 0


def test_admissions_and_occupancy_of_a_centre(case_manager, member_of):
    staff = member_of("service_provider")
    admin = member_of("organisation_admin", staff.organisation)
    centre = centre_create(
        actor=admin,
        details=CentreDetails(
            name="Centre Synthétique",
            region="MA-06",
            address="1 rue Synthétique",
            phone="+212522000000",
            places={"Women": 2},
        ),
    )
    stays = []
    for arrived in (TODAY - timedelta(days=20), TODAY - timedelta(days=10)):
        case = open_case(case_manager, person=person_details(gender="Feminine"))
        referral = send_referral(case_manager, staff.organisation, case=case)
        referral_accept(actor=staff, referral=referral)
        stays.append(
            stay_admit(
                actor=staff, centre=centre, referral=referral, category="Women", arrived_on=arrived
            )
        )
    stay_end(
        actor=staff,
        stay=stays[0],
        departed_on=TODAY - timedelta(days=5),
        reason="Reintegration",
    )
    period = Filters(start=TODAY - timedelta(days=30), end=TODAY)
    assert _count("admissions", "category", filters=period) == {"Women": 2}
    occupied = protection.occupancy(period, EVERYTHING)
    # 15 nights for the first (arrived 20 days ago, left 5 days ago), 11 for the second, who
    # is still there tonight: 26 nights, and both present on the 5 nights they overlapped
    # (the centre full).
    assert sum(o.nights for o in occupied) == 26
    assert sum(o.full_days for o in occupied) == 5
    assert {o.places for o in occupied} == {2}
    assert protection.average_stay_days(period, EVERYTHING).value == 15


def test_returns_by_direction(case_manager):
    case = open_case(case_manager)
    plan = return_open(
        actor=case_manager,
        case=case,
        details=ReturnDetails(
            direction="Outbound",
            destination_country="SN",
            destination_place="Synthetic village",
            voluntary_confirmed_on=TODAY - timedelta(days=30),
        ),
    )
    return_assess_risk(actor=case_manager, plan=plan, level="Low", risks=[], notes="", proceed=True)
    return_record_arrival(actor=case_manager, plan=plan, returned_on=TODAY)
    assert _count("returns", "direction") == {"Outbound": 1}
    assert _count("returns", "destination") == {"SN": 1}
    # The visits are due in the months after the return: none due yet this year.
    assert _count("follow_ups", "timeliness") == {}


def test_prosecution_figures(case_manager, member_of):
    police = member_of("judicial_police_officer")
    day = TODAY - timedelta(days=60)
    proceeding = open_proceeding(police, on=day)
    victim = open_case(case_manager)
    link(case_manager, victim, proceeding)
    accused = add_accused(police, proceeding, gender="Masculine")
    made = charge(police, accused, on=day + timedelta(days=1))
    proceeding_move(
        actor=police,
        proceeding=proceeding,
        to_stage="PoliceInvestigation",
        on=day + timedelta(days=2),
        authority=Authority.objects.get(code="PJ_06"),
    )
    assert _count("investigations") == {"total": 1}
    assert _count("investigations", "justice_stage") == {"PoliceInvestigation": 1}
    assert _count("persons_prosecuted", "accused_sex") == {"Masculine": 1}
    judgment = judge(police, made, decided_on=day + timedelta(days=20))
    assert _count("persons_convicted", "sentence") == {"120-239": 1}
    compensation_record(
        actor=police,
        judgment=judgment,
        details=CompensationDetails(
            victim=victim.proceedings.get(),
            awarded=Decimal(20000),
            paid=Decimal(5000),
            paid_on=day + timedelta(days=30),
        ),
    )
    assert _count("victims_compensated", "payment") == {"partly_paid": 1}
    # An organisation counts the proceedings of its own cases only.
    mine = Scope(cases=EVERYTHING.cases.filter(pk=victim.pk), organisations=())
    nobody = Scope(cases=EVERYTHING.cases.none(), organisations=())
    assert _count("investigations", scope=mine) == {"total": 1}
    assert _count("investigations", scope=nobody) == {}


@pytest.mark.parametrize("figure", catalogue.FIGURES, ids=lambda f: f.key)
def test_every_figure_runs_by_each_breakdown_for_every_reader(figure, case_manager, member_of):
    open_case(case_manager, identified_on=TODAY)
    coordinator = member_of("coordinator")
    for actor, scope_name in [(case_manager, "own"), (coordinator, "national")]:
        scope, rule = reader(actor, scope_name)
        for by in breakdowns_of(figure):
            if scope_name == "own" and not figure.own:
                with pytest.raises(ValueError, match="nationally only"):
                    figure_table(figure, scope, rule, View(YEAR, by=by))
                continue
            shown = figure_table(figure, scope, rule, View(YEAR, by=by))
            assert shown.table is not None
    # Nationally for one type of organisation: each breakdown, or why not.
    scope, rule = reader(coordinator, "national")
    ngo = replace(YEAR, organisation_types=("NGO",))
    for by in breakdowns_of(figure):
        shown = figure_table(figure, scope, rule, View(ngo, by=by))
        assert shown.table is not None or shown.why
    public_scope, public_rule = reader(None, "public")
    assert public_rule == Rule.public()
    shown = figure_table(figure, public_scope, public_rule, View(YEAR, by="total"))
    assert shown.table is not None


def test_unknown_values_counted_by_the_database_as_the_engine_reads_them(case_manager):
    """The report's data-quality lines count unknown values in SQL, list dimensions too: the
    same number as the engine's own reading."""
    from opennrm.stats.facts import unknown_counts

    open_case(case_manager, identified_on=TODAY, person=person_details(citizenships=[]))
    open_case(case_manager, identified_on=TODAY, person=person_details(citizenships=["SN"]))
    open_case(case_manager, identified_on=TODAY, person=person_details(citizenships=["MA", "FR"]))
    facts = catalogue.BY_KEY["first_contacts"].facts(YEAR, EVERYTHING)
    dimensions = ("citizenship", "means_of_control", "sex", "age_band", "form", "region")
    found = unknown_counts(facts, dimensions)
    for dimension in dimensions:
        expected = tabulate(facts, dimension, YEAR).by_row().get("unknown", 0)
        assert found[dimension] == expected, dimension
    assert found["citizenship"] == 1
    referrals = catalogue.BY_KEY["referrals"].facts(YEAR, EVERYTHING)
    assert unknown_counts(referrals, ["service_type"]) == {"service_type": 0}
