from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.permissions import Permission
from opennrm.hotline import selectors, services
from opennrm.hotline.forms import ContactForm, EmergencyForm


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
        },
    )


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
