from django.apps import AppConfig


class SheltersConfig(AppConfig):
    name = "opennrm.shelters"
    label = "shelters"
    verbose_name = "Reception centres"

    def ready(self) -> None:
        from opennrm.core.panels import register_case_panel
        from opennrm.referrals.warnings import register_send_warning
        from opennrm.shelters.selectors import (
            full_centre_warnings,
            stay_case_panel,
            stay_case_rows,
        )

        register_send_warning(full_centre_warnings)
        register_case_panel(stay_case_panel, stay_case_rows)
