from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opennrm.accounts.models import Notification
from opennrm.cases.tests.factories import open_case
from opennrm.core.errors import ApplicationError
from opennrm.justice.models import Authority, Compensation, Judgment, Offence, Perpetrator
from opennrm.justice.services import (
    CompensationDetails,
    PerpetratorDetails,
    charge_add,
    compensation_record,
    perpetrator_add,
    perpetrator_update,
)
from opennrm.justice.tests.factories import add_accused, charge, judge, link, open_proceeding
from opennrm.matching.selectors import candidate_ids
from opennrm.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(member_of):
    return member_of("judicial_police_officer")


@pytest.fixture
def proceeding(police):
    return open_proceeding(police, on=date(2026, 1, 10))


def test_suspects_are_numbered_encrypted_and_not_victims(police, proceeding):
    first = add_accused(police, proceeding)
    second = add_accused(police, proceeding, given_name="", family_name="", alias="Le Boss")
    assert (first.label, second.label) == ("A-1", "A-2")
    assert first.status == "Suspect"
    assert first.name_index
    # A perpetrator is not a Person: the victims' duplicate detection cannot return one.
    assert not Person.objects.exists()
    from opennrm.matching.records import NameParts

    assert not candidate_ids(NameParts(given_latin="Karim", family_latin="Suspectoui"))


def test_names_are_stored_encrypted(police, proceeding):
    from django.db import connection

    perpetrator = add_accused(police, proceeding)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT family_name, role_details FROM justice_perpetrator WHERE id = %s",
            [perpetrator.pk.hex if connection.vendor == "sqlite" else perpetrator.pk],
        )
        family, details = cursor.fetchone()
    assert "Suspectoui" not in family
    assert "Synthetic" not in details


def test_a_suspect_without_any_name_and_impossible_values_is_refused_all_at_once(
    police, proceeding
):
    with pytest.raises(ApplicationError) as refused:
        perpetrator_add(
            actor=police,
            proceeding=proceeding,
            details=PerpetratorDetails(
                birth_year=timezone.localdate().year + 1, citizenships=["XX"]
            ),
        )
    fields = {p.field for p in refused.value.all()}
    assert fields == {"family_name", "birth_year", "citizenships"}
    assert not Perpetrator.objects.exists()


def test_only_the_authority_in_charge_adds_suspects(member_of, proceeding):
    with pytest.raises(PermissionDenied):
        add_accused(member_of("prosecutor"), proceeding)


def test_charging_makes_an_accused_and_a_charge_cannot_precede_the_complaint(police, proceeding):
    perpetrator = add_accused(police, proceeding)
    with pytest.raises(ApplicationError, match="before the complaint"):
        charge(police, perpetrator, on=date(2026, 1, 9))
    made = charge(police, perpetrator, aggravations=["ChildVictim", "Transnational"])
    perpetrator.refresh_from_db()
    assert perpetrator.status == "Accused"
    assert made.aggravations == ["ChildVictim", "Transnational"]
    with pytest.raises(ApplicationError, match="already charged"):
        charge(police, perpetrator)
    with pytest.raises(ApplicationError, match="is an accused"):
        perpetrator_update(
            actor=police,
            perpetrator=perpetrator,
            details=PerpetratorDetails(family_name="Suspectoui", status="Suspect"),
        )


def test_an_offence_of_another_country_is_refused(police, proceeding):
    perpetrator = add_accused(police, proceeding)
    foreign = Offence.objects.create(
        country="TN", article="1", label_en="x", label_fr="x", label_ar="x"
    )
    with pytest.raises(ApplicationError, match="penal code"):
        charge_add(
            actor=police,
            perpetrator=perpetrator,
            offence=foreign,
            aggravations=[],
            charged_on=date(2026, 1, 10),
        )


def test_a_judgment_before_the_charge_is_refused_and_nothing_saved(police, proceeding):
    made = charge(police, add_accused(police, proceeding), on=date(2026, 2, 1))
    with pytest.raises(ApplicationError, match="before the charge"):
        judge(police, made, decided_on=date(2026, 1, 31))
    assert not Judgment.objects.exists()


def test_an_acquittal_with_a_sentence_is_refused(police, proceeding):
    made = charge(police, add_accused(police, proceeding))
    with pytest.raises(ApplicationError, match="carries no sentence"):
        judge(police, made, outcome="Acquittal", prison_months=12)
    with pytest.raises(ApplicationError, match="carries no sentence"):
        judge(police, made, outcome="Acquittal", prison_months=0, fine=Decimal(1000))
    acquitted = judge(police, made, outcome="Acquittal", prison_months=0)
    assert not acquitted.is_conviction


def test_a_requalification_names_another_offence(police, proceeding):
    made = charge(police, add_accused(police, proceeding))
    with pytest.raises(ApplicationError, match="which offence"):
        judge(police, made, outcome="Requalification")
    with pytest.raises(ApplicationError, match="another offence than the one charged"):
        judge(police, made, outcome="Requalification", requalified_as=made.offence)
    with pytest.raises(ApplicationError, match="Only a requalification"):
        judge(police, made, requalified_as=Offence.objects.get(article="467-2"))
    requalified = judge(
        police,
        made,
        outcome="Requalification",
        requalified_as=Offence.objects.get(article="467-2"),
        prison_months=24,
    )
    assert requalified.is_conviction


