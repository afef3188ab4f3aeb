"""Proceedings are built through the real services: police open, the prosecutor takes over."""

from datetime import date

from opennrm.justice.models import Authority
from opennrm.justice.services import (
    LinkDetails,
    ProceedingDetails,
    proceeding_link_case,
    proceeding_open,
)


def acting_for(membership, code):
    """Make the membership's organisation act for the Moroccan authority `code`."""
    authority = Authority.objects.get(country="MA", code=code)
    authority.organisation = membership.organisation
    authority.save(update_fields=["organisation"])
    return authority


def open_proceeding(police, *, authority_code="PJ_06", on=date(2026, 2, 1), **overrides):
    authority = acting_for(police, authority_code)
    values = {
        "authority": authority,
        "stage": "Complaint",
        "opened_on": on,
        "network_name": "Synthetic network Atlas",
        "summary": "Synthetic facts: recruitment through a fake job offer.",
    }
    values.update(overrides)
    return proceeding_open(actor=police, details=ProceedingDetails(**values))


def link(case_manager, case, proceeding, *, role="Victim", basis="Complaint", legal_aid=None):
    return proceeding_link_case(
        actor=case_manager,
        case=case,
        details=LinkDetails(
            reference=proceeding.reference_code,
            role=role,
            basis=basis,
            legal_aid_organisation=legal_aid,
        ),
    )
