"""Reading many persons at once."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from opennrm.core.subject_keys import preload
from opennrm.people.models import Person


def iterate_persons(persons: QuerySet[Person], batch: int = 2000) -> Iterator[Person]:
    """Every person of the query, in its order, a batch at a time: each batch's own keys are
    unwrapped in one query before its values are decrypted (not one query per person)."""
    ids = list(persons.values_list("pk", "subject_key_id"))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        preload(key for _pk, key in chunk)
        loaded = Person.objects.in_bulk([pk for pk, _key in chunk])
        yield from (loaded[pk] for pk, _key in chunk if pk in loaded)
