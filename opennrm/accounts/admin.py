"""Administration of organisations, users and memberships, for system administrators only.
Persons and cases are deliberately absent: they are reached only through access selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse

from opennrm.accounts.models import Membership, Organisation, User
from opennrm.accounts.step_up import step_up_response
from opennrm.core.audit import audit_record


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The admin saves inside its own transaction; the audit event joins it. Every change
    (organisations, accounts, roles) needs a recent re-authentication (step-up)."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "POST" and (confirm := step_up_response(request)) is not None:
            return confirm
        return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Bulk actions (delete the selected ...) are posted to the list.
        if request.method == "POST" and (confirm := step_up_response(request)) is not None:
            return confirm
        return super().changelist_view(request, extra_context)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method == "POST" and (confirm := step_up_response(request)) is not None:
            return confirm
        return super().delete_view(request, object_id, extra_context)

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

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        if request.method == "POST" and (confirm := step_up_response(request)) is not None:
            return confirm
        return super().user_change_password(request, id, form_url)


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
