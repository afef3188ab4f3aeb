from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from opennrm.accounts.models import INTERFACE_LANGUAGES, Membership, Organisation, User
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError


def organisation_create(
    *,
    name: str,
    org_type: str,
    short_name: str = "",
    country: str = "MA",
    region: str = "",
    city: str = "",
    created_by: User | None = None,
) -> Organisation:
    if not geo.is_country(country):
        raise ApplicationError(_("Unknown country code."), field="country")
    if region and not geo.is_region(region):
        raise ApplicationError(_("Unknown region code."), field="region")
    with transaction.atomic():
        if Organisation.objects.filter(name=name).exists():
            raise ApplicationError(_("An organisation with this name already exists."))
        organisation = Organisation(
            name=name,
            short_name=short_name,
            org_type=org_type,
            country=country,
            region=region,
            city=city,
        )
        organisation.full_clean()
        organisation.save(force_insert=True)
        audit_record(
            action="organisation.created",
            user=created_by,
            object_type="organisation",
            object_id=organisation.pk,
            subject_organisation_id=organisation.pk,
        )
    return organisation


def user_create(
    *,
    username: str,
    password: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    preferred_language: str = "fr",
    created_by: User | None = None,
) -> User:
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ApplicationError(_("This username is taken."), field="username")
        user = User(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            preferred_language=preferred_language,
        )
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ApplicationError(" ".join(exc.messages), field="password") from None
        user.set_password(password)
        user.save(force_insert=True)
        audit_record(action="user.created", user=created_by, object_type="user", object_id=user.pk)
    return user


def membership_grant(
    *, user: User, organisation: Organisation, role: str, granted_by: User | None = None
) -> Membership:
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, role=role, defaults={"is_active": True}
        )
        if not created and not membership.is_active:
            membership.is_active = True
            membership.save(update_fields=["is_active", "updated_at"])
        audit_record(
            action="membership.granted",
            user=granted_by,
            object_type="membership",
            object_id=membership.pk,
            subject_organisation_id=organisation.pk,
            details={"role": role, "user_id": str(user.pk)},
        )
    return membership


def user_set_language(*, user: User, language: str) -> None:
    if language not in {code for code, _label in INTERFACE_LANGUAGES}:
        raise ApplicationError(_("This language is not available."))
    with transaction.atomic():
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        audit_record(
            action="user.language_changed",
            user=user,
            object_type="user",
            object_id=user.pk,
            details={"language": language},
        )


def totp_device_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for a user enrolling their second factor."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device: TOTPDevice = TOTPDevice.objects.create(user=user, name="OpenNRM", confirmed=False)
        audit_record(
            action="mfa.enrolment_started", user=user, object_type="user", object_id=user.pk
        )
    return device


def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> None:
    if device.user_id != user.pk or device.confirmed:
        raise ApplicationError(_("This enrolment is no longer valid; start again."))
    with transaction.atomic():
        # verify_token records throttling failures on the device: they must be committed.
        accepted = device.verify_token(token)
        if accepted:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        audit_record(
            action="mfa.enrolled" if accepted else "mfa.failed",
            user=user,
            object_type="user",
            object_id=user.pk,
        )
    if not accepted:
        raise ApplicationError(
            _("The code is not valid. Check your device's clock."), field="token"
        )


def second_factor_verify(*, user: User, device: TOTPDevice, token: str) -> None:
    """Check a code from the user's enrolled authenticator. django-otp throttles repeated
    failures on the device; the failure count and its audit event are committed before the
    refusal is raised, so that a wrong code is never rolled back."""
    if device.user_id != user.pk or not device.confirmed:
        raise ApplicationError(_("This enrolment is no longer valid; start again."))
    with transaction.atomic():
        accepted = device.verify_token(token)
        audit_record(
            action="mfa.verified" if accepted else "mfa.failed",
            user=user,
            object_type="user",
            object_id=user.pk,
        )
    if not accepted:
        raise ApplicationError(
            _("The code is not valid. Check your device's clock."), field="token"
        )
