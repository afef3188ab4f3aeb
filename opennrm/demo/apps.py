from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "opennrm.demo"
    label = "demo"
    verbose_name = "Synthetic demo data"
