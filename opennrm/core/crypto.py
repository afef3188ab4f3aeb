"""AES-GCM encryption of identifying values and keyed hashes (blind indexes) for exact lookup."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import unicodedata
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from opennrm.core.keys import keyring

FORMAT_VERSION = "v1"
# Under a person's own key (opennrm.core.subject_keys): v2:<subject key id>:<token>.
SUBJECT_FORMAT = "v2"
NONCE_BYTES = 12
ERASED = ""


class DecryptionError(Exception):
    pass


def encrypt(plaintext: str, *, context: str) -> str:
    """Encrypt under the active key. `context` (the column) is bound as associated data, so a
    ciphertext copied into another column does not decrypt."""
    ring = keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.data_key(ring.active_key_id)).encrypt(
        nonce, plaintext.encode("utf-8"), context.encode("utf-8")
    )
    token = base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
    return f"{FORMAT_VERSION}:{ring.active_key_id}:{token}"


def encrypt_for_subject(
    plaintext: str, *, subject_key_id: uuid.UUID, context: str, using: str = "default"
) -> str:
    """Encrypt under a person's own key; the column is bound as associated data. Refused once
    the person was erased: nothing identifying is recorded about them any more."""
    from django.utils.translation import gettext as _

    from opennrm.core.errors import ApplicationError
    from opennrm.core.subject_keys import subject_key_raw

    raw = subject_key_raw(subject_key_id, using)
    if not raw:
        raise ApplicationError(
            _("This person's details were erased: nothing more can be written about them.")
        )
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(raw).encrypt(nonce, plaintext.encode("utf-8"), context.encode("utf-8"))
    token = base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
    return f"{SUBJECT_FORMAT}:{subject_key_id.hex}:{token}"


def is_subject_value(stored: str) -> bool:
    return stored.startswith(SUBJECT_FORMAT + ":")


def subject_prefix(subject_key_id: uuid.UUID) -> str:
    """What every value under one subject key starts with (to find them in raw SQL)."""
    return f"{SUBJECT_FORMAT}:{subject_key_id.hex}:"


def key_id_of(stored: str) -> str:
    parts = stored.split(":", 2)
    if len(parts) != 3 or parts[0] not in (FORMAT_VERSION, SUBJECT_FORMAT):
        raise DecryptionError("Value is not in the encrypted format.")
    return parts[1]


def _decrypt_subject(stored: str, context: str, using: str) -> str:
    from opennrm.core.subject_keys import SubjectKeyError, subject_key_raw

    key_hex, token = stored.split(":", 2)[1:]
    try:
        subject_key_id = uuid.UUID(hex=key_hex)
        raw_key = subject_key_raw(subject_key_id, using)
    except (ValueError, SubjectKeyError) as error:
        raise DecryptionError(str(error)) from None
    if not raw_key:  # destroyed: the person's values were erased
        return ERASED
    raw = base64.urlsafe_b64decode(token.encode("ascii"))
    try:
        plain = AESGCM(raw_key).decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode("utf-8")
        )
    except InvalidTag:
        raise DecryptionError(f"Value does not authenticate under subject key {key_hex}.") from None
    return plain.decode("utf-8")


def decrypt(stored: str, *, context: str, using: str = "default") -> str:
    """`using`: the database a value under a person's own key was read from (its key is
    there)."""
    if is_subject_value(stored):
        return _decrypt_subject(stored, context, using)
    key_id = key_id_of(stored)
    raw = base64.urlsafe_b64decode(stored.split(":", 2)[2].encode("ascii"))
    key = keyring().data_key(key_id)
    try:
        plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode("utf-8"))
    except InvalidTag:
        raise DecryptionError(f"Value does not authenticate under key {key_id}.") from None
    return plain.decode("utf-8")


# --- Normalisation for exact matching ------------------------------------------------------

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
)
_SEPARATORS = re.compile(r"[\s\-‐-―'’`.,_/]+")


def normalise_name(value: str) -> str:
    """Fold case, accents, Arabic diacritics and letter variants, and word order, so that
    'Fatima-Zahra  BENALI', 'benali fatima zahra' and 'Fatïma Zahra Benali' hash alike."""
    text = unicodedata.normalize("NFKC", value).casefold()
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_FOLD)
    decomposed = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    tokens = [t for t in _SEPARATORS.split(text) if t]
    return " ".join(sorted(tokens))


def normalise_identifier(value: str) -> str:
    """Document numbers: case and separators do not matter."""
    return re.sub(r"[\s\-./]", "", unicodedata.normalize("NFKC", value)).upper()


def _keyed_index(key: bytes, value: str, purpose: str) -> str:
    return hmac.new(key, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()[:40]


def blind_index(value: str, *, purpose: str) -> str:
    """Keyed hash of an already-normalised value; `purpose` separates the index spaces.
    What is written: always under the current blind-index key."""
    return _keyed_index(keyring().blind_index_key, value, purpose)


def blind_indexes(value: str, *, purpose: str) -> list[str]:
    """What to search for: the value's index under every key rows may carry right now (one
    outside a rotation of the blind-index key, two or more during one), the current first."""
    return [_keyed_index(key, value, purpose) for key in keyring().blind_index_search_keys]


def secret_hashes(value: str, *, purpose: str) -> list[str]:
    """A random secret handed out earlier (a feedback code, a complaint secret) may have been
    hashed under a key since retired: the hashes to accept, the current first."""
    ring = keyring()
    return [
        _keyed_index(key, value, purpose)
        for key in (*ring.blind_index_search_keys, *ring.blind_index_retired)
    ]
