"""The referral lists, received and sent: filtered, sorted, exported."""

from __future__ import annotations

from dataclasses import replace

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.cases.case_filter_fields import CASE_FIELDS
from opennrm.core import spreadsheets
from opennrm.core.pagination import CappedPaginator, list_queries
from opennrm.core.permissions import Permission
from opennrm.referrals import exports as referral_exports
from opennrm.referrals import selectors
from opennrm.referrals.list_forms import ReferralFilterForm
from opennrm.referrals.views.referral import PER_PAGE, _actor


@member_required
def referral_list(request: HttpRequest) -> HttpResponse:
    actor, default = _list_actor(request)
    form = ReferralFilterForm(request.GET or None)
    filters = selectors.ReferralFilters(direction=default)
    if form.is_bound and form.is_valid():
        filters = form.filters(default)
    if filters.direction == "incoming" and not actor.can(Permission.RESPOND_TO_REFERRAL):
        filters = replace(filters, direction="outgoing")
    found = selectors.referral_rows(actor, filters)
    shown = form if form.is_bound else ReferralFilterForm()
    if filters.direction == "incoming":
        # A recipient filters on nothing about the victim's case: it was not shown all of it.
        for name in CASE_FIELDS:
            shown.fields.pop(name, None)
    page = CappedPaginator(found, PER_PAGE).get_page(request.GET.get("page"))
    query_string, sort_query = list_queries(request)
    return render(
        request,
        "referrals/referral_list.html",
        {
            "page": page,
            "form": shown,
            "direction": filters.direction,
            "current_sort": filters.sort,
            "query_string": query_string,
            "sort_query": sort_query,
            "can_receive": actor.can(Permission.RESPOND_TO_REFERRAL),
            "can_send": actor.can(Permission.VIEW_CASES),
            "now": timezone.now(),
        },
    )


def _list_actor(request: HttpRequest) -> tuple[Membership, str]:
    actor = _actor(request)
    if not (actor.can(Permission.VIEW_CASES) or actor.can(Permission.RESPOND_TO_REFERRAL)):
        raise PermissionDenied
    return actor, "incoming" if actor.can(Permission.RESPOND_TO_REFERRAL) else "outgoing"


@member_required
def referral_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered referral list as CSV or XLSX."""
    actor, default = _list_actor(request)
    form = ReferralFilterForm(request.GET or None)
    asked = form.cleaned_data.get("direction") if form.is_bound and form.is_valid() else ""
    if asked == "incoming" and not actor.can(Permission.RESPOND_TO_REFERRAL):
        raise PermissionDenied

    def lines() -> list[list[spreadsheets.Cell]]:
        filters = form.filters(default) if form.is_bound else selectors.ReferralFilters(default)
        return referral_exports.referral_export(actor=actor, filters=filters, fmt=fmt)

    name = f"referrals-{request.GET.get('direction', default)}"
    return spreadsheets.list_export(fmt, lines, name=name, title=_("Referrals"), form=form)
