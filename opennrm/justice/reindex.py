"""The accused's name index worked out again after the blind-index key changed."""

from __future__ import annotations

from django.db import transaction

from opennrm.justice.models import Perpetrator
from opennrm.people.services import name_index

BATCH = 1000


def perpetrator_indexes_recompute() -> int:
    changed = 0
    ids = list(Perpetrator.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        stale = []
        for accused in Perpetrator.objects.filter(pk__in=ids[start : start + BATCH]):
            full_name = f"{accused.given_name.strip()} {accused.family_name.strip()}".strip()
            wanted = name_index(full_name) if full_name else ""
            if accused.name_index != wanted:
                accused.name_index = wanted
                stale.append(accused)
        if stale:
            with transaction.atomic():
                Perpetrator.objects.bulk_update(stale, ["name_index"])
            changed += len(stale)
    return changed
