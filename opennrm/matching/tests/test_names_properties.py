"""Name normalisation on any text (hypothesis): it never fails, and what a person would consider
the same way of writing a name (case, accents, spacing, punctuation, Arabic short vowels) gives
the same keys. Duplicate detection across agencies rests on this."""

import unicodedata

from hypothesis import assume, given
from hypothesis import strategies as st

from opennrm.matching.names import name_keys, names_agree, tokens_of

LATIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèëïîôûçñ' -", min_size=1, max_size=30)
ARABIC = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى ", min_size=1, max_size=20)
ANY = st.one_of(st.text(max_size=40), LATIN, ARABIC)
TASHKEEL = "\u064e\u064f\u0650\u0651\u0652\u064b\u064c\u064d"


@given(ANY)
def test_any_text_gives_keys_without_failing(name):
    keys = name_keys(name)
    assert all(isinstance(k, str) and k for k in keys)
    assert (keys == set()) or tokens_of(name)


@given(LATIN)
def test_case_spacing_and_accents_do_not_change_the_keys(name):
    assume(tokens_of(name))
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    assert name_keys(name.upper()) == name_keys(name)
    assert name_keys(f"  {name}  ") == name_keys(name)
    assert name_keys(plain) == name_keys(name)


@given(ARABIC, st.lists(st.sampled_from(TASHKEEL), max_size=4))
def test_arabic_short_vowels_do_not_change_the_keys(name, marks):
    assume(tokens_of(name))
    voweled = "".join(c + ("".join(marks) if c.strip() else "") for c in name)
    assert name_keys(voweled) == name_keys(name)


@given(ANY, ANY)
def test_agreement_is_symmetric_and_a_name_agrees_with_itself(first, second):
    assert names_agree(first, second) == names_agree(second, first)
    if name_keys(first):
        assert names_agree(first, first)
