"""The service directory: each organisation's administrator describes its services."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.vocabularies import ExploitationType
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.people.validation import normalise_phone, validate_countries, validate_languages
from opennrm.people.vocabularies import Gender
from opennrm.referrals.models import Service
from opennrm.referrals.vocabularies import ServiceType


@dataclass(frozen=True)
class ServiceDetails:
    name: str
    service_type: str
    description: str = ""
    region: str = ""
    city: str = ""
    nationwide: bool = False
    eligible_sexes: list[str] = field(default_factory=list)
    min_age: int | None = None
    max_age: int | None = None
    eligible_nationalities: list[str] = field(default_factory=list)
    eligible_exploitation_types: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    opening_hours: str = ""
    capacity: int | None = None
    contact_phone: str = ""
    contact_email: str = ""
    is_active: bool = True


def _clean(details: ServiceDetails) -> dict[str, object]:
    if not details.name.strip():
        raise ApplicationError(_("Give the service a name."), field="name")
    if details.service_type not in ServiceType.values:
        raise ApplicationError(_("Unknown type of service."), field="service_type")
    if details.region and not geo.is_region(details.region):
        raise ApplicationError(_("Unknown region code."), field="region")
    if not details.region and not details.nationwide:
        raise ApplicationError(
            _("Give the region, or say the service is available nationwide."), field="region"
        )
    if set(details.eligible_sexes) - set(Gender.values):
        raise ApplicationError(_("Unknown value."), field="eligible_sexes")
    if set(details.eligible_exploitation_types) - set(ExploitationType.values):
        raise ApplicationError(_("Unknown value."), field="eligible_exploitation_types")
    if (
        details.min_age is not None
        and details.max_age is not None
        and details.min_age > details.max_age
    ):
        raise ApplicationError(_("The minimum age is above the maximum age."), field="min_age")
    values: dict[str, object] = {f.name: getattr(details, f.name) for f in fields(details)}
    values["name"] = details.name.strip()
    values["eligible_sexes"] = sorted(set(details.eligible_sexes))
    values["eligible_exploitation_types"] = sorted(set(details.eligible_exploitation_types))
    values["eligible_nationalities"] = validate_countries(
        details.eligible_nationalities, "eligible_nationalities"
    )
    values["languages"] = validate_languages(details.languages)
    values["contact_phone"] = normalise_phone(details.contact_phone)
    return values


def _require(actor: Membership) -> None:
    if not actor.can(Permission.MANAGE_SERVICES):
        raise PermissionDenied(_("Your role does not allow this."))


def service_create(*, actor: Membership, details: ServiceDetails) -> Service:
    _require(actor)
    values = _clean(details)
    with transaction.atomic():
        service = Service.objects.create(organisation=actor.organisation, **values)
        audit_record(
            action="service.created",
            actor=actor,
            object_type="service",
            object_id=service.pk,
            subject_organisation_id=actor.organisation_id,
        )
    return service


def service_update(*, actor: Membership, service: Service, details: ServiceDetails) -> Service:
    _require(actor)
    if service.organisation_id != actor.organisation_id:
        raise PermissionDenied(_("Your role does not allow this."))
    values = _clean(details)
    with transaction.atomic():
        for key, value in values.items():
            setattr(service, key, value)
        service.save(update_fields=[*values.keys(), "updated_at"])
        audit_record(
            action="service.updated",
            actor=actor,
            object_type="service",
            object_id=service.pk,
            subject_organisation_id=actor.organisation_id,
        )
    return service
