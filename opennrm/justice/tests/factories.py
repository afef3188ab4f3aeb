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


def add_accused(recorder, proceeding, **overrides):
    from opennrm.justice.services import PerpetratorDetails, perpetrator_add

    values = {
        "given_name": "Karim",
        "family_name": "Suspectoui",
        "name_arabic": "كريم المشتبه",
        "gender": "Masculine",
        "birth_year": 1980,
        "citizenships": ["MA"],
        "roles_in_process": ["RecruiterOrIntermediary"],
        "relation_to_victim": "Employer",
        "role_details": "Synthetic role details",
    }
    values.update(overrides)
    return perpetrator_add(
        actor=recorder, proceeding=proceeding, details=PerpetratorDetails(**values)
    )


def charge(recorder, perpetrator, article="448-1", on=None, aggravations=()):
    from opennrm.justice.models import Offence
    from opennrm.justice.services import charge_add

    return charge_add(
        actor=recorder,
        perpetrator=perpetrator,
        offence=Offence.objects.get(country="MA", article=article),
        aggravations=list(aggravations),
        charged_on=on or perpetrator.proceeding.opened_on,
    )


def judge(recorder, made_charge, **overrides):
    from opennrm.justice.services import JudgmentDetails, judgment_record

    values = {
        "instance": "FirstInstance",
        "decided_on": made_charge.charged_on,
        "court": Authority.objects.get(country="MA", code="CA_CASABLANCA"),
        "outcome": "Conviction",
        "prison_months": 120,
    }
    values.update(overrides)
    return judgment_record(actor=recorder, charge=made_charge, details=JudgmentDetails(**values))
