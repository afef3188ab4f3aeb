"""Tables that share totals are protected together.

Under the national and the public rule, a reader could otherwise subtract one published table
from another: "identified victims by sex" for the whole country, minus the same figure for
every region but one, gives that region's figure even where it was hidden. So every view of a
figure for one year is read from one set of cubes, each the figure broken down by one dimension
(rows) and by region (columns):
- the national table by a dimension is the cube's totals column;
- a region's table is the cube's column for that region;
- the cubes of a figure share their region totals and grand total (every unit counted once per
  row): a total hidden in one cube is hidden in all, and their secondary suppression is run
  again until no cube hides a shared total that another publishes.
Periods are whole calendar years (no two of them overlap) and other filters are not offered
under these rules, so no published table is the difference of two others."""

from __future__ import annotations

from dataclasses import dataclass

from opennrm.stats.facts import Counts
from opennrm.stats.suppression import ProtectedTable, Rule, suppressed_positions, with_hidden


@dataclass(frozen=True)
class Cube:
    """A figure broken down by `by` (rows) and region (columns). `additive`: each unit counts
    in one row only, so the cube's column totals are the same persons as in the other cubes."""

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


def protect_linked(cubes: list[Cube], rule: Rule) -> dict[str, set[tuple[int, int]]]:
    """The hidden positions of each cube (by its `by`), consistent across the shared totals."""
    if not cubes:
        return {}
    width = len(cubes[0].columns)
    if any(len(cube.columns) != width for cube in cubes):
        raise ValueError("linked cubes must have the same columns")
    shared: set[int] = set()  # hidden in the totals row: region j, or `width` for the total
    while True:
        result: dict[str, set[tuple[int, int]]] = {}
        found = set(shared)
        for cube in cubes:
            last = len(cube.rows)
            wanted = shared if cube.additive else shared & {width}
            hidden = suppressed_positions(
                cube.counts, rule, width, forced={(last, j) for j in wanted}
            )
            result[cube.by] = hidden
            if cube.additive:
                found |= {j for i, j in hidden if i == last}
        if found == shared:
            return result
        shared = found


def tables(
    cubes: list[Cube], rule: Rule, row_labels: dict[str, list[str]], column_labels: list[str]
) -> dict[str, ProtectedTable]:
    """Each cube as a protected table (rows and columns labelled for the reader)."""
    hidden = protect_linked(cubes, rule)
    return {
        cube.by: with_hidden(cube.counts, row_labels[cube.by], column_labels, rule, hidden[cube.by])
        for cube in cubes
    }
