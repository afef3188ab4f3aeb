"""Suspects and accused, the charges against them, the judgments on each charge at each
instance, and the compensation awarded to each victim. Recorded by the authority in charge of
the proceeding; impossible dates and sentences are refused with every problem named at once,
and nothing is saved."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from opennrm.accounts.models import Membership
from opennrm.core import geo
from opennrm.core.errors import ApplicationError, Problems
from opennrm.justice.models import (
    Authority,
    Charge,
    Compensation,
    Judgment,
    Offence,
    Perpetrator,
    Proceeding,
    ProceedingCase,
)
from opennrm.justice.selectors import can_record_outcome
from opennrm.justice.services.proceedings import notify_case_owners, proceeding_event
from opennrm.justice.vocabularies import (
    Aggravation,
    AuthorityKind,
    JudgmentInstance,
    JudgmentOutcome,
    PerpetratorStatus,
    RelationToVictim,
    RoleInProcess,
)
from opennrm.people.services import name_index
from opennrm.people.vocabularies import Gender

COURT_KINDS = {
    AuthorityKind.FIRST_INSTANCE_COURT,
    AuthorityKind.APPEAL_COURT,
    AuthorityKind.CASSATION_COURT,
}
# Which judgment an instance follows: an appeal needs a first-instance judgment, a cassation
# an appeal judgment.
PREVIOUS_INSTANCE = {
    JudgmentInstance.APPEAL: JudgmentInstance.FIRST_INSTANCE,
    JudgmentInstance.CASSATION: JudgmentInstance.APPEAL,
}
OLDEST_BIRTH_YEAR = 1900


def _require_recorder(actor: Membership, proceeding: Proceeding) -> None:
    if not can_record_outcome(actor, proceeding):
        raise PermissionDenied(_("Your role does not allow this."))


@dataclass(frozen=True)
class PerpetratorDetails:
    status: str = PerpetratorStatus.SUSPECT
    given_name: str = ""
    family_name: str = ""
    name_arabic: str = ""
    alias: str = ""
    gender: str = Gender.UNKNOWN
    birth_year: int | None = None
    citizenships: list[str] = field(default_factory=list)
    roles_in_process: list[str] = field(default_factory=list)
    relation_to_victim: str = ""
    role_details: str = ""


def _check_perpetrator(details: PerpetratorDetails) -> None:
    problems = Problems()
    if not any(
        v.strip()
        for v in (details.given_name, details.family_name, details.name_arabic, details.alias)
    ):
        problems.add(_("Give a name or an alias (a nickname is enough)."), field="family_name")
    if details.status not in PerpetratorStatus.values:
        problems.add(_("Unknown value."), field="status")
    if details.gender not in Gender.values:
        problems.add(_("Unknown value."), field="gender")
    this_year = timezone.localdate().year
    if details.birth_year is not None and not (
        OLDEST_BIRTH_YEAR <= details.birth_year <= this_year
    ):
        problems.add(
            _("Give a year between %(first)s and %(last)s.")
            % {"first": OLDEST_BIRTH_YEAR, "last": this_year},
            field="birth_year",
        )
    if any(not geo.is_country(c) for c in details.citizenships):
        problems.add(_("Unknown country code."), field="citizenships")
    if set(details.roles_in_process) - set(RoleInProcess.values):
        problems.add(_("Unknown value."), field="roles_in_process")
    if details.relation_to_victim and details.relation_to_victim not in RelationToVictim.values:
        problems.add(_("Unknown value."), field="relation_to_victim")
    problems.raise_any()


def _perpetrator_values(details: PerpetratorDetails) -> dict[str, object]:
    full_name = f"{details.given_name.strip()} {details.family_name.strip()}".strip()
    return {
        "status": details.status,
        "given_name": details.given_name.strip(),
        "family_name": details.family_name.strip(),
        "name_arabic": details.name_arabic.strip(),
        "alias": details.alias.strip(),
        "name_index": name_index(full_name) if full_name else "",
        "gender": details.gender,
        "birth_year": details.birth_year,
        "citizenships": sorted(set(details.citizenships)),
        "roles_in_process": sorted(set(details.roles_in_process)),
        "relation_to_victim": details.relation_to_victim,
        "role_details": details.role_details.strip(),
    }


def perpetrator_add(
    *, actor: Membership, proceeding: Proceeding, details: PerpetratorDetails
) -> Perpetrator:
    _require_recorder(actor, proceeding)
    _check_perpetrator(details)
    with transaction.atomic():
        # Labels ... are numbered under a lock on the proceeding.
        Proceeding.objects.select_for_update().filter(pk=proceeding.pk).first()
        number = proceeding.perpetrators.count() + 1
        perpetrator = Perpetrator.objects.create(
            proceeding=proceeding,
            label=f"A-{number}",
            recorded_by=actor.user,
            **_perpetrator_values(details),
        )
        proceeding_event(actor, proceeding, "perpetrator.added", perpetrator_id=str(perpetrator.pk))
    return perpetrator


def perpetrator_update(
    *, actor: Membership, perpetrator: Perpetrator, details: PerpetratorDetails
) -> Perpetrator:
    proceeding = perpetrator.proceeding
    _require_recorder(actor, proceeding)
    _check_perpetrator(details)
    if details.status == PerpetratorStatus.SUSPECT and perpetrator.charges.exists():
        raise ApplicationError(
            _("A person who has been charged is an accused, not a suspect."), field="status"
        )
    values = _perpetrator_values(details)
    changed = sorted(k for k, v in values.items() if getattr(perpetrator, k) != v)
    with transaction.atomic():
        for name, value in values.items():
            setattr(perpetrator, name, value)
        perpetrator.save(update_fields=[*values, "updated_at"])
        proceeding_event(
            actor,
            proceeding,
            "perpetrator.updated",
            perpetrator_id=str(perpetrator.pk),
            fields=changed,
        )
    return perpetrator


def charge_add(
    *,
    actor: Membership,
    perpetrator: Perpetrator,
    offence: Offence,
    aggravations: list[str],
    charged_on: date,
) -> Charge:
    """Charging a suspect makes them an accused."""
    proceeding = perpetrator.proceeding
    _require_recorder(actor, proceeding)
    problems = Problems()
    if offence.country != proceeding.country or not offence.is_active:
        problems.add(_("Choose an offence of this country's penal code."), field="offence")
    if set(aggravations) - set(Aggravation.values):
        problems.add(_("Unknown value."), field="aggravations")
    if charged_on > timezone.localdate():
        problems.add(_("This date is in the future."), field="charged_on")
    elif charged_on < proceeding.opened_on:
        problems.add(
            _("A charge cannot come before the complaint or report (%(date)s).")
            % {"date": proceeding.opened_on.isoformat()},
            field="charged_on",
        )
    problems.raise_any()
    try:
        with transaction.atomic():
            charge = Charge.objects.create(
                perpetrator=perpetrator,
                offence=offence,
                aggravations=sorted(set(aggravations)),
                charged_on=charged_on,
                recorded_by=actor.user,
            )
            if perpetrator.status != PerpetratorStatus.ACCUSED:
                perpetrator.status = PerpetratorStatus.ACCUSED
                perpetrator.save(update_fields=["status", "updated_at"])
            proceeding_event(
                actor,
                proceeding,
                "charge.added",
                perpetrator_id=str(perpetrator.pk),
                offence=offence.article,
            )
    except IntegrityError:
        raise ApplicationError(
            _("This person is already charged with this offence."), field="offence"
        ) from None
    return charge


@dataclass(frozen=True)
class JudgmentDetails:
    instance: str
    decided_on: date
    court: Authority
    outcome: str
    requalified_as: Offence | None = None
    prison_months: int = 0
    suspended_months: int = 0
    fine: Decimal = Decimal(0)
    confiscation: bool = False


def _check_sentence(details: JudgmentDetails, charge: Charge, problems: Problems) -> None:
    convicted = details.outcome in {JudgmentOutcome.CONVICTION, JudgmentOutcome.REQUALIFICATION}
    if not convicted and (
        details.prison_months or details.suspended_months or details.fine or details.confiscation
    ):
        problems.add(
            _(
                "An acquittal or a quashed judgment carries no sentence: no prison, fine or "
                "confiscation."
            ),
            field="prison_months",
        )
    if details.prison_months < 0 or details.suspended_months < 0 or details.fine < 0:
        problems.add(_("A sentence cannot be negative."), field="prison_months")
    if details.outcome == JudgmentOutcome.REQUALIFICATION:
        if details.requalified_as is None:
            problems.add(_("Say which offence the court retained."), field="requalified_as")
        elif details.requalified_as.pk == charge.offence_id:
            problems.add(
                _("A requalification retains another offence than the one charged."),
                field="requalified_as",
            )
    elif details.requalified_as is not None:
        problems.add(_("Only a requalification names another offence."), field="requalified_as")
    if (
        details.outcome == JudgmentOutcome.QUASHED
        and details.instance != JudgmentInstance.CASSATION
    ):
        problems.add(_("Only the court of cassation quashes a judgment."), field="outcome")


def judgment_record(*, actor: Membership, charge: Charge, details: JudgmentDetails) -> Judgment:
    proceeding = charge.perpetrator.proceeding
    _require_recorder(actor, proceeding)
    problems = Problems()
    if details.instance not in JudgmentInstance.values:
        problems.add(_("Unknown value."), field="instance")
    if details.outcome not in JudgmentOutcome.values:
        problems.add(_("Unknown value."), field="outcome")
    if details.court.kind not in COURT_KINDS or details.court.country != proceeding.country:
        problems.add(_("Choose the court that gave the judgment."), field="court")
    previous = charge.judgments.order_by("-decided_on", "-created_at").first()
    if details.decided_on > timezone.localdate():
        problems.add(_("This date is in the future."), field="decided_on")
    elif details.decided_on < charge.charged_on:
        problems.add(
            _("A judgment cannot come before the charge (%(date)s).")
            % {"date": charge.charged_on.isoformat()},
            field="decided_on",
        )
    elif previous is not None and details.decided_on < previous.decided_on:
        problems.add(
            _("A judgment cannot come before the previous judgment on this charge (%(date)s).")
            % {"date": previous.decided_on.isoformat()},
            field="decided_on",
        )
    needed = (
        PREVIOUS_INSTANCE.get(JudgmentInstance(details.instance))
        if (details.instance in JudgmentInstance.values)
        else None
    )
    if needed is not None and not charge.judgments.filter(instance=needed).exists():
        problems.add(
            _("There is no judgment at the previous instance (%(instance)s) on this charge.")
            % {"instance": JudgmentInstance(needed).label},
            field="instance",
        )
    _check_sentence(details, charge, problems)
    problems.raise_any()
    with transaction.atomic():
        judgment = Judgment.objects.create(
            charge=charge,
            instance=details.instance,
            decided_on=details.decided_on,
            court=details.court,
            outcome=details.outcome,
            requalified_as=details.requalified_as,
            prison_months=details.prison_months,
            suspended_months=details.suspended_months,
            fine=details.fine,
            confiscation=details.confiscation,
            recorded_by=actor.user,
        )
        proceeding_event(
            actor,
            proceeding,
            "judgment.recorded",
            charge_id=str(charge.pk),
            instance=details.instance,
            outcome=details.outcome,
        )
        notify_case_owners(
            proceeding,
            gettext_noop(
                "A judgment was recorded in criminal proceeding %(proceeding)s (case %(case)s)."
            ),
        )
    return judgment


@dataclass(frozen=True)
class CompensationDetails:
    victim: ProceedingCase
    awarded: Decimal
    paid: Decimal = Decimal(0)
    paid_on: date | None = None


def compensation_record(
    *, actor: Membership, judgment: Judgment, details: CompensationDetails
) -> Compensation:
    """What the judgment awards one victim, and what has been paid (recorded again as
    payments come in)."""
    proceeding = judgment.charge.perpetrator.proceeding
    _require_recorder(actor, proceeding)
    problems = Problems()
    if details.victim.proceeding_id != proceeding.pk:
        problems.add(_("This person is not a victim in this proceeding."), field="victim")
    if not judgment.is_conviction:
        problems.add(_("Only a conviction awards compensation."), field="awarded")
    if details.awarded <= 0:
        problems.add(_("Give the amount awarded."), field="awarded")
    if details.paid < 0:
        problems.add(_("An amount cannot be negative."), field="paid")
    elif details.paid > details.awarded:
        problems.add(_("The amount paid cannot be more than the amount awarded."), field="paid")
    if details.paid > 0 and details.paid_on is None:
        problems.add(_("Give the date of the payment."), field="paid_on")
    if details.paid_on is not None:
        if details.paid_on > timezone.localdate():
            problems.add(_("This date is in the future."), field="paid_on")
        elif details.paid_on < judgment.decided_on:
            problems.add(
                _("A payment cannot come before the judgment (%(date)s).")
                % {"date": judgment.decided_on.isoformat()},
                field="paid_on",
            )
    problems.raise_any()
    with transaction.atomic():
        compensation, _created = Compensation.objects.update_or_create(
            judgment=judgment,
            victim=details.victim,
            defaults={
                "awarded": details.awarded,
                "paid": details.paid,
                "paid_on": details.paid_on,
                "recorded_by": actor.user,
            },
        )
        proceeding_event(
            actor,
            proceeding,
            "compensation.recorded",
            judgment_id=str(judgment.pk),
            victim_case_id=str(details.victim.case_id),
        )
    return compensation
