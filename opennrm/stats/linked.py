"""Tables that share a line.

Under the national and the public rule a reader could otherwise subtract one published table
from another. So every view of a figure for one year is read from one of the figure's cubes,
each a table with its totals, its columns a split of the persons counted (the types of
organisation under the national rule; one column, everybody, under the public rule):
- the line: the figure by split (one row), its totals being the national figure;
- a breakdown: the figure by one dimension (rows) and split (columns); the national table by
  that dimension is its totals column, the same for one type of organisation one of its
  columns;
- the regions: the figure by split (rows) and region (columns), turned: a region's own figure
  is a cell of its totals row (a region's figures are totals: broken down further, a breakdown
  of every region could be subtracted from the national one).
Periods are whole calendar years (no two overlap) and there is no other filter under these
rules, so no published table is the difference of two others.

What they share is the line: the figure for each part of the split and for all, the same
persons in every cube whose rows count each unit once (`additive`). The line is protected
first, alone; every other cube is then protected with the line as it is published there: what
the line hides is hidden (`forced`), what it shows is never hidden (`fixed`, the secondary
suppression finds its companions elsewhere). So each cube is protected when it is asked for,
alone, and all of them agree on the line; a linear-programming attack on every published cell
of every cube of random populations recovers nothing (tests)."""

from __future__ import annotations

from dataclasses import dataclass

from opennrm.stats.facts import TOTAL, Counts
from opennrm.stats.suppression import ProtectedTable, Rule, suppressed_positions, with_hidden

Position = tuple[int, int]


@dataclass(frozen=True)
class Cube:
    """A figure by `by` (rows) and by the split (columns); `turned`: by the split (rows) and
    region (columns). `additive`: each unit counts in one row (and one column) only, so the
    cube's line of the split is the same persons as everywhere else."""

    by: str
    rows: list[str]
    columns: list[str]
    counts: list[list[int]]
    additive: bool
    turned: bool = False

    @classmethod
    def of(cls, counts: Counts, additive: bool, turned: bool = False) -> Cube:
        rows = counts.rows
        return cls(
            by=counts.dimension,
            rows=rows,
            columns=counts.columns,
            counts=[counts.row(r) for r in rows],
            additive=additive,
            turned=turned,
        )

    def shared(self) -> dict[Position, str]:
        """The positions of the grid (with totals) holding the line: each part of the split
        (by its value) and everybody (`TOTAL`). None for a cube whose rows are not additive."""
        if not self.additive:
            return {}
        last_row, last_column = len(self.rows), len(self.columns)
        found: dict[Position, str] = {(last_row, last_column): TOTAL}
        if self.turned:
            found.update({(i, last_column): part for i, part in enumerate(self.rows)})
            if len(self.columns) == 1:  # a single region: its column is the line again
                found.update({(i, 0): part for i, part in enumerate(self.rows)})
                found[(last_row, 0)] = TOTAL
        else:
            found.update({(last_row, j): part for j, part in enumerate(self.columns)})
            if len(self.rows) == 1:  # a single row: it is the line again
                found.update({(0, j): part for j, part in enumerate(self.columns)})
                found[(0, last_column)] = TOTAL
        return found


def line_hidden(line: Cube, rule: Rule) -> frozenset[str]:
    """The parts of the split (and `TOTAL`) that the line hides, protected alone."""
    hidden = suppressed_positions(line.counts, rule, len(line.columns))
    shared = line.shared()
    return frozenset(shared[p] for p in hidden if p in shared)


def hidden_positions(cube: Cube, rule: Rule, line: frozenset[str]) -> set[Position]:
    """The cube's hidden positions, the line hidden and shown as in the line itself."""
    shared = cube.shared()
    forced = {p for p, part in shared.items() if part in line}
    fixed = {p for p, part in shared.items() if part not in line}
    return suppressed_positions(cube.counts, rule, len(cube.columns), forced, fixed)


def table(
    cube: Cube, rule: Rule, line: frozenset[str], rows: list[str], columns: list[str]
) -> ProtectedTable:
    """The cube as a protected table, rows and columns labelled for the reader."""
    return with_hidden(cube.counts, rows, columns, rule, hidden_positions(cube, rule, line))
