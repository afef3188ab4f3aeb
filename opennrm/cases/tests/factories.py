"""Cases are built through the real services, so encryption, indexes and audit all apply."""

from datetime import date

from opennrm.cases.services import CaseDetails, case_open
from opennrm.cases.vocabularies import ExploitationType
from opennrm.people.services import PersonDetails


def person_details(**overrides):
    values = {
        "given_name_latin": "Salma",
        "family_name_latin": "Testaoui",
        "given_name_arabic": "سلمى",
        "family_name_arabic": "التستاوي",
        "birth_date": "1999-04",
        "gender": "Feminine",
        "citizenships": ["MA"],
        "languages": ["ary"],
        "phone": "0612345678",
        "address": "12 Rue Imaginaire, Tanger",
    }
    values.update(overrides)
    return PersonDetails(**values)


def case_details(**overrides):
    values = {
        "identified_on": date(2026, 1, 15),
        "exploitation_types": [ExploitationType.FORCED_LABOUR],
        "identification_region": "MA-01",
        "methods_of_control": ["WithholdsDocuments"],
    }
    values.update(overrides)
    return CaseDetails(**values)


def open_case(actor, person=None, **case_overrides):
    return case_open(
        actor=actor,
        person=person or person_details(),
        details=case_details(**case_overrides),
    )
