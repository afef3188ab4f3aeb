from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "opennrm.privacy"
    label = "privacy"
    verbose_name = "Retention, legal holds and the rights of the person"

    def ready(self) -> None:
        from opennrm.core.panels import register_case_panel, register_home_panel
        from opennrm.privacy.selectors import (
            rights_case_panel,
            rights_case_rows,
            rights_home_panel,
        )

        register_case_panel(rights_case_panel, rights_case_rows)
        register_home_panel(rights_home_panel)
