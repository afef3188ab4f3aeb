from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.roles import Role, permissions_of
from opennrm.core.models import BaseModel
from opennrm.core.permissions import Permission

# Interface languages, each named in itself.
INTERFACE_LANGUAGES = [("fr", "Français"), ("ar", "العربية"), ("en", "English")]


class OrganisationType(models.TextChoices):
    # HTCDS v2 org_Type values
    NGO = "NGO", _("Non-governmental organisation")
    LAW_ENFORCEMENT = "LawEnforcement", _("Law enforcement")
    HEALTH_SERVICE = "HealthServiceOrganisation", _("Health service")
    CENTRAL_GOVERNMENT = "CentralGovernmentOrganisation", _("Central government")
    LOCAL_GOVERNMENT = "LocalGovernmentOrganisation", _("Local government")
    IMMIGRATION = "ImmigrationService", _("Immigration service")
    LEGAL_SERVICE = "LegalService", _("Legal service")
    CORPORATE = "CorporateBusiness", _("Business")
    SCHOOL = "SchoolOrCollege", _("School or college")
    # OpenNRM extensions for the Moroccan mechanism
    UN_AGENCY = "UNAgency", _("UN agency")
    MINISTRY = "Ministry", _("Ministry")
    NATIONAL_COMMISSION = "NationalCommission", _("National commission")
    PROSECUTION = "Prosecution", _("Prosecution service")
    COURT = "Court", _("Court")
    RECEPTION_CENTRE = "ReceptionCentre", _("Reception centre")
    DONOR = "Donor", _("Donor")


class Organisation(BaseModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    org_type = models.CharField(_("type"), max_length=40, choices=OrganisationType.choices)
    country = models.CharField(_("country"), max_length=2, default="MA")
    region = models.CharField(_("region"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.short_name or self.name


class User(AbstractUser):  # type: ignore[django-manager-missing]
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    preferred_language = models.CharField(
        _("language"),
        max_length=8,
        choices=INTERFACE_LANGUAGES,
        default="fr",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Membership(BaseModel):
    """A user acting for one organisation in one role. Access is always judged per membership."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    def can(self, permission: Permission) -> bool:
        return self.is_active and permission in permissions_of(self.role)


class Notification(BaseModel):
    """An in-app notice to one user, acting for one organisation. The text names reference codes
    only, never a person: it is also what the e-mail copy says."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # As first rendered, in the user's preferred language (the e-mail copy); the page renders
    # `notice` (the event and its parameters) in the reader's language.
    message = models.CharField(_("message"), max_length=300)
    notice = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=200, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.message


# Second factors live in their own module; imported here so that Django registers them.
from opennrm.accounts.second_factor_models import (  # noqa: E402
    RecoveryCode,
    RecoveryCodeDevice,
    SecurityKey,
)

__all__ = [
    "INTERFACE_LANGUAGES",
    "Membership",
    "Notification",
    "Organisation",
    "OrganisationType",
    "RecoveryCode",
    "RecoveryCodeDevice",
    "SecurityKey",
    "User",
]
