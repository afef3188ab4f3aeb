"""Journeys users live in, driven in headless Chromium (Debian's package, never a downloaded
browser) against a real server on a throwaway SQLite database."""

import re
from pathlib import Path

import pytest

from tests.browser.helpers import (
    CHROMIUM,
    _log_in_with_second_factor,
    _shot,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed"),
]


def test_case_manager_logs_in_opens_a_case_and_works_in_arabic(server, browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    _log_in_with_second_factor(page, server, "manager")
    assert page.locator("html").get_attribute("lang") == "fr"
    _shot(page, "home-fr")

    page.goto(f"{server}/cases/new/")
    page.fill("#id_given_name_latin", "Awa")
    page.fill("#id_family_name_latin", "Navigatrice")
    page.fill("#id_given_name_arabic", "آوا")
    page.fill("#id_family_name_arabic", "الملاحة")
    page.fill("#id_birth_date", "2000-13")
    page.fill("#id_identified_on", "2026-06-01")
    page.check("input[name=exploitation_types][value=ForcedBegging]")
    page.click("main form button[type=submit]")
    assert page.get_by_text("Cette date n’existe pas.").first.is_visible()
    assert page.get_by_test_id("error-summary").is_visible()  # every error, at the top

    page.fill("#id_birth_date", "2000-03")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/cases/[0-9a-f-]{36}/$"))
    reference = page.get_by_test_id("case-reference").inner_text()
    assert reference.startswith("C-")
    assert page.get_by_text("Awa Navigatrice").is_visible()
    _shot(page, "case-fr")

    page.click("button[value=ar]")
    page.wait_for_load_state()
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "ar"
    assert page.get_by_text("التسول القسري").first.is_visible()
    # Right-to-left layout: the brand moves to the right half of the navigation bar.
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand["x"] > 1280 / 2
    _shot(page, "case-ar")

    page.goto(f"{server}/cases/")
    page.fill("#id_q", "Awa Navigatrice")
    page.click("form[role=search] button")
    page.wait_for_load_state()
    assert "Navigatrice" not in page.url
    assert page.locator(f"text={reference}").is_visible()
    _shot(page, "list-ar")
    assert not [e for e in errors if "Content Security Policy" in e], errors
    context.close()


def test_hotline_contact_becomes_a_case_with_a_screening(server, browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _log_in_with_second_factor(page, server, "operator")

    page.goto(f"{server}/hotline/new/")
    assert page.locator("[data-timer-start]").inner_text().startswith("00:")
    page.select_option("#id_channel", "Phone")
    page.select_option("#id_caller_type", "PossibleVictim")
    page.select_option("#id_region", "MA-01")
    page.fill("#id_summary", "Travaille sans salaire, papiers gardés par l'employeur.")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/hotline/[0-9a-f-]{36}/$"))

    page.click("text=Ouvrir un cas")
    page.wait_for_url(re.compile(r".*/cases/new/\?contact=.*"))
    page.fill("#id_given_name_latin", "Mariama")
    page.fill("#id_family_name_latin", "Appelante")
    page.check("input[name=exploitation_types][value=ForcedLabour]")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/cases/[0-9a-f-]{36}/$"))

    page.click("text=Commencer un dépistage")
    page.click("main form button[type=submit]")  # the proposed set is pre-selected
    answers = {
        1: ["1.deceived_nature_of_job", "1.deceived_wages"],
        4: ["4.excessive_hours", "4.low_or_no_salary"],
        5: ["5.confiscation_of_documents", "5.debt_bondage"],
    }
    for number in range(1, 7):
        for indicator in answers.get(number, []):
            page.check(f"input[name=indicators][value='{indicator}']")
        page.click("button[value=next]" if number in answers else "button[value=skip]")
        page.wait_for_load_state()
    page.click("button[value=finish]")
    page.wait_for_url(re.compile(r".*/result/$"))
    assert "victime présumée" in page.get_by_test_id("screening-outcome").inner_text()
    _shot(page, "screening-result-fr")
    context.close()


def test_referral_from_sending_to_completed_outcome_in_two_organisations(server, browser):
    """A case manager of Amal Nord records the consent and refers a case to the Dar Al Amane
    reception centre; the centre accepts it, records the service and its outcome; the case
    manager sees the outcome and was notified at each step."""
    sender = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = sender.new_page()
    _log_in_with_second_factor(page, server, "manager")
    page.click("button[value=fr]")  # another journey may have left her in Arabic
    page.wait_for_load_state()
    page.goto(f"{server}/cases/new/")
    page.fill("#id_given_name_latin", "Khadija")
    page.fill("#id_family_name_latin", "Orientee")
    page.fill("#id_identified_on", "2026-06-01")
    page.check("input[name=exploitation_types][value=Servitude]")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/cases/[0-9a-f-]{36}/$"))

    page.click("text=Orienter vers un service")
    page.select_option("#id_recipient_organisation", label="Dar Al Amane")
    page.check("input[name=service_types][value=Shelter]")
    page.fill("#id_reason", "Mise à l'abri ce soir.")
    page.check("input[name=disclosure_profile] >> nth=0")
    page.click("main form button[type=submit]")
    assert page.get_by_text("Aucun consentement enregistré").first.is_visible()  # nothing sent

    # The consent is recorded inside the referral page: what was typed stays, the recipient
    # and the purpose come prefilled, and the new consent is chosen in the referral form.
    page.click("[data-testid=record-consent]")
    page.wait_for_selector("#id_consent-given")
    assert page.locator("#id_consent-purpose").input_value() == "Referral"
    chosen = page.locator("#id_consent-recipient_organisation option:checked").inner_text()
    assert chosen == "Dar Al Amane"
    page.check("#id_consent-explained_purpose")
    page.check("#id_consent-explained_withdrawal")
    page.click("#consent-inline button.btn-primary")
    page.wait_for_selector("[data-testid=consent-recorded]")
    assert page.locator("#id_consent").input_value() != ""
    assert page.locator("#id_reason").input_value() == "Mise à l'abri ce soir."
    page.click("main form.col-xl-8 button[type=submit]")
    page.wait_for_url(re.compile(r".*/referrals/[0-9a-f-]{36}/$"))
    reference = page.locator("h1 .ref").inner_text()
    _shot(page, "referral-sent-fr")

    centre = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    shelter = centre.new_page()
    _log_in_with_second_factor(shelter, server, "shelter")
    shelter.click("button[value=fr]")
    shelter.wait_for_load_state()
    work = shelter.get_by_test_id("referral-work")
    assert reference in work.inner_text()
    work.get_by_text(reference).click()
    disclosed = shelter.get_by_test_id("disclosed").inner_text()
    assert "Khadija" in disclosed
    assert "Orientee" not in shelter.content()  # the profile shows the given name only
    shelter.get_by_test_id("accept").click()
    shelter.get_by_test_id("start").click()
    shelter.check("input[name=outcome][value=Delivered]")
    shelter.get_by_test_id("complete").click()
    assert "Service fourni" in shelter.get_by_test_id("outcome").inner_text()
    assert "Khadija" not in shelter.content()  # completed: the person is no longer shown
    _shot(shelter, "referral-completed-centre-fr")
    centre.close()

    page.reload()
    assert page.locator("[data-state=Completed]").first.is_visible()
    assert "Service fourni" in page.get_by_test_id("outcome").inner_text()
    assert int(page.get_by_test_id("unread-count").inner_text()) >= 3
    page.get_by_test_id("notifications").click()
    # Parameters are isolated (U+2068 ... U+2069) so that they keep their direction.
    notice = page.get_by_test_id("notification").filter(has_text=reference).first
    assert "est terminée" in notice.inner_text()
    sender.close()


# Where a piece of text is drawn: the left edge of its first occurrence inside an element.
_LEFT_OF = """([selector, text]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(text);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      return range.getBoundingClientRect().left;
    }
  }
  return null;
}"""


def test_latin_values_and_numbers_read_as_written_in_arabic_pages(server, browser):
    """ "51 Rue des Orangers, Agadir" must not become "Rue des Orangers, Agadir 51", nor
    "+212635992248" become "212635992248+", nor a French sentence end with its full stop first."""
    context = browser.new_context(locale="ar-MA", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _log_in_with_second_factor(page, server, "manager")
    page.click("button[value=fr]")
    page.wait_for_load_state()
    page.goto(f"{server}/cases/new/")
    page.fill("#id_given_name_latin", "Nadia")
    page.fill("#id_family_name_latin", "Bidirectionnelle")
    # The lookup answers while typing, without leaving the field.
    page.wait_for_selector("#likely-matches [data-testid=no-match]")
    page.fill("#id_phone", "+212635992248")
    page.fill("#id_address", "51 Rue des Orangers, Agadir.")
    page.fill("#id_identified_on", "2026-06-01")
    page.check("input[name=exploitation_types][value=ForcedLabour]")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/cases/[0-9a-f-]{36}/$"))
    page.click("button[value=ar]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"

    def left(selector, text):
        return page.evaluate(_LEFT_OF, [selector, text])

    address = "[data-testid=address]"
    assert left(address, "51") < left(address, "Rue") < left(address, "Agadir")
    assert left(address, "Agadir") < left(address, ".")
    phone = "[data-testid=phone]"
    assert left(phone, "+") < left(phone, "212")
    _shot(page, "case-bidi-ar")
    page.click("button[value=fr]")
    page.wait_for_load_state()
    context.close()


def test_on_a_phone_the_menu_folds_behind_a_button(server, browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 412, "height": 900})
    page = context.new_page()
    _log_in_with_second_factor(page, server, "operator")
    toggle = page.get_by_test_id("menu-toggle")
    assert toggle.is_visible()
    assert not page.locator("#main-nav").is_visible()
    # The page itself starts near the top instead of below 400 px of menu.
    assert page.locator("main h1").bounding_box()["y"] < 150
    toggle.click()
    page.wait_for_selector("#main-nav.show")
    assert page.locator("#main-nav a[href='/hotline/']").is_visible()
    _shot(page, "home-phone-fr")
    context.close()


def test_a_prosecutor_records_a_judgment_and_the_case_manager_reads_it_in_arabic(server, browser):
    """The prosecution that brought a network to trial records the judgment on an accused; the
    case manager of a victim in that network finds it on her home page, in Arabic, by the
    accused's label only."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    # Yesterday where the court sits: never in the future, whatever the runner's time zone.
    decided = datetime.now(ZoneInfo("Africa/Casablanca")).date() - timedelta(days=1)
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _log_in_with_second_factor(page, server, "prosecutor")
    page.click("button[value=fr]")
    page.wait_for_load_state()
    page.goto(f"{server}/justice/")
    row = page.locator("tr", has_text="Jugement en premier ressort").first
    reference = row.locator("a.ref").inner_text()
    row.locator("a.ref").click()
    page.wait_for_url(re.compile(r".*/justice/[0-9a-f-]{36}/$"))
    assert "Amal Nord" in page.locator("body").inner_text()
    page.get_by_test_id("perpetrators").locator("a.ref", has_text="A-1").click()
    page.wait_for_url(re.compile(r".*/accused/[0-9a-f-]{36}/$"))
    page.locator("summary", has_text="Enregistrer un jugement").click()
    page.select_option("#id_instance", "FirstInstance")
    page.fill("#id_decided_on", decided.isoformat())
    page.select_option("#id_court", label="Cour d'appel de Casablanca")
    page.select_option("#id_outcome", "Conviction")
    page.fill("#id_prison_months", "120")
    page.get_by_test_id("record-judgment").click()
    page.wait_for_load_state()
    assert "Condamnation" in page.get_by_test_id("judgment").first.inner_text()
    _shot(page, "judgment-recorded-fr")
    context.close()

    context = browser.new_context(locale="ar-MA", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _log_in_with_second_factor(page, server, "manager")
    page.click("button[value=ar]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    news = page.get_by_test_id("home-judgment").filter(has_text=reference).first
    text = news.inner_text()
    assert "إدانة" in text
    assert "A-1" in text
    assert "Fictiri" not in page.locator("body").inner_text()
    _shot(page, "judgment-on-home-ar")
    page.click("button[value=fr]")  # leave her in French for the other journeys
    context.close()


def test_without_javascript_on_a_phone_the_menu_and_languages_are_there(server, browser):
    """A survivor answering on a cheap phone with scripts off must still reach the language
    buttons and the links of the public pages."""
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{server}/feedback/")
    arabic = page.locator("form[action*='language'] button[value=ar]")
    assert arabic.is_visible()
    arabic.click()
    page.goto(f"{server}/feedback/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("#id_code").is_visible()
    _shot(page, "feedback-no-js-phone-ar")
    context.close()
