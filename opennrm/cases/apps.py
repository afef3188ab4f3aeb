from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "opennrm.cases"
    label = "cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        from opennrm.cases.services.identification import identification_deadlines_recompute
        from opennrm.core.calendar import on_recompute_deadlines

        on_recompute_deadlines("identification_decisions", identification_deadlines_recompute)
