from __future__ import annotations

import base64
from typing import cast

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from opennrm.accounts import second_factors, services
from opennrm.accounts.decorators import member_required
from opennrm.accounts.forms import LanguageForm, MembershipSwitchForm, SecondFactorForm
from opennrm.accounts.middleware import ACTIVE_MEMBERSHIP_SESSION_KEY
from opennrm.accounts.models import Membership, SecurityKey, User
from opennrm.accounts.notifications import (
    notice_text,
    notifications_mark_read,
    notifications_of,
)
from opennrm.accounts.selectors import confirmed_totp_device, memberships_of
from opennrm.accounts.step_up import mark_confirmed
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError

ENROLMENT_SESSION_KEY = "opennrm_totp_enrolment"
NOTIFICATIONS_SHOWN = 100


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Verify a TOTP code, or enrol an authenticator first if the user has none."""
    user = cast(User, request.user)
    device = confirmed_totp_device(user)
    has_keys = SecurityKey.objects.filter(user=user, confirmed=True).exists()
    enrolling: TOTPDevice | None = None
    if device is None and not has_keys:
        enrolling = TOTPDevice.objects.filter(
            pk=request.session.get(ENROLMENT_SESSION_KEY), user=user, confirmed=False
        ).first()
        if enrolling is None:
            enrolling = services.totp_device_start(user=user)
            request.session[ENROLMENT_SESSION_KEY] = enrolling.pk
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        try:
            if enrolling is not None:
                services.totp_device_confirm(user=user, device=enrolling, token=token)
                otp_login(request, enrolling)
                request.session.pop(ENROLMENT_SESSION_KEY, None)
                if second_factors.recovery_device_of(user) is None:
                    # Right after enrolling: the one moment to keep codes for a lost phone.
                    mark_confirmed(request)
                    codes = second_factors.recovery_codes_generate(user=user)
                    return render(request, "accounts/recovery_codes.html", {"codes": codes})
                return redirect("home")
            if device is not None:
                services.second_factor_verify(user=user, device=device, token=token)
                otp_login(request, device)
                return redirect("home")
        except ApplicationError as exc:
            form.add_error("token", exc.message)
    context: dict[str, object] = {
        "form": form,
        "enrolling": enrolling is not None,
        "has_recovery": enrolling is None and second_factors.recovery_device_of(user) is not None,
        "has_keys": has_keys,
        "has_totp": device is not None,
    }
    if enrolling is not None:
        qr = segno.make(enrolling.config_url, error="m")
        context["qr_data_uri"] = qr.svg_data_uri(scale=5)
        context["secret"] = base64.b32encode(enrolling.bin_key).decode().rstrip("=")
    return render(request, "accounts/second_factor.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Unknown language."), status=400)
    language = form.cleaned_data["language"]
    target = form.cleaned_data["next"] or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    response = HttpResponseRedirect(target)
    response.set_cookie("django_language", language, samesite="Lax", httponly=True)
    return response


@login_required
@require_POST
def switch_membership(request: HttpRequest) -> HttpResponse:
    form = MembershipSwitchForm(request.POST)
    if form.is_valid():
        chosen = memberships_of(request.user).filter(pk=form.cleaned_data["membership"]).first()  # type: ignore[arg-type]
        if chosen is not None:
            request.session[ACTIVE_MEMBERSHIP_SESSION_KEY] = str(chosen.pk)
            audit_record(
                action="membership.switched",
                actor=chosen,
                object_type="membership",
                object_id=chosen.pk,
            )
            messages.success(request, _("You now act for %(org)s.") % {"org": chosen.organisation})
            return redirect("home")
    return HttpResponse(_("This role is not available to you."), status=400)


@member_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The notices of the organisation the user acts for now, in the reader's language;
    opening the page marks the shown ones as read."""
    membership: Membership = request.membership  # type: ignore[attr-defined]
    shown = list(notifications_of(membership)[:NOTIFICATIONS_SHOWN])
    unread_ids = [n.pk for n in shown if n.read_at is None]
    response = render(
        request,
        "accounts/notifications.html",
        {
            "notifications": [(n, notice_text(n)) for n in shown],
            "unread_ids": set(unread_ids),
        },
    )
    notifications_mark_read(membership=membership, notification_ids=unread_ids)
    return response
