from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.permissions import Permission
from opennrm.referrals import selectors, services
from opennrm.referrals.forms import ServiceForm, ServiceSearchForm
from opennrm.referrals.models import Service


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    return actor


@member_required
def directory(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = ServiceSearchForm(request.GET or None)
    found = selectors.find_services(form.need() if form.is_valid() else selectors.ServiceNeed())
    return render(
        request,
        "referrals/directory.html",
        {
            "form": form,
            "services": found,
            "own_services": selectors.services_of(actor.organisation_id)
            if actor.can(Permission.MANAGE_SERVICES)
            else [],
        },
    )


def _own_service(actor: Membership, service_id: str) -> Service:
    if not actor.can(Permission.MANAGE_SERVICES):
        raise PermissionDenied
    try:
        pk = uuid.UUID(service_id)
    except ValueError:
        raise Http404 from None
    service = Service.objects.filter(pk=pk, organisation_id=actor.organisation_id).first()
    if service is None:
        raise Http404
    return service


@member_required
def service_edit(request: HttpRequest, service_id: str | None = None) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.MANAGE_SERVICES):
        raise PermissionDenied
    service = _own_service(actor, service_id) if service_id else None
    initial = ServiceForm.initial_service(service) if service else {"is_active": True}
    form = ServiceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if service is None:
                services.service_create(actor=actor, details=form.details())
            else:
                services.service_update(actor=actor, service=service, details=form.details())
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Service saved."))
            return redirect("referrals:directory")
    return render(request, "referrals/service_form.html", {"form": form, "service": service})
