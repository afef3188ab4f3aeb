"""Measure the name keys on pairs of spellings of the same name (recall) and of different names
(false-match rate), against Double Metaphone and Jaro-Winkler >= 0.9 on the same pairs.

    python bench/name_keys_bench.py [--latin-only] [--table maghreb|migrants]

Data: opennrm/matching/data/name_variants.tsv (common names in Arabic script and their Latin
spellings; --latin-only leaves out the Arabic-script forms, which the baselines cannot read)
or name_variants_migrants.tsv (West African and South Asian spellings, each line with its
source)."""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from opennrm.matching.names import name_keys  # noqa: E402
from opennrm.matching.variants import maghreb_names, migrant_names  # noqa: E402


def load() -> list[list[str]]:
    """Each name of the Maghreb table: its Arabic form, then its Latin spellings."""
    return [[name.arabic, *name.spellings] for name in maghreb_names()]


def load_migrants() -> list[list[str]]:
    """Each name of the migrants' table: its spellings (the source left aside)."""
    return [name.spellings for name in migrant_names()]


def pairs(groups: list[list[str]], latin_only: bool) -> tuple[list, list]:
    same, different = [], []
    names = [g[1:] if latin_only else g for g in groups]
    for group in names:
        same.extend(itertools.combinations(group, 2))
    for a, b in itertools.combinations(range(len(names)), 2):
        different.extend(itertools.product(names[a], names[b]))
    return same, different


def rates(agree, same, different) -> tuple[float, float, list, list]:
    misses = [p for p in same if not agree(*p)]
    false = [p for p in different if agree(*p)]
    return 1 - len(misses) / len(same), len(false) / len(different), misses, false


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latin-only", action="store_true")
    parser.add_argument(
        "--show", type=int, default=0, help="print this many misses and false matches"
    )
    parser.add_argument("--table", choices=["maghreb", "migrants"], default="maghreb")
    args = parser.parse_args()
    if args.table == "migrants":
        groups = [["", *g] for g in load_migrants()]  # no Arabic column: every pair is Latin
        args.latin_only = True
    else:
        groups = load()
    same, different = pairs(groups, args.latin_only)
    cache: dict[str, set[str]] = {}

    def keys(name: str) -> set[str]:
        if name not in cache:
            cache[name] = name_keys(name)
        return cache[name]

    methods = {"OpenNRM name keys": lambda a, b: bool(keys(a) & keys(b))}
    try:
        from metaphone import doublemetaphone
        from rapidfuzz.distance import JaroWinkler

        def dm(name: str) -> set[str]:
            return {k for k in doublemetaphone(name) if k}

        methods["Double Metaphone"] = lambda a, b: bool(dm(a) & dm(b))
        methods["Jaro-Winkler >= 0.9"] = lambda a, b: (
            JaroWinkler.similarity(a.lower(), b.lower()) >= 0.9
        )
    except ImportError:
        print("(install metaphone and rapidfuzz to compare with the baselines)")
    print(
        f"{len(groups)} names, {len(same)} same-name pairs, {len(different)} different-name pairs"
    )
    for label, agree in methods.items():
        recall, fmr, misses, false = rates(agree, same, different)
        print(f"{label:24} recall {recall:.3f}   false-match rate {fmr:.4%}")
        if args.show and label.startswith("OpenNRM"):
            print("  misses:", misses[: args.show])
            print("  false matches:", false[: args.show])


if __name__ == "__main__":
    main()
