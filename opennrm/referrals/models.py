from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.accounts.models import Organisation
from opennrm.core.models import BaseModel
from opennrm.referrals.vocabularies import ServiceType


class Service(BaseModel):
    """A service an organisation offers to referred persons. Empty eligibility lists mean
    "everyone". Shelters give a region and city only: their address is protected."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)
    service_type = models.CharField(
        _("type of service"), max_length=40, choices=ServiceType.choices
    )
    description = models.TextField(_("description"), blank=True)
    region = models.CharField(_("region"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    nationwide = models.BooleanField(_("available nationwide"), default=False)
    eligible_sexes = models.JSONField(_("for"), default=list, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    eligible_nationalities = models.JSONField(_("nationalities"), default=list, blank=True)
    eligible_exploitation_types = models.JSONField(
        _("forms of exploitation"), default=list, blank=True
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=16, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["service_type", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            models.Index(fields=["service_type", "region", "is_active"], name="service_find")
        ]

    def __str__(self) -> str:
        return self.name
