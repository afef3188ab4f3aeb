from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "opennrm.backups"
    label = "backups"
    verbose_name = "Backups and restore"
