"""Retention: the rules (data, kept by the data protection officer), what is due under them,
and applying them (daily, `manage.py apply_retention`).

A record is due once its life is over for longer than its rule keeps it: a person once every
case of theirs is closed for longer than the rule of its trafficking status keeps it; a
contact not linked to a person or a feedback answer from its date. The most specific rule
applies (the closing reason's own, else the kind's rule for any reason); no rule, kept. A
person under a legal hold, or in an open proceeding, is never due: counted as held."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.cases.vocabularies import NRMStage
from opennrm.core.audit import audit_record
from opennrm.core.calendar import add_months
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.hotline.models import CallbackAttempt, Contact
from opennrm.hotline.vocabularies import Channel
from opennrm.people.models import Person
from opennrm.privacy.models import RetentionRule
from opennrm.privacy.selectors import persons_held
from opennrm.privacy.services.erasure import person_erase
from opennrm.privacy.vocabularies import ACTIONS, CONDITIONS, RecordKind, RetentionAction
from opennrm.voice.models import FeedbackAnswer

MAX_KEEP_MONTHS = 1200


@dataclass(frozen=True)
class RuleSet:
    """The rules in force, by kind: {closing reason or "": (months, action)}."""

    rules: dict[str, dict[str, tuple[int, str]]]

    @classmethod
    def current(cls, replacing: RetentionRule | None = None) -> RuleSet:
        rules: dict[str, dict[str, tuple[int, str]]] = {}
        for rule in RetentionRule.objects.all():
            if replacing is not None and rule.pk == replacing.pk:
                continue
            rules.setdefault(rule.record_kind, {})[rule.closing_reason] = (
                rule.keep_months,
                rule.action,
            )
        if replacing is not None:
            rules.setdefault(replacing.record_kind, {})[replacing.closing_reason] = (
                replacing.keep_months,
                replacing.action,
            )
        return cls(rules)


def _cutoff(today: dt.date, months: int) -> dt.datetime:
    """Records whose life ended before this moment are due."""
    day = add_months(today, -months) + dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _condition(
    rules: dict[str, tuple[int, str]], today: dt.date, reason_field: str, time_field: str
) -> Q | None:
    """Records due under a kind's rules: each reason by its own rule, the others by the
    kind's rule for any reason."""
    parts = []
    specific = [reason for reason in rules if reason]
    for reason, (months, _action) in rules.items():
        when = Q(**{f"{time_field}__lt": _cutoff(today, months)})
        if reason:
            parts.append(Q(**{reason_field: reason}) & when)
        else:
            parts.append(~Q(**{f"{reason_field}__in": specific}) & when)
    if not parts:
        return None
    combined = parts[0]
    for part in parts[1:]:
        combined |= part
    return combined


def due_persons(rules: RuleSet, today: dt.date) -> QuerySet[Person]:
    """Persons not erased whose every case is closed and past its retention (held or not)."""
    condition = _condition(
        rules.rules.get(RecordKind.CLOSED_CASE, {}), today, "trafficking_status", "stage_changed_at"
    )
    if condition is None:
        return Person.objects.none()
    due_case = Q(nrm_stage=NRMStage.CLOSED) & condition
    cases = Case.objects.filter(person=OuterRef("pk"))
    return Person.objects.filter(
        Exists(cases.filter(due_case)),
        erased_at__isnull=True,
        merged_into__isnull=True,
    ).exclude(Exists(cases.exclude(due_case)))


def _contacts(kind: str, rules: RuleSet, today: dt.date) -> QuerySet[Contact]:
    condition = _condition(rules.rules.get(kind, {}), today, "outcome", "started_at")
    if condition is None:
        return Contact.objects.none()
    web = Q(channel=Channel.WEB_FORM)
    contacts = Contact.objects.filter(condition, person__isnull=True)
    contacts = contacts.filter(web) if kind == RecordKind.WEB_REPORT else contacts.exclude(web)
    action = _action_of(rules, kind)
    if action == RetentionAction.ANONYMISE:
        contacts = contacts.exclude(summary="", caller_phone_index="", emergency_contact="")
    return contacts


def _action_of(rules: RuleSet, kind: str) -> str:
    """One action per kind (the rules of a kind agree on it: checked when saved)."""
    actions = {action for _months, action in rules.rules.get(kind, {}).values()}
    return next(iter(actions)) if actions else RetentionAction.ANONYMISE


