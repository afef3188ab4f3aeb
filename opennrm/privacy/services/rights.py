"""The rights of the person (Law 09-08): access, rectification, objection and erasure, each a
recorded request with a legal deadline and its outcome, handled by the organisation that owns
the person's case (obtained through `access_case` with a purpose other than reading, so an
organisation with read access only cannot)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.core.references import new_reference
from opennrm.privacy.models import RightsRequest
from opennrm.privacy.selectors import held_person_ids
from opennrm.privacy.services.erasure import person_erase
from opennrm.privacy.vocabularies import RefusalReason, RequestMadeBy, RequestState, RightKind


def _require(actor: Membership, permission: Permission) -> None:
    if not actor.can(permission):
        raise ApplicationError(_("Your role does not allow this."))


def rights_request_record(
    *,
    actor: Membership,
    case: Case,
    kind: str,
    received_on: dt.date,
    made_by: str = RequestMadeBy.PERSON,
) -> RightsRequest:
    _require(actor, Permission.HANDLE_RIGHTS_REQUESTS)
    if case.owner_organisation_id != actor.organisation_id:
        raise ApplicationError(_("Only the organisation that owns the case answers the request."))
    if kind not in RightKind.values:
        raise ApplicationError(_("Choose the right the person exercises."), field="kind")
    if made_by not in RequestMadeBy.values:
        raise ApplicationError(_("Say who made the request."), field="made_by")
    today = timezone.localdate()
    if received_on > today:
        raise ApplicationError(
            _("The request cannot be received in the future."), field="received_on"
        )
    if case.person.erased_at is not None:
        raise ApplicationError(_("This person's details were erased already."))
    due_on = received_on + dt.timedelta(days=settings.OPENNRM_RIGHTS_REQUEST_DAYS)
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    request = RightsRequest.objects.create(
                        reference_code=new_reference("D"),
                        case=case,
                        person_id=case.person_id,
                        organisation=actor.organisation,
                        kind=kind,
                        made_by=made_by,
                        received_on=received_on,
                        due_on=due_on,
                        recorded_by=actor.user,
                    )
                break
            except IntegrityError:  # reference collision: draw again
                continue
        else:  # pragma: no cover - 32^8 codes
            raise ApplicationError(_("Could not allocate a reference; try again."))
        audit_record(
            action="rights_request.recorded",
            actor=actor,
            object_type="case",
            object_id=case.pk,
            subject_organisation_id=case.owner_organisation_id,
            details={"request_id": str(request.pk), "kind": kind, "due_on": due_on.isoformat()},
        )
    return request


def _locked_open(request: RightsRequest, expected_version: int | None) -> RightsRequest:
    request = RightsRequest.objects.select_for_update().get(pk=request.pk)
    if expected_version is not None and request.version != expected_version:
        raise ApplicationError(
            _("Someone else answered this request meanwhile. Reload the page to see it.")
        )
    if not request.is_open:
        raise ApplicationError(_("This request was answered already."))
    return request


def _answered(
    actor: Membership, request: RightsRequest, state: str, refusal_reason: str = ""
) -> RightsRequest:
    request.state = state
    request.refusal_reason = refusal_reason
    request.answered_on = timezone.localdate()
    request.answered_by = actor.user
    request.version += 1
    request.save(
        update_fields=[
            "state",
            "refusal_reason",
            "answered_on",
            "answered_by",
            "version",
            "updated_at",
        ]
    )
    audit_record(
        action="rights_request.answered",
        actor=actor,
        object_type="case",
        object_id=request.case_id,
        subject_organisation_id=request.organisation_id,
        details={
            "request_id": str(request.pk),
            "kind": request.kind,
            "state": state,
            **({"refusal_reason": refusal_reason} if refusal_reason else {}),
            "on_time": request.answered_on <= request.due_on,
        },
    )
    return request


def rights_request_done(
    *, actor: Membership, request: RightsRequest, expected_version: int | None = None
) -> RightsRequest:
    """Access handed over, details corrected, objection upheld: the request is done. An
    erasure is done by erasing (`rights_request_erase`)."""
    _require(actor, Permission.HANDLE_RIGHTS_REQUESTS)
    if request.kind == RightKind.ERASURE:
        raise ApplicationError(_("An erasure request is done by erasing the person's details."))
    with transaction.atomic():
        request = _locked_open(request, expected_version)
        return _answered(actor, request, RequestState.DONE)


def rights_request_refuse(
    *,
    actor: Membership,
    request: RightsRequest,
    reason: str,
    expected_version: int | None = None,
) -> RightsRequest:
    _require(actor, Permission.HANDLE_RIGHTS_REQUESTS)
    if reason not in RefusalReason.values:
        raise ApplicationError(_("Give the reason for refusing."), field="reason")
    with transaction.atomic():
        request = _locked_open(request, expected_version)
        return _answered(actor, request, RequestState.REFUSED, reason)


def rights_request_erase(
    *, actor: Membership, request: RightsRequest, expected_version: int | None = None
) -> RightsRequest:
    """Erase the person's identifying details, answering their erasure request. Only when
    every case of theirs is the organisation's own: another organisation's records are that
    organisation's to answer for. Refused under a legal hold or an open proceeding (then the
    request is refused with that reason)."""
    _require(actor, Permission.ERASE_PERSON_DATA)
    if request.kind != RightKind.ERASURE:
        raise ApplicationError(_("Only an erasure request erases the person's details."))
    with transaction.atomic():
        request = _locked_open(request, expected_version)
        person = request.person
        others = Case.objects.filter(person__in=[person, *person.merged_records.all()]).exclude(
            owner_organisation_id=actor.organisation_id
        )
        if others.exists():
            raise ApplicationError(
                _(
                    "Another organisation owns a case of this person: it answers for its own "
                    "records. Ask it to erase them, then erase yours."
                )
            )
        if held_person_ids([person.pk]):
            raise ApplicationError(
                _(
                    "This person's records are under a legal hold or part of an open criminal "
                    "proceeding: refuse the request with that reason, or wait for the hold to "
                    "be lifted."
                )
            )
        request = _answered(actor, request, RequestState.DONE)
        person_erase(actor=actor, person=person, reason="request", request_id=request.pk)
    return request
