"""Tables that share a total.

Under the national and the public rule a reader could otherwise subtract one published table
from another. So every view of a figure for one year is one of these tables:
- the figure nationally by one dimension (one column: the values and their total);
- the figure by region (one row: the regions and their total), which is also what a region's
  own figure is (a region's figures are totals: broken down further, a breakdown of every
  region could be subtracted from the national one).
Periods are whole calendar years (no two overlap) and other filters are not offered under
these rules, so no published table is the difference of two others. The tables share one
number, the national total (every unit counted once in each table whose dimension gives one
value per unit); a total hidden in one and published in another would undo the first one's
protection.

In a one-column or one-row table the secondary suppression never hides the total unless the
total itself is small: a small line takes another positive line as its companion before the
total, and when there is none the total is the small line itself (tested). So each table may
be protected alone, when it is asked for, and the tables still agree on the total.
`protect_linked` protects several together (forcing a total hidden in one to be hidden in
all) for tables where that would not hold, and for the tests that check that it holds."""

from __future__ import annotations

from dataclasses import dataclass

from opennrm.stats.facts import Counts
from opennrm.stats.suppression import ProtectedTable, Rule, suppressed_positions, with_hidden


@dataclass(frozen=True)
class Cube:
    """A figure broken down by `by`: rows, and columns (one column, or the regions).
    `additive`: each unit counts in one row only, so its total is the national total."""

    by: str
    rows: list[str]
    columns: list[str]
    counts: list[list[int]]
    additive: bool

    @classmethod
    def of(cls, counts: Counts, columns: list[str], additive: bool) -> Cube:
        rows = counts.rows
        return cls(
            by=counts.dimension,
            rows=rows,
            columns=columns,
            counts=[[counts.cells.get((r, c), 0) for c in columns] for r in rows],
            additive=additive,
        )

    def total_positions(self) -> set[tuple[int, int]]:
        """Positions of the grid (with totals) holding the cube's total."""
        last_row, last_column = len(self.rows), len(self.columns)
        positions = {(last_row, last_column)}
        if len(self.columns) == 1:
            positions.add((last_row, 0))
        if len(self.rows) == 1:
            positions.add((0, last_column))
        return positions


def protect_linked(cubes: list[Cube], rule: Rule) -> dict[str, set[tuple[int, int]]]:
    """The hidden positions of each cube (by its `by`), consistent across the shared total."""
    total_hidden = False
    while True:
        result: dict[str, set[tuple[int, int]]] = {}
        found = total_hidden
        for cube in cubes:
            forced = cube.total_positions() if total_hidden and cube.additive else set()
            hidden = suppressed_positions(cube.counts, rule, len(cube.columns), forced)
            result[cube.by] = hidden
            if cube.additive and hidden & cube.total_positions():
                found = True
        if found == total_hidden:
            return result
        total_hidden = found


def tables(
    cubes: list[Cube], rule: Rule, labels: dict[str, tuple[list[str], list[str]]]
) -> dict[str, ProtectedTable]:
    """Each cube as a protected table, rows and columns labelled for the reader."""
    hidden = protect_linked(cubes, rule)
    return {
        cube.by: with_hidden(cube.counts, *labels[cube.by], rule, hidden[cube.by]) for cube in cubes
    }
