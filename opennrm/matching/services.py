"""Writes of the matching app: blocking keys kept in step with persons."""

from __future__ import annotations

from django.db import transaction

from opennrm.accounts.models import Membership
from opennrm.matching.models import PersonMatchKey
from opennrm.matching.records import NameParts, blocking_keys
from opennrm.people.models import Person


def match_keys_refresh(actor: Membership | None, person: Person, created: bool = False) -> None:
    """Replace a person's blocking keys (runs inside the transaction that saved the person)."""
    keys = blocking_keys(NameParts.of(person))
    with transaction.atomic():
        if not created:
            PersonMatchKey.objects.filter(person=person).exclude(key__in=keys).delete()
            keys -= set(PersonMatchKey.objects.filter(person=person).values_list("key", flat=True))
        PersonMatchKey.objects.bulk_create(
            [PersonMatchKey(person=person, key=k) for k in sorted(keys)], ignore_conflicts=True
        )


def match_keys_rebuild(*, batch: int = 2000) -> int:
    """Recompute every person's keys (after a change of the key rules, or on old data)."""
    done = 0
    persons = Person.objects.order_by("pk")
    last = None
    while True:
        page = persons.filter(pk__gt=last) if last else persons
        chunk = list(page[:batch])
        if not chunk:
            return done
        with transaction.atomic():
            PersonMatchKey.objects.filter(person__in=chunk).delete()
            PersonMatchKey.objects.bulk_create(
                [
                    PersonMatchKey(person=person, key=key)
                    for person in chunk
                    for key in sorted(blocking_keys(NameParts.of(person)))
                ],
                ignore_conflicts=True,
            )
        done += len(chunk)
        last = chunk[-1].pk
