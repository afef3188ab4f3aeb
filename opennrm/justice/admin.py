"""The country's procedure (stages, allowed moves) and its authorities, edited by system
administrators; proceedings themselves are reached only through the access selectors."""

from django.contrib import admin

from opennrm.accounts.admin import AuditedAdmin
from opennrm.justice.models import Authority, JusticeStage, JusticeStageMove, Offence


@admin.register(JusticeStage)
class JusticeStageAdmin(AuditedAdmin):
    list_display = ["country", "position", "code", "label_fr", "phase", "is_initial"]
    list_filter = ["country", "phase"]


@admin.register(JusticeStageMove)
class JusticeStageMoveAdmin(AuditedAdmin):
    list_display = ["from_stage", "to_stage"]
    list_filter = ["from_stage__country"]


@admin.register(Authority)
class AuthorityAdmin(AuditedAdmin):
    list_display = ["label_fr", "kind", "region", "organisation", "specialised", "is_active"]
    list_filter = ["country", "kind", "region", "is_active"]
    search_fields = ["label_fr", "label_ar", "label_en", "code"]
    autocomplete_fields = ["organisation"]


@admin.register(Offence)
class OffenceAdmin(AuditedAdmin):
    """Penal code articles charges are brought under: an administrator adds those missing."""

    list_display = ["article", "label_fr", "is_trafficking", "is_active"]
    list_filter = ["country", "is_trafficking", "is_active"]
    search_fields = ["article", "label_fr", "label_ar", "label_en"]
