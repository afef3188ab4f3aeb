"""The records behind one of an organisation's own numbers: the cases (or proceedings) whose
records the figure counted in a row (and column) of its table, read again through the
engine's own readings of each value, so the list is what the number counted. Only for the
organisation's own figures, and only through the access selectors: a case counted because
another organisation referred it (a referral received) stays out of the list and is only
counted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.cases.selectors import CaseFilters, case_list
from opennrm.justice.models import Proceeding
from opennrm.justice.selectors import proceedings_visible_to
from opennrm.stats.catalogue import Figure
from opennrm.stats.facts import TIME_BUCKETS, Facts, Filters, Scope, _day, _readings, bucket
from opennrm.stats.selectors import OWN, View, reader

# Figures whose records have no case: the path from a record to what the list shows.
PROCEEDINGS = {
    "investigations": "proceeding_id",
    "prosecutions": "proceeding_id",
    "persons_prosecuted": "perpetrator__proceeding_id",
    "persons_convicted": "charge__perpetrator__proceeding_id",
}
PERSONS = {"screenings": "person_id"}
MAX_RECORDS = 100_000  # an organisation's records of one figure for one period, read in Python


@dataclass(frozen=True)
class Behind:
    units: int  # what the number counted (persons, referrals, proceedings...)
    cases: QuerySet[Case] | None  # the reader's cases behind it, or None for proceedings
    proceedings: QuerySet[Proceeding] | None
    elsewhere: int  # counted but not the reader's to open (a referral received, a proceeding)
    without_case: int  # persons counted who have no case (screened, not identified)

    @property
    def records(self) -> QuerySet[Any]:
        """What the list shows: the cases, or the proceedings."""
        if self.cases is not None:
            return self.cases
        assert self.proceedings is not None  # noqa: S101 - one of the two, by construction
        return self.proceedings


def has_list(figure: Figure) -> bool:
    """Whether an organisation's number of this figure leads to the records behind it."""
    if figure.key in PROCEEDINGS or figure.key in PERSONS:
        return True
    return figure.own and _case_path(figure) != ""


def _case_path(figure: Figure) -> str:
    """The path from the figure's records to their case ("" when they have none)."""
    facts = figure.facts(Filters.year(2000), Scope(cases=Case.objects.none(), organisations=()))
    if facts.case is None:
        return ""
    return f"{facts.case}_id" if facts.case else "pk"


def _matching(
    facts: Facts, target: str, view: View, value: str, column: str | None
) -> tuple[set[Any], set[Any]]:
    """The units counted in the row `value` (and the column) and what they lead to."""
    path = facts.path(view.by)
    fields = [facts.entity, target, path or facts.entity]
    across = view.across
    timed = across in TIME_BUCKETS
    if across is not None and column is not None:
        fields.append((facts.on if timed else facts.path(across)) or facts.entity)
    units: set[Any] = set()
    targets: set[Any] = set()
    records = facts.rows.order_by().values_list(*fields).distinct()[:MAX_RECORDS]
    for record in records.iterator(chunk_size=5000):
        if value not in _readings(view.by, record[2], facts):
            continue
        if across is not None and column is not None:
            columns = (
                [bucket(_day(record[3]), across)] if timed else _readings(across, record[3], facts)
            )
            if column not in columns:
                continue
        units.add(record[0])
        if record[1] is not None:
            targets.add(record[1])
    return units, targets


def records_behind(
    actor: Membership, figure: Figure, view: View, value: str, column: str | None = None
) -> Behind:
    """The actor's own records behind a row (and column) of its own table of the figure."""
    scope, _rule = reader(actor, OWN)
    facts = figure.facts(view.filters, scope)
    if figure.key in PROCEEDINGS:
        units, ids = _matching(facts, PROCEEDINGS[figure.key], view, value, column)
        proceedings = proceedings_visible_to(actor).filter(pk__in=ids).order_by("-opened_on")
        return Behind(len(units), None, proceedings, len(ids) - proceedings.count(), 0)
    visible = case_list(actor=actor, filters=CaseFilters())
    if figure.key in PERSONS:
        units, persons = _matching(facts, PERSONS[figure.key], view, value, column)
        ids = set(Case.objects.filter(person_id__in=persons).values_list("pk", flat=True))
        with_case = set(
            Case.objects.filter(person_id__in=persons).values_list("person_id", flat=True)
        )
        cases = visible.filter(pk__in=ids)
        return Behind(len(units), cases, None, len(ids) - cases.count(), len(persons - with_case))
    units, ids = _matching(facts, _case_path(figure), view, value, column)
    cases = visible.filter(pk__in=ids)
    return Behind(len(units), cases, None, len(ids) - cases.count(), 0)
