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


class RecoveryCodeForm(StyledForm):
    code = forms.CharField(
        label=_("One of your recovery codes"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True, "dir": "ltr"}),
    )


class StepUpForm(StyledForm):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    token = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=20,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "dir": "ltr"}
        ),
    )

    def __init__(self, *args: object, needs_code: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if needs_code:
            self.fields["token"].required = True
        else:
            del self.fields["token"]
