from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "opennrm.privacy"
    label = "privacy"
    verbose_name = "Retention, legal holds and the rights of the person"
