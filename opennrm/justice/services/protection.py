"""Hearings, protection measures and the revelation of a concealed identity. Every write is
one transaction with its audit event; the victim's side (case owner, lawyer) is told by
reference code only."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from opennrm.accounts.models import Membership
from opennrm.accounts.notifications import label, moment
from opennrm.core import geo
from opennrm.core.calendar import is_working_day
from opennrm.core.errors import ApplicationError, Problems
from opennrm.core.permissions import Permission
from opennrm.core.workflow import Workflow
from opennrm.justice.models import (
    Authority,
    Hearing,
    HearingVictim,
    IdentityReveal,
    Proceeding,
    ProceedingCase,
    ProtectionMeasure,
)
from opennrm.justice.selectors import can_record
from opennrm.justice.services.accused import COURT_KINDS
from opennrm.justice.services.proceedings import notify_case_owners, proceeding_event
from opennrm.justice.vocabularies import (
    Attendance,
    AuthorityKind,
    HearingPurpose,
    MeasureKind,
    MeasureState,
    Requester,
    TestimonyMode,
)

HEARING_AUTHORITIES = {*COURT_KINDS, AuthorityKind.INVESTIGATING_JUDGE}
DECIDING_AUTHORITIES = {*HEARING_AUTHORITIES, AuthorityKind.PROSECUTOR_OFFICE}
# Attendance that can only be known once the hearing has taken place.
AFTER_THE_HEARING = {Attendance.ATTENDED, Attendance.REPRESENTED, Attendance.ABSENT}
MIN_REVEAL_REASON = 10

S = MeasureState
MEASURE_WORKFLOW = Workflow(
    model=ProtectionMeasure,
    states=MeasureState,
    moves={S.REQUESTED: frozenset({S.GRANTED, S.REFUSED}), S.GRANTED: frozenset({S.LIFTED})},
    refused=gettext_lazy("A measure that is “%(state)s” cannot become “%(to)s”."),
    stale=gettext_lazy("This measure was changed by someone else meanwhile. Reload the page."),
    version_field="version",
    permissions=dict.fromkeys([S.GRANTED, S.REFUSED, S.LIFTED], Permission.RECORD_PROCEEDINGS),
)


def _require_recorder(actor: Membership, proceeding: Proceeding) -> None:
    if not can_record(actor, proceeding):
        raise PermissionDenied(_("Your role does not allow this."))


def _check_hearing(
    proceeding: Proceeding, scheduled_at: datetime, court: Authority, problems: Problems
) -> None:
    if court.kind not in HEARING_AUTHORITIES or court.country != proceeding.country:
        problems.add(_("Choose the court or the investigating judge."), field="court")
    day = timezone.localdate(scheduled_at)
    if day < proceeding.opened_on:
        problems.add(
            _("A hearing cannot come before the complaint or report (%(date)s).")
            % {"date": formats.date_format(proceeding.opened_on, "SHORT_DATE_FORMAT")},
            field="scheduled_at",
        )
    elif not is_working_day(day):
        problems.add(
            _("%(date)s is not a working day (weekend or public holiday).")
            % {"date": formats.date_format(day, "SHORT_DATE_FORMAT")},
            field="scheduled_at",
        )


def hearing_schedule(
    *,
    actor: Membership,
    proceeding: Proceeding,
    scheduled_at: datetime,
    court: Authority,
    purpose: str,
) -> Hearing:
    """Set a hearing; every linked victim is listed on it (a granted video testimony makes
    theirs by video), and the victims' case managers and lawyers are told."""
    _require_recorder(actor, proceeding)
    problems = Problems()
    if purpose not in HearingPurpose.values:
        problems.add(_("Unknown value."), field="purpose")
    _check_hearing(proceeding, scheduled_at, court, problems)
    problems.raise_any()
    with transaction.atomic():
        hearing = Hearing.objects.create(
            proceeding=proceeding,
            scheduled_at=scheduled_at,
            court=court,
            purpose=purpose,
            recorded_by=actor.user,
        )
        victims = list(
            proceeding.cases.select_related("case__owner_organisation", "legal_aid_organisation")
        )
        by_video = set(
            ProtectionMeasure.objects.filter(
                victim__in=victims, kind=MeasureKind.VIDEO_TESTIMONY, state=S.GRANTED
            ).values_list("victim_id", flat=True)
        )
        HearingVictim.objects.bulk_create(
            HearingVictim(
                hearing=hearing,
                victim=v,
                legal_aid=v.legal_aid_organisation_id is not None,
                testimony=TestimonyMode.VIDEO if v.pk in by_video else TestimonyMode.NONE,
            )
            for v in victims
        )
        proceeding_event(actor, proceeding, "hearing.scheduled", hearing_id=str(hearing.pk))
        notify_case_owners(
            proceeding,
            gettext_noop(
                "A hearing in criminal proceeding %(proceeding)s (case %(case)s) is set for "
                "%(when)s."
            ),
            extra={"when": moment(scheduled_at)},
            links=victims,
            lawyers=True,
        )
    return hearing


