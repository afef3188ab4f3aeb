"""Administrators edit indicator sets here. A set that screenings already used should be
copied to a new version rather than edited."""

from django.contrib import admin

from opennrm.accounts.admin import AuditedAdmin
from opennrm.screening.models import Dimension, Indicator, IndicatorSet


class DimensionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Dimension
    extra = 0


@admin.register(IndicatorSet)
class IndicatorSetAdmin(AuditedAdmin):
    list_display = ["slug", "version", "population", "exploitation", "verified", "is_active"]
    list_filter = ["population", "exploitation", "verified", "is_active"]
    inlines = [DimensionInline]


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ["code", "dimension", "strength"]
    list_filter = ["dimension__indicator_set", "dimension__number", "strength"]
    search_fields = ["code"]
