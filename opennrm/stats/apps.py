from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "opennrm.stats"
    label = "stats"
    verbose_name = "Statistics"
