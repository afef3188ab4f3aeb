"""Small cells are never published. A table of counts with its row and column totals is
protected in three steps:

1. primary suppression: every count (cell or total) computed from fewer than `k` persons, but
   more than none, is hidden ("< k");
2. secondary suppression: more cells are hidden until no hidden cell can be recovered by
   subtracting the published ones from a row or column total. The table with its totals is seen
   as a grid whose every row and column adds up (cells minus their total); a hidden cell can be
   recovered exactly when no cycle of hidden cells runs through it (its value could not move
   without breaking a sum). So hidden cells are added, smallest positive first, until the graph
   of hidden cells (rows and columns as nodes, hidden cells as edges) has no bridge;
3. rounding (public figures): published counts are rounded to the nearest `rounding`.

Zeros are published: "nobody" points at no one. Secondary cells are chosen among positive
counts, so that every cycle can move both ways and each hidden cell keeps a range of possible
values (a test attacks every protected table with linear programming and must fail)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Rule:
    """`min_cell` persons at least in any published count; counts rounded to `rounding`;
    `split`: the dimension whose values may be read one by one under the rule (linked.py)."""

    min_cell: int
    rounding: int = 1
    split: str = ""

    @classmethod
    def own_organisation(cls) -> Rule:
        """An organisation reads its own figures in full."""
        return cls(min_cell=1)

    @classmethod
    def national(cls) -> Rule:
        """National aggregates for the commission, its members and donors."""
        return cls(min_cell=settings.OPENNRM_STATS_MIN_CELL, split="organisation_type")

    @classmethod
    def public(cls) -> Rule:
        """Anything published: the public report and the public statistics page."""
        return cls(
            min_cell=settings.OPENNRM_PUBLIC_MIN_CELL, rounding=settings.OPENNRM_PUBLIC_ROUNDING
        )

    def is_small(self, count: int) -> bool:
        return 0 < count < self.min_cell

    def shown(self, count: int) -> int:
        if self.rounding <= 1:
            return count
        return (count + self.rounding // 2) // self.rounding * self.rounding


@dataclass(frozen=True)
class Cell:
    count: int | None  # None when hidden
    hidden: bool
    text: str


@dataclass(frozen=True)
class ProtectedTable:
    rows: list[str]
    columns: list[str]
    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell

    def lines(self) -> list[tuple[str, list[Cell], Cell]]:
        """Each row: its label, its cells and its total."""
        return list(zip(self.rows, self.cells, self.row_totals, strict=True))

    def column(self, j: int | None) -> ProtectedTable:
        """One column as a table of its own (None: the totals column), its cells as they are
        protected here: a view of this table, never protected again on its own."""
        if j is None:
            cells, total = self.row_totals, self.total
            label = ""
        else:
            cells, total = [row[j] for row in self.cells], self.column_totals[j]
            label = self.columns[j]
        return ProtectedTable(
            rows=self.rows,
            columns=[label],
            cells=[[c] for c in cells],
            row_totals=list(cells),
            column_totals=[total],
            total=total,
        )

    def hidden_positions(self) -> set[tuple[int, int]]:
        """Hidden positions in the grid with totals (row and column index len(...) = totals)."""
        grid = [[*row, rt] for row, rt in zip(self.cells, self.row_totals, strict=True)]
        grid.append([*self.column_totals, self.total])
        return {(i, j) for i, row in enumerate(grid) for j, cell in enumerate(row) if cell.hidden}


def _grid(counts: Sequence[Sequence[int]], n_columns: int | None = None) -> list[list[int]]:
    """The counts with a totals column and a totals row (a table without rows has totals)."""
    width = (n_columns if n_columns is not None else len(counts[0]) if counts else 0) + 1
    grid = [[*row, sum(row)] for row in counts]
    grid.append([sum(row[j] for row in grid) for j in range(width)])
    return grid


def _bridges(hidden: set[tuple[int, int]], n_rows: int) -> set[tuple[int, int]]:
    """Hidden cells on no cycle: bridges of the bipartite graph rows x columns (Tarjan)."""
    adjacency: dict[int, list[tuple[int, tuple[int, int]]]] = {}
    for i, j in hidden:
        row, column = i, n_rows + j
        adjacency.setdefault(row, []).append((column, (i, j)))
        adjacency.setdefault(column, []).append((row, (i, j)))
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    found: set[tuple[int, int]] = set()
    counter = 0
    for start in adjacency:
        if start in order:
            continue
        # Iterative depth-first search: (node, edge it was reached by, neighbour index).
        stack: list[tuple[int, tuple[int, int] | None, int]] = [(start, None, 0)]
        order[start] = low[start] = counter
        counter += 1
        while stack:
            node, via, index = stack[-1]
            if index < len(adjacency[node]):
                stack[-1] = (node, via, index + 1)
                neighbour, edge = adjacency[node][index]
                if edge == via:
                    continue
                if neighbour in order:
                    low[node] = min(low[node], order[neighbour])
                else:
                    order[neighbour] = low[neighbour] = counter
                    counter += 1
                    stack.append((neighbour, edge, 0))
            else:
                stack.pop()
                if stack and via is not None:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.add(via)
    return found


Rank = tuple[int, int, int, int]


def _companion(
    grid: list[list[int]],
    hidden: set[tuple[int, int]],
    cell: tuple[int, int],
    kept: set[tuple[int, int]],
) -> tuple[Rank, tuple[int, int]] | None:
    """The cell to hide next to put `cell` on a cycle: in its row or column, a positive count
    neither hidden yet nor `kept` (published elsewhere); never the grand total if anything
    else will do, then preferring a line that already has hidden cells, an inner cell to a
    total, the smallest."""
    i, j = cell
    candidates = [(i, c) for c in range(len(grid[0])) if c != j] + [
        (r, j) for r in range(len(grid)) if r != i
    ]
    hidden_rows = {r for r, _c in hidden}
    hidden_columns = {c for _r, c in hidden}

    last_row, last_column = len(grid) - 1, len(grid[0]) - 1

    def rank(position: tuple[int, int]) -> Rank:
        # The grand total is what readers look for first: hidden only when nothing else will
        # do. Then a cell closing a cycle, an inner cell before a line's total, the smallest.
        r, c = position
        grand = r == last_row and c == last_column
        joins = (c in hidden_columns) if r == i else (r in hidden_rows)
        total = r == last_row or c == last_column
        return (int(grand), 0 if joins else 1, int(total), grid[r][c])

    usable = [
        (rank(p), p)
        for p in candidates
        if p not in hidden and p not in kept and grid[p[0]][p[1]] > 0
    ]
    return min(usable) if usable else None


def suppressed_positions(
    counts: Sequence[Sequence[int]],
    rule: Rule,
    n_columns: int | None = None,
    forced: Iterable[tuple[int, int]] = (),
    fixed: Iterable[tuple[int, int]] = (),
) -> set[tuple[int, int]]:
    """Positions hidden in the grid with totals. `forced`: positions hidden whatever their
    value (a total hidden in a linked table), protected like the others. `fixed`: positions
    published elsewhere as they are (a linked table's shared line), never hidden here unless
    small or forced."""
    grid = _grid(counts, n_columns)
    hidden = {
        (i, j) for i, row in enumerate(grid) for j, value in enumerate(row) if rule.is_small(value)
    }
    hidden |= {(i, j) for i, j in forced if grid[i][j] > 0}
    kept = set(fixed) - hidden
    while True:
        bridges = _bridges(hidden, len(grid))
        if not bridges:
            return hidden
        # The best companion of any bridge (a bridge's only option may be a total that another
        # bridge does not need).
        options = [c for c in (_companion(grid, hidden, cell, kept) for cell in bridges) if c]
        if options:
            hidden.add(min(options)[1])
        else:
            # Nothing positive left to hide beside a bridge: hide the whole table but what is
            # published elsewhere.
            return {
                (i, j)
                for i, row in enumerate(grid)
                for j, value in enumerate(row)
                if value > 0 and (i, j) not in kept
            }


def protect(
    counts: Sequence[Sequence[int]],
    rows: list[str],
    columns: list[str],
    rule: Rule,
    forced: Iterable[tuple[int, int]] = (),
) -> ProtectedTable:
    """The table as it may be shown under `rule`."""
    if len(counts) != len(rows) or any(len(row) != len(columns) for row in counts):
        raise ValueError("the counts do not match the rows and columns")
    hidden = suppressed_positions(counts, rule, len(columns), forced)
    return with_hidden(counts, rows, columns, rule, hidden)


def with_hidden(
    counts: Sequence[Sequence[int]],
    rows: list[str],
    columns: list[str],
    rule: Rule,
    hidden: set[tuple[int, int]],
) -> ProtectedTable:
    """The table with the `hidden` positions of its grid (with totals) hidden, the other
    counts shown under `rule`."""
    grid = _grid(counts, len(columns))
    marker = f"< {rule.min_cell}"

    def cell(i: int, j: int) -> Cell:
        if (i, j) in hidden:
            return Cell(count=None, hidden=True, text=marker)
        value = rule.shown(grid[i][j])
        return Cell(count=value, hidden=False, text=str(value))

    n_rows, n_columns = len(rows), len(columns)
    return ProtectedTable(
        rows=rows,
        columns=columns,
        cells=[[cell(i, j) for j in range(n_columns)] for i in range(n_rows)],
        row_totals=[cell(i, n_columns) for i in range(n_rows)],
        column_totals=[cell(n_rows, j) for j in range(n_columns)],
        total=cell(n_rows, n_columns),
    )
