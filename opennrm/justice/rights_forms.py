"""Forms for non-punishment, residence and participation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opennrm.core import geo
from opennrm.core.forms import DATE_WIDGET, EMPTY_CHOICE, StyledForm
from opennrm.justice.models import NonPunishment, Participation
from opennrm.justice.services import NonPunishmentDetails, ParticipationDetails
from opennrm.justice.vocabularies import (
    Decision,
    NonPunishmentOutcome,
    PenalisedAct,
    PenaltyMeasure,
    ResidenceKind,
)


def _optional_date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_WIDGET, required=False)


class NonPunishmentForm(StyledForm):
    act = forms.ChoiceField(label=_("Act"), choices=PenalisedAct.choices)
    measure = forms.ChoiceField(label=_("What happened"), choices=PenaltyMeasure.choices)
    occurred_on = forms.DateField(label=_("On"), widget=DATE_WIDGET)
    authority = forms.CharField(label=_("By (authority)"), required=False, max_length=200)
    requested_on = _optional_date(_("Non-punishment requested on"))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=NonPunishmentOutcome.choices)
    outcome_on = _optional_date(_("Outcome on"))
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Encrypted; read only by your organisation."),
    )

    @classmethod
    def initial_of(cls, record: NonPunishment) -> dict[str, Any]:
        return {name: getattr(record, name) for name in cls.base_fields}

    def details(self) -> NonPunishmentDetails:
        return NonPunishmentDetails(**self.cleaned_data)


class ResidenceRequestForm(StyledForm):
    kind = forms.ChoiceField(label=_("Residence"), choices=ResidenceKind.choices)
    requested_on = forms.DateField(
        label=_("Requested on"), widget=DATE_WIDGET, initial=timezone.localdate
    )


class ResidenceDecisionForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[c for c in Decision.choices if c[0] != Decision.PENDING]
    )
    decided_on = forms.DateField(
        label=_("Decided on"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    authority = forms.CharField(label=_("Decided by (authority)"), required=False, max_length=200)
    valid_until = _optional_date(_("Valid until"))


class ParticipationForm(StyledForm):
    rights_informed_on = _optional_date(_("Informed of their rights on"))
    rights_language = forms.ChoiceField(label=_("In the language"), required=False)
    rights_informed_by = forms.CharField(label=_("Informed by"), required=False, max_length=200)
    heard_on = _optional_date(_("Heard on"))
    judgment_informed_on = _optional_date(_("Informed of the judgment on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rights_language"].choices = geo.language_choices(blank=EMPTY_CHOICE)  # type: ignore[attr-defined]

    @classmethod
    def initial_of(cls, record: Participation | None) -> dict[str, Any]:
        if record is None:
            return {}
        return {name: getattr(record, name) for name in cls.base_fields}

    def details(self) -> ParticipationDetails:
        return ParticipationDetails(**self.cleaned_data)
