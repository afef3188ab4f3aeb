from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opennrm.core.forms import DATE_WIDGET, StyledForm
from opennrm.privacy.services.retention import MAX_KEEP_MONTHS
from opennrm.privacy.vocabularies import (
    CONDITIONS,
    HoldReason,
    RecordKind,
    RefusalReason,
    RequestMadeBy,
    RetentionAction,
    RightKind,
)


def closing_reason_choices() -> list[tuple[str, Any]]:
    """Every kind's closing reasons, grouped by kind (the service checks they fit)."""
    choices: list[tuple[str, Any]] = [("", _("Any other reason"))]
    seen = set()
    for vocabulary in CONDITIONS.values():
        if vocabulary is None:
            continue
        for value, label in vocabulary.choices:
            if value not in seen:
                seen.add(value)
                choices.append((value, label))
    return choices


class RetentionRuleForm(StyledForm):
    record_kind = forms.ChoiceField(label=_("Records"), choices=RecordKind.choices)
    closing_reason = forms.ChoiceField(
        label=_("Closing reason"), choices=closing_reason_choices, required=False
    )
    keep_months = forms.IntegerField(
        label=_("Kept for (months)"), min_value=1, max_value=MAX_KEEP_MONTHS
    )
    action = forms.ChoiceField(label=_("Then"), choices=RetentionAction.choices)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class LegalHoldForm(StyledForm):
    case_reference = forms.CharField(
        label=_("Case reference"),
        max_length=16,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=HoldReason.choices)
    reference = forms.CharField(
        label=_("Reference of the request (file number)"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )


class RightsRequestForm(StyledForm):
    kind = forms.ChoiceField(label=_("Right exercised"), choices=RightKind.choices)
    made_by = forms.ChoiceField(label=_("Made by"), choices=RequestMadeBy.choices)
    received_on = forms.DateField(label=_("Received on"), widget=DATE_WIDGET)


EXPORT_LANGUAGES = [("fr", "Français"), ("ar", "العربية"), ("en", "English")]


class AccessExportForm(StyledForm):
    language = forms.ChoiceField(label=_("In the person's language"), choices=EXPORT_LANGUAGES)
    file_format = forms.ChoiceField(
        label=_("Format"), choices=[("pdf", _("PDF (to hand over)")), ("json", _("JSON (data)"))]
    )


class RefuseForm(StyledForm):
    reason = forms.ChoiceField(label=_("Reason for refusing"), choices=RefusalReason.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AnswerForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(required=False)
