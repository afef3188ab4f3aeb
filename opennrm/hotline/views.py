from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.core import spreadsheets
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.pagination import CappedPaginator, list_queries
from opennrm.core.permissions import Permission
from opennrm.hotline import exports as contact_exports
from opennrm.hotline import follow_up, selectors, services
from opennrm.hotline.forms import (
    CallbackAttemptForm,
    ContactForm,
    ContactUpdateForm,
    EmergencyForm,
)
from opennrm.hotline.list_forms import ContactFilterForm
from opennrm.hotline.models import Contact


def _actor(request: HttpRequest, permission: Permission) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    if not actor.can(permission):
        raise PermissionDenied
    return actor


@member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = _actor(request, Permission.VIEW_CONTACTS)
    return render(
        request,
        "hotline/dashboard.html",
        {
            "dashboard": selectors.hotline_dashboard(actor=actor),
            "emergencies": selectors.open_emergencies(actor=actor),
            "recent": selectors.contacts_visible_to(actor)[:20],
        },
    )


@member_required
def contact_new(request: HttpRequest) -> HttpResponse:
    actor = _actor(request, Permission.RECORD_CONTACT)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_record(actor=actor, details=form.contact_details())
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Contact recorded."))
            return redirect("hotline:contact", contact_id=contact.pk)
    return render(request, "hotline/contact_new.html", {"form": form})


@member_required
def contact_detail(request: HttpRequest, contact_id: str) -> HttpResponse:
    actor = _actor(request, Permission.VIEW_CONTACTS)
    contact = selectors.access_contact(actor=actor, contact_id=contact_id)
    return render(
        request,
        "hotline/contact_detail.html",
        {
            "contact": contact,
            "earlier_from_number": selectors.earlier_contacts_from_same_number(contact=contact),
            "emergency_form": EmergencyForm(),
            "update_form": ContactUpdateForm(
                initial={
                    "outcome": contact.outcome,
                    "callback_due_at": contact.callback_due_at
                    and timezone.localtime(contact.callback_due_at),
                }
            ),
            "callback_form": CallbackAttemptForm(),
            "callbacks": contact.callbacks.select_related("made_by"),
        },
    )


FollowUp = Callable[[Membership, Contact, dict[str, Any]], str]


def _follow_up(
    request: HttpRequest, contact_id: str, form_class: type[forms.Form], act: FollowUp
) -> HttpResponse:
    """Validate a follow-up form and call its service; errors come back as messages."""
    actor = _actor(request, Permission.RECORD_CONTACT)
    contact = selectors.access_contact(actor=actor, contact_id=contact_id, purpose="follow_up")
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("hotline:contact", contact_id=contact.pk)
    try:
        message = act(actor, contact, form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return redirect("hotline:contact", contact_id=contact.pk)


def _update(actor: Membership, contact: Contact, data: dict[str, Any]) -> str:
    follow_up.contact_update(actor=actor, contact=contact, **data)
    return _("Contact updated.")


def _callback(actor: Membership, contact: Contact, data: dict[str, Any]) -> str:
    follow_up.callback_attempt_record(actor=actor, contact=contact, **data)
    return _("Call-back recorded.")


def _close(actor: Membership, contact: Contact, data: dict[str, Any]) -> str:
    follow_up.contact_close(actor=actor, contact=contact)
    return _("Contact closed.")


@member_required
@require_POST
def contact_update(request: HttpRequest, contact_id: str) -> HttpResponse:
    return _follow_up(request, contact_id, ContactUpdateForm, _update)


@member_required
@require_POST
def callback_attempt(request: HttpRequest, contact_id: str) -> HttpResponse:
    return _follow_up(request, contact_id, CallbackAttemptForm, _callback)


@member_required
@require_POST
def contact_close(request: HttpRequest, contact_id: str) -> HttpResponse:
    return _follow_up(request, contact_id, forms.Form, _close)


@member_required
@require_POST
def emergency_refer(request: HttpRequest, contact_id: str) -> HttpResponse:
    actor = _actor(request, Permission.RECORD_CONTACT)
    contact = selectors.access_contact(actor=actor, contact_id=contact_id, purpose="emergency")
    form = EmergencyForm(request.POST)
    if form.is_valid():
        try:
            services.emergency_refer(actor=actor, contact=contact, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Emergency referral recorded."))
    else:
        messages.error(request, _("Say which service was called and whom."))
    return redirect("hotline:contact", contact_id=contact.pk)


@member_required
@require_POST
def emergency_close(request: HttpRequest, contact_id: str) -> HttpResponse:
    actor = _actor(request, Permission.RECORD_CONTACT)
    contact = selectors.access_contact(actor=actor, contact_id=contact_id, purpose="emergency")
    try:
        services.emergency_close(actor=actor, contact=contact)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Emergency closed."))
    return redirect("hotline:contact", contact_id=contact.pk)


@member_required
def contact_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request, Permission.VIEW_CONTACTS)
    form = ContactFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound and form.is_valid() else selectors.ContactFilters()
    page = CappedPaginator(selectors.contact_rows(actor, filters), 50).get_page(
        request.GET.get("page")
    )
    query_string, sort_query = list_queries(request)
    context = {
        "page": page,
        "form": form if form.is_bound else ContactFilterForm(),
        "current_sort": filters.sort,
        "query_string": query_string,
        "sort_query": sort_query,
    }
    return render(request, "hotline/contact_list.html", context)


@member_required
def contact_export(request: HttpRequest, fmt: str) -> HttpResponse:
    actor = _actor(request, Permission.VIEW_CONTACTS)
    form = ContactFilterForm(request.GET or None)

    def lines() -> list[list[spreadsheets.Cell]]:
        filters = form.filters() if form.is_bound else selectors.ContactFilters()
        return contact_exports.contact_export(actor=actor, filters=filters, fmt=fmt)

    return spreadsheets.list_export(fmt, lines, name="contacts", title=_("Contacts"), form=form)
