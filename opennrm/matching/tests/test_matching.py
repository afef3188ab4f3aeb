import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from opennrm.cases.tests.factories import open_case, person_details
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.matching.models import MatchModel, PersonMatchKey
from opennrm.matching.records import (
    NameParts,
    birth_parts,
    blocking_keys,
    search_keys,
    splink_record,
    stored_keys,
)
from opennrm.matching.selectors import likely_matches, other_organisations_candidates
from opennrm.people.models import Person
from opennrm.people.services import person_update

pytestmark = pytest.mark.django_db


def _parts(**overrides):
    values = {"given_latin": "Salma", "family_latin": "Testaoui", "birth_date": "1999-04"}
    values.update(overrides)
    return NameParts(**values)


def test_keys_are_kept_in_step_with_the_person_and_never_in_clear(case_manager):
    case = open_case(case_manager)
    keys = set(PersonMatchKey.objects.filter(person=case.person).values_list("key", flat=True))
    assert keys == stored_keys(NameParts.of(case.person))
    # The search keys are hashed apart: duplicate detection never looks them up.
    parts = NameParts.of(case.person)
    assert search_keys(parts) and not search_keys(parts) & blocking_keys(parts)
    assert all("slm" not in k and "Salma" not in k for k in keys)
    person_update(
        actor=case_manager,
        person=case.person,
        expected_version=case.person.version,
        details=person_details(given_name_latin="Nadia", given_name_arabic="نادية"),
    )
    new_keys = set(PersonMatchKey.objects.filter(person=case.person).values_list("key", flat=True))
    assert new_keys == stored_keys(NameParts.of(case.person))
    assert new_keys != keys


def test_placeholder_first_of_january_counts_as_a_year_only():
    assert birth_parts("1990-01-01") == (1990, None)
    assert birth_parts("1990-05-02") == (1990, "1990-05-02")
    assert birth_parts("1990") == (1990, None)
    assert birth_parts("") == (None, None)
    # Unless whoever wrote the date says 1 January is real.
    assert birth_parts("1990-01-01", january_first_is_date=True) == (1990, "1990-01-01")
    assert birth_parts("1990", january_first_is_date=True) == (1990, None)


def test_intake_finds_a_variant_spelling_in_ones_own_organisation(case_manager):
    case = open_case(case_manager)
    matches = likely_matches(
        actor=case_manager, parts=_parts(given_latin="Selma", family_latin="El Testaoui")
    )
    assert [m.person for m in matches] == [case.person]
    assert "family_name" in matches[0].agreeing
    assert matches[0].probability >= 0.5
    assert AuditEvent.objects.filter(action="person.match_lookup").exists()


def test_intake_finds_the_arabic_script_record(case_manager):
    case = open_case(case_manager, person=person_details(given_name_latin="", family_name_latin=""))
    matches = likely_matches(actor=case_manager, parts=_parts())
    assert [m.person for m in matches] == [case.person]


def test_a_different_person_is_not_shown(case_manager):
    open_case(case_manager)
    assert (
        likely_matches(
            actor=case_manager,
            parts=_parts(given_latin="Youssef", family_latin="Bennani", birth_date="1970"),
        )
        == []
    )


def test_another_organisations_record_is_never_shown(case_manager, member_of):
    other = member_of("case_manager")
    theirs = open_case(other)
    assert likely_matches(actor=case_manager, parts=_parts()) == []
    # ...but it is found for the coordinator's cross-organisation check.
    mine = open_case(case_manager)
    found = other_organisations_candidates(
        person=mine.person, organisation_id=case_manager.organisation_id
    )
    assert [p for p, _score in found] == [theirs.person]


