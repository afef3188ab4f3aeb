"""Pagination whose count stops at a cap, so that a list of hundreds of thousands of cases does
not pay for an exact COUNT(*) on every page view."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    @cached_property
    def _counted(self) -> int:
        # COUNT(*) over a LIMIT-ed subquery: at most cap + 1 index entries are visited.
        counted: int = self.object_list.order_by()[: self.cap + 1].count()  # type: ignore[attr-defined]
        return counted

    @property
    def cap(self) -> int:
        return int(settings.OPENNRM_LIST_COUNT_CAP)

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def is_capped(self) -> bool:
        return self._counted > self.cap


def list_queries(request: HttpRequest) -> tuple[str, str]:
    """A list's query string without its page (for the pages and the downloads), and without
    its page and sort (for the column headers that sort)."""
    query = request.GET.copy()
    query.pop("page", None)
    unsorted = query.copy()
    unsorted.pop("sort", None)
    return query.urlencode(), unsorted.urlencode()
