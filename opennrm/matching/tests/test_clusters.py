"""Clusters from scored pairs: strongest first, never two different full dates of birth."""

from opennrm.matching.clusters import cluster_pairs


def test_a_year_only_record_does_not_chain_two_namesakes():
    # b (year of birth only) scores high with two namesakes born the same year, a and c,
    # whose full dates differ: b goes with the stronger, a and c stay apart.
    births = {"a": "1990-05-02", "b": None, "c": "1990-11-20"}
    clusters = cluster_pairs(["a", "b", "c"], births, [("a", "b", 0.93), ("b", "c", 0.97)])
    assert clusters["b"][0] == clusters["c"][0] == "b"
    assert clusters["a"] == ("a", None)  # alone: the pair it lost does not count for it
    assert clusters["b"][1] == 0.97


def test_connected_records_join_when_nothing_conflicts():
    births = {"a": "1990-05-02", "b": None, "c": "1990-05-02", "d": "1990-05-03"}
    pairs = [("a", "b", 0.95), ("b", "c", 0.9), ("c", "d", 0.8)]  # d: only the day differs
    clusters = cluster_pairs(["d", "c", "b", "a"], births, pairs)
    assert {cluster for cluster, _best in clusters.values()} == {"a"}
    assert clusters["d"] == ("a", 0.8)


def test_a_record_with_no_pair_is_alone():
    assert cluster_pairs(["x"], {"x": None}, []) == {"x": ("x", None)}
