from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "opennrm.core"
    label = "core"
    verbose_name = "OpenNRM core"

    def ready(self) -> None:
        from opennrm.core import checks  # noqa: F401  (registers deployment checks)
