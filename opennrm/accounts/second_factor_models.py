"""Second factors beside the authenticator app (TOTP): one-time recovery codes, kept only as
keyed hashes, and WebAuthn security keys. Both are django-otp devices, so the session's
verified state works the same whichever factor was used."""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.models import Device, ThrottlingMixin

RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read from paper
RECOVERY_LENGTH = 10
_HASH_SALT = "opennrm.accounts.recovery-code"


def normalise_recovery_code(raw: str) -> str:
    """What the user typed, without spaces or dashes, upper case (codes are printed in groups)."""
    return "".join(c for c in raw.upper() if c.isalnum())


def new_recovery_code() -> str:
    return "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))


def recovery_code_hash(code: str, salt: str) -> str:
    return salted_hmac(_HASH_SALT, f"{salt}:{normalise_recovery_code(code)}").hexdigest()


class RecoveryCodeDevice(ThrottlingMixin, Device):  # type: ignore[misc]
    """A user's set of one-time recovery codes (one device per user; a new set replaces the old)."""

    def verify_token(self, token: Any) -> bool:
        allowed, _reason = self.verify_is_allowed()
        if not allowed:
            return False
        typed = normalise_recovery_code(str(token))
        if len(typed) != RECOVERY_LENGTH:
            self.throttle_increment()
            return False
        for code in self.codes.select_for_update().filter(used_at__isnull=True):
            if hmac.compare_digest(code.code_hash, recovery_code_hash(typed, code.salt)):
                code.used_at = timezone.now()
                code.save(update_fields=["used_at"])
                self.throttle_reset()
                return True
        self.throttle_increment()
        return False

    def get_throttle_factor(self) -> int:
        return 1

    def remaining(self) -> int:
        count: int = self.codes.filter(used_at__isnull=True).count()
        return count


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    salt = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["device", "used_at"])]

    def __str__(self) -> str:
        return f"recovery code {self.pk} ({'used' if self.used_at else 'unused'})"


class SecurityKey(Device):  # type: ignore[misc]
    """A WebAuthn credential (security key or platform authenticator) of one user."""

    credential_id = models.BinaryField(unique=True)
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    aaguid = models.CharField(max_length=36, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def verify_token(self, token: Any) -> bool:
        # A security key answers a challenge in the browser (accounts.webauthn), never a code.
        return False
