"""Small cells never leak: every protected table is attacked with linear programming (the
published counts and totals as constraints, counts never negative) and no hidden cell may be
pinned to a single value."""

import random

import numpy as np
import pytest
from scipy.optimize import linprog

from opennrm.stats.suppression import Rule, _grid, protect, suppressed_positions

NATIONAL = Rule(min_cell=5)
PUBLIC = Rule(min_cell=11, rounding=5)


def _attack(counts, hidden):
    """For each hidden position, the least and greatest value it can take given everything
    published (exact published values: a stronger attacker than rounding allows)."""
    grid = _grid(counts)
    unknowns = sorted(hidden)
    index = {p: n for n, p in enumerate(unknowns)}
    rows, cols = len(grid), len(grid[0])
    equations, targets = [], []
    # Each data row adds up to its total; each column to its total.
    for i in range(rows):
        coefficients = np.zeros(len(unknowns))
        known = 0
        for j in range(cols):
            sign = -1 if j == cols - 1 else 1
            if (i, j) in index:
                coefficients[index[(i, j)]] += sign
            else:
                known += sign * grid[i][j]
        equations.append(coefficients)
        targets.append(-known)
    for j in range(cols):
        coefficients = np.zeros(len(unknowns))
        known = 0
        for i in range(rows):
            sign = -1 if i == rows - 1 else 1
            if (i, j) in index:
                coefficients[index[(i, j)]] += sign
            else:
                known += sign * grid[i][j]
        equations.append(coefficients)
        targets.append(-known)
    ranges = {}
    for position, n in index.items():
        objective = np.zeros(len(unknowns))
        objective[n] = 1
        low = linprog(objective, A_eq=equations, b_eq=targets, bounds=(0, None))
        high = linprog(-objective, A_eq=equations, b_eq=targets, bounds=(0, None))
        assert low.status == 0, (counts, low.message)
        # Unbounded above (status 3): a cell and all its totals hidden can grow together.
        ranges[position] = (low.fun, float("inf") if high.status == 3 else -high.fun)
    return ranges


def _assert_safe(counts, rule):
    hidden = suppressed_positions(counts, rule)
    grid = _grid(counts)
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if rule.is_small(value):
                assert (i, j) in hidden, (counts, i, j)
    for position, (low, high) in _attack(counts, hidden).items():
        assert high - low >= 1 - 1e-6, (counts, position, low, high)
    return hidden


def test_a_single_small_cell_takes_a_companion_in_its_row_and_column():
    counts = [[3, 40, 50], [60, 70, 80], [90, 100, 110]]
    hidden = _assert_safe(counts, NATIONAL)
    assert (0, 0) in hidden
    assert len(hidden) >= 4  # a cycle needs four corners


def test_a_small_row_total_is_hidden_and_protected():
    counts = [[1, 2, 0], [30, 40, 50]]
    hidden = _assert_safe(counts, NATIONAL)
    assert (0, 3) in hidden  # the row total 3


def test_zeros_are_published():
    counts = [[0, 40], [60, 70]]
    assert suppressed_positions(counts, NATIONAL) == set()


@pytest.mark.parametrize("rule", [NATIONAL, PUBLIC], ids=["national", "public"])
def test_no_hidden_cell_of_any_table_can_be_recovered(rule):
    rng = random.Random(2026)
    for _ in range(150):
        rows, cols = rng.randint(1, 6), rng.randint(1, 6)
        counts = [
            [rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 12, 25, 80]) for _ in range(cols)]
            for _ in range(rows)
        ]
        _assert_safe(counts, rule)


def test_the_protected_table_shows_markers_and_rounds_public_counts():
    table = protect([[3, 40], [62, 71]], ["a", "b"], ["x", "y"], PUBLIC)
    assert table.cells[0][0].text == "< 11"
    assert table.cells[0][0].count is None
    shown = [c.count for row in table.cells for c in row if not c.hidden]
    assert all(value % 5 == 0 for value in shown)
    national = protect([[3, 40], [62, 71]], ["a", "b"], ["x", "y"], NATIONAL)
    assert national.cells[0][0].text == "< 5"


def test_an_organisation_reads_its_own_figures_in_full():
    table = protect([[1, 2], [3, 4]], ["a", "b"], ["x", "y"], Rule.own_organisation())
    assert not table.hidden_positions()
    assert table.total.count == 10


def test_counts_that_do_not_match_the_labels_are_refused():
    with pytest.raises(ValueError, match="do not match"):
        protect([[1, 2]], ["a", "b"], ["x", "y"], NATIONAL)


def test_a_table_without_rows_shows_zero_totals():
    table = protect([], [], ["Persons"], NATIONAL)
    assert table.total.text == "0"
    assert [c.text for c in table.column_totals] == ["0"]
