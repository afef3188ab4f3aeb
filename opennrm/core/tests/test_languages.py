"""What a reader sees in French, Arabic and English: names of places and languages, dates,
lists, numbers, and the order of lists."""

from datetime import date

import pytest
from django import forms
from django.utils import formats, translation

from opennrm.core import geo
from opennrm.core.forms import StyledForm
from opennrm.core.templatetags.display import duration, joined, partial_date, percent


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_region_names_are_translated_and_carry_no_iso_marks(language):
    with translation.override(language):
        names = dict(geo.region_choices())
        provinces = dict(geo.province_choices())
    assert len(names) == 12 and len(provinces) == 75
    assert not [n for n in [*names.values(), *provinces.values()] if "(EH" in n]
    if language == "ar":
        assert names["MA-09"] == "سوس-ماسة"
        assert provinces["MA-AGD"] == "أكادير-إدا وتنان"
        assert all(any("\u0600" <= ch <= "\u06ff" for ch in n) for n in names.values())


def test_a_list_with_a_blank_first_reads_in_the_language_of_each_page():
    # The lists are kept per process; the blank label and the names follow the reader.
    from django.utils.translation import gettext_lazy

    seen = {}
    for language in ["ar", "fr", "ar"]:
        with translation.override(language):
            choices = list(geo.region_choices(blank=gettext_lazy("Any")))
            seen[language] = (choices[0], dict(choices)["MA-09"])
    assert seen["ar"] == (("", "الكل"), "سوس-ماسة")
    assert seen["fr"] == (("", "Tous"), "Souss-Massa")


def test_provinces_are_filtered_by_region():
    with translation.override("fr"):
        souss = dict(geo.province_choices(region="MA-09"))
    assert "MA-AGD" in souss and "MA-CAS" not in souss
    assert all(geo.region_of_province(code) == "MA-09" for code in souss)


def test_moroccan_languages_come_first_and_are_named_in_arabic():
    with translation.override("ar"):
        choices = geo.language_choices()
    first = [code for code, _name in choices[:6]]
    assert first == ["ary", "ara", "zgh", "shi", "tzm", "rif"]
    names = dict(choices)
    assert names["ary"] == "الدارجة المغربية" and names["shi"] == "تاشلحيت"


@pytest.mark.parametrize(("language", "expected"), [("fr", "Turquie"), ("ar", "تركيا")])
def test_turkiye_is_translated(language, expected):
    with translation.override(language):
        assert geo.country_name("TR") == expected


def test_countries_sort_by_the_readers_alphabet_not_by_code_points():
    with translation.override("fr"):
        names = [name for _code, name in geo.country_choices()]
    assert names.index("Égypte") < names.index("Espagne") < names.index("Zimbabwe")
    assert names.index("Îles Cook") < names.index("Zambie")


@pytest.mark.parametrize(
    ("language", "short", "long"),
    [
        ("fr", "11/06/2026", "11 juin 2026"),
        ("ar", "11/06/2026", "11 يونيو 2026"),
        ("en", "11 Jun 2026", "11 June 2026"),
    ],
)
def test_one_date_format_per_language_day_before_month(language, short, long):
    with translation.override(language):
        assert formats.date_format(date(2026, 6, 11), "SHORT_DATE_FORMAT") == short
        assert formats.date_format(date(2026, 6, 11), "DATE_FORMAT") == long


def test_arabic_month_names_are_the_moroccan_ones():
    with translation.override("ar"):
        months = [formats.date_format(date(2026, m, 1), "F") for m in (5, 7, 8, 9, 11, 12)]
    assert months == ["ماي", "يوليوز", "غشت", "شتنبر", "نونبر", "دجنبر"]


def test_durations_percentages_lists_and_partial_dates_in_the_readers_language():
    with translation.override("fr"):
        assert duration(457) == "7 min 37 s"
        assert duration(3900) == "1 h 05 min"
        assert percent(0.912) == "91 %"
        assert joined(["a", "b"]) == "a, b"
        assert partial_date("1994-05") == "mai 1994"
        assert partial_date("1994") == "1994"
    with translation.override("ar"):
        assert joined(["أ", "ب"]) == "أ، ب"
        assert percent(1.0) == "100٪"
        assert duration(457) == "7 دقيقة و37 ثانية"
        assert partial_date("1994-05-12") == "12 ماي 1994"


def test_an_empty_choice_is_a_dash_not_django_dashes():
    from opennrm.accounts.models import Organisation

    class Example(StyledForm):
        organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
        kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])

    form = Example()
    assert form.fields["organisation"].empty_label == "—"
    assert next(iter(form.fields["kind"].choices)) == ("", "—")


@pytest.mark.django_db
def test_the_apps_own_error_page_and_a_favicon(client, settings):
    settings.DEBUG = False
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and b"Technical" not in missing.content
    assert b'rel="icon"' in client.get("/accounts/login/").content
    icon = client.get("/favicon.ico")
    assert icon.status_code == 301 and icon["Location"].endswith("favicon.svg")


@pytest.mark.django_db
def test_organisation_lists_sort_e_acute_with_e(member_of):
    from opennrm.accounts.tests.factories import OrganisationFactory
    from opennrm.cases.forms import ConsentForm

    for name in ("Zagora Solidarité", "Écoute Femmes", "Espoir Tanger"):
        OrganisationFactory(name=name, short_name="")
    labels = [label for _value, label in ConsentForm().fields["recipient_organisation"].choices]
    assert labels.index("Écoute Femmes") < labels.index("Espoir Tanger")
    assert labels.index("Espoir Tanger") < labels.index("Zagora Solidarité")


def test_words_a_moroccan_reader_would_use():
    from django.utils.translation import gettext, ngettext

    with translation.override("ar"):
        assert gettext("From") == "من"  # the sender of a referral, not an address
        assert gettext("Education") == "التعليم"  # a service, not a level of schooling
        assert gettext("due on") == "مقررة في"
        assert ngettext("%(months)s month", "%(months)s months", 12) % {"months": 12} == ("12 شهراً")
        assert ngettext("%(months)s month", "%(months)s months", 3) % {"months": 3} == "3 أشهر"
    with translation.override("fr"):
        assert gettext("Stranger") != "Inconnu"
        assert gettext("Education") == "Éducation"


@pytest.mark.django_db
def test_the_audit_table_names_the_kind_of_record(client, login, case_manager):
    from opennrm.cases.tests.factories import open_case

    case = open_case(case_manager)
    login(client, case_manager)
    body = client.get(f"/cases/{case.pk}/").content.decode()
    table = body.split("<thead><tr><th>#</th>")[1]
    assert "Case <bdi" in table and "case " not in table.split("</thead>")[1][:2000]
    assert "Origin (IP address)" in table


@pytest.mark.django_db
def test_demo_logins_are_printed_in_english_whatever_the_default_language(settings, capsys):
    from django.core.management import call_command

    settings.LANGUAGE_CODE = "fr"
    with translation.override("fr"):
        call_command("seed_demo", "--print-logins")
    out = capsys.readouterr().out
    assert "Case manager" in out and "Gestionnaire" not in out
