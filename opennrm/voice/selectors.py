"""Reads of feedback and complaints. An organisation reads the answers about its own services
only, one service and period at a time, and only once there are enough of them
(OPENNRM_FEEDBACK_MIN_ANSWERS); complaints are read by the national commission's data
protection officer only."""

from __future__ import annotations

from collections import Counter
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date
from statistics import mean
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.core.audit import audit_record
from opennrm.core.ids import as_uuid
from opennrm.core.panels import EVERYTHING, Panel
from opennrm.core.permissions import Permission
from opennrm.voice.models import Complaint, FeedbackAnswer, Question
from opennrm.voice.vocabularies import QuestionKind


@dataclass
class ServiceResults:
    """The answers about one service of the organisation in a period: nothing but the count
    below the threshold."""

    kind: str
    service_type: str
    answers: int
    shown: bool
    averages: dict[str, float] = field(default_factory=dict)
    shares: dict[str, dict[str, int]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)


def feedback_results(*, actor: Membership, start: date, end: date) -> list[ServiceResults]:
    if not actor.can(Permission.VIEW_FEEDBACK_RESULTS):
        return []
    answers = list(
        FeedbackAnswer.objects.filter(
            organisation_id=actor.organisation_id, month__gte=start, month__lte=end
        )
    )
    questions = {q.key: q for q in Question.objects.filter(questionnaire__is_active=True)}
    groups: dict[tuple[str, str], list[FeedbackAnswer]] = {}
    for answer in answers:
        groups.setdefault((answer.kind, answer.service_type), []).append(answer)
    minimum = settings.OPENNRM_FEEDBACK_MIN_ANSWERS
    results = []
    for (kind, service_type), group in sorted(groups.items()):
        result = ServiceResults(
            kind=kind, service_type=service_type, answers=len(group), shown=len(group) >= minimum
        )
        if result.shown:
            for key, question in questions.items():
                values = [a.scores[key] for a in group if key in a.scores]
                if not values:
                    continue
                if question.kind == QuestionKind.SCALE:
                    result.averages[key] = round(mean(values), 1)
                else:
                    result.shares[key] = dict(Counter(values))
            # Free texts in no particular order of arrival.
            result.texts = sorted(t for a in group for t in a.texts.split("\n\n") if t)
        results.append(result)
    audit_record(
        action="statistics.viewed",
        actor=actor,
        object_type="figures",
        object_id="feedback",
        details={"start": start.isoformat(), "end": end.isoformat()},
    )
    return results


def complaints_visible_to(actor: Membership | None) -> QuerySet[Complaint]:
    if actor is None or not actor.can(Permission.HANDLE_COMPLAINTS):
        return Complaint.objects.none()
    return Complaint.objects.all()


def access_complaint(*, actor: Membership, complaint_id: Any) -> Complaint:
    pk = as_uuid(complaint_id)
    complaint = (
        complaints_visible_to(actor).select_related("about_organisation").filter(pk=pk).first()
        if pk is not None
        else None
    )
    audit_record(
        action="complaint.accessed" if complaint else "complaint.access_refused",
        actor=actor,
        object_type="complaint",
        object_id=complaint.pk if complaint else (pk or ""),
    )
    if complaint is None:
        raise Http404
    return complaint


def feedback_case_panel(
    actor: Membership, case: Case, present: Container[str] = EVERYTHING
) -> Panel | None:
    if (
        not actor.can(Permission.ISSUE_FEEDBACK_CODE)
        or case.owner_organisation_id != actor.organisation_id
    ):
        return None
    return Panel(template="voice/_case_panel.html", context={"case": case})
