from django.utils import translation

from opennrm.stats.labels import value_label


def test_value_labels_follow_the_reader_language_from_one_page_to_the_next():
    # Labels are kept per language: the French page after an Arabic one reads French.
    seen = {}
    for language in ["ar", "fr", "ar", "en"]:
        with translation.override(language):
            seen[language] = (
                value_label("extended", "yes"),
                value_label("form", "ForcedLabour"),
            )
    assert seen["ar"] == ("نعم", "العمل القسري")
    assert seen["fr"] == ("Oui", "Travail forcé")
    assert seen["en"] == ("Yes", "Forced labour")
