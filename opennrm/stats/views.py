"""The statistics section: the figures a reader may see, as tables under the reader's rule."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.stats import selectors
from opennrm.stats.forms import BREAKDOWN_LABELS, StatisticsFilterForm
from opennrm.stats.suppression import Rule


@member_required
def statistics(request: HttpRequest) -> HttpResponse:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    scopes = selectors.scopes_of(actor)
    if not scopes:
        raise PermissionDenied
    data = request.GET.copy()
    data.setdefault("scope", scopes[0])
    data.setdefault("year", str(timezone.localdate().year))
    data.setdefault("by", "total")
    form = StatisticsFilterForm(data, scopes=scopes)
    context: dict[str, object] = {"form": form, "tables": [], "timeliness": None}
    status = 200
    if form.is_valid():
        filters = form.filters()
        scope = form.cleaned_data["scope"]
        by = form.cleaned_data["by"]
        context.update(
            tables=selectors.identification_tables(
                actor=actor, scope=scope, filters=filters, by=by
            ),
            timeliness=selectors.timeliness(actor=actor, scope=scope, filters=filters),
            by_label=BREAKDOWN_LABELS[by],
            national=scope == selectors.NATIONAL,
            min_cell=Rule.national().min_cell,
        )
    else:
        status = 400
    return render(request, "stats/statistics.html", context, status=status)
