from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import INTERFACE_LANGUAGES
from opennrm.core.forms import StyledForm


class SecondFactorForm(StyledForm):
    token = forms.RegexField(
        label=_("Six-digit code from your authenticator app"),
        regex=r"^\d{6}$",
        error_messages={"invalid": _("Enter the six digits shown by your app.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class LanguageForm(StyledForm):
    language = forms.ChoiceField(choices=INTERFACE_LANGUAGES)
    next = forms.CharField(required=False)


class MembershipSwitchForm(StyledForm):
    membership = forms.UUIDField()
