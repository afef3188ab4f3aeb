"""The system administrator's calendar page: the year's public holidays as OpenNRM counts them
(the `holidays` package's dates, with the administrator's changes), and the request to
recompute open deadlines after a change."""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.core import services
from opennrm.core.calendar import is_working_day, public_holidays
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission

DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "form-control"})


class HolidayAddForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("Date"), widget=DATE_INPUT)
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=120,
        widget=forms.TextInput(attrs={"class": "form-control", "dir": "auto"}),
    )


class HolidayMoveForm(forms.Form):
    day = forms.DateField(widget=forms.HiddenInput)
    to = forms.DateField(label=gettext_lazy("Announced date"), widget=DATE_INPUT)


class HolidayDayForm(forms.Form):
    day = forms.DateField(widget=forms.HiddenInput)


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    if not actor.can(Permission.ADMINISTER_SYSTEM):
        raise PermissionDenied
    return actor


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 1990 <= year <= 2100 else timezone.localdate().year


def _first_weekday() -> int:
    """Weeks start the day after the weekend (Monday for a Saturday-Sunday weekend)."""
    return (max(settings.OPENNRM_WEEKEND_DAYS, default=6) + 1) % 7


def _months(year: int, holidays_by_day: dict[date, str]) -> list[dict[str, Any]]:
    grid = month_calendar.Calendar(firstweekday=_first_weekday())
    months = []
    for month in range(1, 13):
        weeks = [
            [
                {
                    "day": d,
                    "kind": "holiday"
                    if d in holidays_by_day
                    else "working"
                    if is_working_day(d)
                    else "weekend",
                    "name": holidays_by_day.get(d, ""),
                }
                if d.month == month
                else None
                for d in week
            ]
            for week in grid.monthdatescalendar(year, month)
        ]
        months.append({"first": date(year, month, 1), "weeks": weeks})
    return months


@member_required
def holidays_page(request: HttpRequest) -> HttpResponse:
    _actor(request)
    year = _year(request)
    rows = public_holidays(year)
    holidays_by_day = {day: name for day, name, source in rows if source != "Removed"}
    weeks_start = _first_weekday()
    return render(
        request,
        "accounts/holidays.html",
        {
            "year": year,
            "rows": [{"day": day, "name": name, "source": source} for day, name, source in rows],
            "months": _months(year, holidays_by_day),
            # A week of dates (1 January 2024 was a Monday) whose names the template writes in
            # the reader's language.
            "weekdays": [date(2024, 1, 1 + (weeks_start + i) % 7) for i in range(7)],
            "add_form": HolidayAddForm(),
        },
    )


def _back(day: date | None = None) -> HttpResponse:
    url = reverse("calendar:holidays")
    return redirect(f"{url}?year={day.year}" if day else url)


# Each change: its form, and the service it calls with the form's data.
CHANGES: dict[str, tuple[type[forms.Form], Callable[[Membership, dict[str, Any]], None]]] = {
    "add": (
        HolidayAddForm,
        lambda actor, data: services.holiday_add(actor=actor, day=data["day"], name=data["name"]),
    ),
    "move": (
        HolidayMoveForm,
        lambda actor, data: services.holiday_move(actor=actor, day=data["day"], to=data["to"]),
    ),
    "remove": (
        HolidayDayForm,
        lambda actor, data: services.holiday_remove(actor=actor, day=data["day"]),
    ),
    "restore": (
        HolidayDayForm,
        lambda actor, data: services.holiday_restore(actor=actor, day=data["day"]),
    ),
}


@member_required
@require_POST
def holiday_change(request: HttpRequest, action: str) -> HttpResponse:
    actor = _actor(request)
    if action not in CHANGES:
        raise Http404
    form_class, change = CHANGES[action]
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back()
    try:
        change(actor, form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _(
                "The calendar is changed. Deadlines already fixed keep their date until you "
                "recompute the open ones."
            ),
        )
    return _back(form.cleaned_data["day"])


@member_required
@require_POST
def deadlines_recompute(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    moved = services.deadlines_recompute(actor=actor)
    messages.success(
        request,
        _("Open deadlines recomputed: %(n)s moved.") % {"n": sum(moved.values())},
    )
    return _back()
