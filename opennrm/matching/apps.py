from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "opennrm.matching"
    label = "matching"
    verbose_name = "Duplicate detection"

    def ready(self) -> None:
        from opennrm.matching.services import cross_organisation_check, match_keys_refresh
        from opennrm.people.services import on_person_saved

        on_person_saved(match_keys_refresh)  # first: the check below looks the keys up
        on_person_saved(cross_organisation_check)

        from opennrm.core.index_rotation import on_recompute_indexes
        from opennrm.matching.services import match_keys_rebuild

        # The stored keys record the hashing key they were built with: outdated after a switch.
        on_recompute_indexes("matching.keys", lambda: match_keys_rebuild(if_outdated=True) or 0)

        from opennrm.core.panels import register_home_panel
        from opennrm.matching.selectors import alerts_home_panel

        register_home_panel(alerts_home_panel)

        from opennrm.core.search import ApproximateSearch, register_approximate_search
        from opennrm.matching.selectors import persons_with_keys, search_keys

        register_approximate_search(ApproximateSearch(search_keys, persons_with_keys))

        from django.core.checks import Tags, register

        from opennrm.matching.checks import match_keys_check

        register(match_keys_check, Tags.database)
