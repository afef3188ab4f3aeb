"""Clusters from scored pairs: strongest first, never two different full dates of birth."""

from opennrm.matching.clusters import cluster_pairs, cluster_records


def test_a_year_only_record_does_not_chain_two_namesakes():
    # b (year of birth only) scores far higher with c than with a namesake a born the same
    # year, whose full date differs from c's: b goes with c, a stays apart.
    births = {"a": "1990-05-02", "b": None, "c": "1990-11-20"}
    clusters = cluster_pairs(["a", "b", "c"], births, [("a", "b", 0.4), ("b", "c", 0.97)])
    assert clusters["b"][0] == clusters["c"][0] == "b"
    assert clusters["a"] == ("a", None)  # alone: the pair it lost does not count for it
    assert clusters["b"][1] == 0.97


def test_a_year_only_record_as_like_two_people_is_left_alone():
    # Which of the two namesakes b is cannot be told: guessing could join two victims' files.
    births = {"a": "1990-05-02", "b": None, "c": "1990-11-20", "d": "1990-11-20"}
    pairs = [("a", "b", 0.93), ("b", "c", 0.97), ("c", "d", 0.99)]  # 0.93 >= 0.8 x 0.97
    clusters = cluster_pairs(["a", "b", "c", "d"], births, pairs)
    assert clusters["b"] == ("b", None)
    assert clusters["a"] == ("a", None)
    assert clusters["c"] == clusters["d"] == ("c", 0.99)


def test_connected_records_join_when_nothing_conflicts():
    births = {"a": "1990-05-02", "b": None, "c": "1990-05-02", "d": "1990-05-03"}
    pairs = [("a", "b", 0.95), ("b", "c", 0.9), ("c", "d", 0.8)]  # d: only the day differs
    clusters = cluster_pairs(["d", "c", "b", "a"], births, pairs)
    assert {cluster for cluster, _best in clusters.values()} == {"a"}
    assert clusters["d"] == ("a", 0.8)


def test_a_record_with_no_pair_is_alone():
    assert cluster_pairs(["x"], {"x": None}, []) == {"x": ("x", None)}


def test_a_year_only_record_joins_the_one_person_its_pairs_lead_to():
    # 0.6 alone is short of 0.9 (a namesake born that year could exist), but the file holds
    # none: a and its year-only record c are one person.
    births = {"a": "1990-05-02", "b": "1990-05-02", "c": None}
    pairs = [("a", "b", 0.99), ("a", "c", 0.6), ("b", "c", 0.55)]
    clusters = cluster_pairs(["a", "b", "c"], births, pairs, threshold=0.9)
    assert clusters["c"] == ("a", 0.6)
    assert clusters["a"] == clusters["b"] == ("a", 0.99)


def test_two_year_only_records_of_one_person_both_join_it():
    births = {"a": "1990-05-02", "b": None, "c": None}
    pairs = [("a", "b", 0.7), ("a", "c", 0.65), ("b", "c", 0.8)]
    clusters = cluster_pairs(["a", "b", "c"], births, pairs, threshold=0.9)
    assert {cluster for cluster, _best in clusters.values()} == {"a"}


def test_a_year_only_record_much_likelier_one_person_than_another_joins_it():
    births = {"a": "1990-05-02", "b": None, "c": "1990-11-20"}
    pairs = [("a", "b", 0.75), ("b", "c", 0.52)]  # 0.52 < 0.8 x 0.75
    clusters = cluster_pairs(["a", "b", "c"], births, pairs, threshold=0.9)
    assert clusters["b"] == ("a", 0.75)
    assert clusters["c"] == ("c", None)  # the pair it lost does not count for it


def test_a_year_only_record_leading_to_two_people_or_to_no_date_stays_alone():
    births = {"a": "1990-05-02", "b": None, "c": "1990-11-20", "x": None, "y": None}
    pairs = [("a", "b", 0.7), ("b", "c", 0.6), ("x", "y", 0.8)]  # 0.6 >= 0.8 x 0.7
    clusters = cluster_pairs(["a", "b", "c", "x", "y"], births, pairs, threshold=0.9)
    assert clusters["b"] == ("b", None)
    assert clusters["a"] == ("a", None) and clusters["c"] == ("c", None)
    assert clusters["x"] == ("x", None) and clusters["y"] == ("y", None)


def test_below_the_threshold_records_with_full_dates_stay_apart():
    births = {"a": "1990-05-02", "b": "1990-05-02"}
    clusters = cluster_pairs(["a", "b"], births, [("a", "b", 0.7)], threshold=0.9)
    assert clusters == {"a": ("a", None), "b": ("b", None)}


