from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation
from opennrm.cases.vocabularies import SupportType
from opennrm.core.forms import DATE_WIDGET, EMPTY_CHOICE, CollatedModelChoiceField, StyledForm
from opennrm.voice.models import Question, Questionnaire
from opennrm.voice.vocabularies import Channel, ComplaintChannel, FeedbackKind, QuestionKind


class OrganisationChoiceField(CollatedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class IssueCodeForm(StyledForm):
    kind = forms.ChoiceField(label=_("About"), choices=FeedbackKind.choices)
    organisation = OrganisationChoiceField(
        label=_("Organisation rated"), queryset=Organisation.objects.none()
    )
    service_type = forms.ChoiceField(
        label=_("Service"), choices=[("", EMPTY_CHOICE), *SupportType.choices], required=False
    )
    month = forms.DateField(
        label=_("When (any day of the month)"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    channel = forms.ChoiceField(label=_("Given"), choices=Channel.choices)
    email = forms.CharField(
        label=_("E-mail address (to send the code by e-mail)"),
        required=False,
        max_length=254,
        help_text=_("Not kept."),
    )
    phone = forms.CharField(
        label=_("Mobile number (to send the code by SMS)"),
        required=False,
        max_length=30,
        help_text=_("Not kept."),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class CodeForm(StyledForm):
    code = forms.CharField(label=_("Your code"), max_length=20)


SCALE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


def answer_form_class(questionnaire: Questionnaire, language: str) -> type[forms.Form]:
    """A form with one optional field per question, written in `language`."""
    labels = {
        "yes": _("Yes"),
        "partly": _("Partly"),
        "no": _("No"),
    }
    fields: dict[str, forms.Field] = {"code": forms.CharField(widget=forms.HiddenInput)}
    question: Question
    for question in questionnaire.questions.all():
        label = question.in_language(language)
        if question.kind == QuestionKind.SCALE:
            fields[question.key] = forms.ChoiceField(
                label=label,
                choices=SCALE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                help_text=_("1: not at all · 5: completely"),
            )
        elif question.kind in (QuestionKind.YES_PARTLY_NO, QuestionKind.YES_NO):
            keys = (
                ["yes", "partly", "no"]
                if question.kind == QuestionKind.YES_PARTLY_NO
                else ["yes", "no"]
            )
            fields[question.key] = forms.ChoiceField(
                label=label,
                choices=[(k, labels[k]) for k in keys],
                required=False,
                widget=forms.RadioSelect,
            )
        else:
            fields[question.key] = forms.CharField(
                label=label,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
    return type("AnswerForm", (StyledForm,), fields)


class ComplaintForm(StyledForm):
    about_organisation = OrganisationChoiceField(
        label=_("Which organisation is it about? (optional)"),
        required=False,
        queryset=Organisation.objects.none(),
    )
    about = forms.CharField(
        label=_("Which service, place or member of staff? (optional)"),
        required=False,
        max_length=300,
    )
    text = forms.CharField(
        label=_("What happened?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    contact = forms.CharField(
        label=_("How can we give you the answer? (optional)"),
        required=False,
        max_length=200,
        help_text=_("You can also keep the reference and secret we give you and check here."),
    )
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        )


class PaperComplaintForm(ComplaintForm):
    channel = forms.ChoiceField(
        label=_("Received"),
        choices=[c for c in ComplaintChannel.choices if c[0] != ComplaintChannel.ONLINE],
    )
    received_on = forms.DateField(
        label=_("Received on"), widget=DATE_WIDGET, initial=timezone.localdate
    )


class StatusForm(StyledForm):
    reference = forms.CharField(label=_("Reference"), max_length=16)
    secret = forms.CharField(label=_("Secret"), max_length=20)


class OutcomeForm(StyledForm):
    outcome = forms.CharField(
        label=_("Outcome (the complainant reads it)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
