"""Helpers shared by the case services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission


def require(actor: Membership, permission: Permission) -> None:
    if not actor.can(permission):
        raise PermissionDenied(_("Your role does not allow this."))


def check_choices(values: list[str], allowed: list[str], field_name: str) -> list[str]:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ApplicationError(
            _("Unknown value(s): %(values)s") % {"values": ", ".join(unknown)}, field=field_name
        )
    return sorted(set(values))


def case_event(actor: Membership, case: Case, action: str, **details: object) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="case",
        object_id=case.pk,
        subject_organisation_id=case.owner_organisation_id,
        details=dict(details),
    )
