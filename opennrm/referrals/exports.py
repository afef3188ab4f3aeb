"""The referral list as a spreadsheet: what the organisation sees of its referrals (no name,
no reason: those stay behind the referral's own page), audited with the row count."""

from __future__ import annotations

from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.core.audit import audit_record
from opennrm.core.spreadsheets import Cell, bounded
from opennrm.referrals.models import Referral
from opennrm.referrals.selectors import ReferralFilters, referral_rows
from opennrm.referrals.vocabularies import ReferralOutcome, ReferralState, ServiceType


def _when(value: object) -> str:
    return value.isoformat(timespec="minutes") if hasattr(value, "isoformat") else ""


def referral_export(*, actor: Membership, filters: ReferralFilters, fmt: str) -> list[list[Cell]]:
    rows = bounded(
        referral_rows(actor, filters),
        _("More than %(n)s referrals: narrow the filters to export them."),
    )
    outgoing = filters.direction != "incoming"
    states, outcomes = dict(ReferralState.choices), dict(ReferralOutcome.choices)
    services = dict(ServiceType.choices)
    header: list[Cell] = [
        _("Referral"),
        _("To") if outgoing else _("From"),
        *([_("Case")] if outgoing else []),
        _("Services requested"),
        _("Urgent"),
        _("State"),
        _("Sent at"),
        _("Answer due by"),
        _("Answered at"),
        _("Outcome"),
    ]

    def line(r: Referral) -> list[Cell]:
        return [
            r.reference_code,
            r.recipient_label if outgoing else str(r.sender_organisation),
            *([r.case.reference_code] if outgoing else []),
            ", ".join(str(services.get(t, t)) for t in r.service_types),
            _("Yes") if r.urgent else _("No"),
            str(states.get(r.state, r.state)),
            _when(r.sent_at),
            _when(r.response_due_at),
            _when(r.responded_at),
            str(outcomes.get(r.outcome, "")) if r.outcome else "",
        ]

    audit_record(
        action="referrals.exported",
        actor=actor,
        object_type="referral_list",
        details={"rows": len(rows), "direction": filters.direction, "format": fmt},
    )
    return [header, *[line(r) for r in rows]]
