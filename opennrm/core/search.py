"""Approximate name search for the case register. The duplicate-detection app (above `cases`)
registers how a name is read into keyed hashes and which persons carry them, so that "yasin el
amrani" finds "Yassine El Amrani" without `cases` depending on it (apps depend downward)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ApproximateSearch:
    keys_of: Callable[[str], list[str]]  # a name as typed -> keyed hashes (safe to keep)
    persons_with: Callable[[list[str]], Any]  # keyed hashes -> a queryset of person ids


_searches: list[ApproximateSearch] = []


def register_approximate_search(search: ApproximateSearch) -> None:
    if search not in _searches:
        _searches.append(search)


def approximate_keys(term: str) -> list[str]:
    return sorted({key for search in _searches for key in search.keys_of(term)})


def approximate_person_ids(keys: list[str]) -> list[Any]:
    """One queryset of person ids per registered search (usually one)."""
    return [search.persons_with(keys) for search in _searches] if keys else []
