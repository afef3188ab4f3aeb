"""Disclosure profiles on any choice of fields (hypothesis): the recipient of a referral sees
exactly the fields it discloses, and no value of a field it does not; nothing once it closes."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opennrm.cases.tests.factories import open_case, person_details
from opennrm.referrals.selectors import disclosed_record
from opennrm.referrals.tests.factories import send_referral
from opennrm.referrals.vocabularies import OPEN_STATES, DisclosedField, ReferralState

pytestmark = pytest.mark.django_db
FIXTURES = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=80, deadline=None
)
# Values that belong to one field only: none of them may show unless that field is disclosed.
ONLY_IN = {
    DisclosedField.GIVEN_NAME: ["Zineb", "زينب"],
    DisclosedField.FAMILY_NAME: ["Qadiri", "القادري"],
    DisclosedField.PHONE: ["+212612345678"],
    DisclosedField.BIRTH_DATE: ["1998-07"],
    DisclosedField.NARRATIVE: ["orchard near Berkane"],
}


@pytest.fixture
def referral(case_manager, member_of):
    recipient = member_of("shelter_staff").organisation
    case = open_case(
        case_manager,
        person=person_details(
            given_name_latin="Zineb",
            given_name_arabic="زينب",
            family_name_latin="Qadiri",
            family_name_arabic="القادري",
            birth_date="1998-07",
        ),
        narrative="Kept in an orchard near Berkane",
    )
    return send_referral(case_manager, recipient, case=case)


@FIXTURES
@given(fields=st.sets(st.sampled_from(DisclosedField.values)))
def test_the_recipient_sees_exactly_the_disclosed_fields(referral, fields):
    referral.disclosed_fields = sorted(fields)
    shown = disclosed_record(referral)
    assert {item.key for item in shown} == fields
    text = " ".join(value for item in shown for value in item.values)
    for field, values in ONLY_IN.items():
        if field not in fields:
            assert not any(value in text for value in values), field


@FIXTURES
@given(
    fields=st.sets(st.sampled_from(DisclosedField.values), min_size=1),
    state=st.sampled_from(sorted(set(ReferralState.values) - OPEN_STATES)),
)
def test_nothing_is_shown_once_the_referral_is_closed(referral, fields, state):
    referral.disclosed_fields = sorted(fields)
    referral.state = state
    assert disclosed_record(referral) == []
