"""The filters on the victim's case that lists of things about cases share (referrals sent,
returns): age band, sex, citizenship, region, form of exploitation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opennrm.cases.ages import CTDC_AGE_BANDS
from opennrm.cases.selectors import CaseFilters
from opennrm.cases.vocabularies import ExploitationType
from opennrm.core import geo
from opennrm.people.vocabularies import Gender

CASE_FIELDS = ("age_band", "sex", "citizenship", "identification_region", "exploitation_type")


def case_filter_fields() -> dict[str, forms.Field]:
    return {
        "age_band": forms.ChoiceField(
            label=_("Age band at first contact"),
            required=False,
            choices=[("", _("Any age")), *[(b, b) for b, _low, _high in CTDC_AGE_BANDS]],
        ),
        "sex": forms.ChoiceField(
            label=_("Sex"), required=False, choices=[("", _("Any")), *Gender.choices]
        ),
        "citizenship": forms.ChoiceField(
            label=_("Citizenship"), required=False, choices=geo.country_choices(blank=_("Any"))
        ),
        "identification_region": forms.ChoiceField(
            label=_("Region"),
            required=False,
            choices=geo.region_choices(blank=_("All regions")),
        ),
        "exploitation_type": forms.ChoiceField(
            label=_("Exploitation"),
            required=False,
            choices=[("", _("Any form")), *ExploitationType.choices],
        ),
    }


def case_filters_of(data: dict[str, Any]) -> CaseFilters | None:
    """The case filters chosen on a form, or None when none is."""
    chosen = {name: str(data.get(name) or "") for name in CASE_FIELDS}
    if not any(chosen.values()):
        return None
    return CaseFilters(
        age_band=chosen["age_band"],
        sex=chosen["sex"],
        citizenship=chosen["citizenship"],
        identification_region=chosen["identification_region"],
        exploitation_type=chosen["exploitation_type"],
    )
