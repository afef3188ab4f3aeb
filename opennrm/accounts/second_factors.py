"""Services of the second factors beside TOTP: recovery codes and the step-up confirmation
(re-entering one's password and a second factor before a protected action). Each write is
one transaction with its audit event; failures are committed before the refusal is raised, so
that throttling and the audit trail see every wrong attempt."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from opennrm.accounts.models import RecoveryCode, RecoveryCodeDevice, SecurityKey, User
from opennrm.accounts.second_factor_models import (
    RECOVERY_LENGTH,
    new_recovery_code,
    normalise_recovery_code,
    recovery_code_hash,
)
from opennrm.accounts.selectors import confirmed_totp_device
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError

RECOVERY_DEVICE_NAME = "Recovery codes"


def recovery_device_of(user: User) -> RecoveryCodeDevice | None:
    device: RecoveryCodeDevice | None = RecoveryCodeDevice.objects.filter(
        user=user, confirmed=True
    ).first()
    return device


def recovery_codes_generate(*, user: User) -> list[str]:
    """A new set of one-time codes, replacing any earlier set. Only their keyed hashes are
    kept: the codes are shown once, for the user to print or write down."""
    count = settings.OPENNRM_RECOVERY_CODES
    codes = [new_recovery_code() for _ in range(count)]
    with transaction.atomic():
        device, _created = RecoveryCodeDevice.objects.select_for_update().get_or_create(
            user=user, defaults={"name": RECOVERY_DEVICE_NAME, "confirmed": True}
        )
        device.codes.all().delete()
        salts = [secrets.token_hex(8) for _ in codes]
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=device, salt=salt, code_hash=recovery_code_hash(code, salt))
            for code, salt in zip(codes, salts, strict=True)
        )
        device.throttle_reset(commit=False)
        device.save()
        audit_record(
            action="mfa.recovery_codes_generated",
            user=user,
            object_type="user",
            object_id=user.pk,
            details={"count": count},
        )
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def recovery_code_use(*, user: User, code: str) -> RecoveryCodeDevice:
    """Accept one unused recovery code as the second factor; it can never be used again."""
    device = recovery_device_of(user)
    if device is None:
        raise ApplicationError(_("You have no recovery codes."), field="code")
    with transaction.atomic():
        locked: RecoveryCodeDevice = RecoveryCodeDevice.objects.select_for_update().get(
            pk=device.pk
        )
        accepted = locked.verify_token(code)
        remaining = locked.remaining()
        audit_record(
            action="mfa.recovery_code_used" if accepted else "mfa.failed",
            user=user,
            object_type="user",
            object_id=user.pk,
            details={"factor": "recovery_code", "remaining": remaining},
        )
    if not accepted:
        raise ApplicationError(
            _("This recovery code is not valid or was already used."), field="code"
        )
    return locked


def _second_factor_matches(user: User, token: str) -> bool:
    """A six-digit code of the user's authenticator, or one of their recovery codes."""
    if token.isdigit() and len(token) == 6:
        device: TOTPDevice | None = confirmed_totp_device(user)
        return device is not None and bool(device.verify_token(token))
    if len(normalise_recovery_code(token)) == RECOVERY_LENGTH:
        recovery = recovery_device_of(user)
        if recovery is None:
            return False
        locked = RecoveryCodeDevice.objects.select_for_update().get(pk=recovery.pk)
        return bool(locked.verify_token(token))
    return False


def has_second_factor(user: User) -> bool:
    return (
        confirmed_totp_device(user) is not None
        or recovery_device_of(user) is not None
        or SecurityKey.objects.filter(user=user, confirmed=True).exists()
    )


def step_up_confirm(
    *, request: HttpRequest, user: User, password: str, token: str, assertion: str = ""
) -> None:
    """Re-authentication before a protected action: the password again (counted by the
    lockout like a login), and a second factor when the user has one: a code of the
    authenticator, a recovery code, or the answer of a security key (`assertion`)."""
    from opennrm.accounts.webauthn import security_key_verify

    password_ok = authenticate(request, username=user.get_username(), password=password) is not None
    factor_ok = False
    if password_ok and assertion:
        try:
            security_key_verify(request=request, user=user, credential=assertion, purpose="step_up")
            factor_ok = True
        except ApplicationError:
            factor_ok = False
    elif password_ok:
        with transaction.atomic():
            factor_ok = not has_second_factor(user) or _second_factor_matches(user, token.strip())
    audit_record(
        action="account.step_up" if password_ok and factor_ok else "account.step_up_failed",
        user=user,
        object_type="user",
        object_id=user.pk,
    )
    if not password_ok:
        raise ApplicationError(_("The password is not correct."), field="password")
    if not factor_ok:
        raise ApplicationError(
            _("The code is not valid: enter the six digits of your app or a recovery code."),
            field="token",
        )


def authenticator_remove(*, user: User) -> None:
    with transaction.atomic():
        removed, _kinds = TOTPDevice.objects.filter(user=user).delete()
        audit_record(
            action="mfa.authenticator_removed",
            user=user,
            object_type="user",
            object_id=user.pk,
            details={"devices": removed},
        )
