from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opennrm.matching.batch_services import DEFAULT_THRESHOLD


class LinkageForm(forms.Form):
    """A file of records to deduplicate (CSV UTF-8, the columns of `manage.py link_records`)."""

    file = forms.FileField(
        label=_("File of records (CSV UTF-8)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv", "class": "form-control"}),
    )
    threshold = forms.DecimalField(
        label=_("Match probability to group records"),
        min_value=0.5,
        max_value=0.99,
        decimal_places=2,
        initial=DEFAULT_THRESHOLD,
        help_text=_("0.9 unless you have a reason: lower finds more groups and more mistakes."),
        widget=forms.NumberInput(
            attrs={"step": "0.01", "dir": "ltr", "class": "form-control w-auto"}
        ),
    )
    january_first_is_date = forms.BooleanField(
        label=_("The births on 1 January in this file are real dates"),
        required=False,
        help_text=_(
            "Leave it unticked if 1 January was written when only the year was known: those "
            "records are then compared on the year only."
        ),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
