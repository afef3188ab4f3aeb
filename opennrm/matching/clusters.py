"""Clusters of records from scored pairs, strongest pairs first, never joining two different
full dates of birth.

Connected components alone chain namesakes: a record with a year of birth only that scores
high with two namesakes born the same year would put the two in one cluster, and one wrong
merge joins two victims' files. Here the pairs are taken from the most to the least probable,
and two clusters are joined only if they hold no two full dates of birth that differ in year or
month (a different day alone may be a slip, and the model judged it).

A record with no full date of birth that scores about as high with two people (records whose
full dates differ) is one of them, but which cannot be told: it is left alone rather than
guessed, for a person to decide."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

# A record without a full date is left alone when its second-best person scores at least this
# share of its best.
AMBIGUOUS_RATIO = 0.8


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

    pairs = list(pairs)
    ambiguous = _ambiguous(birth_dates, pairs)
    best: dict[str, float] = {}
    for left, right, probability in sorted(pairs, key=lambda pair: -pair[2]):
        if left in ambiguous or right in ambiguous:
            continue
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


def _ambiguous(birth_dates: dict[str, str | None], pairs: list[tuple[str, str, float]]) -> set[str]:
    """Records without a full date whose best matches are born in different months, about as
    probable as each other."""
    by_month: dict[str, dict[str, float]] = defaultdict(dict)
    for left, right, probability in pairs:
        for undated, other in ((left, right), (right, left)):
            month = _month(birth_dates.get(other))
            if birth_dates.get(undated) is None and month is not None:
                months = by_month[undated]
                months[month] = max(months.get(month, 0.0), probability)
    ambiguous = set()
    for record, months in by_month.items():
        if len(months) > 1:
            first, second = sorted(months.values(), reverse=True)[:2]
            if second >= AMBIGUOUS_RATIO * first:
                ambiguous.add(record)
    return ambiguous
