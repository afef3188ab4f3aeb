from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation, User
from opennrm.cases.models import Case
from opennrm.core.fields import EncryptedTextField
from opennrm.core.models import BaseModel
from opennrm.referrals.models import Referral
from opennrm.shelters.vocabularies import DepartureReason, PlaceCategory


class ReceptionCentre(BaseModel):
    """A reception centre run by an organisation. Its address and phone are protected: only the
    centre itself, the case worker of a resident and coordinators may read them."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="reception_centres"
    )
    name = models.CharField(_("name"), max_length=200)
    region = models.CharField(_("region"), max_length=6)
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = EncryptedTextField(_("address (protected)"), blank=True)
    phone = EncryptedTextField(_("phone (protected)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("reception centre")
        verbose_name_plural = _("reception centres")

    def __str__(self) -> str:
        return self.name


class CentrePlaces(BaseModel):
    centre = models.ForeignKey(ReceptionCentre, on_delete=models.CASCADE, related_name="places")
    category = models.CharField(_("category"), max_length=16, choices=PlaceCategory.choices)
    capacity = models.PositiveSmallIntegerField(_("places"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["centre", "category"], name="one_capacity_per_category")
        ]
        ordering = ["category"]

    def __str__(self) -> str:
        return f"{self.centre} · {self.get_category_display()}: {self.capacity}"


class Stay(BaseModel):
    """One person's stay in a centre: admitted through a referral to the centre's organisation,
    or for a case the organisation owns."""

    centre = models.ForeignKey(ReceptionCentre, on_delete=models.PROTECT, related_name="stays")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="stays")
    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, null=True, blank=True, related_name="stays"
    )
    category = models.CharField(_("category"), max_length=16, choices=PlaceCategory.choices)
    arrived_on = models.DateField(_("arrived on"))
    planned_departure_on = models.DateField(_("planned departure"), null=True, blank=True)
    departed_on = models.DateField(_("left on"), null=True, blank=True)
    departure_reason = models.CharField(
        _("reason for leaving"), max_length=24, choices=DepartureReason.choices, blank=True
    )
    departure_note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-arrived_on"]
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(departed_on__isnull=True),
                name="one_current_stay_per_case",
            )
        ]
        indexes = [models.Index(fields=["centre", "departed_on"], name="stay_current")]

    def __str__(self) -> str:
        return f"{self.centre} · {self.arrived_on}"

    @property
    def is_current(self) -> bool:
        return self.departed_on is None
