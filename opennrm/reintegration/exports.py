"""The return list as a spreadsheet: references, direction, destination country, state and
dates, never the destination's address or the risk notes. Audited with the row count."""

from __future__ import annotations

from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.spreadsheets import Cell, bounded
from opennrm.reintegration.models import ReturnPlan
from opennrm.reintegration.selectors import ReturnFilters, return_rows


def _date(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""


def _line(plan: ReturnPlan) -> list[Cell]:
    return [
        plan.reference_code,
        plan.case.reference_code,
        plan.get_direction_display(),
        geo.country_name(plan.destination_country),
        plan.get_state_display(),
        plan.get_risk_level_display() if plan.risk_level else "",
        _date(plan.planned_travel_on),
        _date(plan.returned_on),
        _date(plan.closed_on),
    ]


def return_export(*, actor: Membership, filters: ReturnFilters, fmt: str) -> list[list[Cell]]:
    rows = bounded(
        return_rows(actor, filters),
        _("More than %(n)s returns: narrow the filters to export them."),
    )
    audit_record(
        action="returns.exported",
        actor=actor,
        object_type="return_list",
        details={"rows": len(rows), "format": fmt},
    )
    header: list[Cell] = [
        _("Return"),
        _("Case"),
        _("Return"),
        _("Destination country"),
        _("State"),
        _("Risk"),
        _("Planned travel date"),
        _("Arrived on"),
        _("Closed on"),
    ]
    return [header, *[_line(p) for p in rows]]
