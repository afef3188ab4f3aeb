from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import OrganisationType
from opennrm.core import geo
from opennrm.core.forms import EMPTY_CHOICE, StyledForm
from opennrm.stats import identification as fig
from opennrm.stats.selectors import NATIONAL, OWN

FIRST_YEAR = 2016  # Law 27-14

BREAKDOWN_LABELS = {
    "total": _("No breakdown"),
    "sex": _("Sex"),
    "age_band": _("Age band at first contact"),
    "child": _("Child or adult"),
    "citizenship": _("Citizenship"),
    "nationality": _("Nationals and foreigners"),
    "form": _("Form of exploitation"),
    "region": _("Region"),
    "organisation_type": _("Type of organisation"),
}
SCOPE_LABELS = {NATIONAL: _("National (small numbers hidden)"), OWN: _("My organisation")}


class StatisticsFilterForm(StyledForm):
    scope = forms.ChoiceField(label=_("Figures"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    region = forms.ChoiceField(label=_("Region"), required=False)
    organisation_type = forms.ChoiceField(label=_("Type of organisation"), required=False)
    by = forms.ChoiceField(
        label=_("Broken down by"),
        choices=[(k, BREAKDOWN_LABELS[k]) for k in fig.BREAKDOWNS],
        initial="total",
    )

    def __init__(self, *args: Any, scopes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["scope"].choices = [(s, SCOPE_LABELS[s]) for s in scopes]  # type: ignore[attr-defined]
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            (y, str(y)) for y in range(this_year, FIRST_YEAR - 1, -1)
        ]
        self.fields["region"].choices = [("", EMPTY_CHOICE), *geo.region_choices()]  # type: ignore[attr-defined]
        self.fields["organisation_type"].choices = [  # type: ignore[attr-defined]
            ("", EMPTY_CHOICE),
            *OrganisationType.choices,
        ]

    def filters(self) -> fig.Filters:
        data = self.cleaned_data
        period = fig.Filters.year(data["year"])
        return fig.Filters(
            start=period.start,
            end=period.end,
            regions=(data["region"],) if data["region"] else (),
            organisation_types=(data["organisation_type"],) if data["organisation_type"] else (),
        )
