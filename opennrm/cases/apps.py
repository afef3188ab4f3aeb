from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "opennrm.cases"
    label = "cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        from opennrm.cases.services.case import age_bands_refresh
        from opennrm.cases.services.identification import identification_deadlines_recompute
        from opennrm.core.calendar import on_recompute_deadlines
        from opennrm.people.services import on_person_saved

        on_recompute_deadlines("identification_decisions", identification_deadlines_recompute)
        on_person_saved(age_bands_refresh)
