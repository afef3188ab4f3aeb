"""The backup's manifest: what the archive holds, to check a restore against, and the key
file's public metadata (key ids and fingerprints, never a key)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils import timezone

from opennrm.backups.snapshot import Copy, TableState
from opennrm.core.keys import KeyRing

FORMAT = 1


def fingerprint(key: bytes) -> str:
    """A name for a key that says nothing of it."""
    return hashlib.sha256(b"opennrm-key-fingerprint:" + key).hexdigest()[:16]


def key_metadata(ring: KeyRing) -> dict[str, Any]:
    return {
        "active": ring.active_key_id,
        "data_keys": {kid: fingerprint(key) for kid, key in sorted(ring.data_keys.items())},
        "blind_index_key": fingerprint(ring.blind_index_key),
        "audit_key": fingerprint(ring.audit_key),
    }


def blind_index_fingerprints(ring: KeyRing) -> set[str]:
    """Every blind-index key this key file knows: current, in rotation, retired."""
    return {fingerprint(key) for key in (*ring.blind_index_search_keys, *ring.blind_index_retired)}


def blind_index_outdated(manifest: dict[str, Any], ring: KeyRing) -> bool:
    """The backup's indexes were written under a blind-index key rotated out since."""
    return bool(manifest["keys"]["blind_index_key"] != fingerprint(ring.blind_index_key))


def key_mismatch(manifest: dict[str, Any], ring: KeyRing) -> str:
    """Why the key file in place cannot read this backup ("" when it can)."""
    wanted = manifest["keys"]
    here = key_metadata(ring)
    if wanted["audit_key"] != here["audit_key"]:
        return "its audit key is not the one the backup was made with"
    if wanted["blind_index_key"] not in blind_index_fingerprints(ring):
        return "its blind-index key is not the one the backup was made with"
    missing = [kid for kid, fp in wanted["data_keys"].items() if here["data_keys"].get(kid) != fp]
    if missing:
        return "it lacks the data key(s) " + ", ".join(missing)
    return ""


def build(
    copy: Copy, engine: str, dump_name: str, dump_sha256: str, ring: KeyRing
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "dump": {"file": dump_name, "sha256": dump_sha256},
        "tables": {name: state.as_json() for name, state in sorted(copy.tables.items())},
        "audit": {"last_seq": copy.audit_seq, "last_hmac": copy.audit_hmac},
        "keys": key_metadata(ring),
    }


def tables_of(manifest: dict[str, Any]) -> dict[str, TableState]:
    return {
        name: TableState(int(v["rows"]), str(v["digest"])) for name, v in manifest["tables"].items()
    }
