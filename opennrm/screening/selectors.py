from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from opennrm.core.errors import ApplicationError
from opennrm.screening.models import Dimension, Indicator, IndicatorSet


def indicator_sets(*, active_only: bool = True) -> QuerySet[IndicatorSet]:
    sets = IndicatorSet.objects.prefetch_related(
        Prefetch(
            "dimensions",
            queryset=Dimension.objects.prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.order_by("position"))
            ).order_by("number"),
        )
    ).order_by("slug", "-version")
    return sets.filter(is_active=True) if active_only else sets


def indicator_set(*, slug: str, version: int | None = None) -> IndicatorSet:
    """The given version of a set, or its latest active one. Indicator sets are reference data,
    not personal data: no access check beyond being a member."""
    sets = IndicatorSet.objects.filter(slug=slug)
    found = (
        sets.filter(version=version).first()
        if version is not None
        else sets.filter(is_active=True).order_by("-version").first()
    )
    if found is None:
        raise ApplicationError(_("Unknown indicator set: %(slug)s") % {"slug": slug}, field="set")
    return found


def set_as_json(item: IndicatorSet) -> dict[str, object]:
    return {
        "slug": item.slug,
        "population": item.population,
        "exploitation": item.exploitation,
        "version": item.version,
        "verified": item.verified,
        "dimensions": [
            {
                "number": dimension.number,
                "name": dimension.name,
                "indicators": [
                    {
                        "id": f"{dimension.number}.{indicator.code}",
                        "strength": indicator.strength,
                        "text": indicator.text,
                    }
                    for indicator in dimension.indicators.all()
                ],
            }
            for dimension in item.dimensions.all()
        ],
    }
