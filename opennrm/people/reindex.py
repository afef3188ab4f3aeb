"""The people's blind indexes worked out again from their values, after the blind-index key
changed (core.index_rotation). A batch per transaction; only rows whose index changed are
written, so a resumed run goes quickly over what is done."""

from __future__ import annotations

from django.db import transaction

from opennrm.core.subject_keys import preload
from opennrm.people.models import IdentityDocument, Person
from opennrm.people.selectors import iterate_persons
from opennrm.people.services import document_index, name_index, phone_index

PERSON_INDEXES = ("name_latin_index", "name_arabic_index", "alias_index", "phone_index")
BATCH = 1000


def _person_indexes(person: Person) -> dict[str, str]:
    return {
        "name_latin_index": name_index(f"{person.given_name_latin} {person.family_name_latin}"),
        "name_arabic_index": name_index(f"{person.given_name_arabic} {person.family_name_arabic}"),
        "alias_index": name_index(person.alias),
        "phone_index": phone_index(person.phone),
    }


def person_indexes_recompute() -> int:
    changed = 0
    pending: list[Person] = []

    def flush() -> None:
        nonlocal changed, pending
        if pending:
            with transaction.atomic():
                Person.objects.bulk_update(pending, PERSON_INDEXES)
            changed += len(pending)
            pending = []

    for person in iterate_persons(Person.objects.order_by("pk"), batch=BATCH):
        wanted = _person_indexes(person)
        if any(getattr(person, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(person, name, value)
            pending.append(person)
        if len(pending) >= BATCH:
            flush()
    flush()
    return changed


def document_indexes_recompute() -> int:
    changed = 0
    ids = list(IdentityDocument.objects.order_by("pk").values_list("pk", "person__subject_key_id"))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        preload(key for _pk, key in chunk)
        stale = []
        for document in IdentityDocument.objects.filter(pk__in=[pk for pk, _key in chunk]):
            wanted = document_index(document.number) if document.number else ""
            if document.number_index != wanted:
                document.number_index = wanted
                stale.append(document)
        if stale:
            with transaction.atomic():
                IdentityDocument.objects.bulk_update(stale, ["number_index"])
            changed += len(stale)
    return changed
