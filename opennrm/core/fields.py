"""Model fields whose values are encrypted before they reach the database."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression

from opennrm.core.crypto import decrypt, encrypt, encrypt_for_subject


class Sealed(str):
    """A value already encrypted by `pre_save` (not to be encrypted again)."""

    __slots__ = ()


def subject_key_of(instance: models.Model) -> uuid.UUID | None:
    """The key of the person a row is about: models name the path to the person in
    `encryption_subject` ("" for the person itself, "case__person" for a note)."""
    path = getattr(type(instance), "encryption_subject", None)
    if path is None:
        return None
    target: Any = instance
    for part in path.split("__") if path else ():
        target = getattr(target, part, None)
        if target is None:
            return None
    key_id: uuid.UUID | None = getattr(target, "subject_key_id", None)
    return key_id


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text stored as AES-GCM ciphertext with its key id. Not searchable: pair it with a
    blind-index column when an exact lookup is needed. Empty strings are stored as-is so that
    'no value' stays cheap to test."""

    def _context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        """Values of a row about a person go under that person's own key (crypto-shredding);
        the rest under the installation's active data key, in `get_prep_value`."""
        value = super().pre_save(model_instance, add)
        if value is None or value == "" or isinstance(value, Sealed):
            return value
        subject_key_id = subject_key_of(model_instance)
        if subject_key_id is None:
            return value
        return Sealed(
            encrypt_for_subject(
                str(value),
                subject_key_id=subject_key_id,
                context=self._context(),
                using=model_instance._state.db or "default",
            )
        )

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, Sealed):
            return str(value)
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value), context=self._context())

    def from_db_value(
        self, value: Any, expression: Expression, connection: BaseDatabaseWrapper
    ) -> Any:
        if value is None or value == "":
            return value
        return decrypt(value, context=self._context(), using=connection.alias)
