from django.apps import AppConfig


class ReintegrationConfig(AppConfig):
    name = "opennrm.reintegration"
    label = "reintegration"
    verbose_name = "Return and reintegration"

    def ready(self) -> None:
        from opennrm.core.panels import (
            register_case_panel,
            register_digest_section,
            register_home_panel,
        )
        from opennrm.reintegration.selectors import (
            follow_up_digest_section,
            return_case_panel,
            return_case_rows,
            return_home_panel,
        )

        register_case_panel(return_case_panel, return_case_rows)
        register_home_panel(return_home_panel)
        register_digest_section(follow_up_digest_section)
