from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core import signing
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opennrm.core import geo
from opennrm.core.forms import StyledForm
from opennrm.hotline.services import ContactDetails
from opennrm.hotline.vocabularies import CallerType, Channel, EmergencyService, Outcome, Urgency
from opennrm.screening.models import Indicator, Strength, in_language

TIMER_SALT = "opennrm.hotline.timer"


def quick_indicator_choices() -> list[tuple[str, str]]:
    """The strong indicators of the adult labour list: what an operator can tick during a call
    (the full guide is the screening interview)."""
    strong = (
        Indicator.objects.filter(
            dimension__indicator_set__slug="ilo-adult-labour",
            dimension__indicator_set__is_active=True,
            strength=Strength.STRONG,
        )
        .select_related("dimension")
        .order_by("dimension__number", "position")
    )
    return [(f"{i.dimension.number}.{i.code}", in_language(i.text)) for i in strong]


class ContactForm(StyledForm):
    timer = forms.CharField(widget=forms.HiddenInput)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    caller_type = forms.ChoiceField(label=_("Caller"), choices=CallerType.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    language = forms.ChoiceField(label=_("Language of the contact"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    province = forms.ChoiceField(label=_("Province or prefecture"), required=False)
    caller_phone = forms.CharField(
        label=_("Caller's number"),
        required=False,
        max_length=32,
        help_text=_("Only a keyed hash is kept, to recognise repeat callers."),
    )
    summary = forms.CharField(
        label=_("What was reported"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    indicators_observed = forms.MultipleChoiceField(
        label=_("Indicators observed"), required=False, widget=forms.CheckboxSelectMultiple
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, initial=Outcome.PENDING
    )
    callback_due_at = forms.DateTimeField(
        label=_("Call back by"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = geo.language_choices(blank="—")  # type: ignore[attr-defined]
        self.fields["region"].choices = geo.region_choices(blank="—")  # type: ignore[attr-defined]
        # Only the provinces of the chosen region (htmx refills the list when it changes).
        region = self.data.get("region") or self.initial.get("region") or None
        self.fields["province"].choices = geo.province_choices(region=region, blank="—")  # type: ignore[attr-defined]
        self.fields["region"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("province_options"),
                "hx-target": "#id_province",
                "hx-trigger": "change",
            }
        )
        self.fields["indicators_observed"].choices = quick_indicator_choices()  # type: ignore[attr-defined]
        if not self.is_bound:
            # The call timer starts when the form opens: the start is signed into the form.
            self.initial["timer"] = signing.dumps(timezone.now().isoformat(), salt=TIMER_SALT)

    def clean_timer(self) -> str:
        try:
            value: str = signing.loads(self.cleaned_data["timer"], salt=TIMER_SALT)
        except signing.BadSignature:
            raise forms.ValidationError(_("Reload the form to restart the call timer.")) from None
        return value

    def contact_details(self) -> ContactDetails:
        data = self.cleaned_data
        return ContactDetails(
            channel=data["channel"],
            caller_type=data["caller_type"],
            started_at=datetime.fromisoformat(data["timer"]),
            urgency=data["urgency"],
            outcome=data["outcome"],
            language=data["language"],
            region=data["region"],
            province=data["province"],
            summary=data["summary"],
            indicators_observed=list(data["indicators_observed"]),
            caller_phone=data["caller_phone"],
            callback_due_at=data["callback_due_at"],
        )

    def started_at_iso(self) -> str:
        raw = self.initial.get("timer") or self.data.get("timer", "")
        try:
            return str(signing.loads(raw, salt=TIMER_SALT))
        except signing.BadSignature:
            return ""


class EmergencyForm(StyledForm):
    service = forms.ChoiceField(label=_("Referred to"), choices=EmergencyService.choices)
    called = forms.CharField(label=_("Who was called (name, unit, number)"), max_length=200)


class LinkCaseForm(StyledForm):
    reference = forms.CharField(label=_("Case reference code"), max_length=16)


class ContactUpdateForm(StyledForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    callback_due_at = forms.DateTimeField(
        label=_("Call back by"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class CallbackAttemptForm(StyledForm):
    reached = forms.TypedChoiceField(
        label=_("Was the caller reached?"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Yes, reached")), ("no", _("No, not reached"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What was said"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_callback_at = forms.DateTimeField(
        label=_("Try again by"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
