from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "opennrm.voice"
    label = "voice"
    verbose_name = "The victim's voice"

    def ready(self) -> None:
        from opennrm.core.panels import register_case_panel
        from opennrm.voice.selectors import feedback_case_panel

        register_case_panel(feedback_case_panel)
