"""The contact list as a spreadsheet: when, how, who called (the kind, never the number),
what came of it; never what was said. Audited with the row count."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.spreadsheets import Cell, bounded
from opennrm.hotline.models import Contact
from opennrm.hotline.selectors import ContactFilters, contact_rows


def _line(contact: Contact) -> list[Cell]:
    return [
        timezone.localtime(contact.started_at).isoformat(timespec="minutes"),
        contact.get_channel_display(),
        contact.get_caller_type_display(),
        contact.get_urgency_display(),
        geo.region_name(contact.region) if contact.region else "",
        contact.get_outcome_display(),
        contact.handling_seconds,
        _("Yes") if contact.person_id else _("No"),
    ]


def contact_export(*, actor: Membership, filters: ContactFilters, fmt: str) -> list[list[Cell]]:
    rows = bounded(
        contact_rows(actor, filters),
        _("More than %(n)s contacts: narrow the filters to export them."),
    )
    audit_record(
        action="contacts.exported",
        actor=actor,
        object_type="contact_list",
        details={"rows": len(rows), "format": fmt},
    )
    header: list[Cell] = [
        _("Started at"),
        _("Channel"),
        _("Caller"),
        _("Urgency"),
        _("Region"),
        _("Outcome"),
        _("Length (seconds)"),
        _("Linked to a person"),
    ]
    return [header, *[_line(c) for c in rows]]
