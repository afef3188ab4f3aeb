"""The service directory: not personal data, every member may search it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Q

from opennrm.referrals.models import Service


@dataclass(frozen=True)
class ServiceNeed:
    """What a person needs and who they are: the directory keeps the services they fit."""

    service_type: str = ""
    region: str = ""
    age: int | None = None
    sex: str = ""
    nationality: str = ""
    exploitation_type: str = ""
    language: str = ""


def _fits(service: Service, need: ServiceNeed) -> bool:
    def allowed(accepted: list[str], value: str) -> bool:
        return not accepted or not value or value in accepted

    return (
        allowed(service.eligible_sexes, need.sex)
        and allowed(service.eligible_nationalities, need.nationality)
        and allowed(service.eligible_exploitation_types, need.exploitation_type)
        and allowed(service.languages, need.language)
        and (need.age is None or service.min_age is None or need.age >= service.min_age)
        and (need.age is None or service.max_age is None or need.age <= service.max_age)
    )


def find_services(need: ServiceNeed) -> list[Service]:
    """Active services of active organisations matching the need. The directory is not personal
    data: every member may search it. Eligibility lists are matched in Python (the directory is
    small, and JSON containment differs between SQLite and PostgreSQL)."""
    services = Service.objects.filter(is_active=True, organisation__is_active=True)
    if need.service_type:
        services = services.filter(service_type=need.service_type)
    if need.region:
        services = services.filter(Q(region=need.region) | Q(nationwide=True))
    candidates = services.select_related("organisation").order_by("service_type", "name")
    return [s for s in candidates if _fits(s, need)]


def services_of(organisation_id: uuid.UUID) -> list[Service]:
    return list(Service.objects.filter(organisation_id=organisation_id).order_by("name"))