def test_an_appeal_keeps_the_history_and_needs_a_first_judgment(police, proceeding):
    made = charge(police, add_accused(police, proceeding), on=date(2026, 1, 10))
    with pytest.raises(ApplicationError, match="no judgment at the previous instance"):
        judge(police, made, instance="Appeal")
    first = judge(police, made, decided_on=date(2026, 3, 1), prison_months=60)
    with pytest.raises(ApplicationError, match="before the previous judgment"):
        judge(police, made, instance="Appeal", decided_on=date(2026, 2, 1))
    appeal = judge(police, made, instance="Appeal", decided_on=date(2026, 6, 1), prison_months=96)
    assert list(made.judgments.all()) == [first, appeal]
    with pytest.raises(ApplicationError, match="Only the court of cassation"):
        judge(
            police,
            made,
            instance="Appeal",
            decided_on=date(2026, 7, 1),
            outcome="Quashed",
            prison_months=0,
        )


def test_a_judgment_needs_a_court_and_notifies_the_case_owner(police, proceeding, case_manager):
    link(case_manager, open_case(case_manager), proceeding)
    made = charge(police, add_accused(police, proceeding))
    with pytest.raises(ApplicationError, match="court that gave the judgment"):
        judge(police, made, court=Authority.objects.get(code="PJ_06"))
    judge(police, made)
    notice = Notification.objects.get(user=case_manager.user)
    assert "judgment" in notice.message
    assert "Suspectoui" not in notice.message


def test_compensation_paid_never_above_awarded_nor_before_the_judgment(
    police, proceeding, case_manager
):
    victim = link(case_manager, open_case(case_manager), proceeding)
    judgment = judge(police, charge(police, add_accused(police, proceeding)))
    with pytest.raises(ApplicationError) as refused:
        compensation_record(
            actor=police,
            judgment=judgment,
            details=CompensationDetails(
                victim=victim,
                awarded=Decimal(50000),
                paid=Decimal(60000),
                paid_on=judgment.decided_on - timedelta(days=1),
            ),
        )
    fields = {p.field for p in refused.value.all()}
    assert fields == {"paid", "paid_on"}
    assert not Compensation.objects.exists()
    with pytest.raises(ApplicationError, match="date of the payment"):
        compensation_record(
            actor=police,
            judgment=judgment,
            details=CompensationDetails(victim=victim, awarded=Decimal(50000), paid=Decimal(1)),
        )
    compensation_record(
        actor=police,
        judgment=judgment,
        details=CompensationDetails(victim=victim, awarded=Decimal(50000)),
    )
    paid = compensation_record(
        actor=police,
        judgment=judgment,
        details=CompensationDetails(
            victim=victim,
            awarded=Decimal(50000),
            paid=Decimal(20000),
            paid_on=judgment.decided_on,
        ),
    )
    assert Compensation.objects.get() == paid
    assert paid.paid == Decimal(20000)


def test_an_acquittal_awards_no_compensation(police, proceeding, case_manager):
    victim = link(case_manager, open_case(case_manager), proceeding)
    judgment = judge(
        police,
        charge(police, add_accused(police, proceeding)),
        outcome="Acquittal",
        prison_months=0,
    )
    with pytest.raises(ApplicationError, match="Only a conviction"):
        compensation_record(
            actor=police,
            judgment=judgment,
            details=CompensationDetails(victim=victim, awarded=Decimal(1000)),
        )


def test_the_prosecutor_who_prosecuted_records_charges_and_judgments_at_trial(
    police, proceeding, member_of, case_manager
):
    from opennrm.justice.selectors import justice_home_panel
    from opennrm.justice.services import proceeding_move
    from opennrm.justice.tests.factories import acting_for

    prosecutor = member_of("prosecutor")
    link(case_manager, open_case(case_manager), proceeding)
    proceeding_move(
        actor=police,
        proceeding=proceeding,
        to_stage="Prosecution",
        on=date(2026, 1, 20),
        authority=acting_for(prosecutor, "PG_CASABLANCA"),
    )
    proceeding_move(
        actor=prosecutor,
        proceeding=proceeding,
        to_stage="FirstInstanceTrial",
        on=date(2026, 2, 1),
        authority=Authority.objects.get(code="CA_CASABLANCA"),
    )
    # The court is in charge now; the prosecution still records its case's outcome.
    accused = add_accused(prosecutor, proceeding)
    judge(prosecutor, charge(prosecutor, accused, on=date(2026, 1, 25)))
    # The police, never a prosecutor's office, may not.
    with pytest.raises(PermissionDenied):
        add_accused(police, proceeding)
    [(shown_link, judgment)] = justice_home_panel(case_manager).context["rows"]
    assert shown_link.case.owner_organisation_id == case_manager.organisation_id
    assert judgment.charge.perpetrator == accused
    assert justice_home_panel(member_of("case_manager")) is None
