"""Clusters from scored pairs: strongest first, never two different full dates of birth."""

from opennrm.matching.clusters import cluster_pairs


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
