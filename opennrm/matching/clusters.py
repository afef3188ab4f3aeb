"""Clusters of records from scored pairs, strongest pairs first, never joining two different
full dates of birth.

Connected components alone chain namesakes: a record with a year of birth only that scores
high with two namesakes born the same year would put the two in one cluster, and one wrong
merge joins two victims' files. Here the pairs are taken from the most to the least probable,
and two clusters are joined only if they hold no two full dates of birth that differ in year or
month (a different day alone may be a slip, and the model judged it; day and month swapped,
03/07 and 07/03, may be one date written in two habits; the same day and month a year apart
may be a slip of one digit).

A record with no full date of birth that scores about as high with two people (records whose
full dates differ) is one of them, but which cannot be told: it is left alone rather than
guessed, for a person to decide.

A pair's probability is worked out for the pair alone: a year of birth and a common name
agreeing leave it short of the threshold, since a namesake born that year could exist. The
file itself says whether one does. So a record with no full date that is still alone after the
strong pairs joins the person its pairs above a lower threshold (the sole-candidate threshold)
lead to, if that person has a full date of birth on record and no other person is about as
likely; with pairs leading to two people about alike, or only to records without a full date,
it stays alone. So does a record whose full date is another's written otherwise (day and month
swapped, the year one off): such a date weighs less than the same date in the pair's
probability, yet among namesakes the person holding that very date is the only one it can be.
Never a record with the same date as another (twins share it, and their names told the model
they are two) or merely the same month (namesakes are often born in the same month)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# A record without a full date is left alone when its second-best person scores at least this
# share of its best.
AMBIGUOUS_RATIO = 0.8


def _month(birth_date: str | None) -> str | None:
    return birth_date[:7] if birth_date else None


def compatible(a: str, b: str) -> bool:
    """Two full dates of birth one person may have on record: the same year and month (a
    different day may be a slip), day and month swapped, or the same day and month with the
    year one off (a slip of one digit)."""
    return a[:7] == b[:7] or _swapped(a) == b or _year_slip(a, b)


def _year_slip(a: str, b: str) -> bool:
    return (
        a[4:] == b[4:] and a[:4].isdigit() and b[:4].isdigit() and abs(int(a[:4]) - int(b[:4])) == 1
    )


def _written_otherwise(a: str, b: str) -> bool:
    """One date of birth written two ways: day and month swapped, or the year one off. Not
    the same date (twins share it, and their names told the model they are two) nor merely
    the same month (namesakes are often born in the same month)."""
    return _swapped(a) == b or _year_slip(a, b)


def _swapped(birth_date: str) -> str | None:
    """The date with day and month exchanged, when both could be a month (12 or less) and
    differ: 1990-07-03 and 1990-03-07 may be one date written in two habits."""
    year, month, day = birth_date[:4], birth_date[5:7], birth_date[8:10]
    if day == month or not day.isdigit() or int(day) > 12:
        return None
    return f"{year}-{day}-{month}"


class _Clusters:
    """Records joined into people: each cluster's root, size and the full dates of birth its
    records hold."""

    def __init__(self, birth_dates: dict[str, str | None]) -> None:
        self.birth_dates = birth_dates
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}
        self.months: dict[str, set[str]] = {}
        self.best: dict[str, float] = {}
        # Records left alone because two or more people are about as likely: record -> the
        # records (of those people) it scored best with, and how probable each is.
        self.undecided: dict[str, dict[str, float]] = {}

    def root(self, node: str) -> str:
        parent = self.parent
        while parent.get(node, node) != node:
            parent[node] = parent.get(parent[node], parent[node])
            node = parent[node]
        return node

    def dated(self, root: str) -> set[str]:
        """The full dates of birth a cluster holds (given its root)."""
        if root in self.months:
            return self.months[root]
        date = self.birth_dates.get(root)
        return {date} if date else set()

    def alone(self, node: str) -> bool:
        return self.root(node) == node and self.size.get(node, 1) == 1

    def join(self, a: str, b: str) -> bool:
        """Join the clusters of a and b unless they hold two dates of birth one person
        cannot have (different months, unless day and month are swapped)."""
        a, b = self.root(a), self.root(b)
        if a == b:
            return True
        left, right = self.dated(a), self.dated(b)
        if any(not compatible(x, y) for x in left for y in right):
            return False  # two different people's dates of birth: not one person
        keep, gone = (a, b) if a < b else (b, a)
        self.parent[gone] = keep
        self.size[keep] = self.size.pop(keep, 1) + self.size.pop(gone, 1)
        self.months.pop(gone, None)
        self.months[keep] = left | right
        return True

    def note(self, node: str, probability: float) -> None:
        self.best[node] = max(self.best.get(node, 0.0), probability)


@dataclass
class Clustering:
    """Each record's (cluster id, best probability with another record of its cluster, or None
    for a record alone), and the records left alone for a person to decide: record -> the
    clusters it may belong to, with the best probability of each, most probable first."""

    members: dict[str, tuple[str, float | None]]
    undecided: dict[str, list[tuple[str, float]]] = field(default_factory=dict)


def cluster_pairs(
    ids: Sequence[str],
    birth_dates: dict[str, str | None],
    pairs: Iterable[tuple[str, str, float]],
    *,
    threshold: float = 0.0,
) -> dict[str, tuple[str, float | None]]:
    """Each record's (cluster id, best probability with another record of its cluster, or
    None for a record alone): cluster_records without the undecided records."""
    return cluster_records(ids, birth_dates, pairs, threshold=threshold).members


def cluster_records(
    ids: Sequence[str],
    birth_dates: dict[str, str | None],
    pairs: Iterable[tuple[str, str, float]],
    *,
    threshold: float = 0.0,
) -> Clustering:
    """Records into clusters. A cluster's id is its smallest record id. Pairs at or above
    `threshold` join records; weaker pairs given (the caller cuts them at the sole-candidate
    threshold) only lead a record with no full date to the person they point to, when no other
    is about as likely. A record about as likely to be two people stays alone and is listed
    with those people (undecided)."""
    clusters = _Clusters(birth_dates)
    every = list(pairs)
    strong = [pair for pair in every if pair[2] >= threshold]
    ambiguous = _ambiguous(birth_dates, strong, clusters.undecided)
    for left, right, probability in sorted(strong, key=lambda pair: -pair[2]):
        if left in ambiguous or right in ambiguous:
            continue
        if clusters.join(left, right):
            clusters.note(left, probability)
            clusters.note(right, probability)
    _sole_candidates(clusters, every, ambiguous)
    members: dict[str, str] = {}
    for identifier in ids:
        top = clusters.root(identifier)
        members[top] = min(members.get(top, identifier), identifier)
    undecided: dict[str, list[tuple[str, float]]] = {}
    for record, others in clusters.undecided.items():
        if not clusters.alone(record):
            continue  # joined someone after all (a later round of sole candidates)
        people: dict[str, float] = {}
        for other, probability in others.items():
            person = members.get(clusters.root(other), other)
            people[person] = max(people.get(person, 0.0), probability)
        if len(people) > 1:
            undecided[record] = sorted(people.items(), key=lambda item: (-item[1], item[0]))
    return Clustering(
        members={
            identifier: (members[clusters.root(identifier)], clusters.best.get(identifier))
            for identifier in ids
        },
        undecided=undecided,
    )


def _sole_candidates(
    clusters: _Clusters, pairs: list[tuple[str, str, float]], ambiguous: set[str]
) -> None:
    """Join each record with no full date, still alone, to the person its pairs lead to, if
    that person has a full date and no other is about as likely. Repeated until nothing joins:
    a record may lead to one that has just joined."""
    partners: dict[str, dict[str, float]] = defaultdict(dict)
    for left, right, probability in pairs:
        for undated, other in ((left, right), (right, left)):
            if undated not in ambiguous:
                partners[undated][other] = max(partners[undated].get(other, 0.0), probability)
    joined = True
    while joined:
        joined = False
        for record in sorted(partners):
            if not clusters.alone(record):
                del partners[record]
                continue
            ranked = _candidates(clusters, record, partners[record])
            if not ranked:
                continue  # only records without a full date: nothing to anchor the guess
            if _torn(ranked):
                # About as likely to be two people: left alone, for a person to decide.
                clusters.undecided[record] = {
                    other: probability
                    for other, probability in partners[record].items()
                    if clusters.root(other) in dict(ranked)
                    and probability >= AMBIGUOUS_RATIO * ranked[0][1]
                }
                continue
            person = ranked[0][0]
            if (
                clusters.alone(person)
                and clusters.birth_dates.get(person) is not None
                and _torn(_candidates(clusters, person, partners.get(person, {})))
            ):
                continue  # the one it leads to is itself as like another person
            clusters.undecided.pop(record, None)
            clusters.join(record, person)
            for other, probability in partners.pop(record).items():
                if clusters.root(other) == clusters.root(record):
                    clusters.note(other, probability)
                    clusters.note(record, probability)
            joined = True


def _candidates(
    clusters: _Clusters, record: str, partners: dict[str, float]
) -> list[tuple[str, float]]:
    """The people (cluster roots) a record still alone may be, most probable first: those with
    a full date of birth on record (records without one, still alone, tell nothing apart); for
    a record with a full date, only people holding that date written otherwise and no date it
    cannot share."""
    own = clusters.birth_dates.get(record)
    people: dict[str, float] = {}
    for other, probability in partners.items():
        person = clusters.root(other)
        dates = clusters.dated(person)
        if not dates or person == clusters.root(record):
            continue
        if own is not None and not (
            any(_written_otherwise(own, date) for date in dates)
            and all(compatible(own, date) for date in dates)
        ):
            continue
        people[person] = max(people.get(person, 0.0), probability)
    return sorted(people.items(), key=lambda item: -item[1])


def _torn(ranked: list[tuple[str, float]]) -> bool:
    """About as likely to be two people (the second at least AMBIGUOUS_RATIO of the first)."""
    return len(ranked) > 1 and ranked[1][1] >= AMBIGUOUS_RATIO * ranked[0][1]


def _ambiguous(
    birth_dates: dict[str, str | None],
    pairs: list[tuple[str, str, float]],
    undecided: dict[str, dict[str, float]],
) -> set[str]:
    """Records without a full date whose best matches are born in different months, about as
    probable as each other (noted in `undecided` with those matches)."""
    by_month: dict[str, dict[str, tuple[float, str]]] = defaultdict(dict)
    for left, right, probability in pairs:
        for undated, other in ((left, right), (right, left)):
            month = _month(birth_dates.get(other))
            if birth_dates.get(undated) is None and month is not None:
                months = by_month[undated]
                if probability > months.get(month, (0.0, ""))[0]:
                    months[month] = (probability, other)
    ambiguous = set()
    for record, months in by_month.items():
        if len(months) > 1:
            ranked = sorted(months.values(), reverse=True)
            best = ranked[0]
            # The strongest match born in a month that cannot be the best one's (a swapped
            # day and month is the same date written otherwise).
            other_people = [
                entry
                for entry in ranked[1:]
                if not compatible(birth_dates[best[1]] or "", birth_dates[entry[1]] or "")
            ]
            if other_people and other_people[0][0] >= AMBIGUOUS_RATIO * best[0]:
                ambiguous.add(record)
                undecided[record] = {
                    other: probability
                    for probability, other in ranked
                    if probability >= AMBIGUOUS_RATIO * best[0]
                }
    return ambiguous
