"""Clusters of records from scored pairs, strongest pairs first, never joining two different
full dates of birth.

Connected components alone chain namesakes: a record with a year of birth only that scores
high with two namesakes born the same year would put the two in one cluster, and one wrong
merge joins two victims' files. Here the pairs are taken from the most to the least probable,
and two clusters are joined only if they hold no two full dates of birth that differ in year or
month (a different day alone may be a slip, and the model judged it)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def _month(birth_date: str | None) -> str | None:
    return birth_date[:7] if birth_date else None


def cluster_pairs(
    ids: Sequence[str],
    birth_dates: dict[str, str | None],
    pairs: Iterable[tuple[str, str, float]],
) -> dict[str, tuple[str, float | None]]:
    """Each record's (cluster id, best probability with another record of its cluster, or
    None for a record alone). A cluster's id is its smallest record id."""
    parent: dict[str, str] = {}
    months: dict[str, set[str]] = {}

    def root(node: str) -> str:
        while parent.get(node, node) != node:
            parent[node] = parent.get(parent[node], parent[node])
            node = parent[node]
        return node

    best: dict[str, float] = {}
    for left, right, probability in sorted(pairs, key=lambda pair: -pair[2]):
        a, b = root(left), root(right)
        if a != b:
            joined = months.get(a, set()) | months.get(b, set())
            for node in (a, b):
                if node not in months and (month := _month(birth_dates.get(node))):
                    joined.add(month)
            if len(joined) > 1:
                continue  # two different people's dates of birth: not one person
            keep, gone = (a, b) if a < b else (b, a)
            parent[gone] = keep
            months[keep] = joined
            months.pop(gone, None)
        for node in (left, right):
            best[node] = max(best.get(node, 0.0), probability)
    out: dict[str, tuple[str, float | None]] = {}
    members: dict[str, str] = {}
    for identifier in ids:
        top = root(identifier)
        members[top] = min(members.get(top, identifier), identifier)
    for identifier in ids:
        out[identifier] = (members[root(identifier)], best.get(identifier))
    return out
