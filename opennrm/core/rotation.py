"""Re-encryption of every encrypted column under the active key."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction

from opennrm.core.crypto import is_subject_value, key_id_of
from opennrm.core.fields import EncryptedTextField
from opennrm.core.keys import keyring
from opennrm.core.subject_keys import rewrap_all


@dataclass
class RotationResult:
    rows: int = 0
    values: int = 0
    subject_keys: int = 0


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
        table = connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]
        pk_column = connection.ops.quote_name(model._meta.pk.column)  # type: ignore[attr-defined]
        columns = ", ".join(
            connection.ops.quote_name(model._meta.get_field(n).column)  # type: ignore[attr-defined]
            for n in names
        )
        last_pk = None
        while True:
            # Raw SQL: the ORM would decrypt, and we need the stored key ids.
            where = f"WHERE {pk_column} > %s " if last_pk is not None else ""
            sql = f"SELECT {pk_column}, {columns} FROM {table} {where}ORDER BY {pk_column} LIMIT %s"  # noqa: S608 - identifiers quoted from model metadata
            with connection.cursor() as cursor:
                cursor.execute(sql, [*([last_pk] if last_pk is not None else []), batch_size])
                raw = cursor.fetchall()
            if not raw:
                break
            last_pk = raw[-1][0]
            # Values under a person's own key stay as they are: their key is re-wrapped.
            stale = {
                model._meta.pk.to_python(row[0]): [  # type: ignore[attr-defined]
                    name
                    for name, value in zip(names, row[1:], strict=True)
                    if value and not is_subject_value(value) and key_id_of(value) != active
                ]
                for row in raw
            }
            stale = {pk: columns for pk, columns in stale.items() if columns}
            if not stale:
                continue
            with transaction.atomic():
                for obj in manager.filter(pk__in=list(stale)).only("pk", *names):
                    # Loading decrypts with the old key; saving encrypts with the active one.
                    stale_columns = stale[obj.pk]
                    manager.filter(pk=obj.pk).update(**{n: getattr(obj, n) for n in stale_columns})
                    result.rows += 1
                    result.values += len(stale_columns)
    result.subject_keys = rewrap_all()
    return result
