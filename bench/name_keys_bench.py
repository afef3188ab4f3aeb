"""Measure the name keys on pairs of spellings of the same name (recall) and of different names
(false-match rate), against Double Metaphone and Jaro-Winkler >= 0.9 on the same pairs.

    python bench/name_keys_bench.py [--latin-only]

Data: opennrm/matching/data/name_variants.tsv (common names in Arabic script and their Latin
spellings). Pairs that include the Arabic-script form are counted separately, since the
baselines cannot read Arabic."""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from opennrm.matching.names import name_keys  # noqa: E402

DATA = ROOT / "opennrm" / "matching" / "data" / "name_variants.tsv"


def load() -> list[list[str]]:
    groups = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        arabic, latin = line.split("\t")
        groups.append([arabic.strip(), *[v.strip() for v in latin.split(",") if v.strip()]])
    return groups


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
    args = parser.parse_args()
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
