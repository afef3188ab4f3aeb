from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "opennrm.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from opennrm.core.index_rotation import on_recompute_indexes
        from opennrm.people.reindex import document_indexes_recompute, person_indexes_recompute

        on_recompute_indexes("people.persons", person_indexes_recompute)
        on_recompute_indexes("people.documents", document_indexes_recompute)
