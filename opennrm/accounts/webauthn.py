"""WebAuthn security keys (py_webauthn): register a key, and use it as the second factor at
sign-in or for a step-up. The browser side is static/opennrm/account-security.js.

The relying party is the site users reach: OPENNRM_WEBAUTHN_RP_ID (a domain) and the origins
OPENNRM_WEBAUTHN_ORIGINS; empty, both come from the request (the host without its port, and
the request's own origin), which Django has already checked against ALLOWED_HOSTS."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from opennrm.accounts.models import SecurityKey, User
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError

CHALLENGE_SESSION_KEY = "opennrm_webauthn_challenge"
MAX_KEYS = 10


@dataclass(frozen=True)
class RelyingParty:
    rp_id: str
    origins: list[str]

    @classmethod
    def of(cls, request: HttpRequest) -> RelyingParty:
        rp_id = settings.OPENNRM_WEBAUTHN_RP_ID or request.get_host().rsplit(":", 1)[0]
        origins = settings.OPENNRM_WEBAUTHN_ORIGINS or [f"{request.scheme}://{request.get_host()}"]
        return cls(rp_id=rp_id, origins=list(origins))


def _user_handle(user: User) -> bytes:
    # Not the user's id or name: a handle that tells the authenticator nothing about them.
    return hashlib.sha256(f"opennrm-webauthn:{user.pk}".encode()).digest()


def keys_of(user: User) -> list[SecurityKey]:
    return list(SecurityKey.objects.filter(user=user, confirmed=True).order_by("created_at"))


def _remember(request: HttpRequest, purpose: str, challenge: bytes) -> None:
    request.session[CHALLENGE_SESSION_KEY] = {
        "purpose": purpose,
        "challenge": bytes_to_base64url(challenge),
    }


def _take_challenge(request: HttpRequest, purpose: str) -> bytes:
    """The challenge this session was given for `purpose`, usable once."""
    stored = request.session.pop(CHALLENGE_SESSION_KEY, None)
    if not isinstance(stored, dict) or stored.get("purpose") != purpose:
        raise ApplicationError(_("The security key request expired; try again."))
    return base64url_to_bytes(stored["challenge"])


def registration_options(request: HttpRequest, user: User) -> str:
    """Options for navigator.credentials.create(), as JSON; the challenge stays in the session."""
    rp = RelyingParty.of(request)
    options = generate_registration_options(
        rp_id=rp.rp_id,
        rp_name="OpenNRM",
        user_name=user.get_username(),
        user_id=_user_handle(user),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=bytes(k.credential_id)) for k in keys_of(user)
        ],
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.DISCOURAGED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
    )
    _remember(request, "register", options.challenge)
    return options_to_json(options)


def authentication_options(request: HttpRequest, user: User, purpose: str) -> str:
    """Options for navigator.credentials.get() with the user's keys, as JSON."""
    keys = keys_of(user)
    if not keys:
        raise ApplicationError(_("You have no security key."))
    options = generate_authentication_options(
        rp_id=RelyingParty.of(request).rp_id,
        allow_credentials=[PublicKeyCredentialDescriptor(id=bytes(k.credential_id)) for k in keys],
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    _remember(request, purpose, options.challenge)
    return options_to_json(options)


def _credential(raw: str) -> dict[str, object]:
    try:
        credential = json.loads(raw)
    except (TypeError, ValueError):
        credential = None
    if not isinstance(credential, dict) or not isinstance(credential.get("rawId"), str):
        raise ApplicationError(_("The security key's answer could not be read; try again."))
    return credential


def security_key_add(
    *, request: HttpRequest, user: User, credential: str, name: str
) -> SecurityKey:
    """Register the key that answered the registration options of this session."""
    name = name.strip()[:64] or _("Security key")
    challenge = _take_challenge(request, "register")
    rp = RelyingParty.of(request)
    if len(keys_of(user)) >= MAX_KEYS:
        raise ApplicationError(_("You already have the most security keys allowed."))
    try:
        verified = verify_registration_response(
            credential=_credential(credential),
            expected_challenge=challenge,
            expected_rp_id=rp.rp_id,
            expected_origin=rp.origins,
        )
    except InvalidRegistrationResponse:
        audit_record(
            action="mfa.security_key_refused", user=user, object_type="user", object_id=user.pk
        )
        raise ApplicationError(_("The security key could not be registered; try again.")) from None
    try:
        with transaction.atomic():
            key: SecurityKey = SecurityKey.objects.create(
                user=user,
                name=name,
                confirmed=True,
                credential_id=verified.credential_id,
                public_key=verified.credential_public_key,
                sign_count=verified.sign_count,
                aaguid=verified.aaguid,
            )
            audit_record(
                action="mfa.security_key_added",
                user=user,
                object_type="security_key",
                object_id=key.pk,
            )
    except IntegrityError:
        raise ApplicationError(_("This security key is already registered.")) from None
    return key


def security_key_verify(
    *, request: HttpRequest, user: User, credential: str, purpose: str
) -> SecurityKey:
    """Check the answer of one of the user's keys to this session's challenge. The signature
    counter must move forward (a cloned key would repeat it); each use is audited."""
    challenge = _take_challenge(request, purpose)
    answer = _credential(credential)
    rp = RelyingParty.of(request)
    with transaction.atomic():
        key: SecurityKey | None = (
            SecurityKey.objects.select_for_update()
            .filter(
                user=user,
                confirmed=True,
                credential_id=base64url_to_bytes(str(answer["rawId"])),
            )
            .first()
        )
        verified = None
        if key is not None:
            try:
                verified = verify_authentication_response(
                    credential=answer,
                    expected_challenge=challenge,
                    expected_rp_id=rp.rp_id,
                    expected_origin=rp.origins,
                    credential_public_key=bytes(key.public_key),
                    credential_current_sign_count=key.sign_count,
                )
            except InvalidAuthenticationResponse:
                verified = None
        if key is not None and verified is not None:
            key.sign_count = verified.new_sign_count
            key.last_used_at = timezone.now()
            key.save(update_fields=["sign_count", "last_used_at"])
        audit_record(
            action="mfa.verified" if verified is not None else "mfa.failed",
            user=user,
            object_type="user",
            object_id=user.pk,
            details={"factor": "security_key", "purpose": purpose},
        )
    if key is None or verified is None:
        raise ApplicationError(_("The security key was not accepted."))
    return key


def security_key_remove(*, user: User, key_id: int) -> None:
    with transaction.atomic():
        removed, _kinds = SecurityKey.objects.filter(user=user, pk=key_id).delete()
        if not removed:
            raise ApplicationError(_("This security key does not exist."))
        audit_record(
            action="mfa.security_key_removed",
            user=user,
            object_type="security_key",
            object_id=key_id,
        )
