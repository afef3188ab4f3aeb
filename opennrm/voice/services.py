"""Survivor feedback and complaints. A feedback code is issued by the person's case worker;
the anonymous answer it opens is saved in the same transaction that deletes the code. The
audit log records that a code was issued for a case and that an answer arrived for an
organisation, never which code an answer came from."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from opennrm.accounts.models import Membership, Organisation
from opennrm.accounts.notifications import Notice, members_with, notify
from opennrm.cases.models import Case
from opennrm.core.audit import audit_record
from opennrm.core.crypto import blind_index, secret_hashes
from opennrm.core.errors import ApplicationError, Problems
from opennrm.core.permissions import Permission
from opennrm.core.references import ALPHABET, new_reference
from opennrm.core.workflow import Workflow
from opennrm.people.validation import parse_phone_or_none
from opennrm.voice.delivery import send_code_by_email, send_code_by_sms
from opennrm.voice.models import Complaint, FeedbackAnswer, FeedbackCode, Questionnaire
from opennrm.voice.vocabularies import (
    Channel,
    ComplaintChannel,
    ComplaintState,
    FeedbackKind,
    QuestionKind,
)

CODE_LENGTH = 10
SECRET_LENGTH = 8
SCALE = range(1, 6)
CHOICES = {
    QuestionKind.YES_PARTLY_NO: {"yes", "partly", "no"},
    QuestionKind.YES_NO: {"yes", "no"},
}
MAX_TEXT = 2000
CONFUSABLE = str.maketrans("OIL", "011")


def normalise_code(code: str) -> str:
    """Codes are read out and typed on phones: case, spaces and dashes do not matter, and the
    letters people confuse with digits (O, I, L) are read as digits."""
    cleaned = "".join(c for c in code.upper() if c.isalnum())
    return cleaned.translate(CONFUSABLE)


def _hash(code: str) -> str:
    return blind_index(normalise_code(code), purpose="feedback-code")


def _new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{body[:5]}-{body[5:]}"


def active_questionnaire(code: str = "service") -> Questionnaire:
    questionnaire = (
        Questionnaire.objects.filter(code=code, is_active=True).order_by("-version").first()
    )
    if questionnaire is None:
        raise ApplicationError(_("No questionnaire is in use."))
    return questionnaire


@dataclass(frozen=True)
class IssuedCode:
    code: str
    record: FeedbackCode


def feedback_code_issue(
    *,
    actor: Membership,
    case: Case,
    kind: str,
    organisation: Organisation,
    service_type: str,
    month: date,
    channel: str,
    email: str = "",
    phone: str = "",
) -> IssuedCode:
    """A one-time code for the person of `case` to rate one service of one organisation. The
    code is shown once to the case worker; only its keyed hash is kept. Given by e-mail or SMS,
    it is sent to the address or number typed, which is not kept either."""
    if (
        not actor.can(Permission.ISSUE_FEEDBACK_CODE)
        or case.owner_organisation_id != actor.organisation_id
    ):
        raise PermissionDenied(_("Your role does not allow this."))
    problems = Problems()
    if kind not in FeedbackKind.values:
        problems.add(_("Unknown value."), field="kind")
    if channel not in Channel.values:
        problems.add(_("Unknown value."), field="channel")
    today = timezone.localdate()
    if month > today:
        problems.add(_("This date is in the future."), field="month")
    if (
        organisation.pk != actor.organisation_id
        and not case.referrals.filter(recipient_organisation=organisation).exists()
    ):
        problems.add(
            _("Choose your organisation or one the case was referred to."), field="organisation"
        )
    if channel == Channel.EMAIL:
        try:
            validate_email(email)
        except ValidationError:
            problems.add(_("Give the e-mail address to send the code to."), field="email")
    mobile = parse_phone_or_none(phone) if channel == Channel.SMS else None
    if channel == Channel.SMS and not settings.OPENNRM_SMS_GATEWAY_URL:
        problems.add(
            _("No SMS gateway is configured: print the code or read it out."), field="channel"
        )
    elif channel == Channel.SMS and mobile is None:
        problems.add(_("Give the mobile number to send the code to."), field="phone")
    problems.raise_any()
    code = _new_code()
    with transaction.atomic():
        record = FeedbackCode.objects.create(
            code_hash=_hash(code),
            questionnaire=active_questionnaire(),
            kind=kind,
            organisation=organisation,
            service_type=service_type,
            month=month.replace(day=1),
            channel=channel,
            issued_by_organisation_id=actor.organisation_id,
            expires_on=today + timedelta(days=settings.OPENNRM_FEEDBACK_CODE_DAYS),
        )
        # The case, yes; the code, no: nothing links the answer back to this event.
        audit_record(
            action="feedback.code_issued",
            actor=actor,
            object_type="case",
            object_id=case.pk,
            subject_organisation_id=case.owner_organisation_id,
            details={"kind": kind, "channel": channel},
        )
        if channel == Channel.EMAIL:
            transaction.on_commit(lambda: send_code_by_email(email, code, record.expires_on))
        if mobile is not None:
            transaction.on_commit(lambda: send_code_by_sms(mobile, code, record.expires_on))
    return IssuedCode(code=code, record=record)


def feedback_code_open(code: str) -> FeedbackCode:
    """The code a person typed, if it is one that can still be used."""
    record = (
        FeedbackCode.objects.select_related("questionnaire", "organisation")
        .filter(
            code_hash__in=secret_hashes(normalise_code(code), purpose="feedback-code"),
            expires_on__gte=timezone.localdate(),
        )
        .first()
        if normalise_code(code)
        else None
    )
    if record is None:
        raise ApplicationError(
            _("This code is not valid: it may be mistyped, already used or expired."),
            field="code",
        )
    return record


def _clean_answers(
    questionnaire: Questionnaire, answers: dict[str, Any]
) -> tuple[dict[str, Any], str]:
    scores: dict[str, Any] = {}
    texts: list[str] = []
    problems = Problems()
    for question in questionnaire.questions.all():
        value = answers.get(question.key)
        if value in (None, ""):
            continue  # every question may be left unanswered
        if question.kind == QuestionKind.SCALE:
            try:
                number = int(value)
            except (TypeError, ValueError):
                number = 0
            if number not in SCALE:
                problems.add(_("Choose a value from 1 to 5."), field=question.key)
            scores[question.key] = number
        elif question.kind in CHOICES:
            if value not in CHOICES[QuestionKind(question.kind)]:
                problems.add(_("Unknown value."), field=question.key)
            scores[question.key] = value
        else:
            text = str(value).strip()[:MAX_TEXT]
            if text:
                texts.append(f"{question.key}: {text}")
    problems.raise_any()
    return scores, "\n\n".join(texts)


def feedback_answer(*, code: str, answers: dict[str, Any], language: str) -> FeedbackAnswer:
    """Save the answer and delete the code, in one transaction; no actor, no time kept."""
    with transaction.atomic():
        record = feedback_code_open(code)
        # Claim the code: of two submissions with one code, one saves and the other is refused.
        if not FeedbackCode.objects.filter(pk=record.pk).delete()[0]:
            raise ApplicationError(
                _("This code is not valid: it may be mistyped, already used or expired."),
                field="code",
            )
        scores, texts = _clean_answers(record.questionnaire, answers)
        answer = FeedbackAnswer.objects.create(
            questionnaire=record.questionnaire,
            kind=record.kind,
            organisation=record.organisation,
            service_type=record.service_type,
            month=record.month,
            language=language[:8],
            scores=scores,
            texts=texts,
        )
        audit_record(
            action="feedback.answered",
            object_type="organisation",
            object_id=record.organisation_id,
            subject_organisation_id=record.organisation_id,
        )
    return answer


COMPLAINT_WORKFLOW = Workflow(
    model=Complaint,
    states=ComplaintState,
    moves={
        ComplaintState.RECEIVED: frozenset({ComplaintState.ACKNOWLEDGED, ComplaintState.CLOSED}),
        ComplaintState.ACKNOWLEDGED: frozenset({ComplaintState.CLOSED}),
    },
    refused=gettext_lazy("A complaint that is “%(state)s” cannot become “%(to)s”."),
    stale=gettext_lazy("This complaint was changed by someone else meanwhile. Reload the page."),
    version_field="version",
    permissions={
        ComplaintState.ACKNOWLEDGED: Permission.HANDLE_COMPLAINTS,
        ComplaintState.CLOSED: Permission.HANDLE_COMPLAINTS,
    },
)


@dataclass(frozen=True)
class ComplaintDetails:
    text: str
    channel: str = ComplaintChannel.ONLINE
    about_organisation: Organisation | None = None
    about: str = ""
    contact: str = ""
    language: str = ""
    received_on: date | None = None


@dataclass(frozen=True)
class FiledComplaint:
    complaint: Complaint
    secret: str


def _notify_handlers(complaint: Complaint) -> None:
    for organisation in Organisation.objects.filter(
        memberships__role="data_protection_officer", memberships__is_active=True
    ).distinct():
        notify(
            users=members_with(organisation.pk, Permission.HANDLE_COMPLAINTS),
            organisation=organisation,
            message=Notice(
                text=gettext_noop("A complaint was received: %(reference)s."),
                params={"reference": complaint.reference_code},
            ),
            url=reverse("voice:complaint", kwargs={"complaint_id": complaint.pk}),
        )


def complaint_file(*, details: ComplaintDetails, actor: Membership | None = None) -> FiledComplaint:
    """A complaint from the anonymous channel (no actor) or recorded from paper by the data
    protection officer. The complainant gets a reference and a secret to follow it."""
    if actor is not None and not actor.can(Permission.HANDLE_COMPLAINTS):
        raise PermissionDenied(_("Your role does not allow this."))
    problems = Problems()
    if not details.text.strip():
        problems.add(_("Write the complaint."), field="text")
    if details.channel not in ComplaintChannel.values:
        problems.add(_("Unknown value."), field="channel")
    if actor is None and details.channel != ComplaintChannel.ONLINE:
        problems.add(_("Unknown value."), field="channel")
    received = details.received_on or timezone.localdate()
    if received > timezone.localdate():
        problems.add(_("This date is in the future."), field="received_on")
    problems.raise_any()
    secret = "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LENGTH))
    with transaction.atomic():
        complaint = Complaint.objects.create(
            reference_code=new_reference("K"),
            secret_hash=blind_index(secret, purpose="complaint-secret"),
            channel=details.channel,
            about_organisation=details.about_organisation,
            about=details.about.strip(),
            text=details.text.strip(),
            contact=details.contact.strip(),
            language=details.language[:8],
            received_on=received,
        )
        audit_record(
            action="complaint.received",
            actor=actor,
            object_type="complaint",
            object_id=complaint.pk,
            details={"channel": details.channel},
        )
        _notify_handlers(complaint)
    return FiledComplaint(complaint=complaint, secret=secret)


def complaint_status(*, reference: str, secret: str) -> Complaint:
    """What the complainant may read of their complaint: its state and outcome."""
    complaint = Complaint.objects.filter(reference_code=reference.strip().upper()).first()
    if complaint is None or complaint.secret_hash not in secret_hashes(
        normalise_code(secret), purpose="complaint-secret"
    ):
        raise ApplicationError(_("No complaint matches this reference and secret."))
    return complaint


def _complaint_event(actor: Membership, complaint: Complaint, action: str) -> None:
    audit_record(action=action, actor=actor, object_type="complaint", object_id=complaint.pk)


def _require_handler(actor: Membership) -> None:
    if not actor.can(Permission.HANDLE_COMPLAINTS):
        raise PermissionDenied(_("Your role does not allow this."))


def complaint_acknowledge(*, actor: Membership, complaint: Complaint) -> Complaint:
    _require_handler(actor)
    return COMPLAINT_WORKFLOW.step(
        complaint,
        ComplaintState.ACKNOWLEDGED,
        actor=actor,
        changes={"acknowledged_on": timezone.localdate(), "handled_by": actor.user},
        after=lambda moved, _from: _complaint_event(actor, moved, "complaint.acknowledged"),
    )


def complaint_close(*, actor: Membership, complaint: Complaint, outcome: str) -> Complaint:
    _require_handler(actor)
    if not outcome.strip():
        raise ApplicationError(_("Write the outcome the complainant will read."), field="outcome")
    today = timezone.localdate()
    changes: dict[str, Any] = {
        "outcome": outcome.strip(),
        "closed_on": today,
        "handled_by": actor.user,
    }
    if complaint.acknowledged_on is None:
        changes["acknowledged_on"] = today
    return COMPLAINT_WORKFLOW.step(
        complaint,
        ComplaintState.CLOSED,
        actor=actor,
        changes=changes,
        after=lambda moved, _from: _complaint_event(actor, moved, "complaint.closed"),
    )
