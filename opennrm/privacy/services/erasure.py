"""Erasure of a person's identifying values (Law 09-08), by request or when retention ends.

What names, locates or describes the person is destroyed: every encrypted value of every row
about them (their record, documents, cases' narratives, notes, reasons, plans, referrals,
returns, contacts) is blanked, the keyed hashes that could confirm a name or a phone are
blanked, their documents and duplicate-detection keys deleted, and their own data key is
destroyed, so that no copy of those values, in a backup or anywhere, can be read again
(crypto-shredding). What the figures count stays: sex, citizenship, the cases' stages, dates,
forms of exploitation, decisions. The audit log keeps its events (they never held values)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.fields import EncryptedTextField
from opennrm.core.subject_keys import subject_keys_destroy
from opennrm.hotline.models import Contact
from opennrm.matching.models import PersonMatchKey
from opennrm.people.models import IdentityDocument, Person
from opennrm.privacy.selectors import held_person_ids

# Keyed hashes of a person's values: blanked with them.
PERSON_INDEXES = ("name_latin_index", "name_arabic_index", "alias_index", "phone_index")


@dataclass(frozen=True)
class ErasureResult:
    persons: int
    rows: int
    keys_destroyed: int


def subject_models() -> list[tuple[type[models.Model], str, list[str]]]:
    """Every model whose rows are about a person: (model, path to the person, its encrypted
    columns)."""
    found = []
    for model in apps.get_models():
        path = getattr(model, "encryption_subject", None)
        if path is None:
            continue
        columns = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if columns:
            found.append((model, path, columns))
    return found


def _with_merged(person: Person) -> list[Person]:
    """The person and every record merged into them (their values are the same person's)."""
    found = [person]
    frontier = [person.pk]
    while frontier:
        merged = list(Person.objects.filter(merged_into_id__in=frontier))
        found += merged
        frontier = [p.pk for p in merged]
    return found


def person_erase(
    *, actor: Membership | None, person: Person, reason: str, request_id: uuid.UUID | None = None
) -> ErasureResult:
    """Erase a person's identifying values for good. Refused while a legal hold or an open
    proceeding keeps their records."""
    persons = _with_merged(person)
    ids = [p.pk for p in persons]
    with transaction.atomic():
        Person.objects.select_for_update().filter(pk__in=ids).exists()
        if held_person_ids(ids):
            raise ApplicationError(
                _(
                    "This person's records are under a legal hold or part of an open criminal "
                    "proceeding: they cannot be erased until the hold is lifted."
                )
            )
        rows = 0
        for model, path, columns in subject_models():
            lookup = f"{path}__in" if path else "pk__in"
            blanks: dict[str, object] = dict.fromkeys(columns, "")
            if model is Person:
                blanks.update(dict.fromkeys(PERSON_INDEXES, ""))
            if model is Contact:
                blanks.update(caller_phone_index="", emergency_contact="")
            rows += model._default_manager.filter(**{lookup: ids}).update(**blanks)
        rows += IdentityDocument.objects.filter(person_id__in=ids).delete()[0]
        PersonMatchKey.objects.filter(person_id__in=ids).delete()
        now = timezone.now()
        Person.objects.filter(pk__in=ids).update(erased_at=now, updated_at=now)
        key_ids = [p.subject_key_id for p in persons if p.subject_key_id is not None]
        destroyed = subject_keys_destroy(key_ids)
        audit_record(
            action="person.erased",
            actor=actor,
            object_type="person",
            object_id=person.pk,
            subject_organisation_id=person.registered_by_id,
            details={
                "reason": reason,
                "records_merged": len(persons) - 1,
                "rows": rows,
                "keys_destroyed": destroyed,
                **({"request_id": str(request_id)} if request_id else {}),
            },
        )
        transaction.on_commit(_refresh_escrow)
    return ErasureResult(len(persons), rows, destroyed)


def _refresh_escrow() -> None:
    """The escrow must lose the destroyed keys (done by the task queue: the escrow may be
    large). Without a backup key there are no backups, hence no escrow to refresh."""
    from opennrm.backups.tasks import refresh_escrow

    refresh_escrow()
