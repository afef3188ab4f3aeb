"""ISO codes (pycountry) with names in the user's language."""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry
from django.conf import settings
from django.utils.translation import get_language


@lru_cache(maxsize=32)
def _catalogue(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _translate(domain: str, text: str) -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return _catalogue(domain, language).gettext(text)


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return _translate("iso3166-1", country.name) if country else code


def country_choices() -> list[tuple[str, str]]:
    choices = [(c.alpha_2, _translate("iso3166-1", c.name)) for c in pycountry.countries]
    return sorted(choices, key=lambda item: item[1])


def is_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


def region_choices(country: str | None = None) -> list[tuple[str, str]]:
    """First-level administrative regions of the deployment country (ISO 3166-2)."""
    country = country or settings.OPENNRM_DEPLOYMENT_COUNTRY
    found = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
    regions = [s for s in found or [] if s.parent_code is None]
    return sorted(((s.code, _translate("iso3166-2", s.name)) for s in regions), key=lambda r: r[0])


def region_name(code: str) -> str:
    subdivision = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    return _translate("iso3166-2", subdivision.name) if subdivision else code


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


def language_choices() -> list[tuple[str, str]]:
    return sorted(
        ((code, _translate("iso639-3", name)) for code, name in _languages()),
        key=lambda item: item[1],
    )


def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_3=code)
    return _translate("iso639-3", language.name) if language else code


def is_language(code: str) -> bool:
    return any(code == c for c, _ in _languages())


def province_choices(country: str | None = None) -> list[tuple[str, str]]:
    """Provinces and prefectures (second level of ISO 3166-2), named with their region."""
    country = country or settings.OPENNRM_DEPLOYMENT_COUNTRY
    found = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
    provinces = [s for s in found or [] if s.parent_code is not None]
    return sorted(
        ((s.code, _translate("iso3166-2", s.name)) for s in provinces), key=lambda p: p[1]
    )


def region_of_province(code: str) -> str | None:
    subdivision = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    if subdivision is None or subdivision.parent_code is None:
        return None
    return str(subdivision.parent_code)
