"""Per-person data keys (crypto-shredding).

Each person gets a random 256-bit key; every identifying value about them is encrypted under
it (format `v2:<subject key id>:<nonce+ciphertext>`). The key is stored wrapped by a
key-encryption key of the organisation that registered the person, derived (HKDF-SHA256) from
a data key of the key file, so the database alone decrypts nothing. Destroying the wrapped key
makes every value under it unreadable wherever a copy of it lies, backups included, because
backup archives never hold the wrapped keys (see opennrm.backups.escrow)."""

from __future__ import annotations

import base64
import os
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone

from opennrm.core.keys import KEY_BYTES, keyring
from opennrm.core.models import SubjectKey, SubjectKeyMaterial

NONCE_BYTES = 12
DESTROYED = b""


class SubjectKeyError(Exception):
    """A subject key that is not in the database, or does not unwrap."""


def organisation_kek(kek_id: str, organisation_id: uuid.UUID) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=None,
        info=b"opennrm subject key-encryption key " + organisation_id.bytes,
    ).derive(keyring().data_key(kek_id))


def wrap(raw: bytes, *, key_id: uuid.UUID, organisation_id: uuid.UUID, kek_id: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(organisation_kek(kek_id, organisation_id)).encrypt(nonce, raw, key_id.bytes)
    return base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def unwrap(wrapped: str, *, key_id: uuid.UUID, organisation_id: uuid.UUID, kek_id: str) -> bytes:
    raw = base64.urlsafe_b64decode(wrapped.encode("ascii"))
    try:
        return AESGCM(organisation_kek(kek_id, organisation_id)).decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], key_id.bytes
        )
    except InvalidTag:
        raise SubjectKeyError(f"Subject key {key_id} does not unwrap.") from None


class _Cache:
    """Unwrapped keys of this process, least recently used first out. A destroyed key is
    remembered as destroyed."""

    def __init__(self) -> None:
        self._keys: OrderedDict[tuple[str, uuid.UUID], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key_id: tuple[str, uuid.UUID]) -> bytes | None:
        with self._lock:
            raw = self._keys.get(key_id)
            if raw is not None:
                self._keys.move_to_end(key_id)
            return raw

    def put(self, key_id: tuple[str, uuid.UUID], raw: bytes) -> None:
        with self._lock:
            self._keys[key_id] = raw
            self._keys.move_to_end(key_id)
            while len(self._keys) > settings.OPENNRM_SUBJECT_KEY_CACHE:
                self._keys.popitem(last=False)

    def forget(self, key_ids: Iterable[tuple[str, uuid.UUID]]) -> None:
        with self._lock:
            for key_id in key_ids:
                self._keys.pop(key_id, None)

    def clear(self) -> None:
        with self._lock:
            self._keys.clear()


_cache = _Cache()


def clear_cache() -> None:
    _cache.clear()


def subject_key_create(*, organisation_id: uuid.UUID, using: str = DEFAULT_DB_ALIAS) -> SubjectKey:
    """A new key for a new person, wrapped under the active data key."""
    key = SubjectKey.objects.using(using).create(organisation_id=organisation_id)
    raw = os.urandom(KEY_BYTES)
    kek_id = keyring().active_key_id
    SubjectKeyMaterial.objects.using(using).create(
        key=key,
        kek_id=kek_id,
        wrapped=wrap(raw, key_id=key.pk, organisation_id=organisation_id, kek_id=kek_id),
    )
    _cache.put((using, key.pk), raw)
    return key


def _load(key_ids: list[uuid.UUID], using: str) -> None:
    keys = SubjectKey.objects.using(using).filter(pk__in=key_ids).select_related("material")
    found = {k.pk: k for k in keys}
    for key_id in key_ids:
        key = found.get(key_id)
        if key is None:
            continue
        material = getattr(key, "material", None)
        if key.destroyed_at is not None or material is None:
            _cache.put((using, key_id), DESTROYED)
            continue
        _cache.put(
            (using, key_id),
            unwrap(
                material.wrapped,
                key_id=key_id,
                organisation_id=key.organisation_id,
                kek_id=material.kek_id,
            ),
        )


def subject_key_raw(key_id: uuid.UUID, using: str = DEFAULT_DB_ALIAS) -> bytes:
    """The unwrapped key, or DESTROYED (empty) when it was destroyed, from the database the
    value was read from."""
    raw = _cache.get((using, key_id))
    if raw is None:
        _load([key_id], using)
        raw = _cache.get((using, key_id))
    if raw is None:
        raise SubjectKeyError(f"Subject key {key_id} is not in this database.")
    return raw


def preload(key_ids: Iterable[uuid.UUID | None], using: str = DEFAULT_DB_ALIAS) -> None:
    """Unwrap many keys in one query before decrypting many persons' values."""
    wanted = {k for k in key_ids if k is not None}
    missing = [k for k in wanted if _cache.get((using, k)) is None]
    for start in range(0, len(missing), 500):
        _load(missing[start : start + 500], using)


def subject_keys_destroy(key_ids: Iterable[uuid.UUID]) -> int:
    """Destroy keys for good (in the caller's transaction): values under them can no longer be
    read, here or in any backup restored later."""
    ids = list(key_ids)
    SubjectKeyMaterial.objects.filter(key_id__in=ids).delete()
    destroyed = SubjectKey.objects.filter(pk__in=ids, destroyed_at__isnull=True).update(
        destroyed_at=timezone.now()
    )
    cached = [(DEFAULT_DB_ALIAS, k) for k in ids]
    _cache.forget(cached)
    transaction.on_commit(lambda: _cache.forget(cached))
    return destroyed


def rewrap_all(batch_size: int = 1000) -> int:
    """Wrap every subject key under the active data key (key rotation): the values encrypted
    under the subject keys do not change."""
    active = keyring().active_key_id
    done = 0
    while True:
        with transaction.atomic():
            batch = list(
                SubjectKeyMaterial.objects.exclude(kek_id=active)
                .select_related("key")
                .select_for_update()[:batch_size]
            )
            if not batch:
                return done
            for material in batch:
                key = material.key
                raw = unwrap(
                    material.wrapped,
                    key_id=key.pk,
                    organisation_id=key.organisation_id,
                    kek_id=material.kek_id,
                )
                material.wrapped = wrap(
                    raw, key_id=key.pk, organisation_id=key.organisation_id, kek_id=active
                )
                material.kek_id = active
                material.save(update_fields=["wrapped", "kek_id"])
            done += len(batch)
