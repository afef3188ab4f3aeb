"""Sending a referral from a case, the referral page for both sides, and its actions."""

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
from opennrm.cases.selectors import access_case
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.permissions import Permission
from opennrm.referrals import selectors, services
from opennrm.referrals.models import Referral
from opennrm.referrals.referral_forms import (
    DeclineForm,
    DiscloseMoreForm,
    MessageForm,
    NoteForm,
    OutcomeForm,
    ReferralSendForm,
    RevokeForm,
    ServiceStartForm,
)
from opennrm.referrals.vocabularies import ReferralState
from opennrm.referrals.warnings import send_warnings

PER_PAGE = 25


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    return actor


@member_required
def referral_new(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.SEND_REFERRAL):
        raise PermissionDenied
    case = access_case(actor=actor, case_id=case_id, purpose="refer")
    initial: dict[str, object] = {}
    if service_id := request.GET.get("service"):
        initial["service"] = service_id
    if action_id := request.GET.get("action"):
        initial["support_action"] = action_id
    if service_type := request.GET.get("service_type"):
        initial["service_types"] = [service_type]
    form = ReferralSendForm(
        request.POST or None,
        initial=initial,
        case=case,
        can_override=actor.can(Permission.OVERRIDE_REFERRAL_CONSENT),
    )
    warnings = []
    if request.method == "POST" and form.is_valid():
        warnings = send_warnings(
            case,
            form.cleaned_data.get("recipient_organisation"),
            form.cleaned_data["service_types"],
        )
    if (
        request.method == "POST"
        and form.is_valid()
        and (not warnings or form.cleaned_data["send_despite_warnings"])
    ):
        try:
            referral = services.referral_send(actor=actor, case=case, request=form.request())
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request,
                _("Referral %(ref)s sent to %(org)s.")
                % {"ref": referral.reference_code, "org": referral.recipient_label},
            )
            return redirect("referrals:referral", referral_id=referral.pk)
    return render(
        request,
        "referrals/referral_new.html",
        {
            "form": form,
            "case": case,
            "is_child": services.is_child(case),
            "warnings": warnings,
            "fields": [f for f in form.visible_fields() if f.name != "send_despite_warnings"],
        },
    )


@member_required
def referral_detail(request: HttpRequest, referral_id: str) -> HttpResponse:
    return _referral_page(request, referral_id, printing=False)


@member_required
def referral_print(request: HttpRequest, referral_id: str) -> HttpResponse:
    """The referral to print, as this side sees it, without actions; audited as printed."""
    return _referral_page(request, referral_id, printing=True)


def _referral_page(request: HttpRequest, referral_id: str, *, printing: bool) -> HttpResponse:
    actor = _actor(request)
    referral = selectors.access_referral(
        actor=actor, referral_id=referral_id, purpose="print" if printing else "view"
    )
    side = selectors.side_of(actor, referral)
    is_sender = side == selectors.SENDER
    can_revoke = (
        is_sender
        and referral.is_open
        and (
            (actor.user_id == referral.sent_by_id and actor.can(Permission.SEND_REFERRAL))
            or actor.can(Permission.SUPERVISE_REFERRALS)
        )
    )
    delivers = (referral.is_external and is_sender and actor.can(Permission.SEND_REFERRAL)) or (
        not is_sender and actor.can(Permission.RESPOND_TO_REFERRAL)
    )
    context: dict[str, Any] = {
        "referral": referral,
        "is_sender": is_sender,
        "disclosed": selectors.disclosed_record(referral),
        "events": selectors.referral_events(referral, for_recipient=not is_sender),
        "can_answer": not is_sender
        and referral.state == ReferralState.SENT
        and actor.can(Permission.RESPOND_TO_REFERRAL),
        "can_start": delivers and referral.state == ReferralState.ACCEPTED,
        "can_complete": delivers
        and referral.state in {ReferralState.ACCEPTED, ReferralState.IN_SERVICE},
        "can_revoke": can_revoke,
        "can_message": referral.is_open
        and not referral.is_external
        and (
            actor.can(Permission.SEND_REFERRAL)
            if is_sender
            else actor.can(Permission.RESPOND_TO_REFERRAL)
        ),
        "can_disclose": is_sender and referral.is_open and actor.can(Permission.SEND_REFERRAL),
        "can_issue_link": is_sender
        and referral.is_external
        and referral.state == ReferralState.SENT
        and actor.can(Permission.SEND_REFERRAL),
        "accept_form": NoteForm(prefix="accept"),
        "decline_form": DeclineForm(prefix="decline"),
        "start_form": ServiceStartForm(),
        "outcome_form": OutcomeForm(),
        "revoke_form": RevokeForm(prefix="revoke"),
        "message_form": MessageForm(),
        "disclose_form": DiscloseMoreForm(already=referral.disclosed_fields),
        "now": timezone.now(),
        "printing": printing,
    }
    if printing:  # a page to print offers no action
        context |= {key: False for key in context if key.startswith("can_")}
    return render(request, "referrals/referral_detail.html", context)