def _answers(rules: RuleSet, today: dt.date) -> QuerySet[FeedbackAnswer]:
    rule = rules.rules.get(RecordKind.FEEDBACK_ANSWER, {}).get("")
    if rule is None:
        return FeedbackAnswer.objects.none()
    # The month of the service is all the time an answer keeps: due a full month after it.
    answers = FeedbackAnswer.objects.filter(month__lt=_cutoff(today, rule[0] + 1).date())
    if rule[1] == RetentionAction.ANONYMISE:
        answers = answers.exclude(texts="")
    return answers


@dataclass
class PreviewLine:
    organisation: str
    kind: str
    due: int = 0
    held: int = 0


@dataclass
class Preview:
    today: dt.date
    lines: list[PreviewLine] = field(default_factory=list)

    @property
    def due(self) -> int:
        return sum(line.due for line in self.lines)

    @property
    def held(self) -> int:
        return sum(line.held for line in self.lines)


def retention_preview(today: dt.date | None = None, rules: RuleSet | None = None) -> Preview:
    """What applying the rules would erase, anonymise or delete, per organisation and kind
    (numbers only), and what a legal hold keeps."""
    today = today or timezone.localdate()
    rules = rules or RuleSet.current()
    counts: Counter[tuple[str, str, bool]] = Counter()
    persons = due_persons(rules, today).annotate(held=persons_held())
    for org, held in persons.values_list("registered_by__name", "held"):
        counts[(org, RecordKind.CLOSED_CASE, bool(held))] += 1
    for kind in (RecordKind.HOTLINE_CONTACT, RecordKind.WEB_REPORT):
        for (org,) in _contacts(kind, rules, today).values_list("organisation__name"):
            counts[(org, kind, False)] += 1
    for (org,) in _answers(rules, today).values_list("organisation__name"):
        counts[(org, RecordKind.FEEDBACK_ANSWER, False)] += 1
    lines: dict[tuple[str, str], PreviewLine] = {}
    for (org, record_kind, held), n in counts.items():
        line = lines.setdefault((org, record_kind), PreviewLine(org, record_kind))
        if held:
            line.held += n
        else:
            line.due += n
    ordered = sorted(lines.values(), key=lambda line: (line.organisation, line.kind))
    return Preview(today, ordered)


def _validate(rule: RetentionRule) -> None:
    if rule.record_kind not in RecordKind.values:
        raise ApplicationError(_("Unknown kind of record."), field="record_kind")
    vocabulary = CONDITIONS[rule.record_kind]
    if rule.closing_reason and (vocabulary is None or rule.closing_reason not in vocabulary.values):
        raise ApplicationError(
            _("This closing reason does not apply to this kind of record."), field="closing_reason"
        )
    if rule.action not in ACTIONS[rule.record_kind]:
        raise ApplicationError(
            _("A closed case is anonymised, not deleted: the national figures count it."),
            field="action",
        )
    if not 1 <= rule.keep_months <= MAX_KEEP_MONTHS:
        raise ApplicationError(
            _("Keep records between 1 and %(max)s months.") % {"max": MAX_KEEP_MONTHS},
            field="keep_months",
        )
    others = RetentionRule.objects.filter(record_kind=rule.record_kind).exclude(pk=rule.pk)
    if others.exclude(action=rule.action).exists():
        raise ApplicationError(
            _("Every rule of one kind of record ends the same way: change the others first."),
            field="action",
        )


