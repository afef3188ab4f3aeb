"""Fill the French and Arabic catalogues from the translation tables (translations_*.tsv:
English, French, Arabic; plural forms separated by ' ||| ') and report what is missing.

Run with `make messages`; a missing translation fails tests/test_translations.py."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import polib

HERE = Path(__file__).parent
COLUMNS = {"fr": 1, "ar": 2}


def load_table() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for tsv in sorted(HERE.glob("translations_*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            if line.strip():
                english, french, arabic = line.replace("\\n", "\n").split("\t")
                table[english] = (french, arabic)
    return table


def fill(language: str, table: dict[str, tuple[str, str]]) -> list[str]:
    po_path = HERE / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po_path))
    plural_forms = catalogue.metadata.get("Plural-Forms", "nplurals=2;")
    nplurals = int(re.search(r"nplurals=(\d+)", plural_forms).group(1))  # type: ignore[union-attr]
    missing = []
    for entry in catalogue:
        key = entry.msgid + (f" ||| {entry.msgid_plural}" if entry.msgid_plural else "")
        if key not in table:
            missing.append(key)
            continue
        text = table[key][COLUMNS[language] - 1]
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        if entry.msgid_plural:
            forms = text.split(" ||| ")
            entry.msgstr_plural = {i: forms[min(i, len(forms) - 1)] for i in range(nplurals)}
        else:
            entry.msgstr = text
    catalogue.save(str(po_path))
    catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
    return missing


def main() -> int:
    table = load_table()
    status = 0
    for language in COLUMNS:
        missing = fill(language, table)
        for key in missing:
            print(f"{language}: missing translation for {key!r}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
