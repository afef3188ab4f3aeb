"""Forms for hearings and protection measures."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opennrm.core import geo
from opennrm.core.forms import DATE_WIDGET, EMPTY_CHOICE, StyledForm
from opennrm.justice.forms import AuthorityChoiceField
from opennrm.justice.models import Authority, Proceeding, ProceedingCase
from opennrm.justice.services.protection import DECIDING_AUTHORITIES, HEARING_AUTHORITIES
from opennrm.justice.vocabularies import (
    Attendance,
    HearingPurpose,
    MeasureKind,
    Requester,
    TestimonyMode,
)

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _authorities(proceeding: Proceeding, kinds: Iterable[str]) -> Any:
    return Authority.objects.filter(
        country=proceeding.country, is_active=True, kind__in=sorted(kinds)
    )


class HearingForm(StyledForm):
    scheduled_at = forms.DateTimeField(label=_("Date and time"), widget=DATETIME_WIDGET)
    court = AuthorityChoiceField(label=_("Court"), queryset=Authority.objects.none())
    purpose = forms.ChoiceField(label=_("Purpose"), choices=HearingPurpose.choices)

    def __init__(self, *args: Any, proceeding: Proceeding, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = _authorities(proceeding, HEARING_AUTHORITIES)  # type: ignore[attr-defined]
        if proceeding.authority.kind in HEARING_AUTHORITIES:
            self.fields["court"].initial = proceeding.authority_id


class RescheduleForm(StyledForm):
    scheduled_at = forms.DateTimeField(label=_("New date and time"), widget=DATETIME_WIDGET)


class HearingVictimForm(StyledForm):
    entry = forms.UUIDField(widget=forms.HiddenInput)
    attendance = forms.ChoiceField(label=_("Attendance"), choices=Attendance.choices)
    interpreter_language = forms.ChoiceField(label=_("Interpreter"), required=False)
    legal_aid = forms.BooleanField(label=_("Assisted by a lawyer"), required=False)
    testimony = forms.ChoiceField(label=_("Testimony"), choices=TestimonyMode.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interpreter_language"].choices = geo.language_choices(  # type: ignore[attr-defined]
            blank=EMPTY_CHOICE
        )


class MeasureRequestForm(StyledForm):
    victim = forms.ChoiceField(label=_("Person"))
    kind = forms.ChoiceField(label=_("Measure"), choices=MeasureKind.choices)
    requested_on = forms.DateField(
        label=_("Requested on"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    requested_by = forms.ChoiceField(label=_("Requested by"), choices=Requester.choices)

    def __init__(
        self, *args: Any, victims: list[tuple[ProceedingCase, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["victim"].choices = [(str(v.pk), name) for v, name in victims]  # type: ignore[attr-defined]


class DecideForm(StyledForm):
    decided_on = forms.DateField(
        label=_("Decided on"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    authority = AuthorityChoiceField(label=_("Decided by"), queryset=Authority.objects.none())

    def __init__(self, *args: Any, proceeding: Proceeding, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = _authorities(proceeding, DECIDING_AUTHORITIES)  # type: ignore[attr-defined]
        if proceeding.authority.kind in DECIDING_AUTHORITIES:
            self.fields["authority"].initial = proceeding.authority_id


class LiftForm(StyledForm):
    lifted_on = forms.DateField(
        label=_("Lifted on"), widget=DATE_WIDGET, initial=timezone.localdate
    )


class RevealForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Revealing a protected person's identity outside the law's cases is a crime "
            "(Law 27-14, art. 448-9). The revelation is recorded and the case's owner is told."
        ),
    )


class CaseMeasureForm(StyledForm):
    """From the victim's case page: ask for a protection measure in one of its proceedings."""

    link = forms.ChoiceField(label=_("Criminal proceeding"))
    kind = forms.ChoiceField(label=_("Measure"), choices=MeasureKind.choices)
    requested_on = forms.DateField(
        label=_("Requested on"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    requested_by = forms.ChoiceField(
        label=_("Requested by"), choices=Requester.choices, initial=Requester.CASE_MANAGER
    )

    def __init__(self, *args: Any, links: list[ProceedingCase], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["link"].choices = [  # type: ignore[attr-defined]
            (str(link.pk), link.proceeding.reference_code) for link in links
        ]