def test_a_record_as_like_two_people_is_listed_with_both_for_review():
    births = {"a": "1990-05-02", "b": None, "c": "1990-11-20", "d": "1990-11-20"}
    pairs = [("a", "b", 0.93), ("b", "c", 0.97), ("c", "d", 0.99), ("b", "d", 0.95)]
    found = cluster_records(["a", "b", "c", "d"], births, pairs)
    assert found.members["b"] == ("b", None)
    assert found.undecided == {"b": [("c", 0.97), ("a", 0.93)]}


def test_a_sole_candidate_tie_below_the_threshold_is_listed_too():
    births = {"a": "1990-05-02", "b": None, "c": "1990-11-20"}
    pairs = [("a", "b", 0.7), ("b", "c", 0.6)]  # 0.6 >= 0.8 x 0.7: either may be b
    found = cluster_records(["a", "b", "c"], births, pairs, threshold=0.9)
    assert found.undecided == {"b": [("a", 0.7), ("c", 0.6)]}


def test_a_record_that_joins_one_person_is_not_listed():
    births = {"a": "1990-05-02", "b": None, "c": "1990-11-20"}
    pairs = [("a", "b", 0.75), ("b", "c", 0.52)]
    assert cluster_records(["a", "b", "c"], births, pairs, threshold=0.9).undecided == {}


def test_day_and_month_swapped_may_be_one_person_but_not_another_month():
    births = {"a": "1990-03-07", "b": "1990-07-03", "c": "1990-07-15"}
    pairs = [("a", "b", 0.95), ("b", "c", 0.94)]
    found = cluster_pairs(["a", "b", "c"], births, pairs)
    assert found["a"][0] == found["b"][0] == "a"
    assert found["c"] == ("c", None)  # July 15 cannot be March 7


def test_a_year_only_record_is_not_torn_between_one_date_written_two_ways():
    births = {"a": "1990-03-07", "b": "1990-07-03", "x": None}
    pairs = [("a", "x", 0.95), ("b", "x", 0.94)]
    found = cluster_records(["a", "b", "x"], births, pairs)
    assert found.undecided == {}
    assert found.members["x"][0] == found.members["a"][0] == found.members["b"][0]


def test_a_year_one_off_with_the_same_day_may_be_one_person_but_not_two_years():
    births = {"a": "1994-03-07", "b": "1995-03-07", "c": "1996-03-07", "d": "1995-03-08"}
    pairs = [("a", "b", 0.95), ("b", "c", 0.94), ("a", "d", 0.93)]
    found = cluster_pairs(["a", "b", "c", "d"], births, pairs)
    assert found["a"][0] == found["b"][0] == "a"
    assert found["c"] == ("c", None)  # 1996 is two years from 1994, held by the group
    assert found["d"] == ("d", None)  # another day and another year: not a slip


def test_a_date_written_otherwise_joins_the_one_person_holding_it():
    # Day and month swapped (b) or the year one off (c) weigh less than the same date, so
    # their pairs fall short; the file holds no one else they could be.
    for written in ("1990-07-03", "1991-03-07"):
        births = {"a": "1990-03-07", "b": written, "d": "1990-03-07"}
        pairs = [("a", "d", 0.99), ("a", "b", 0.6), ("b", "d", 0.5)]
        found = cluster_pairs(["a", "b", "d"], births, pairs, threshold=0.9)
        assert {cluster for cluster, _best in found.values()} == {"a"}, written


def test_below_the_threshold_twins_and_a_namesake_of_the_same_month_stay_apart():
    # The same date (twins: their names differ) or the same month (a namesake born that
    # month) is no date written otherwise: below the threshold they stay apart.
    births = {"a": "1990-03-07", "twin": "1990-03-07", "namesake": "1990-03-21"}
    pairs = [("a", "twin", 0.7), ("a", "namesake", 0.6)]
    found = cluster_pairs(["a", "twin", "namesake"], births, pairs, threshold=0.9)
    assert found == {"a": ("a", None), "twin": ("twin", None), "namesake": ("namesake", None)}


def test_a_date_written_otherwise_as_like_two_people_stays_alone():
    births = {"a": "1990-03-07", "x": "1990-07-03", "b": "1991-07-03"}  # x: a swapped, b slipped
    pairs = [("a", "x", 0.6), ("b", "x", 0.55)]  # 0.55 >= 0.8 x 0.6
    found = cluster_records(["a", "x", "b"], births, pairs, threshold=0.9)
    assert found.members == {"a": ("a", None), "x": ("x", None), "b": ("b", None)}
    assert found.undecided == {"x": [("a", 0.6), ("b", 0.55)]}  # for a person to decide
