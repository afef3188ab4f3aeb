"""Recording the consent a referral needs without leaving the referral form: the consent form
opens inside the page (htmx), prefilled with the referral's purpose and recipient, and once
recorded it is chosen in the referral form, whose typed values are untouched."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.cases import services as case_services
from opennrm.cases.forms import ConsentForm
from opennrm.cases.selectors import access_case
from opennrm.cases.vocabularies import ConsentPurpose
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.permissions import Permission
from opennrm.referrals.referral_forms import ReferralSendForm

PREFIX = "consent"


@member_required
def referral_consent(request: HttpRequest, case_id: str) -> HttpResponse:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    if not (actor.can(Permission.RECORD_CONSENT) and actor.can(Permission.SEND_REFERRAL)):
        raise PermissionDenied
    case = access_case(actor=actor, case_id=case_id, purpose="record_consent")
    recorded = None
    if request.method == "POST":
        form = ConsentForm(request.POST, prefix=PREFIX)
        if form.is_valid():
            try:
                recorded = case_services.consent_record(
                    actor=actor, case=case, details=form.consent_details()
                )
            except ApplicationError as exc:
                add_application_error(form, exc)
    else:
        # The referral form's recipient, as chosen so far, names the consent's recipient.
        form = ConsentForm(
            prefix=PREFIX,
            initial={
                "purpose": ConsentPurpose.REFERRAL,
                "recipient_organisation": request.GET.get("recipient_organisation") or None,
                "recipient_description": request.GET.get("external_recipient_name", "")[:200],
                "given": "yes",
            },
        )
    referral_form = ReferralSendForm(
        initial={"consent": recorded.pk} if recorded else None,
        case=case,
        can_override=actor.can(Permission.OVERRIDE_REFERRAL_CONSENT),
    )
    # The referral form's consent list is replaced in place, the new consent chosen.
    referral_form.fields["consent"].widget.attrs["hx-swap-oob"] = "true"
    return render(
        request,
        "referrals/_consent_inline.html",
        {
            "form": form,
            "case": case,
            "recorded": recorded,
            "consent_field": referral_form["consent"],
        },
    )
