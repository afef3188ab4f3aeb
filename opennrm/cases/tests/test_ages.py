from datetime import date

import pytest

from opennrm.cases.ages import age_band
from opennrm.cases.tests.factories import open_case, person_details
from opennrm.people.services import PersonDetails, person_update

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("birth", "band"),
    [
        ("2018-01-16", "0-8"),
        ("2017-01-15", "9-17"),
        ("2008-01-16", "9-17"),
        ("2008-01-15", "18-20"),
        ("1999-04", "24-26"),
        ("1978", "48+"),
        ("", ""),
        ("2027-01-01", ""),
    ],
)
def test_ctdc_bands_at_first_contact(birth, band):
    assert age_band(birth, date(2026, 1, 15)) == band


def test_a_case_keeps_the_band_at_first_contact_and_follows_corrections(case_manager):
    case = open_case(case_manager)  # born 1999-04, first contact 2026-01-15
    assert case.age_band == "24-26"
    person = case.person
    values = {f: getattr(person, f) for f in PersonDetails.__dataclass_fields__}
    values["birth_date"] = "2010-06-01"
    person_update(
        actor=case_manager,
        person=person,
        expected_version=person.version,
        details=PersonDetails(**values),
    )
    case.refresh_from_db()
    assert case.age_band == "9-17"


def test_no_date_of_birth_no_band(case_manager):
    assert open_case(case_manager, person=person_details(birth_date="")).age_band == ""