def hearing_reschedule(
    *, actor: Membership, hearing: Hearing, scheduled_at: datetime | None, cancel: bool = False
) -> Hearing:
    proceeding = hearing.proceeding
    _require_recorder(actor, proceeding)
    if hearing.cancelled:
        raise ApplicationError(_("This hearing was cancelled."))
    if not cancel:
        if scheduled_at is None:
            raise ApplicationError(_("Give the new date and time."), field="scheduled_at")
        problems = Problems()
        _check_hearing(proceeding, scheduled_at, hearing.court, problems)
        problems.raise_any()
    with transaction.atomic():
        if cancel:
            hearing.cancelled = True
            hearing.save(update_fields=["cancelled", "updated_at"])
            text = gettext_noop(
                "The hearing of %(when)s in criminal proceeding %(proceeding)s (case %(case)s) "
                "was cancelled."
            )
            when = hearing.scheduled_at
        elif scheduled_at is not None:  # always, once checked above
            hearing.scheduled_at = scheduled_at
            hearing.save(update_fields=["scheduled_at", "updated_at"])
            text = gettext_noop(
                "The hearing in criminal proceeding %(proceeding)s (case %(case)s) was moved to "
                "%(when)s."
            )
            when = scheduled_at
        else:
            raise ApplicationError(_("Give the new date and time."), field="scheduled_at")
        proceeding_event(
            actor,
            proceeding,
            "hearing.cancelled" if cancel else "hearing.rescheduled",
            hearing_id=str(hearing.pk),
        )
        notify_case_owners(proceeding, text, extra={"when": moment(when)}, lawyers=True)
    return hearing


def hearing_victim_update(
    *,
    actor: Membership,
    entry: HearingVictim,
    attendance: str,
    interpreter_language: str,
    legal_aid: bool,
    testimony: str,
) -> HearingVictim:
    hearing = entry.hearing
    _require_recorder(actor, hearing.proceeding)
    problems = Problems()
    if attendance not in Attendance.values:
        problems.add(_("Unknown value."), field="attendance")
    elif attendance in AFTER_THE_HEARING and hearing.scheduled_at > timezone.now():
        problems.add(_("Attendance is recorded after the hearing."), field="attendance")
    if interpreter_language and not geo.is_language(interpreter_language):
        problems.add(_("Unknown language."), field="interpreter_language")
    if testimony not in TestimonyMode.values:
        problems.add(_("Unknown value."), field="testimony")
    problems.raise_any()
    with transaction.atomic():
        entry.attendance = attendance
        entry.interpreter_language = interpreter_language
        entry.legal_aid = legal_aid
        entry.testimony = testimony
        entry.save(
            update_fields=[
                "attendance",
                "interpreter_language",
                "legal_aid",
                "testimony",
                "updated_at",
            ]
        )
        proceeding_event(
            actor,
            hearing.proceeding,
            "hearing.victim_updated",
            hearing_id=str(hearing.pk),
            attendance=attendance,
        )
    return entry


def _may_request(actor: Membership, victim: ProceedingCase) -> bool:
    """The justice side in charge, or the victim's case owner, may ask for a measure."""
    owner = (
        actor.can(Permission.EDIT_CASE)
        and victim.case.owner_organisation_id == actor.organisation_id
    )
    return owner or can_record(actor, victim.proceeding)


def measure_request(
    *,
    actor: Membership,
    victim: ProceedingCase,
    kind: str,
    requested_on: date,
    requested_by: str,
) -> ProtectionMeasure:
    proceeding = victim.proceeding
    if not _may_request(actor, victim):
        raise PermissionDenied(_("Your role does not allow this."))
    problems = Problems()
    if kind not in MeasureKind.values:
        problems.add(_("Unknown value."), field="kind")
    if requested_by not in Requester.values:
        problems.add(_("Unknown value."), field="requested_by")
    if requested_on > timezone.localdate():
        problems.add(_("This date is in the future."), field="requested_on")
    elif requested_on < proceeding.opened_on:
        problems.add(
            _("A request cannot come before the complaint or report (%(date)s).")
            % {"date": formats.date_format(proceeding.opened_on, "SHORT_DATE_FORMAT")},
            field="requested_on",
        )
    problems.raise_any()
    try:
        with transaction.atomic():
            measure = ProtectionMeasure.objects.create(
                proceeding=proceeding,
                victim=victim,
                kind=kind,
                requested_on=requested_on,
                requested_by=requested_by,
                recorded_by=actor.user,
            )
            proceeding_event(
                actor, proceeding, "protection.requested", measure_id=str(measure.pk), kind=kind
            )
    except IntegrityError:
        raise ApplicationError(
            _("This measure is already requested or in force for this person."), field="kind"
        ) from None
    return measure


