"""Re-encryption of every encrypted column under the active key."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction

from opennrm.core.crypto import key_id_of
from opennrm.core.fields import EncryptedTextField
from opennrm.core.keys import keyring


@dataclass
class RotationResult:
    rows: int = 0
    values: int = 0


def encrypted_columns() -> list[tuple[type, list[str]]]:
    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            found.append((model, names))
    return found


def reencrypt_all(batch_size: int = 500) -> RotationResult:
    """Rewrite values stored under any key other than the active one. Each batch commits on its
    own, so an interrupted run resumes where it stopped; values are always readable because old
    keys stay in the ring until the operator removes them."""
    active = keyring().active_key_id
    result = RotationResult()
    for model, names in encrypted_columns():
        manager = model._default_manager  # type: ignore[attr-defined]
        last_pk = None
        while True:
            page = manager.order_by("pk")
            if last_pk is not None:
                page = page.filter(pk__gt=last_pk)
            raw = list(page.values_list("pk", *names)[:batch_size])
            if not raw:
                break
            last_pk = raw[-1][0]
            stale_pks = [
                row[0]
                for row in raw
                if any(value and key_id_of(value) != active for value in row[1:])
            ]
            if not stale_pks:
                continue
            with transaction.atomic():
                for obj in manager.filter(pk__in=stale_pks).only("pk", *names):
                    # Loading decrypts with the old key; saving encrypts with the active one.
                    manager.filter(pk=obj.pk).update(**{n: getattr(obj, n) for n in names})
                    result.rows += 1
                    result.values += sum(1 for n in names if getattr(obj, n))
    return result
