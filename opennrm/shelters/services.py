"""Reception centres, their places, and stays: one transaction each, with its audit event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.referrals.models import Referral
from opennrm.referrals.services import referral_start_service
from opennrm.referrals.vocabularies import ReferralState
from opennrm.shelters.models import CentrePlaces, ReceptionCentre, Stay
from opennrm.shelters.selectors import occupancy_of
from opennrm.shelters.vocabularies import DepartureReason, PlaceCategory


def _require(actor: Membership, permission: Permission) -> None:
    if not actor.can(permission):
        raise PermissionDenied(_("Your role does not allow this."))


def _require_own_centre(actor: Membership, centre: ReceptionCentre, permission: Permission) -> None:
    _require(actor, permission)
    if centre.organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Only the centre's own organisation can do this."))


@dataclass(frozen=True)
class CentreDetails:
    name: str
    region: str
    city: str = ""
    address: str = ""
    phone: str = ""
    is_active: bool = True
    places: dict[str, int] | None = None


def _clean_centre(details: CentreDetails) -> None:
    if not details.name.strip():
        raise ApplicationError(_("Give the centre a name."), field="name")
    if not geo.is_region(details.region):
        raise ApplicationError(_("Unknown region code."), field="region")
    for category, capacity in (details.places or {}).items():
        if category not in PlaceCategory.values:
            raise ApplicationError(_("Unknown value."), field="places")
        if capacity < 0:
            raise ApplicationError(_("A number of places cannot be negative."), field=category)


def _save_places(centre: ReceptionCentre, places: dict[str, int]) -> None:
    for category, capacity in places.items():
        CentrePlaces.objects.update_or_create(
            centre=centre, category=category, defaults={"capacity": capacity}
        )


def centre_create(*, actor: Membership, details: CentreDetails) -> ReceptionCentre:
    _require(actor, Permission.MANAGE_SERVICES)
    _clean_centre(details)
    with transaction.atomic():
        centre = ReceptionCentre.objects.create(
            organisation=actor.organisation,
            name=details.name.strip(),
            region=details.region,
            city=details.city.strip(),
            address=details.address.strip(),
            phone=details.phone.strip(),
            is_active=details.is_active,
        )
        _save_places(centre, details.places or {})
        audit_record(
            action="centre.created",
            actor=actor,
            object_type="centre",
            object_id=centre.pk,
            subject_organisation_id=actor.organisation_id,
        )
    return centre


def centre_update(
    *, actor: Membership, centre: ReceptionCentre, details: CentreDetails
) -> ReceptionCentre:
    _require_own_centre(actor, centre, Permission.MANAGE_SERVICES)
    _clean_centre(details)
    with transaction.atomic():
        centre.name = details.name.strip()
        centre.region = details.region
        centre.city = details.city.strip()
        centre.address = details.address.strip()
        centre.phone = details.phone.strip()
        centre.is_active = details.is_active
        centre.save(
            update_fields=["name", "region", "city", "address", "phone", "is_active", "updated_at"]
        )
        _save_places(centre, details.places or {})
        audit_record(
            action="centre.updated",
            actor=actor,
            object_type="centre",
            object_id=centre.pk,
            subject_organisation_id=actor.organisation_id,
        )
    return centre


def _stay_event(actor: Membership, stay: Stay, action: str, **details: object) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="case",
        object_id=stay.case_id,
        subject_organisation_id=stay.case.owner_organisation_id,
        details={"stay_id": str(stay.pk), "centre_id": str(stay.centre_id), **details},
    )


def stay_admit(
    *,
    actor: Membership,
    centre: ReceptionCentre,
    category: str,
    arrived_on: date,
    referral: Referral | None = None,
    case: Case | None = None,
    planned_departure_on: date | None = None,
    over_capacity: bool = False,
) -> Stay:
    """Admit a person referred to the centre's organisation (the referral then is in service),
    or one whose case the organisation owns."""
    _require_own_centre(actor, centre, Permission.MANAGE_STAYS)
    if (referral is None) == (case is None):
        raise ApplicationError(_("Choose the referral of the person admitted."), field="referral")
    if referral is not None:
        if referral.recipient_organisation_id != actor.organisation_id or referral.state not in {
            ReferralState.ACCEPTED,
            ReferralState.IN_SERVICE,
        }:
            raise ApplicationError(
                _("Only a referral your organisation accepted can lead to an admission."),
                field="referral",
            )
        case = referral.case
    elif case is not None and case.owner_organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Your role does not allow this."))
    if case is None:  # unreachable: exactly one of referral and case was given
        raise ApplicationError(_("Choose the referral of the person admitted."), field="referral")
    if category not in PlaceCategory.values:
        raise ApplicationError(_("Choose the category of place."), field="category")
    if arrived_on > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field="arrived_on")
    if planned_departure_on is not None and planned_departure_on < arrived_on:
        raise ApplicationError(
            _("The planned departure is before the arrival."), field="planned_departure_on"
        )
    board = occupancy_of(centre)
    free = board.free(category)
    if free <= 0 and not over_capacity:
        raise ApplicationError(
            _(
                "No %(category)s place is free in this centre. Tick “admit over capacity” if "
                "you admit the person all the same."
            )
            % {"category": PlaceCategory(category).label},
            field="over_capacity",
        )
    try:
        with transaction.atomic():
            stay = Stay.objects.create(
                centre=centre,
                case=case,
                referral=referral,
                category=category,
                arrived_on=arrived_on,
                planned_departure_on=planned_departure_on,
                recorded_by=actor.user,
            )
            _stay_event(actor, stay, "stay.admitted", over_capacity=free <= 0)
            if referral is not None and referral.state == ReferralState.ACCEPTED:
                # Recording often lags the arrival: the service starts no earlier than the
                # acceptance on record.
                accepted_on = (
                    timezone.localtime(referral.responded_at).date()
                    if referral.responded_at
                    else arrived_on
                )
                referral_start_service(
                    actor=actor, referral=referral, started_on=max(arrived_on, accepted_on)
                )
    except IntegrityError:
        raise ApplicationError(
            _("This person is already staying in a centre: record that stay's end first.")
        ) from None
    return stay


def stay_plan_departure(*, actor: Membership, stay: Stay, planned_departure_on: date) -> Stay:
    _require_own_centre(actor, stay.centre, Permission.MANAGE_STAYS)
    if not stay.is_current:
        raise ApplicationError(_("This stay has ended."))
    if planned_departure_on < stay.arrived_on:
        raise ApplicationError(
            _("The planned departure is before the arrival."), field="planned_departure_on"
        )
    with transaction.atomic():
        stay.planned_departure_on = planned_departure_on
        stay.save(update_fields=["planned_departure_on", "updated_at"])
        _stay_event(actor, stay, "stay.departure_planned", on=planned_departure_on.isoformat())
    return stay


def stay_end(
    *, actor: Membership, stay: Stay, departed_on: date, reason: str, note: str = ""
) -> Stay:
    _require_own_centre(actor, stay.centre, Permission.MANAGE_STAYS)
    if reason not in DepartureReason.values:
        raise ApplicationError(_("Choose the reason for leaving."), field="reason")
    if departed_on > timezone.localdate():
        raise ApplicationError(_("This date is in the future."), field="departed_on")
    if departed_on < stay.arrived_on:
        raise ApplicationError(_("The departure is before the arrival."), field="departed_on")
    with transaction.atomic():
        ended = Stay.objects.filter(pk=stay.pk, departed_on__isnull=True).update(
            departed_on=departed_on,
            departure_reason=reason,
            departure_note=note.strip()[:300],
            updated_at=timezone.now(),
        )
        if not ended:
            raise ApplicationError(_("This stay has ended."))
        stay.refresh_from_db()
        _stay_event(actor, stay, "stay.ended", reason=reason)
    return stay