def test_lookup_view_shows_matches_to_case_openers_only(client, login, case_manager, member_of):
    case = open_case(case_manager)
    login(client, case_manager)
    response = client.post(
        reverse("matching:lookup"),
        {"given_name_latin": "Salma", "family_name_latin": "Testaoui", "birth_date": "1999"},
    )
    assert 'data-testid="likely-matches"' in response.content.decode()
    assert case.reference_code in response.content.decode()
    empty = client.post(reverse("matching:lookup"), {"given_name_latin": "Youssef"})
    assert 'data-testid="no-match"' in empty.content.decode()
    login(client, member_of("donor_viewer", case_manager.organisation))
    assert client.post(reverse("matching:lookup"), {"given_name_latin": "Salma"}).status_code == 403


def test_training_needs_enough_data():
    with pytest.raises(CommandError, match="too few"):
        call_command("train_match_model")
    assert not MatchModel.objects.exists()


def test_rebuild_recomputes_every_persons_keys(case_manager, capsys):
    case = open_case(case_manager)
    PersonMatchKey.objects.all().delete()
    call_command("match_keys_rebuild")
    assert "1 person(s) keyed." in capsys.readouterr().out
    assert PersonMatchKey.objects.filter(person=case.person).count() == len(
        stored_keys(NameParts.of(case.person))
    )


def test_scoring_leaves_nothing_behind_in_duckdb(case_manager):
    from opennrm.matching.model import scratch_tables

    open_case(case_manager)
    for _ in range(3):
        likely_matches(actor=case_manager, parts=_parts())
    assert scratch_tables() == []


def test_each_lookup_is_scored_on_its_own_records_as_splink_scores_them():
    """Lookups after the first run Splink's SQL on inputs registered under fixed names: each
    must still see its own records, with Splink's own probabilities."""
    from opennrm.matching.model import active_model, model_store, score, settings_creator

    def record(uid, given, family, born):
        return splink_record(
            uid, NameParts(given_latin=given, family_latin=family, birth_date=born)
        )

    lookups = [
        (
            record("a", "Yassine", "Lahlou", "1990-03-12"),
            [record("a1", "Yasin", "Lahlou", "1990-03-12"), record("a2", "Omar", "Naji", "1971")],
        ),
        (
            record("b", "Khadija", "Sebti", "1985"),
            [
                record("b1", "Khadija", "Sebti", "1985-06-02"),
                record("b2", "Hafsa", "Sebti", "2002"),
            ],
        ),
    ]
    for stored in (False, True):
        if stored:  # a newly stored model is used from the next lookup on
            model_store(settings_creator().get_settings("duckdb").as_dict(), records=0)
        for record_, candidates in lookups * 2:
            scored = score(record_, candidates)
            expected = score(record_, candidates, settings=active_model()[1])
            assert sorted(s.candidate_id for s in scored) == sorted(
                c["unique_id"] for c in candidates
            )
            assert [(s.candidate_id, round(s.probability, 9)) for s in scored] == [
                (s.candidate_id, round(s.probability, 9)) for s in expected
            ]
            assert scored[0].candidate_id == candidates[0]["unique_id"]


def test_a_match_held_elsewhere_alerts_the_officer_and_nobody_else(
    client, login, case_manager, member_of
):
    from opennrm.accounts.models import Notification
    from opennrm.matching.models import CrossOrganisationAlert
    from opennrm.matching.services import alert_decide

    officer = member_of("data_protection_officer")
    theirs = open_case(member_of("case_manager"))
    mine = open_case(case_manager, person=person_details(given_name_latin="Selma"))
    alert = CrossOrganisationAlert.objects.get()
    assert (alert.person, alert.other_person) == (mine.person, theirs.person)
    assert alert.other_organisation_id == theirs.owner_organisation_id
    assert Notification.objects.filter(user=officer.user).exists()
    assert not Notification.objects.filter(user=case_manager.user).exists()
    # The user who saved sees nothing of it, and cannot reach the alerts.
    login(client, case_manager)
    assert client.get(reverse("matching:alerts")).status_code == 403
    # The officer sees references and organisations, never names.
    login(client, officer)
    page = client.get(reverse("matching:alerts")).content.decode()
    assert theirs.person.reference_code in page and "Salma" not in page and "Selma" not in page
    with pytest.raises(ApplicationError, match="dismissed"):
        alert_decide(actor=officer, alert=alert, connect=False)
    alert = alert_decide(actor=officer, alert=alert, connect=True)
    assert alert.state == "Connected"
    assert Notification.objects.filter(
        user=case_manager.user, message__contains=mine.person.reference_code
    ).exists()
    with pytest.raises(ApplicationError, match="already"):
        alert_decide(actor=officer, alert=alert, connect=True)


