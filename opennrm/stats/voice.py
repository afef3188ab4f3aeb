"""The victims' voice in the national picture: how survivors rate the services, by type of
service, from the anonymous feedback answers of every organisation. A service type is shown
from OPENNRM_FEEDBACK_MIN_ANSWERS answers and never below the rule's minimum; free texts are
never shown here (they may describe someone)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import mean

from django.conf import settings
from django.utils.translation import get_language

from opennrm.stats.facts import Filters
from opennrm.stats.suppression import Rule
from opennrm.voice.models import FeedbackAnswer, Question
from opennrm.voice.vocabularies import QuestionKind


@dataclass(frozen=True)
class ServiceScores:
    service_type: str
    answers: str  # the count as it may be published ("< 5", rounded)
    shown: bool
    averages: list[tuple[str, float]] = field(default_factory=list)  # (question, mean of 1-5)


def feedback_scores(filters: Filters, rule: Rule) -> list[ServiceScores]:
    """Average answer to each scale question, per type of service, over the period."""
    answers = FeedbackAnswer.objects.filter(
        month__gte=filters.start.replace(day=1), month__lte=filters.end
    ).values_list("service_type", "scores")
    groups: dict[str, list[dict[str, int]]] = defaultdict(list)
    for service_type, scores in answers:
        groups[service_type or ""].append(scores or {})
    questions = {
        q.key: q
        for q in Question.objects.filter(questionnaire__is_active=True, kind=QuestionKind.SCALE)
    }
    minimum = max(settings.OPENNRM_FEEDBACK_MIN_ANSWERS, rule.min_cell)
    language = (get_language() or "en")[:2]
    results = []
    for service_type, group in sorted(groups.items()):
        shown = len(group) >= minimum
        averages = []
        if shown:
            for key, question in questions.items():
                values = [s[key] for s in group if isinstance(s.get(key), int)]
                if values:
                    averages.append((question.in_language(language), round(mean(values), 1)))
        count = f"< {minimum}" if not shown else str(rule.shown(len(group)))
        results.append(ServiceScores(service_type, count, shown, averages))
    return results
