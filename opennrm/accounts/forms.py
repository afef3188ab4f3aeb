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

    assertion = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20_000)

    def __init__(self, *args: object, needs_code: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not needs_code:
            del self.fields["token"]
            del self.fields["assertion"]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if "token" in self.fields and not (cleaned.get("token") or cleaned.get("assertion")):
            self.add_error("token", _("Enter a code, or use your security key."))
        return cleaned


class SecurityKeyForm(StyledForm):
    name = forms.CharField(
        label=_("Name of the key (to tell your keys apart)"), max_length=64, required=False
    )
    credential = forms.CharField(widget=forms.HiddenInput, max_length=20_000)


class SecurityKeyAnswerForm(StyledForm):
    assertion = forms.CharField(widget=forms.HiddenInput, max_length=20_000)
