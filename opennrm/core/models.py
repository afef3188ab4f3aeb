from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """UUID key (nothing guessable in URLs) and creation/update timestamps."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    class Meta:
        abstract = True


def _str_or_none(value: object) -> str | None:
    return str(value) if value else None


class AuditEvent(models.Model):
    """One append-only entry of the audit log, chained to the previous one by an HMAC.

    Database triggers (migration 0002) refuse UPDATE and DELETE on this table. Details never hold
    personal data: only identifiers and the names of what changed.
    """

    seq = models.PositiveBigIntegerField(primary_key=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor_user_id = models.UUIDField(null=True, blank=True)
    actor_username = models.CharField(max_length=150, blank=True)
    # The organisation the actor acted for, and the one that owns the record acted upon: the
    # second is how an organisation administrator sees who accessed their cases.
    actor_organisation_id = models.UUIDField(null=True, blank=True)
    subject_organisation_id = models.UUIDField(null=True, blank=True)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    origin_ip = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)
    previous_hmac = models.CharField(max_length=64)
    hmac = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "seq"], name="audit_object"),
            models.Index(fields=["subject_organisation_id", "seq"], name="audit_subject_org"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def chained_payload(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "occurred_at": self.occurred_at.isoformat(),
            "actor_user_id": _str_or_none(self.actor_user_id),
            "actor_username": self.actor_username,
            "actor_organisation_id": _str_or_none(self.actor_organisation_id),
            "subject_organisation_id": _str_or_none(self.subject_organisation_id),
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "origin_ip": self.origin_ip,
            "details": self.details,
        }


class AuditChainHead(models.Model):
    """Single row holding the end of the chain; locking it serialises appends."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hmac = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit chain head at #{self.last_seq}"


class HolidayChange(models.TextChoices):
    ADDED = "Added", _("Public holiday added")
    REMOVED = "Removed", _("Working day (holiday removed)")


class PublicHolidayOverride(BaseModel):
    """A date the system administrator made a public holiday, or made a working day again,
    overriding the `holidays` package (whose Islamic holidays are estimates until the
    authorities announce them). Moving a holiday is one of each."""

    country = models.CharField(_("country"), max_length=2)
    day = models.DateField(_("date"))
    change = models.CharField(_("change"), max_length=8, choices=HolidayChange.choices)
    name = models.CharField(_("name"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["country", "day"], name="one_override_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.day.isoformat()} {self.change}"


class SubjectKey(models.Model):
    """The data key of one person (the data subject): every identifying value about them is
    encrypted under it, so destroying it erases them everywhere at once, backups included
    (crypto-shredding). The key itself is in `SubjectKeyMaterial`, which backups leave out."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The organisation whose key wraps this one (the person's registering organisation).
    organisation_id = models.UUIDField()
    destroyed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"subject key {self.pk}"


class SubjectKeyMaterial(models.Model):
    """A subject key wrapped (AES-GCM) by its organisation's key-encryption key, derived from
    the data key `kek_id` of the key file. Deleted when the subject key is destroyed. Never in a
    backup archive: backups hold it in the key escrow, rewritten on each backup and erasure."""

    key = models.OneToOneField(
        SubjectKey, on_delete=models.CASCADE, primary_key=True, related_name="material"
    )
    kek_id = models.CharField(max_length=40)
    wrapped = models.CharField(max_length=120)

    def __str__(self) -> str:
        return f"material of {self.key_id}"