def retention_rule_save(
    *,
    actor: Membership,
    rule: RetentionRule | None,
    record_kind: str,
    closing_reason: str,
    keep_months: int,
    action: str,
    expected_version: int | None = None,
) -> RetentionRule:
    """Create or change a rule. Refused when it would at once erase a person whose records a
    legal hold keeps: the hold is lifted first, or the period kept longer."""
    if not actor.can(Permission.MANAGE_RETENTION):
        raise ApplicationError(_("Only the data protection officer keeps the retention rules."))
    with transaction.atomic():
        if rule is not None:
            rule = RetentionRule.objects.select_for_update().get(pk=rule.pk)
            if expected_version is not None and rule.version != expected_version:
                raise ApplicationError(
                    _("Someone else changed this rule meanwhile. Reload the page and try again.")
                )
        before = (rule.keep_months, rule.action) if rule is not None else None
        rule = rule or RetentionRule()
        rule.record_kind, rule.closing_reason = record_kind, closing_reason.strip()
        rule.keep_months, rule.action = keep_months, action
        _validate(rule)
        if (
            RetentionRule.objects.filter(
                record_kind=rule.record_kind, closing_reason=rule.closing_reason
            )
            .exclude(pk=rule.pk)
            .exists()
        ):
            raise ApplicationError(
                _("There is a rule for this kind of record and reason already: change it."),
                field="closing_reason",
            )
        if record_kind == RecordKind.CLOSED_CASE:
            held = (
                due_persons(RuleSet.current(replacing=rule), timezone.localdate())
                .filter(persons_held())
                .count()
            )
            if held:
                raise ApplicationError(
                    _(
                        "This rule would erase %(n)s person(s) whose records are under a legal "
                        "hold or in an open criminal proceeding. Keep them longer, or have the "
                        "hold lifted first."
                    )
                    % {"n": held},
                    field="keep_months",
                )
        if rule.pk and before is not None and rule._state.adding is False:
            rule.version += 1
            rule.save()
        else:
            rule.save(force_insert=True)
        audit_record(
            action="retention.rule_saved",
            actor=actor,
            object_type="retention_rule",
            object_id=rule.pk,
            details={
                "record_kind": rule.record_kind,
                "closing_reason": rule.closing_reason,
                "keep_months": rule.keep_months,
                "action": rule.action,
                **({"before": {"keep_months": before[0], "action": before[1]}} if before else {}),
            },
        )
    return rule


def retention_rule_delete(*, actor: Membership, rule: RetentionRule) -> None:
    """No rule for a kind and reason: such records are kept (until a rule says otherwise)."""
    if not actor.can(Permission.MANAGE_RETENTION):
        raise ApplicationError(_("Only the data protection officer keeps the retention rules."))
    with transaction.atomic():
        audit_record(
            action="retention.rule_deleted",
            actor=actor,
            object_type="retention_rule",
            object_id=rule.pk,
            details={"record_kind": rule.record_kind, "closing_reason": rule.closing_reason},
        )
        rule.delete()


@dataclass
class RetentionRun:
    persons_erased: int = 0
    persons_held: int = 0
    contacts: int = 0
    web_reports: int = 0
    feedback_answers: int = 0
    failures: list[str] = field(default_factory=list)


def apply_retention(today: dt.date | None = None) -> RetentionRun:
    """Erase, anonymise or delete what is due. Each person is erased in a transaction of its
    own (one failure does not keep the others); contacts and answers of a kind in one."""
    today = today or timezone.localdate()
    rules = RuleSet.current()
    run = RetentionRun()
    due = due_persons(rules, today).annotate(held=persons_held())
    for person in due.iterator():
        if person.held:
            run.persons_held += 1
            continue
        try:
            person_erase(actor=None, person=person, reason="retention")
            run.persons_erased += 1
        except ApplicationError as error:  # held meanwhile
            run.failures.append(f"{person.reference_code}: {error.message}")
    with transaction.atomic():
        for kind in (RecordKind.HOTLINE_CONTACT, RecordKind.WEB_REPORT):
            contacts = _contacts(kind, rules, today)
            ids = list(contacts.values_list("pk", flat=True))
            if _action_of(rules, kind) == RetentionAction.DELETE:
                CallbackAttempt.objects.filter(contact_id__in=ids).delete()
                Contact.objects.filter(pk__in=ids).delete()
            else:
                CallbackAttempt.objects.filter(contact_id__in=ids).update(note="")
                Contact.objects.filter(pk__in=ids).update(
                    summary="", caller_phone_index="", emergency_contact=""
                )
            if kind == RecordKind.HOTLINE_CONTACT:
                run.contacts = len(ids)
            else:
                run.web_reports = len(ids)
        answers = _answers(rules, today)
        rule = rules.rules.get(RecordKind.FEEDBACK_ANSWER, {}).get("")
        if rule is not None and rule[1] == RetentionAction.DELETE:
            run.feedback_answers = answers.delete()[0]
        else:
            run.feedback_answers = answers.update(texts="")
        audit_record(
            action="retention.applied",
            object_type="retention",
            object_id=today.isoformat(),
            details={
                "persons_erased": run.persons_erased,
                "persons_held": run.persons_held,
                "contacts": run.contacts,
                "web_reports": run.web_reports,
                "feedback_answers": run.feedback_answers,
            },
        )
    return run
