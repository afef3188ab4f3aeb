from django.apps import AppConfig


class JusticeConfig(AppConfig):
    name = "opennrm.justice"
    label = "justice"
    verbose_name = "Criminal justice"

    def ready(self) -> None:
        from opennrm.core.panels import (
            register_case_panel,
            register_digest_section,
            register_home_panel,
        )
        from opennrm.justice.hearings import hearing_digest_section, hearing_home_panel
        from opennrm.justice.selectors import (
            justice_case_panel,
            justice_case_rows,
            justice_home_panel,
        )

        register_case_panel(justice_case_panel, justice_case_rows)
        register_home_panel(justice_home_panel)
        register_home_panel(hearing_home_panel)
        register_digest_section(hearing_digest_section)

        from opennrm.core.index_rotation import on_recompute_indexes
        from opennrm.justice.reindex import perpetrator_indexes_recompute

        on_recompute_indexes("justice.accused", perpetrator_indexes_recompute)
