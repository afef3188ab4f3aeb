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
