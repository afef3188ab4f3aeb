"""Tables sharing a total: every table published of a figure for one year (nationally by each
dimension, by region) comes from linked tables. The attacker knows every published count of
every table at once, and that their totals are the same persons; linear programming must not
pin any hidden count to one value."""

import itertools
import random

import numpy as np
import pytest
from scipy.optimize import linprog

from opennrm.stats.linked import Cube, hidden_positions, line_hidden
from opennrm.stats.suppression import Rule, _grid, suppressed_positions

NATIONAL = Rule(min_cell=5, split="type")
PUBLIC = Rule(min_cell=11)
REGIONS = ["MA-01", "MA-02", "MA-03", "MA-04", "MA-05"]
VALUES = {
    "region": REGIONS,
    "sex": ["F", "M", "X"],
    "age": ["0-8", "9-17", "18-20", "21-23", "48+"],
    "type": ["government", "ngo", "un", "police"],
    "total": ["total"],
}


def _population(seed):
    rng = random.Random(seed)
    units = []
    for _ in range(rng.randint(15, 160)):
        # A few crowded regions and some almost empty ones; one type of organisation rare.
        units.append(
            {
                "region": rng.choices(REGIONS, weights=[30, 20, 6, 2, 1])[0],
                "sex": rng.choices(["F", "M", "X"], weights=[10, 8, 1])[0],
                "age": rng.choice(["0-8", "9-17", "18-20", "21-23", "48+"]),
                "type": rng.choices(VALUES["type"], weights=[10, 8, 5, 1])[0],
                "total": "total",
            }
        )
    return units


def _cube(units, rows_by, columns_by, turned=False):
    rows = sorted({u[rows_by] for u in units})
    columns = sorted({u[columns_by] for u in units})
    counts = [
        [sum(1 for u in units if u[rows_by] == r and u[columns_by] == c) for c in columns]
        for r in rows
    ]
    cube = Cube(by=rows_by, rows=rows, columns=columns, counts=counts, additive=True)
    if turned:
        cube = Cube(
            by="region", rows=rows, columns=columns, counts=counts, additive=True, turned=True
        )
    return cube, rows_by, columns_by


def _cubes(units, rule):
    """What the application publishes of a figure for a year: the line (everybody by the
    split), the tables by sex and by age against the split, the split against the regions."""
    split = rule.split or "total"
    return [
        _cube(units, "total", split),
        _cube(units, "sex", split),
        _cube(units, "age", split),
        _cube(units, split, "region", turned=True),
    ]


def _protect(cubes, rule):
    """Each cube protected alone, given the line, as the application does."""
    line = line_hidden(cubes[0][0], rule)
    return [hidden_positions(cube, rule, line) for cube, _r, _c in cubes]


def _attack(cubes, hidden):
    """Least and greatest value of each hidden position, knowing every published position of
    every cube: each is a sum of the counts of the persons alike in every dimension (the
    unknowns, not negative)."""
    dimensions = ["region", "sex", "age", "type"]
    cells = list(itertools.product(*(VALUES[d] for d in dimensions)))

    def expression(cube, rows_by, columns_by, i, j):
        vector = np.zeros(len(cells))
        for k, values in enumerate(cells):
            person = dict(zip(dimensions, values, strict=True), total="total")
            in_row = i == len(cube.rows) or person[rows_by] == cube.rows[i]
            in_column = j == len(cube.columns) or person[columns_by] == cube.columns[j]
            vector[k] = 1 if in_row and in_column else 0
        return vector

    equations, targets = [], []
    for (cube, rows_by, columns_by), hide in zip(cubes, hidden, strict=True):
        grid = _grid(cube.counts, len(cube.columns))
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                if (i, j) not in hide:
                    equations.append(expression(cube, rows_by, columns_by, i, j))
                    targets.append(value)
    ranges = {}
    for n, ((cube, rows_by, columns_by), hide) in enumerate(zip(cubes, hidden, strict=True)):
        for i, j in hide:
            objective = expression(cube, rows_by, columns_by, i, j)
            low = linprog(objective, A_eq=equations, b_eq=targets, bounds=(0, None))
            high = linprog(-objective, A_eq=equations, b_eq=targets, bounds=(0, None))
            assert low.status == 0, low.message
            ranges[(n, i, j)] = (low.fun, float("inf") if high.status == 3 else -high.fun)
    return ranges


@pytest.mark.parametrize("rule", [NATIONAL, PUBLIC], ids=["national", "public"])
def test_tables_protected_one_by_one_given_the_line_reveal_nothing_together(rule):
    """What the application does: each cube protected when asked for, alone, given the line;
    attacked together, nothing hidden can be worked out."""
    for seed in range(40):
        cubes = _cubes(_population(seed), rule)
        hidden = _protect(cubes, rule)
        for (cube, _r, _c), hide in zip(cubes, hidden, strict=True):
            grid = _grid(cube.counts, len(cube.columns))
            small = {(i, j) for i, row in enumerate(grid) for j, v in enumerate(row)}
            assert {p for p in small if rule.is_small(grid[p[0]][p[1]])} <= hide
        for position, (low, high) in _attack(cubes, hidden).items():
            assert high - low >= 1 - 1e-6, (seed, position, low, high)


def test_every_cube_shows_and_hides_the_line_as_the_line_does():
    for seed in range(40):
        cubes = _cubes(_population(seed), NATIONAL)
        hidden = _protect(cubes, NATIONAL)
        seen = {}
        for (cube, _r, _c), hide in zip(cubes, hidden, strict=True):
            for position, part in cube.shared().items():
                seen.setdefault(part, set()).add(position in hide)
        assert all(len(states) == 1 for states in seen.values()), (seed, seen)


def test_a_single_line_table_hides_its_total_only_when_it_is_small():
    rng = random.Random(3)
    for _ in range(2000):
        counts = [rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 15, 40]) for _ in range(rng.randint(1, 8))]
        total = sum(counts)
        column = suppressed_positions([[c] for c in counts], NATIONAL, 1)
        row = suppressed_positions([counts], NATIONAL, len(counts))
        assert ((len(counts), 1) in column) == NATIONAL.is_small(total), counts
        assert ((1, len(counts)) in row) == NATIONAL.is_small(total), counts
