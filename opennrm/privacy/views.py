"""The data protection officer's retention page (rules, preview) and the legal holds page
(prosecutors and the data protection officer)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.ids import as_uuid
from opennrm.core.permissions import Permission
from opennrm.privacy.forms import LegalHoldForm, RetentionRuleForm
from opennrm.privacy.models import RetentionRule
from opennrm.privacy.selectors import (
    access_hold,
    case_for_hold,
    holds_visible_to,
    retention_rules,
)
from opennrm.privacy.services.holds import legal_hold_lift, legal_hold_place
from opennrm.privacy.services.retention import (
    retention_preview,
    retention_rule_delete,
    retention_rule_save,
)
from opennrm.privacy.vocabularies import RecordKind


def _actor(request: HttpRequest, permission: Permission) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    if not actor.can(permission):
        raise PermissionDenied
    return actor


@member_required
@require_http_methods(["GET", "POST"])
def retention(request: HttpRequest) -> HttpResponse:
    actor = _actor(request, Permission.MANAGE_RETENTION)
    rules = retention_rules(actor)
    form = RetentionRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rule = None
        if request.POST.get("rule"):
            pk = as_uuid(request.POST["rule"])
            rule = rules.filter(pk=pk).first() if pk else None
            if rule is None:
                raise Http404
        try:
            retention_rule_save(
                actor=actor,
                rule=rule,
                record_kind=data["record_kind"],
                closing_reason=data["closing_reason"] or "",
                keep_months=data["keep_months"],
                action=data["action"],
                expected_version=data["version"],
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, _("The retention rule is saved."))
            return redirect("privacy:retention")
    context = {
        "rules": [(rule, _rule_form(rule)) for rule in rules],
        "form": form if request.method == "POST" else RetentionRuleForm(),
        "preview": retention_preview(),
        "kinds": RecordKind.choices,
    }
    return render(request, "privacy/retention.html", context)


def _rule_form(rule: RetentionRule) -> RetentionRuleForm:
    """A rule's own form: the same field names, ids of its own."""
    return RetentionRuleForm(
        initial={
            "record_kind": rule.record_kind,
            "closing_reason": rule.closing_reason,
            "keep_months": rule.keep_months,
            "action": rule.action,
            "version": rule.version,
        },
        auto_id=f"id_{rule.pk.hex}_%s",
    )


@member_required
@require_POST
def retention_rule_remove(request: HttpRequest, rule_id: str) -> HttpResponse:
    actor = _actor(request, Permission.MANAGE_RETENTION)
    pk = as_uuid(rule_id)
    rule = retention_rules(actor).filter(pk=pk).first() if pk else None
    if rule is None:
        raise Http404
    retention_rule_delete(actor=actor, rule=rule)
    messages.success(request, _("The rule is removed: such records are now kept."))
    return redirect("privacy:retention")


@member_required
@require_http_methods(["GET", "POST"])
def holds(request: HttpRequest) -> HttpResponse:
    actor = _actor(request, Permission.PLACE_LEGAL_HOLD)
    form = LegalHoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = case_for_hold(actor, data["case_reference"])
        except Http404:
            form.add_error("case_reference", _("No case with this reference that you can act on."))
        else:
            try:
                legal_hold_place(
                    actor=actor, case=case, reason=data["reason"], reference=data["reference"]
                )
            except ApplicationError as error:
                add_application_error(form, error)
            else:
                messages.success(
                    request,
                    _("The records of this person are held until you lift the hold."),
                )
                return redirect("privacy:holds")
    visible = holds_visible_to(actor).select_related("person", "placed_for", "placed_by")
    context = {
        "active": visible.filter(lifted_at__isnull=True),
        "lifted": visible.filter(lifted_at__isnull=False)[:20],
        "form": form if request.method == "POST" else LegalHoldForm(),
        "actor": actor,
    }
    return render(request, "privacy/holds.html", context)


@member_required
@require_POST
def hold_lift(request: HttpRequest, hold_id: str) -> HttpResponse:
    actor = _actor(request, Permission.PLACE_LEGAL_HOLD)
    hold = access_hold(actor=actor, hold_id=hold_id)
    try:
        legal_hold_lift(actor=actor, hold=hold)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The hold is lifted: the retention rules apply again."))
    return redirect("privacy:holds")
