from __future__ import annotations

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from opennrm.voice.models import Question
from opennrm.voice.vocabularies import FeedbackKind

register = template.Library()


@register.filter
def feedback_kind(value: str) -> str:
    return str(dict(FeedbackKind.choices).get(value, value))


@register.filter
def question_text(key: str) -> str:
    """The question in the reader's language (its latest version)."""
    question = Question.objects.filter(key=key).order_by("-questionnaire__version").first()
    return question.in_language((get_language() or "fr")[:2]) if question else key


@register.filter
def answer_label(value: str) -> str:
    return {"yes": _("Yes"), "partly": _("Partly"), "no": _("No")}.get(value, value)
