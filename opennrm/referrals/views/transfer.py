"""Transfers of responsibility: propose from the case page, request (coordinator), answer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.cases.selectors import access_case
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.pagination import CappedPaginator
from opennrm.core.permissions import Permission
from opennrm.referrals import selectors, services
from opennrm.referrals.referral_forms import (
    DeclineForm,
    NoteForm,
    TransferConsentForm,
    TransferProposeForm,
    TransferRequestForm,
    WithdrawForm,
)
from opennrm.referrals.vocabularies import TransferState

PER_PAGE = 25


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    return actor


@member_required
def transfer_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not (
        actor.can(Permission.VIEW_CASES)
        or actor.can(Permission.TRANSFER_CASE)
        or actor.can(Permission.REQUEST_TRANSFER)
    ):
        raise PermissionDenied
    page = CappedPaginator(selectors.transfer_list(actor), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "referrals/transfer_list.html", {"page": page})


@member_required
def transfer_new(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.TRANSFER_CASE):
        raise PermissionDenied
    case = access_case(actor=actor, case_id=case_id, purpose="transfer")
    form = TransferProposeForm(
        request.POST or None,
        case=case,
        can_override=actor.can(Permission.OVERRIDE_REFERRAL_CONSENT),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            transfer = services.transfer_propose(
                actor=actor,
                case=case,
                to_organisation=data["to_organisation"],
                reason=data["reason"],
                keep_read_access=data["keep_read_access"],
                consent=data["consent"],
                consent_override_reason=data.get("consent_override_reason", ""),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Transfer proposed. The new organisation has been told."))
            return redirect("referrals:transfer", transfer_id=transfer.pk)
    return render(request, "referrals/transfer_new.html", {"form": form, "case": case})


@member_required
def transfer_request(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not actor.can(Permission.REQUEST_TRANSFER):
        raise PermissionDenied
    form = TransferRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            transfer = services.transfer_request(
                actor=actor,
                case_reference=data["case_reference"],
                to_organisation=data["to_organisation"],
                reason=data["reason"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request, _("Transfer requested. The organisation responsible has been told.")
            )
            return redirect("referrals:transfer", transfer_id=transfer.pk)
    return render(request, "referrals/transfer_request.html", {"form": form})


@member_required
def transfer_detail(request: HttpRequest, transfer_id: str) -> HttpResponse:
    actor = _actor(request)
    transfer = selectors.access_transfer(actor=actor, transfer_id=transfer_id)
    org = actor.organisation_id
    is_owner = transfer.case.owner_organisation_id == org and transfer.from_organisation_id == org
    is_recipient = transfer.to_organisation_id == org
    can_act = actor.can(Permission.TRANSFER_CASE)
    return render(
        request,
        "referrals/transfer_detail.html",
        {
            "transfer": transfer,
            "is_owner": is_owner,
            "is_recipient": is_recipient,
            "summary": selectors.transfer_summary(transfer)
            if is_recipient and transfer.state == TransferState.PROPOSED
            else None,
            "can_agree": is_owner and can_act and transfer.state == TransferState.REQUESTED,
            "can_answer": is_recipient and can_act and transfer.state == TransferState.PROPOSED,
            "can_withdraw": transfer.is_open
            and (
                (is_owner and can_act)
                or (
                    transfer.requesting_organisation_id == org
                    and actor.can(Permission.REQUEST_TRANSFER)
                )
            ),
            "agree_form": TransferConsentForm(
                case=transfer.case, can_override=actor.can(Permission.OVERRIDE_REFERRAL_CONSENT)
            ),
            "refuse_form": DeclineForm(prefix="refuse"),
            "accept_form": NoteForm(prefix="accept"),
            "decline_form": DeclineForm(prefix="decline"),
            "withdraw_form": WithdrawForm(prefix="withdraw"),
        },
    )


def _after(
    request: HttpRequest, transfer_id: object, error: ApplicationError | None, ok: str
) -> HttpResponse:
    if error is not None:
        messages.error(request, error.message)
    else:
        messages.success(request, ok)
    return redirect("referrals:transfer", transfer_id=transfer_id)


@member_required
@require_POST
def transfer_answer(request: HttpRequest, transfer_id: str, action: str) -> HttpResponse:
    """agree / refuse (the owner, to a coordinator's request); accept / decline (the new
    organisation); withdraw (the owner or the requesting coordinator)."""
    actor = _actor(request)
    transfer = selectors.access_transfer(actor=actor, transfer_id=transfer_id, purpose=action)
    error: ApplicationError | None = None
    try:
        if action == "agree":
            form = TransferConsentForm(
                request.POST,
                case=transfer.case,
                can_override=actor.can(Permission.OVERRIDE_REFERRAL_CONSENT),
            )
            if not form.is_valid():
                raise ApplicationError(_("Check the form."))
            services.transfer_agree(
                actor=actor,
                transfer=transfer,
                keep_read_access=form.cleaned_data["keep_read_access"],
                consent=form.cleaned_data["consent"],
                consent_override_reason=form.cleaned_data.get("consent_override_reason", ""),
            )
        elif action == "refuse":
            services.transfer_refuse(
                actor=actor, transfer=transfer, reason=request.POST.get("refuse-reason", "")
            )
        elif action == "accept":
            services.transfer_accept(
                actor=actor, transfer=transfer, note=request.POST.get("accept-note", "")
            )
        elif action == "decline":
            services.transfer_decline(
                actor=actor, transfer=transfer, reason=request.POST.get("decline-reason", "")
            )
        elif action == "withdraw":
            services.transfer_withdraw(
                actor=actor, transfer=transfer, reason=request.POST.get("withdraw-reason", "")
            )
        else:
            raise ApplicationError(_("Unknown action."))
    except ApplicationError as exc:
        error = exc
    if action == "accept" and error is None:
        messages.success(request, _("Your organisation is now responsible for this case."))
        return redirect("cases:detail", case_id=transfer.case_id)
    if error is not None:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved. The other organisation has been told."))
    return redirect("referrals:transfer", transfer_id=transfer.pk)
