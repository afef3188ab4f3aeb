"""Every user-facing string has a French and an Arabic translation, and the compiled
catalogues match the sources."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "opennrm" / "locale"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_string_is_translated(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_compiled_catalogue_matches_source(language):
    source = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    compiled = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    assert {e.msgid: e.msgstr for e in source if not e.msgid_plural} == {
        e.msgid: e.msgstr for e in compiled if not e.msgid_plural
    }


def test_arabic_keeps_law_and_article_numbers_left_to_right():
    """In an Arabic sentence, 27-14 or 448-9 would read 14-27 or 9-448 unless isolated."""
    import re

    catalogue = polib.pofile(str(LOCALE / "ar" / "LC_MESSAGES" / "django.po"))
    for entry in catalogue:
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in texts:
            for number in re.finditer(r"\d+(?:-\d+)+", text):
                assert text[number.start() - 1 : number.start()] == "\u2066", (entry.msgid, text)
