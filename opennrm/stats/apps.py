from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "opennrm.stats"
    label = "stats"
    verbose_name = "Statistics"

    def ready(self) -> None:
        from opennrm.core.panels import register_home_panel
        from opennrm.stats.dashboard import national_home_panel

        register_home_panel(national_home_panel)
