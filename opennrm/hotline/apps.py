from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "opennrm.hotline"
    label = "hotline"
    verbose_name = "Hotline"
