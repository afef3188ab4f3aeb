"""Writes of core: the public holidays that override the `holidays` package, and recomputing
open deadlines after the calendar changed. Only the system administrator makes them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from opennrm.core.audit import audit_record
from opennrm.core.calendar import (
    clear_holiday_cache,
    deadline_recomputers,
    package_holidays,
)
from opennrm.core.errors import ApplicationError
from opennrm.core.models import HolidayChange, PublicHolidayOverride
from opennrm.core.permissions import Permission

if TYPE_CHECKING:
    from opennrm.accounts.models import Membership


def _require(actor: Membership) -> None:
    if not actor.can(Permission.ADMINISTER_SYSTEM):
        raise PermissionDenied(_("Your role does not allow this."))


def _in_package(day: date, country: str) -> bool:
    return day in package_holidays(country, day.year)


def _set_day(actor: Membership, *, day: date, holiday: bool, name: str = "") -> None:
    """Make `day` a holiday or a working day, recording an override only where it differs
    from the package (a day put back as the package has it leaves no override)."""
    country = settings.OPENNRM_HOLIDAY_COUNTRY
    PublicHolidayOverride.objects.filter(country=country, day=day).delete()
    if holiday != _in_package(day, country):
        PublicHolidayOverride.objects.create(
            country=country,
            day=day,
            change=HolidayChange.ADDED if holiday else HolidayChange.REMOVED,
            name=name.strip()[:120],
            recorded_by=actor.user,
        )


def _audit(actor: Membership, action: str, **details: object) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="calendar",
        object_id=settings.OPENNRM_HOLIDAY_COUNTRY,
        details={key: str(value) for key, value in details.items()},
    )


def _changed() -> None:
    clear_holiday_cache()
    transaction.on_commit(clear_holiday_cache)


def holiday_add(*, actor: Membership, day: date, name: str) -> None:
    """An announced public holiday the package does not have."""
    _require(actor)
    if not name.strip():
        raise ApplicationError(_("Name the holiday."), field="name")
    with transaction.atomic():
        _set_day(actor, day=day, holiday=True, name=name)
        _audit(actor, "calendar.holiday_added", day=day.isoformat())
        _changed()


def holiday_remove(*, actor: Membership, day: date) -> None:
    """A date that is not a holiday after all: a working day again."""
    _require(actor)
    with transaction.atomic():
        _set_day(actor, day=day, holiday=False)
        _audit(actor, "calendar.holiday_removed", day=day.isoformat())
        _changed()


def holiday_move(*, actor: Membership, day: date, to: date, name: str = "") -> None:
    """An estimated holiday announced on another date (Eid al-Fitr 2025: 30 March -> 1 April)."""
    _require(actor)
    if day == to:
        raise ApplicationError(_("Choose another date."), field="to")
    country = settings.OPENNRM_HOLIDAY_COUNTRY
    if not name.strip():
        name = package_holidays(country, day.year, "en_US").get(day, "")
    if not name.strip():
        raise ApplicationError(_("Name the holiday."), field="name")
    with transaction.atomic():
        _set_day(actor, day=day, holiday=False)
        _set_day(actor, day=to, holiday=True, name=name)
        _audit(actor, "calendar.holiday_moved", day=day.isoformat(), to=to.isoformat())
        _changed()


def holiday_restore(*, actor: Membership, day: date) -> None:
    """Undo an override: the day is again as the package has it."""
    _require(actor)
    with transaction.atomic():
        deleted, _rows = PublicHolidayOverride.objects.filter(
            country=settings.OPENNRM_HOLIDAY_COUNTRY, day=day
        ).delete()
        if not deleted:
            raise ApplicationError(_("This date has no change to undo."))
        _audit(actor, "calendar.override_removed", day=day.isoformat())
        _changed()


def deadlines_recompute(*, actor: Membership) -> dict[str, int]:
    """Deadlines already fixed keep their date until the administrator asks for this: every
    open deadline counted in working days is computed again on the calendar as it is now."""
    _require(actor)
    with transaction.atomic():
        clear_holiday_cache()
        moved = {kind: recompute() for kind, recompute in deadline_recomputers().items()}
        _audit(actor, "calendar.deadlines_recomputed", **moved)
    return moved
