"""The decision rules against hand-computed cases, one per branch (domain.md 3.3)."""

import json
from collections import Counter

import pytest
from django.core.management import call_command

from opennrm.core.errors import ApplicationError
from opennrm.screening.models import Indicator
from opennrm.screening.rules import evaluate
from opennrm.screening.selectors import indicator_set

pytestmark = pytest.mark.django_db

ADULT = "ilo-adult-labour"
CHILD = "ilo-child-labour"


def _dimensions(slug, ids):
    return evaluate(indicator_set(slug=slug), ids).dimensions


@pytest.mark.parametrize(
    ("ids", "dimension", "present"),
    [
        # at least 2 strong
        (["5.confiscation_of_documents", "5.debt_bondage"], 5, True),
        # 1 strong + 1 medium
        (["5.violence_on_victim", "5.forced_to_lie"], 5, True),
        # 1 strong + 1 weak
        (["5.violence_on_victim", "5.threat_inform_family"], 5, True),
        # 3 medium
        (["3.economic_reasons", "3.family_situation", "3.personal_situation"], 3, True),
        # 2 medium + 1 weak
        (["6.dependency_on_exploiters", "6.unknown_area", "6.personal_characteristics"], 6, True),
        # not enough: 1 strong alone, 2 medium, 1 medium + 2 weak, 3 weak
        (["4.excessive_hours"], 4, False),
        (["4.hazardous_work", "4.low_or_no_salary"], 4, False),
        (["3.economic_reasons", "3.abuse_beliefs", "3.general_context"], 3, False),
        (["3.abuse_beliefs", "3.general_context", "3.difficulties_in_the_past"], 3, False),
    ],
)
def test_dimension_rule_branches(ids, dimension, present):
    assert _dimensions(ADULT, ids)[dimension] is present


DECEPTION = ["1.deceived_nature_of_job", "1.deceived_wages"]  # S + M
COERCIVE_RECRUITMENT = ["2.violence_on_victim", "2.debt_bondage"]  # S + M
EXPLOITATION = ["4.excessive_hours", "4.low_or_no_salary"]  # S + M
COERCION_AT_DESTINATION = ["5.confiscation_of_documents", "5.debt_bondage"]  # S + S
VULNERABILITY_AT_DESTINATION = [
    "6.dependency_on_exploiters",
    "6.unknown_area",
    "6.economic_reasons",
]  # 3 M


@pytest.mark.parametrize(
    ("ids", "presumed"),
    [
        (DECEPTION + EXPLOITATION + COERCION_AT_DESTINATION, True),
        (COERCIVE_RECRUITMENT + EXPLOITATION + VULNERABILITY_AT_DESTINATION, True),
        (DECEPTION + EXPLOITATION, False),  # no destination dimension
        (DECEPTION + COERCION_AT_DESTINATION, False),  # no exploitation
        (EXPLOITATION + COERCION_AT_DESTINATION, False),  # no recruitment dimension
        ([], False),
    ],
)
def test_adult_victim_rule(ids, presumed):
    result = evaluate(indicator_set(slug=ADULT), ids)
    assert result.presumed_victim is presumed
    assert result.rule == "adult: (D1 or D2 or D3) and D4 and (D5 or D6)"


def test_child_rule_needs_no_means_at_destination():
    # Upgraded for children: deceived about education is strong, no access to education medium.
    ids = [
        "1.deceived_education",
        "1.deceived_wages",
        "4.excessive_hours",
        "4.no_access_to_education",
    ]
    result = evaluate(indicator_set(slug=CHILD), ids)
    assert result.dimensions[1] and result.dimensions[4]
    assert not result.dimensions[5] and not result.dimensions[6]
    assert result.presumed_victim is True
    assert result.rule == "child: (D1 or D2 or D3) and D4"
    adult = evaluate(indicator_set(slug=ADULT), ids)
    assert adult.presumed_victim is False


def test_evaluation_names_the_indicators_that_made_each_dimension():
    result = evaluate(indicator_set(slug=ADULT), [*DECEPTION, "4.excessive_hours"])
    assert result.fired == {1: sorted(DECEPTION)}


def test_unknown_indicator_is_refused():
    with pytest.raises(ApplicationError, match=r"9\.nonsense"):
        evaluate(indicator_set(slug=ADULT), ["1.deceived_wages", "9.nonsense"])


def test_unknown_set_is_refused():
    with pytest.raises(ApplicationError):
        indicator_set(slug="no-such-set")


def test_bundled_lists_have_the_published_counts():
    adult = Counter(
        Indicator.objects.filter(dimension__indicator_set__slug=ADULT).values_list(
            "dimension__number", flat=True
        )
    )
    assert [adult[n] for n in range(1, 7)] == [10, 10, 16, 9, 15, 7]
    child = Indicator.objects.filter(dimension__indicator_set__slug=CHILD)
    assert child.count() == 65
    assert not child.filter(strength="weak").exists()
    assert not indicator_set(slug=ADULT).verified


def test_screening_sets_command_prints_the_documented_json(capsys):
    call_command("screening_sets", "--json")
    sets = json.loads(capsys.readouterr().out)
    adult = next(s for s in sets if s["slug"] == ADULT)
    assert {k: adult[k] for k in ("population", "exploitation", "version", "verified")} == {
        "population": "adult",
        "exploitation": "labour",
        "version": 1,
        "verified": False,
    }
    first = adult["dimensions"][0]
    assert first["number"] == 1
    indicator = first["indicators"][0]
    assert indicator["id"] == "1.deceived_nature_of_job"
    assert indicator["strength"] == "strong"
    assert set(indicator["text"]) == {"fr", "ar", "en"}


def test_screening_evaluate_command(capsys):
    ids = ",".join(DECEPTION + EXPLOITATION + COERCION_AT_DESTINATION)
    call_command("screening_evaluate", "--set", ADULT, "--indicators", ids)
    printed = json.loads(capsys.readouterr().out)
    assert printed == {
        "dimensions": {"1": True, "2": False, "3": False, "4": True, "5": True, "6": False},
        "presumed_victim": True,
        "rule": "adult: (D1 or D2 or D3) and D4 and (D5 or D6)",
    }


@pytest.mark.parametrize(
    "args",
    [["--set", "nope", "--indicators", "1.deceived_wages"], ["--set", ADULT, "--indicators", "x"]],
)
def test_screening_evaluate_command_exits_2_on_unknown_input(capsys, args):
    with pytest.raises(SystemExit) as exit_info:
        call_command("screening_evaluate", *args)
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.strip()
