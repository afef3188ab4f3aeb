"""Administration of organisations, users and memberships, for system administrators only.
Persons and cases are deliberately absent: they are reached only through access selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest

from opennrm.accounts.models import Membership, Organisation, User
from opennrm.core.audit import audit_record


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The admin saves inside its own transaction; the audit event joins it."""

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        audit_record(
            action=f"admin.{obj._meta.model_name}.{'changed' if change else 'created'}",
            user=request.user,  # type: ignore[arg-type]
            object_type=obj._meta.model_name,
            object_id=obj.pk,
            details={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        audit_record(
            action=f"admin.{obj._meta.model_name}.deleted",
            user=request.user,  # type: ignore[arg-type]
            object_type=obj._meta.model_name or "",
            object_id=obj.pk,
        )
        super().delete_model(request, obj)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "org_type", "region", "is_active"]
    list_filter = ["org_type", "region", "is_active"]
    search_fields = ["name", "short_name"]


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0


@admin.register(User)
class OpenNRMUserAdmin(UserAdmin, AuditedAdmin):  # type: ignore[type-arg]
    inlines = [MembershipInline]
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        ("OpenNRM", {"fields": ("preferred_language",)}),
    )


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