def measure_decide(
    *,
    actor: Membership,
    measure: ProtectionMeasure,
    grant: bool,
    decided_on: date,
    authority: Authority,
    expected_version: int | None = None,
) -> ProtectionMeasure:
    proceeding = measure.proceeding
    _require_recorder(actor, proceeding)
    problems = Problems()
    if authority.kind not in DECIDING_AUTHORITIES or authority.country != proceeding.country:
        problems.add(_("Choose the prosecutor or the judge who decided."), field="authority")
    if decided_on > timezone.localdate():
        problems.add(_("This date is in the future."), field="decided_on")
    elif decided_on < measure.requested_on:
        problems.add(
            _("A decision cannot come before the request (%(date)s).")
            % {"date": formats.date_format(measure.requested_on, "SHORT_DATE_FORMAT")},
            field="decided_on",
        )
    problems.raise_any()
    to_state = S.GRANTED if grant else S.REFUSED
    changes: dict[str, object] = {"decided_on": decided_on, "decided_by": authority}
    if grant and measure.kind == MeasureKind.IDENTITY_CONCEALMENT:
        taken = proceeding.protection_measures.exclude(pseudonym="").count()
        changes["pseudonym"] = f"X-{taken + 1}"

    def after(moved: ProtectionMeasure, _from: str) -> None:
        proceeding_event(
            actor,
            proceeding,
            "protection.granted" if grant else "protection.refused",
            measure_id=str(moved.pk),
            kind=moved.kind,
        )
        notify_case_owners(
            proceeding,
            gettext_noop(
                "Protection measure “%(measure)s” in criminal proceeding %(proceeding)s "
                "(case %(case)s): %(decision)s."
            ),
            extra={
                "measure": label(MeasureKind(moved.kind).label),
                "decision": label(MeasureState(moved.state).label),
            },
            links=[moved.victim],
            lawyers=True,
        )

    return MEASURE_WORKFLOW.step(
        measure,
        to_state,
        actor=actor,
        changes=changes,
        after=after,
        expected_version=expected_version,
    )


def measure_lift(
    *, actor: Membership, measure: ProtectionMeasure, lifted_on: date
) -> ProtectionMeasure:
    proceeding = measure.proceeding
    _require_recorder(actor, proceeding)
    if lifted_on > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field="lifted_on")
    if measure.decided_on is not None and lifted_on < measure.decided_on:
        raise ApplicationError(
            _("A measure cannot be lifted before it was granted (%(date)s).")
            % {"date": formats.date_format(measure.decided_on, "SHORT_DATE_FORMAT")},
            field="lifted_on",
        )

    def after(moved: ProtectionMeasure, _from: str) -> None:
        proceeding_event(
            actor, proceeding, "protection.lifted", measure_id=str(moved.pk), kind=moved.kind
        )
        notify_case_owners(
            proceeding,
            gettext_noop(
                "Protection measure “%(measure)s” in criminal proceeding %(proceeding)s "
                "(case %(case)s): %(decision)s."
            ),
            extra={
                "measure": label(MeasureKind(moved.kind).label),
                "decision": label(MeasureState.LIFTED.label),
            },
            links=[moved.victim],
            lawyers=True,
        )

    return MEASURE_WORKFLOW.step(
        measure, S.LIFTED, actor=actor, changes={"lifted_on": lifted_on}, after=after
    )


def identity_reveal(
    *, actor: Membership, measure: ProtectionMeasure, reason: str
) -> IdentityReveal:
    """Show a concealed identity to one member of the justice chain, for one reason. Revealing
    it is a crime outside the law's cases (Law 27-14 art. 448-9): each revelation is kept,
    audited, and the case's owner is told who saw it."""
    if not actor.can(Permission.REVEAL_PROTECTED_IDENTITY):
        raise PermissionDenied(_("Your role does not allow this."))
    if measure.kind != MeasureKind.IDENTITY_CONCEALMENT or measure.state != S.GRANTED:
        raise ApplicationError(_("This person's identity is not concealed."))
    if len(reason.strip()) < MIN_REVEAL_REASON:
        raise ApplicationError(
            _("Give the reason (the order or the act that requires the identity)."),
            field="reason",
        )
    with transaction.atomic():
        reveal = IdentityReveal.objects.create(
            measure=measure,
            revealed_to=actor.user,
            revealed_for_id=actor.organisation_id,
            reason=reason.strip(),
        )
        proceeding_event(actor, measure.proceeding, "identity.revealed", measure_id=str(measure.pk))
        notify_case_owners(
            measure.proceeding,
            gettext_noop(
                "The concealed identity of the person in case %(case)s was revealed to "
                "%(organisation)s in criminal proceeding %(proceeding)s."
            ),
            extra={"organisation": str(actor.organisation)},
            links=[measure.victim],
        )
    return reveal
