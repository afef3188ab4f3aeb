from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "opennrm.matching"
    label = "matching"
    verbose_name = "Duplicate detection"

    def ready(self) -> None:
        from opennrm.matching.services import match_keys_refresh
        from opennrm.people.services import on_person_saved

        on_person_saved(match_keys_refresh)