def _act(
    request: HttpRequest,
    referral_id: str,
    *,
    purpose: str,
    form_class: Callable[..., forms.Form],
    act: Callable[[Membership, Referral, dict[str, object]], object],
    success: str,
    **form_kwargs: object,
) -> HttpResponse:
    """Every action on a referral: read it through access_referral, validate the posted form,
    call the service; a refusal is shown as a message on the referral page."""
    actor = _actor(request)
    referral = selectors.access_referral(actor=actor, referral_id=referral_id, purpose=purpose)
    form = form_class(request.POST, **form_kwargs)
    if not form.is_valid():
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors))
        return redirect("referrals:referral", referral_id=referral.pk)
    try:
        act(actor, referral, form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("referrals:referral", referral_id=referral.pk)


@member_required
@require_POST
def referral_accept(request: HttpRequest, referral_id: str) -> HttpResponse:
    return _act(
        request,
        referral_id,
        purpose="accept",
        form_class=NoteForm,
        prefix="accept",
        act=lambda actor, referral, data: services.referral_accept(
            actor=actor, referral=referral, note=str(data["note"])
        ),
        success=_("Referral accepted. The sender has been told."),
    )


@member_required
@require_POST
def referral_decline(request: HttpRequest, referral_id: str) -> HttpResponse:
    return _act(
        request,
        referral_id,
        purpose="decline",
        form_class=DeclineForm,
        prefix="decline",
        act=lambda actor, referral, data: services.referral_decline(
            actor=actor, referral=referral, reason=str(data["reason"]), code=str(data["code"])
        ),
        success=_("Referral declined. The sender has been told."),
    )


@member_required
@require_POST
def referral_start(request: HttpRequest, referral_id: str) -> HttpResponse:
    return _act(
        request,
        referral_id,
        purpose="start_service",
        form_class=ServiceStartForm,
        act=lambda actor, referral, data: services.referral_start_service(
            actor=actor,
            referral=referral,
            started_on=data["started_on"],  # type: ignore[arg-type]
        ),
        success=_("Service start recorded."),
    )


@member_required
@require_POST
def referral_complete(request: HttpRequest, referral_id: str) -> HttpResponse:
    return _act(
        request,
        referral_id,
        purpose="complete",
        form_class=OutcomeForm,
        act=lambda actor, referral, data: services.referral_complete(
            actor=actor,
            referral=referral,
            outcome=str(data["outcome"]),
            note=str(data["note"]),
            completed_on=data["completed_on"],  # type: ignore[arg-type]
        ),
        success=_("Outcome recorded. The referral is completed."),
    )


@member_required
@require_POST
def referral_revoke(request: HttpRequest, referral_id: str) -> HttpResponse:
    return _act(
        request,
        referral_id,
        purpose="revoke",
        form_class=RevokeForm,
        prefix="revoke",
        act=lambda actor, referral, data: services.referral_revoke(
            actor=actor, referral=referral, reason=str(data["reason"])
        ),
        success=_("Referral revoked. The recipient has been told."),
    )


@member_required
@require_POST
def referral_message(request: HttpRequest, referral_id: str) -> HttpResponse:
    return _act(
        request,
        referral_id,
        purpose="message",
        form_class=MessageForm,
        act=lambda actor, referral, data: services.referral_message(
            actor=actor, referral=referral, text=str(data["text"])
        ),
        success=_("Message sent."),
    )


@member_required
@require_POST
def referral_disclose(request: HttpRequest, referral_id: str) -> HttpResponse:
    # Every field is a valid choice here; the service refuses what is already disclosed.
    return _act(
        request,
        referral_id,
        purpose="disclose",
        form_class=DiscloseMoreForm,
        already=[],
        act=lambda actor, referral, data: services.referral_disclose_more(
            actor=actor,
            referral=referral,
            fields=list(data["fields_to_add"]),  # type: ignore[call-overload]
            note=str(data["note"]),
        ),
        success=_("The recipient now sees more, and has been told."),
    )


@member_required
@require_POST
def referral_link(request: HttpRequest, referral_id: str) -> HttpResponse:
    """Issue a one-time link; the page shows the link and the code once, never again."""
    actor = _actor(request)
    referral = selectors.access_referral(actor=actor, referral_id=referral_id, purpose="link")
    try:
        issued = services.referral_link_issue(actor=actor, referral=referral)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("referrals:referral", referral_id=referral.pk)
    response = render(
        request, "referrals/link_issued.html", {"referral": referral, "issued": issued}
    )
    response["Cache-Control"] = "no-store"
    return response
