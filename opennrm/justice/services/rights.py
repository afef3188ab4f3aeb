"""Non-punishment, residence and participation: the victim's rights around the proceedings.
Recorded by the victim's case owner (participation also by the authority in charge and the
victim's lawyer); every write is one transaction with its audit event on the case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.errors import Problems
from opennrm.core.permissions import Permission
from opennrm.justice.models import (
    Judgment,
    NonPunishment,
    Participation,
    ProceedingCase,
    ResidenceDecision,
)
from opennrm.justice.selectors import can_record
from opennrm.justice.vocabularies import (
    Decision,
    NonPunishmentOutcome,
    PenalisedAct,
    PenaltyMeasure,
    ResidenceKind,
)

NP = NonPunishmentOutcome


def _require_owner(actor: Membership, case: Case) -> None:
    if not actor.can(Permission.EDIT_CASE) or case.owner_organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Your role does not allow this."))


def _event(actor: Membership, case: Case, action: str, **details: object) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="case",
        object_id=case.pk,
        subject_organisation_id=case.owner_organisation_id,
        details=details,
    )


def _short(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _not_future(day: date | None, field: str, problems: Problems) -> bool:
    if day is not None and day > timezone.localdate():
        problems.add(_("This date is in the future."), field=field)
        return False
    return True


@dataclass(frozen=True)
class NonPunishmentDetails:
    act: str
    measure: str
    occurred_on: date
    authority: str = ""
    requested_on: date | None = None
    outcome: str = NP.NOT_REQUESTED
    outcome_on: date | None = None
    notes: str = ""


def _check_non_punishment(details: NonPunishmentDetails) -> None:
    problems = Problems()
    if details.act not in PenalisedAct.values:
        problems.add(_("Unknown value."), field="act")
    if details.measure not in PenaltyMeasure.values:
        problems.add(_("Unknown value."), field="measure")
    if details.outcome not in NP.values:
        problems.add(_("Unknown value."), field="outcome")
    _not_future(details.occurred_on, "occurred_on", problems)
    if _not_future(details.requested_on, "requested_on", problems) and (
        details.requested_on is not None and details.requested_on < details.occurred_on
    ):
        problems.add(
            _("The request cannot come before what happened (%(date)s).")
            % {"date": _short(details.occurred_on)},
            field="requested_on",
        )
    if details.outcome == NP.NOT_REQUESTED and details.requested_on is not None:
        problems.add(
            _("A request was made: choose its outcome (pending while it is not known)."),
            field="outcome",
        )
    if details.outcome != NP.NOT_REQUESTED and details.requested_on is None:
        problems.add(_("Give the date of the request."), field="requested_on")
    decided = details.outcome in {NP.APPLIED, NP.REFUSED}
    if decided and details.outcome_on is None:
        problems.add(_("Give the date of the outcome."), field="outcome_on")
    if not decided and details.outcome_on is not None:
        problems.add(_("Only a decided request has an outcome date."), field="outcome_on")
    if (
        _not_future(details.outcome_on, "outcome_on", problems)
        and details.outcome_on is not None
        and details.requested_on is not None
        and details.outcome_on < details.requested_on
    ):
        problems.add(
            _("The outcome cannot come before the request (%(date)s).")
            % {"date": _short(details.requested_on)},
            field="outcome_on",
        )
    problems.raise_any()


def non_punishment_record(
    *,
    actor: Membership,
    case: Case,
    details: NonPunishmentDetails,
    record: NonPunishment | None = None,
) -> NonPunishment:
    """Record (or update) that the victim was penalised for an act trafficking made them
    commit, the request to apply the non-punishment provision, and its outcome."""
    _require_owner(actor, case)
    if record is not None and record.case_id != case.pk:
        raise PermissionDenied(_("Your role does not allow this."))
    _check_non_punishment(details)
    values = {
        "act": details.act,
        "measure": details.measure,
        "occurred_on": details.occurred_on,
        "authority": details.authority.strip(),
        "requested_on": details.requested_on,
        "outcome": details.outcome,
        "outcome_on": details.outcome_on,
        "notes": details.notes.strip(),
    }
    with transaction.atomic():
        if record is None:
            record = NonPunishment.objects.create(case=case, recorded_by=actor.user, **values)
        else:
            for name, value in values.items():
                setattr(record, name, value)
            record.save(update_fields=[*values, "updated_at"])
        _event(
            actor,
            case,
            "non_punishment.recorded",
            record_id=str(record.pk),
            act=details.act,
            outcome=details.outcome,
        )
    return record


def residence_request(
    *, actor: Membership, case: Case, kind: str, requested_on: date
) -> ResidenceDecision:
    _require_owner(actor, case)
    problems = Problems()
    if kind not in ResidenceKind.values:
        problems.add(_("Unknown value."), field="kind")
    _not_future(requested_on, "requested_on", problems)
    citizenships = set(case.person.citizenships or [])
    if citizenships and citizenships <= {settings.OPENNRM_DEPLOYMENT_COUNTRY}:
        problems.add(
            _(
                "Only a foreign victim needs a decision on residence (the person's only "
                "citizenship is %(country)s)."
            )
            % {"country": geo.country_name(settings.OPENNRM_DEPLOYMENT_COUNTRY)},
            field="kind",
        )
    problems.raise_any()
    with transaction.atomic():
        record = ResidenceDecision.objects.create(
            case=case, kind=kind, requested_on=requested_on, recorded_by=actor.user
        )
        _event(actor, case, "residence.requested", record_id=str(record.pk), kind=kind)
    return record


def residence_decide(
    *,
    actor: Membership,
    record: ResidenceDecision,
    decision: str,
    decided_on: date,
    authority: str,
    valid_until: date | None,
) -> ResidenceDecision:
    case = record.case
    _require_owner(actor, case)
    problems = Problems()
    if record.decision != Decision.PENDING:
        problems.add(_("This request is already decided."), field="decision")
    if decision not in {Decision.GRANTED, Decision.REFUSED}:
        problems.add(_("Choose the decision."), field="decision")
    if _not_future(decided_on, "decided_on", problems) and decided_on < record.requested_on:
        problems.add(
            _("A decision cannot come before the request (%(date)s).")
            % {"date": _short(record.requested_on)},
            field="decided_on",
        )
    if valid_until is not None and (decision != Decision.GRANTED or valid_until < decided_on):
        problems.add(
            _("Only a granted stay has an end date, after the decision."), field="valid_until"
        )
    problems.raise_any()
    with transaction.atomic():
        record.decision = decision
        record.decided_on = decided_on
        record.authority = authority.strip()
        record.valid_until = valid_until
        record.save(
            update_fields=["decision", "decided_on", "authority", "valid_until", "updated_at"]
        )
        _event(actor, case, "residence.decided", record_id=str(record.pk), decision=decision)
    return record


def _may_record_participation(actor: Membership, link: ProceedingCase) -> bool:
    owner = (
        actor.can(Permission.EDIT_CASE) and link.case.owner_organisation_id == actor.organisation_id
    )
    lawyer = (
        actor.can(Permission.VIEW_CLIENT_PROCEEDINGS)
        and link.legal_aid_organisation_id == actor.organisation_id
    )
    return owner or lawyer or can_record(actor, link.proceeding)


@dataclass(frozen=True)
class ParticipationDetails:
    rights_informed_on: date | None = None
    rights_language: str = ""
    rights_informed_by: str = ""
    heard_on: date | None = None
    judgment_informed_on: date | None = None


def participation_record(
    *, actor: Membership, link: ProceedingCase, details: ParticipationDetails
) -> Participation:
    if not _may_record_participation(actor, link):
        raise PermissionDenied(_("Your role does not allow this."))
    opened = link.proceeding.opened_on
    problems = Problems()
    for field in ("rights_informed_on", "heard_on", "judgment_informed_on"):
        day = getattr(details, field)
        if _not_future(day, field, problems) and day is not None and day < opened:
            problems.add(
                _("This date is before the complaint or report (%(date)s).")
                % {"date": _short(opened)},
                field=field,
            )
    if details.rights_language and not geo.is_language(details.rights_language):
        problems.add(_("Unknown language."), field="rights_language")
    if details.rights_informed_on is None and (
        details.rights_language or details.rights_informed_by
    ):
        problems.add(_("Give the date the person was informed."), field="rights_informed_on")
    if details.judgment_informed_on is not None:
        first = (
            Judgment.objects.filter(charge__perpetrator__proceeding_id=link.proceeding_id)
            .order_by("decided_on")
            .values_list("decided_on", flat=True)
            .first()
        )
        if first is None:
            problems.add(_("No judgment has been recorded yet."), field="judgment_informed_on")
        elif details.judgment_informed_on < first:
            problems.add(
                _("The person cannot be told of a judgment before it (%(date)s).")
                % {"date": _short(first)},
                field="judgment_informed_on",
            )
    problems.raise_any()
    with transaction.atomic():
        participation, _created = Participation.objects.update_or_create(
            link=link,
            defaults={
                "rights_informed_on": details.rights_informed_on,
                "rights_language": details.rights_language,
                "rights_informed_by": details.rights_informed_by.strip(),
                "heard_on": details.heard_on,
                "judgment_informed_on": details.judgment_informed_on,
                "recorded_by": actor.user,
            },
        )
        _event(actor, link.case, "participation.recorded", proceeding_id=str(link.proceeding_id))
    return participation
