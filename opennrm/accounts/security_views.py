"""The user's sign-in security: the step-up confirmation, recovery codes (and their use as a
second factor when the authenticator is lost), security keys (accounts.webauthn_views)."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from opennrm.accounts import second_factors
from opennrm.accounts.forms import RecoveryCodeForm, StepUpForm
from opennrm.accounts.models import SecurityKey, User
from opennrm.accounts.selectors import confirmed_totp_device
from opennrm.accounts.step_up import mark_confirmed, safe_next, step_up_required
from opennrm.core.errors import ApplicationError


@login_required
@never_cache
def confirm(request: HttpRequest) -> HttpResponse:
    """Re-enter the password (and a second factor) before a protected action."""
    user = cast(User, request.user)
    target = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    needs_code = second_factors.has_second_factor(user)
    form = StepUpForm(request.POST or None, needs_code=needs_code)
    if request.method == "POST" and form.is_valid():
        try:
            second_factors.step_up_confirm(
                request=request,
                user=user,
                password=form.cleaned_data["password"],
                token=form.cleaned_data.get("token") or "",
                assertion=form.cleaned_data.get("assertion") or "",
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            mark_confirmed(request)
            return redirect(target)
    return render(
        request,
        "accounts/confirm.html",
        {
            "form": form,
            "next": target,
            "step_up_minutes": settings.OPENNRM_STEP_UP_SECONDS // 60,
            "has_keys": SecurityKey.objects.filter(user=user, confirmed=True).exists(),
        },
    )


@login_required
@never_cache
def security(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    recovery = second_factors.recovery_device_of(user)
    return render(
        request,
        "accounts/security.html",
        {
            "totp": confirmed_totp_device(user),
            "recovery_remaining": recovery.remaining() if recovery else None,
            "keys": SecurityKey.objects.filter(user=user, confirmed=True).order_by("created_at"),
        },
    )


@login_required
@never_cache
@step_up_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """A new set of recovery codes (POST), shown once; the old set stops working."""
    if request.method != "POST":
        return redirect("accounts:security")
    user = cast(User, request.user)
    codes = second_factors.recovery_codes_generate(user=user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@login_required
@never_cache
def recovery_login(request: HttpRequest) -> HttpResponse:
    """The second factor by a recovery code, when the authenticator is lost."""
    user = cast(User, request.user)
    form = RecoveryCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factors.recovery_code_use(user=user, code=form.cleaned_data["code"])
        except ApplicationError as error:
            form.add_error("code", error.message)
        else:
            otp_login(request, device)
            left = device.remaining()
            messages.warning(
                request,
                _(
                    "Recovery code accepted. %(left)s left: set up your authenticator again "
                    "and make new codes in your sign-in security."
                )
                % {"left": left},
            )
            return redirect("accounts:security")
    return render(request, "accounts/recovery_login.html", {"form": form})


@login_required
@never_cache
@step_up_required
def authenticator_replace(request: HttpRequest) -> HttpResponse:
    """Forget the authenticator app (lost or changed phone); the next page enrols a new one."""
    if request.method != "POST":
        return redirect("accounts:security")
    second_factors.authenticator_remove(user=cast(User, request.user))
    return redirect("accounts:second_factor")
