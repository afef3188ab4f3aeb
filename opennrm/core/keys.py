"""Secrets kept outside the database: data-encryption keys, the blind-index key, the audit key.

The key document is JSON, read from OPENNRM_KEYS_JSON or the file named by OPENNRM_KEY_FILE:

    {"active": "k20261129a",
     "data_keys": {"k20261129a": "<base64 32 bytes>", ...},
     "blind_index_key": "<base64 32 bytes>",
     "audit_key": "<base64 32 bytes>"}

While the blind-index key is being rotated (`rotate_keys --index`), the document also holds
"blind_index_next" (the coming key: searched, not yet written) or "blind_index_previous" (the
old keys: searched, no longer written). Retired keys move to "blind_index_retired": they only
verify random secrets handed out before the rotation (feedback codes, complaint secrets), which
no dictionary can guess, and never index a name or a phone.

A running process re-reads the key file when it changes (checked at most once a second), so
that a rotation reaches every worker without a restart.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

KEY_BYTES = 32


@dataclass(frozen=True)
class KeyRing:
    active_key_id: str
    data_keys: dict[str, bytes]
    blind_index_key: bytes
    audit_key: bytes
    # During a rotation of the blind-index key: the keys searched besides the current one.
    blind_index_next: bytes | None = None
    blind_index_previous: tuple[bytes, ...] = ()
    # Verification of random secrets only (see the module's docstring).
    blind_index_retired: tuple[bytes, ...] = ()

    @property
    def blind_index_search_keys(self) -> tuple[bytes, ...]:
        """Every key an index may have been written with right now, the current one first."""
        extra = (self.blind_index_next,) if self.blind_index_next else ()
        return (self.blind_index_key, *extra, *self.blind_index_previous)

    def data_key(self, key_id: str) -> bytes:
        try:
            return self.data_keys[key_id]
        except KeyError:
            raise ImproperlyConfigured(
                f"Encryption key {key_id!r} is not in the key ring."
            ) from None


def _decode(value: Any, what: str) -> bytes:
    try:
        raw = base64.b64decode(str(value), validate=True)
    except ValueError:
        raise ImproperlyConfigured(f"{what} is not valid base64.") from None
    if len(raw) != KEY_BYTES:
        raise ImproperlyConfigured(f"{what} must be {KEY_BYTES} bytes.")
    return raw


def parse_key_document(document: dict[str, Any]) -> KeyRing:
    try:
        active = str(document["active"])
        data_keys = {
            str(kid): _decode(k, f"data key {kid}") for kid, k in document["data_keys"].items()
        }
        following = document.get("blind_index_next")
        ring = KeyRing(
            active_key_id=active,
            data_keys=data_keys,
            blind_index_key=_decode(document["blind_index_key"], "blind_index_key"),
            audit_key=_decode(document["audit_key"], "audit_key"),
            blind_index_next=_decode(following, "blind_index_next") if following else None,
            blind_index_previous=tuple(
                _decode(k, "blind_index_previous") for k in document.get("blind_index_previous", [])
            ),
            blind_index_retired=tuple(
                _decode(k, "blind_index_retired") for k in document.get("blind_index_retired", [])
            ),
        )
    except (KeyError, AttributeError, TypeError) as exc:
        raise ImproperlyConfigured(f"Key document is missing {exc}.") from None
    if active not in data_keys:
        raise ImproperlyConfigured(f"Active key {active!r} is not among the data keys.")
    return ring


def new_key_id() -> str:
    return "k" + timezone.now().strftime("%Y%m%d%H%M%S") + secrets.token_hex(2)


def new_key() -> str:
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def new_key_document() -> dict[str, Any]:
    kid = new_key_id()
    return {
        "active": kid,
        "data_keys": {kid: new_key()},
        "blind_index_key": new_key(),
        "audit_key": new_key(),
    }


def read_key_file(path: Path) -> dict[str, Any]:
    try:
        document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ImproperlyConfigured(
            f"No key file at {path}. Create one with `manage.py generate_keys` "
            "or set OPENNRM_KEYS_JSON."
        ) from None
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(f"Key file {path} is not valid JSON: {exc}") from None
    return document


def write_key_file(path: Path, document: dict[str, Any]) -> None:
    """Write atomically with owner-only permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2)
    tmp.replace(path)


def key_document() -> dict[str, Any]:
    if settings.OPENNRM_KEYS_JSON:
        try:
            document: dict[str, Any] = json.loads(settings.OPENNRM_KEYS_JSON)
        except json.JSONDecodeError as exc:
            raise ImproperlyConfigured(f"OPENNRM_KEYS_JSON is not valid JSON: {exc}") from None
        return document
    return read_key_file(Path(settings.OPENNRM_KEY_FILE))


@lru_cache(maxsize=4)
def _parsed(source: str, version: int) -> KeyRing:
    return parse_key_document(key_document())


_checked = {"at": 0.0, "version": 0}


def _file_version() -> int:
    """The key file's modification time, looked at no more than once a second."""
    now = time.monotonic()
    if now - _checked["at"] >= 1.0:
        try:
            _checked["version"] = Path(settings.OPENNRM_KEY_FILE).stat().st_mtime_ns
        except OSError:
            _checked["version"] = 0
        _checked["at"] = now
    return int(_checked["version"])


def keyring() -> KeyRing:
    if settings.OPENNRM_KEYS_JSON:
        return _parsed(settings.OPENNRM_KEYS_JSON, 0)
    return _parsed(str(settings.OPENNRM_KEY_FILE), _file_version())


def reset_keyring_cache() -> None:
    _parsed.cache_clear()
    _checked["at"] = 0.0
