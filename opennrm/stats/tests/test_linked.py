"""Tables sharing a total: every table published of a figure for one year (nationally by each
dimension, by region) comes from linked tables. The attacker knows every published count of
every table at once, and that their totals are the same persons; linear programming must not
pin any hidden count to one value."""

import random

import numpy as np
import pytest
from scipy.optimize import linprog

from opennrm.stats.linked import Cube, protect_linked
from opennrm.stats.suppression import Rule, _grid, suppressed_positions

NATIONAL = Rule(min_cell=5)
PUBLIC = Rule(min_cell=11)
REGIONS = ["MA-01", "MA-02", "MA-03", "MA-04", "MA-05"]


def _population(seed):
    rng = random.Random(seed)
    units = []
    for _ in range(rng.randint(15, 160)):
        # A few crowded regions and some almost empty ones.
        region = rng.choices(REGIONS, weights=[30, 20, 6, 2, 1])[0]
        units.append(
            {
                "region": region,
                "sex": rng.choices(["F", "M", "X"], weights=[10, 8, 1])[0],
                "age": rng.choice(["0-8", "9-17", "18-20", "21-23", "48+"]),
            }
        )
    return units


def _cubes(units):
    """The national tables by sex and by age (one column each) and by region (one row)."""
    cubes = []
    for by in ("sex", "age"):
        rows = sorted({u[by] for u in units})
        counts = [[sum(1 for u in units if u[by] == r)] for r in rows]
        cubes.append(Cube(by=by, rows=rows, columns=["total"], counts=counts, additive=True))
    regions = sorted({u["region"] for u in units})
    counts = [[sum(1 for u in units if u["region"] == r) for r in regions]]
    cubes.append(Cube(by="region", rows=["total"], columns=regions, counts=counts, additive=True))
    return cubes


def _attack(cubes, hidden):
    """Least and greatest value of each hidden position of each cube, knowing all published
    positions and that the cubes' totals are equal (the same persons)."""
    variables = {}
    for c, cube in enumerate(cubes):
        for i in range(len(cube.rows)):
            for j in range(len(cube.columns)):
                variables[(c, i, j)] = len(variables)
    n = len(variables)

    def expression(c, i, j):
        """The grid position (totals included) as a sum of data cells."""
        cube = cubes[c]
        rows = range(len(cube.rows)) if i == len(cube.rows) else [i]
        columns = range(len(cube.columns)) if j == len(cube.columns) else [j]
        vector = np.zeros(n)
        for r in rows:
            for k in columns:
                vector[variables[(c, r, k)]] = 1
        return vector

    equations, targets = [], []
    for c, cube in enumerate(cubes):
        grid = _grid(cube.counts, len(cube.columns))
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                if (i, j) not in hidden[cube.by]:
                    equations.append(expression(c, i, j))
                    targets.append(value)
        # Linked: the same total as the first cube.
        if c:
            first = cubes[0]
            equations.append(
                expression(c, len(cube.rows), len(cube.columns))
                - expression(0, len(first.rows), len(first.columns))
            )
            targets.append(0)
    ranges = {}
    for c, cube in enumerate(cubes):
        for i, j in hidden[cube.by]:
            objective = expression(c, i, j)
            low = linprog(objective, A_eq=equations, b_eq=targets, bounds=(0, None))
            high = linprog(-objective, A_eq=equations, b_eq=targets, bounds=(0, None))
            assert low.status == 0, low.message
            ranges[(cube.by, i, j)] = (
                low.fun,
                float("inf") if high.status == 3 else -high.fun,
            )
    return ranges


@pytest.mark.parametrize("rule", [NATIONAL, PUBLIC], ids=["national", "public"])
def test_tables_protected_one_by_one_share_a_protected_total(rule):
    """What the application does: each table protected when asked for, alone; attacked
    together, nothing hidden can be worked out."""
    for seed in range(60):
        cubes = _cubes(_population(seed))
        alone = {
            cube.by: suppressed_positions(cube.counts, rule, len(cube.columns)) for cube in cubes
        }
        for position, (low, high) in _attack(cubes, alone).items():
            assert high - low >= 1 - 1e-6, (seed, position, low, high)


def test_a_single_line_table_hides_its_total_only_when_it_is_small():
    rng = random.Random(3)
    for _ in range(2000):
        counts = [rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 15, 40]) for _ in range(rng.randint(1, 8))]
        total = sum(counts)
        column = suppressed_positions([[c] for c in counts], NATIONAL, 1)
        row = suppressed_positions([counts], NATIONAL, len(counts))
        assert ((len(counts), 1) in column) == NATIONAL.is_small(total), counts
        assert ((1, len(counts)) in row) == NATIONAL.is_small(total), counts


@pytest.mark.parametrize("rule", [NATIONAL, PUBLIC], ids=["national", "public"])
def test_no_hidden_count_can_be_worked_out_from_all_published_tables(rule):
    for seed in range(60):
        cubes = _cubes(_population(seed))
        hidden = protect_linked(cubes, rule)
        for cube in cubes:
            grid = _grid(cube.counts, len(cube.columns))
            for i, row in enumerate(grid):
                for j, value in enumerate(row):
                    if rule.is_small(value):
                        assert (i, j) in hidden[cube.by]
        for position, (low, high) in _attack(cubes, hidden).items():
            assert high - low >= 1 - 1e-6, (seed, position, low, high)


def test_a_total_hidden_in_one_table_is_hidden_in_all():
    # 12 persons: by sex 11 and 1 (the 1 needs a companion: with two rows, the total or the
    # 11), by region 6 and 6 (nothing small).
    sex = Cube("sex", ["F", "M"], ["total"], [[11], [1]], True)
    region = Cube("region", ["total"], ["MA-01", "MA-02"], [[6, 6]], True)
    hidden = protect_linked([sex, region], NATIONAL)
    sex_total = (2, 1) in hidden["sex"]
    assert sex_total == ((1, 2) in hidden["region"])
