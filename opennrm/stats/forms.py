"""The statistics filters: a GET form (the address can be shared). Under the national and the
public rule a period is a calendar year, a region's figures are totals and only the national
rule reads one type of organisation (see linked.py); an organisation's own figures take any
period and filter."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import OrganisationType
from opennrm.core import geo
from opennrm.core.forms import EMPTY_CHOICE, StyledForm
from opennrm.stats.catalogue import CHAPTERS
from opennrm.stats.facts import Filters
from opennrm.stats.labels import dimension_label
from opennrm.stats.selectors import NATIONAL, OWN, PUBLIC, View

FIRST_YEAR = 2016  # Law 27-14
MAX_RANGE_DAYS = 366 * 10
SCOPE_LABELS = {
    NATIONAL: _("National (small numbers hidden)"),
    OWN: _("My organisation"),
    PUBLIC: _("Public"),
}
# The public page offers a year and a region only.
PUBLIC_HIDDEN = (
    "scope",
    "period",
    "quarter",
    "month",
    "start",
    "end",
    "province",
    "organisation_type",
)
PERIODS = [
    ("year", _("Year")),
    ("quarter", _("Quarter")),
    ("month", _("Month")),
    ("range", _("From … to …")),
]


def _month_choices() -> list[tuple[int, str]]:
    return [(m, str(MONTHS[m])) for m in range(1, 13)]


class StatisticsFilterForm(StyledForm):
    scope = forms.ChoiceField(label=_("Figures"))
    chapter = forms.ChoiceField(label=_("Chapter"), required=False)
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, initial="year")
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        required=False,
        choices=[("", EMPTY_CHOICE)] + [(q, f"T{q}") for q in range(1, 5)],
    )
    month = forms.TypedChoiceField(label=_("Month"), coerce=int, required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    province = forms.ChoiceField(label=_("Province or prefecture"), required=False)
    organisation_type = forms.ChoiceField(label=_("Type of organisation"), required=False)

    def __init__(self, *args: Any, scopes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        choices: dict[str, Any] = {
            "scope": [(s, SCOPE_LABELS[s]) for s in scopes],
            "chapter": list(CHAPTERS.items()),
            "year": [(y, str(y)) for y in range(this_year, FIRST_YEAR - 1, -1)],
            "month": [("", EMPTY_CHOICE), *_month_choices()],
            "region": geo.region_choices(blank=EMPTY_CHOICE),
            "province": geo.province_choices(blank=EMPTY_CHOICE),
            "organisation_type": [("", EMPTY_CHOICE), *OrganisationType.choices],
        }
        for name, values in choices.items():
            self.fields[name].choices = values  # type: ignore[attr-defined]
        if scopes == [PUBLIC]:
            for name in PUBLIC_HIDDEN:
                del self.fields[name]

    def restricted(self) -> bool:
        return str(self.cleaned_data.get("scope", PUBLIC)) != OWN

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        period = data.get("period", "year")
        if self.restricted():
            if period != "year":
                self.add_error(
                    "period",
                    _("National and public figures are given for a whole calendar year."),
                )
            if data.get("province"):
                self.add_error(
                    "province",
                    _(
                        "National and public figures are given by province as a breakdown, "
                        "not for one province."
                    ),
                )
            if data.get("organisation_type") and data.get("scope", PUBLIC) == PUBLIC:
                self.add_error(
                    "organisation_type",
                    _("Public figures are not given by type of organisation."),
                )
        if period == "quarter" and not data.get("quarter"):
            self.add_error("quarter", _("Choose the quarter."))
        if period == "month" and not data.get("month"):
            self.add_error("month", _("Choose the month."))
        if period == "range":
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                self.add_error("start", _("Give the first and the last day."))
            elif end < start:
                self.add_error("end", _("The last day comes before the first."))
            elif (end - start).days > MAX_RANGE_DAYS:
                self.add_error("end", _("A period is at most ten years long."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        year = data["year"]
        period = data.get("period", "year")
        if period == "quarter":
            first = 3 * (data["quarter"] - 1) + 1
            start = date(year, first, 1)
            end = date(year, first + 2, calendar.monthrange(year, first + 2)[1])
        elif period == "month":
            start = date(year, data["month"], 1)
            end = date(year, data["month"], calendar.monthrange(year, data["month"])[1])
        elif period == "range":
            start, end = data["start"], data["end"]
        else:
            start, end = date(year, 1, 1), date(year, 12, 31)
        return Filters(
            start=start,
            end=end,
            regions=(data["region"],) if data.get("region") else (),
            provinces=(data["province"],) if data.get("province") else (),
            organisation_types=(
                (data["organisation_type"],) if data.get("organisation_type") else ()
            ),
        )


class FigureFilterForm(StatisticsFilterForm):
    """The filters of one figure, with the breakdown (rows) and the columns."""

    by = forms.ChoiceField(label=_("Broken down by"))
    across = forms.ChoiceField(label=_("Columns"), required=False)

    def __init__(
        self, *args: Any, breakdowns: list[str], acrosses: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["by"].choices = [(b, dimension_label(b)) for b in breakdowns]  # type: ignore[attr-defined]
        self.fields["across"].choices = [("", EMPTY_CHOICE)] + [  # type: ignore[attr-defined]
            (a, dimension_label(a)) for a in acrosses
        ]
        del self.fields["chapter"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("across") and data.get("across") == data.get("by"):
            self.add_error("across", _("Choose columns other than the rows."))
        return data

    def view(self) -> View:
        return View(
            filters=self.filters(),
            by=self.cleaned_data["by"],
            across=self.cleaned_data.get("across") or None,
        )


class ReportForm(StyledForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("fr", "Français"), ("ar", "العربية"), ("en", "English")]
    )
    edition = forms.ChoiceField(
        label=_("Edition"),
        choices=[
            ("internal", _("Internal: small numbers hidden")),
            ("public", _("Public: rounded, publishable figures only")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            (y, str(y)) for y in range(this_year, FIRST_YEAR - 1, -1)
        ]
        self.fields["year"].initial = this_year - 1


class YearForm(StyledForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            (y, str(y)) for y in range(this_year, FIRST_YEAR - 1, -1)
        ]
