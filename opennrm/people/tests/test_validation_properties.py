"""Phone parsing on any text (hypothesis): a number is accepted in E.164 or refused with a form
error, never a crash; and what was accepted reads back the same."""

import phonenumbers
from hypothesis import given
from hypothesis import strategies as st

from opennrm.core.errors import ApplicationError
from opennrm.matching.batch import PHONE_IMPOSSIBLE, PHONE_NONE, PHONE_POSSIBLE, batch_phone
from opennrm.people.validation import normalise_phone

DIGITS = st.text(alphabet="0123456789", min_size=6, max_size=14)
WRITTEN = st.one_of(
    st.text(max_size=30),
    DIGITS,
    DIGITS.map(lambda d: "+" + d),
    DIGITS.map(lambda d: "00" + d),
    # Moroccan mobiles as people write them: 06 12 34 56 78, 06-12-34-56-78, +212 6...
    st.integers(min_value=0, max_value=99_999_999).map(lambda n: f"06 {n:08d}"),
    st.integers(min_value=0, max_value=99_999_999).map(lambda n: f"+212-7-{n:08d}"),
    st.text(alphabet="٠١٢٣٤٥٦٧٨٩", min_size=10, max_size=10),
)


@given(WRITTEN)
def test_a_phone_is_normalised_or_refused_with_a_message(raw):
    try:
        e164 = normalise_phone(raw)
    except ApplicationError as error:
        assert error.field == "phone" and str(error)
        return
    if not raw.strip():
        assert e164 == ""
        return
    assert e164.startswith("+") and e164[1:].isdigit()
    assert phonenumbers.is_valid_number(phonenumbers.parse(e164))
    assert normalise_phone(e164) == e164


@given(WRITTEN)
def test_a_file_is_never_refused_for_a_phone(raw):
    e164, kind = batch_phone(raw)
    if kind in (PHONE_NONE, PHONE_IMPOSSIBLE):
        assert e164 == ""
    else:
        assert e164.startswith("+")
        assert batch_phone(e164)[0] == e164
        assert (kind == PHONE_POSSIBLE) is not phonenumbers.is_valid_number(
            phonenumbers.parse(e164)
        )