def test_no_alert_for_a_different_person_or_within_one_organisation(case_manager, member_of):
    from opennrm.matching.models import CrossOrganisationAlert

    open_case(
        member_of("case_manager"),
        person=person_details(
            given_name_latin="Youssef",
            family_name_latin="Bennani",
            given_name_arabic="يوسف",
            family_name_arabic="بناني",
            birth_date="1970",
            phone="",
        ),
    )
    open_case(case_manager)
    open_case(case_manager)  # the same person twice in one organisation: the form shows it
    assert not CrossOrganisationAlert.objects.exists()


def test_namesakes_without_a_date_or_phone_in_common_raise_no_alert(case_manager, member_of):
    from opennrm.matching.models import CrossOrganisationAlert

    open_case(member_of("case_manager"), person=person_details(birth_date="1999", phone=""))
    open_case(case_manager, person=person_details(birth_date="1999", phone=""))
    assert not CrossOrganisationAlert.objects.exists()


def test_training_on_a_population_with_duplicates_stores_an_active_model(capsys):
    from opennrm.demo.generator import seed

    seed(persons=120, seed_value=7)
    call_command("train_match_model")
    model = MatchModel.objects.get(is_active=True)
    assert model.records == Person.objects.count()
    assert {c["output_column_name"] for c in model.settings["comparisons"]} >= {
        "given_name",
        "family_name",
        "birth",
    }
    call_command("train_match_model", "--if-missing")
    assert "already active" in capsys.readouterr().out
    assert MatchModel.objects.count() == 1


def test_a_name_typed_alone_shows_every_namesake_with_what_agrees(client, login, case_manager):
    """Typed without anything else to compare, a name scores low; the persons whose given and
    family names agree are still shown, best first, labelled, ten at most and the rest counted."""
    for year in range(1980, 1992):
        open_case(
            case_manager,
            person=person_details(
                given_name_latin="Yassine",
                family_name_latin="Lahlou",
                given_name_arabic="ياسين",
                family_name_arabic="لحلو",
                birth_date=f"{year}-05-12",
                gender="Masculine",
            ),
        )
    login(client, case_manager)
    for typed in (
        {"given_name_arabic": "ياسين", "family_name_arabic": "لحلو"},
        {"given_name_latin": "Yassine", "family_name_latin": "Lahlou"},
        {
            "given_name_latin": "Yassine",
            "family_name_latin": "Lahlou",
            "gender": "NonSpecifiedUnknown",
        },
    ):
        body = client.post(reverse("matching:lookup"), typed).content.decode()
        assert body.count('data-testid="match-label"') == 10, typed
        assert "Same name</strong>; no date of birth to compare" in body
        assert 'data-testid="more-matches"' in body and "And 2 more persons" in body
    # An unknown sex is not a disagreement: the score is the same as with no sex at all.
    plain = likely_matches(
        actor=case_manager, parts=NameParts(given_latin="Yassine", family_latin="Lahlou")
    )
    unknown = likely_matches(
        actor=case_manager,
        parts=NameParts(given_latin="Yassine", family_latin="Lahlou", gender="NonSpecifiedUnknown"),
    )
    assert [m.probability for m in plain] == [m.probability for m in unknown]
    assert all("sex" not in m.disagreeing for m in unknown)
