from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "opennrm.hotline"
    label = "hotline"
    verbose_name = "Hotline"

    def ready(self) -> None:
        from opennrm.core.index_rotation import on_retire_indexes
        from opennrm.hotline.reindex import caller_hashes_clear

        on_retire_indexes("hotline.caller_numbers", caller_hashes_clear)
