"""The occupancy board, a centre's page (residents, admissions, departures), centre settings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.accounts.step_up import step_up_response
from opennrm.cases.selectors import access_case
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.permissions import Permission
from opennrm.shelters import selectors, services
from opennrm.shelters.forms import AdmitForm, CentreForm, EndStayForm, PlanDepartureForm


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    return actor


@member_required
def board(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not selectors.can_see_board(actor):
        raise PermissionDenied
    return render(
        request,
        "shelters/board.html",
        {
            "board": selectors.occupancy_board(),
            "own_centres": selectors.centres_of(actor)
            if actor.can(Permission.MANAGE_SERVICES) or actor.can(Permission.MANAGE_STAYS)
            else [],
        },
    )


@member_required
def centre_detail(request: HttpRequest, centre_id: str) -> HttpResponse:
    actor = _actor(request)
    centre = selectors.access_centre(actor=actor, centre_id=centre_id)
    own = centre.organisation_id == actor.organisation_id
    can_manage = own and actor.can(Permission.MANAGE_STAYS)
    return render(
        request,
        "shelters/centre_detail.html",
        {
            "centre": centre,
            "occupancy": selectors.occupancy_of(centre),
            "can_see_location": selectors.location_visible(actor, centre),
            "current": selectors.current_stays(centre) if own else [],
            "past": selectors.past_stays(centre) if own else [],
            "overdue": {s.pk for s in selectors.overdue_departures(centre)} if own else set(),
            "can_manage": can_manage,
            "can_edit": own and actor.can(Permission.MANAGE_SERVICES),
            "admit_form": AdmitForm(referrals=selectors.admissible_referrals(actor))
            if can_manage
            else None,
            "end_form": EndStayForm(),
            "plan_form": PlanDepartureForm(),
            "today": timezone.localdate(),
        },
    )


@member_required
def centre_edit(request: HttpRequest, centre_id: str | None = None) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.MANAGE_SERVICES):
        raise PermissionDenied
    centre = selectors.access_centre(actor=actor, centre_id=centre_id) if centre_id else None
    if centre is not None and centre.organisation_id != actor.organisation_id:
        raise PermissionDenied
    form = CentreForm(
        request.POST or None,
        initial=CentreForm.initial_for(centre) if centre else {"is_active": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            if centre is None:
                centre = services.centre_create(actor=actor, details=form.details())
            else:
                services.centre_update(actor=actor, centre=centre, details=form.details())
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Centre saved."))
            return redirect("shelters:centre", centre_id=centre.pk)
    return render(request, "shelters/centre_form.html", {"form": form, "centre": centre})


@member_required
@require_POST
def admit(request: HttpRequest, centre_id: str) -> HttpResponse:
    actor = _actor(request)
    centre = selectors.access_centre(actor=actor, centre_id=centre_id)
    form = AdmitForm(request.POST, referrals=selectors.admissible_referrals(actor))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.stay_admit(
                actor=actor,
                centre=centre,
                referral=data["referral"],
                category=data["category"],
                arrived_on=data["arrived_on"],
                planned_departure_on=data["planned_departure_on"],
                over_capacity=data["over_capacity"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Admission recorded."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("shelters:centre", centre_id=centre.pk)


@member_required
@require_POST
def stay_action(request: HttpRequest, stay_id: str, action: str) -> HttpResponse:
    actor = _actor(request)
    stay = selectors.access_stay(actor=actor, stay_id=stay_id)
    try:
        if action == "end":
            form = EndStayForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_("Give the date and the reason for leaving."))
            services.stay_end(
                actor=actor,
                stay=stay,
                departed_on=form.cleaned_data["departed_on"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        elif action == "plan":
            plan = PlanDepartureForm(request.POST)
            if not plan.is_valid():
                raise ApplicationError(_("Give the planned departure date."))
            services.stay_plan_departure(
                actor=actor,
                stay=stay,
                planned_departure_on=plan.cleaned_data["planned_departure_on"],
            )
        else:
            raise ApplicationError(_("Unknown action."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Saved."))
    return redirect("shelters:centre", centre_id=stay.centre_id)


@member_required
@never_cache
def centre_location(request: HttpRequest, centre_id: str) -> HttpResponse:
    """The protected address, on its own page, after a recent re-authentication; every reveal
    is audited. `?case=` reveals it to the case worker of a resident (from the case page)."""
    actor = _actor(request)
    case = None
    if request.GET.get("case"):
        case = access_case(actor=actor, case_id=request.GET["case"], purpose="centre_location")
        centre = selectors.current_centre_of(case)
        if centre is None or str(centre.pk) != str(centre_id):
            raise Http404
    else:
        centre = selectors.access_centre(actor=actor, centre_id=centre_id)
    if not selectors.location_visible(actor, centre, case):
        raise Http404
    if (confirm := step_up_response(request)) is not None:
        return confirm
    location = selectors.reveal_location(actor, centre, case)
    return render(
        request,
        "shelters/centre_location.html",
        {"centre": centre, "location": location, "case": case},
    )
