"""The encrypted backup archive: a stream of AES-256-GCM chunks under the backup key (never a
data key), each chunk's nonce carrying its number and whether it is the last, the header
authenticated with every chunk. So a wrong key, a changed byte, chunks reordered, dropped or
cut short are each told apart and refused before anything is restored.

    MAGIC | header length (4 bytes) | header (JSON) | chunk* ; chunk = length (4) | ciphertext

The plaintext is a tar stream: `manifest.json` and the database dump."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"OPENNRM-BACKUP-1\n"
CHUNK_BYTES = 1 << 20
NONCE_PREFIX_BYTES = 7
TAG_BYTES = 16
MAX_HEADER_BYTES = 4096


class ArchiveError(Exception):
    """The archive cannot be read: not a backup, wrong key, corrupted or truncated."""


def key_id(key: bytes) -> str:
    """A name for a backup key that says nothing of it."""
    return hashlib.sha256(b"opennrm-backup-key-id:" + key).hexdigest()[:16]


@dataclass(frozen=True)
class Header:
    key_id: str
    nonce_prefix: bytes
    created_at: str
    raw: bytes  # as written: authenticated with every chunk

    @classmethod
    def new(cls, key: bytes, created_at: str) -> Header:
        prefix = os.urandom(NONCE_PREFIX_BYTES)
        document = {
            "format": 1,
            "cipher": "AES-256-GCM",
            "key_id": key_id(key),
            "nonce_prefix": base64.b64encode(prefix).decode(),
            "chunk_bytes": CHUNK_BYTES,
            "created_at": created_at,
        }
        raw = json.dumps(document, sort_keys=True).encode()
        return cls(key_id(key), prefix, created_at, raw)

    @classmethod
    def parse(cls, raw: bytes) -> Header:
        try:
            document: dict[str, Any] = json.loads(raw)
            prefix = base64.b64decode(document["nonce_prefix"], validate=True)
            if document["format"] != 1 or len(prefix) != NONCE_PREFIX_BYTES:
                raise ValueError
            return cls(str(document["key_id"]), prefix, str(document["created_at"]), raw)
        except (ValueError, KeyError, TypeError):
            raise ArchiveError("The backup's header is damaged.") from None


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")


def encrypt(source: IO[bytes], target: IO[bytes], key: bytes, created_at: str) -> None:
    """Encrypt `source` (read to its end) into `target`."""
    header = Header.new(key, created_at)
    cipher = AESGCM(key)
    target.write(MAGIC + struct.pack(">I", len(header.raw)) + header.raw)
    aad = MAGIC + header.raw
    counter = 0
    chunk = source.read(CHUNK_BYTES)
    while True:
        following = source.read(CHUNK_BYTES)
        last = not following
        sealed = cipher.encrypt(_nonce(header.nonce_prefix, counter, last), chunk, aad)
        target.write(struct.pack(">I", len(sealed)) + sealed)
        if last:
            return
        chunk = following
        counter += 1
        if counter >= 1 << 32:
            raise ArchiveError("The database is too large for one backup archive.")


def read_header(source: IO[bytes]) -> Header:
    if source.read(len(MAGIC)) != MAGIC:
        raise ArchiveError("This file is not an OpenNRM backup.")
    length_bytes = source.read(4)
    if len(length_bytes) != 4:
        raise ArchiveError("The backup is truncated.")
    (length,) = struct.unpack(">I", length_bytes)
    if length > MAX_HEADER_BYTES:
        raise ArchiveError("The backup's header is damaged.")
    raw = source.read(length)
    if len(raw) != length:
        raise ArchiveError("The backup is truncated.")
    return Header.parse(raw)


def decrypt(source: IO[bytes], key: bytes) -> Iterator[bytes]:
    """The plaintext, chunk by chunk, each authenticated before it is given out."""
    header = read_header(source)
    if header.key_id != key_id(key):
        raise ArchiveError(
            f"This backup was made with another backup key (key {header.key_id}; the key "
            f"given is {key_id(key)})."
        )
    cipher = AESGCM(key)
    aad = MAGIC + header.raw
    counter = 0
    while True:
        length_bytes = source.read(4)
        if not length_bytes:
            raise ArchiveError("The backup is truncated: its last part is missing.")
        if len(length_bytes) != 4:
            raise ArchiveError("The backup is truncated.")
        (length,) = struct.unpack(">I", length_bytes)
        if length > CHUNK_BYTES + TAG_BYTES:
            raise ArchiveError(f"The backup is corrupted (part {counter + 1}).")
        sealed = source.read(length)
        if len(sealed) != length:
            raise ArchiveError("The backup is truncated.")
        for last in (False, True):
            try:
                plain = cipher.decrypt(_nonce(header.nonce_prefix, counter, last), sealed, aad)
            except InvalidTag:
                continue
            yield plain
            if last:
                if source.read(1):
                    raise ArchiveError("The backup is corrupted: data follows its end.")
                return
            break
        else:
            raise ArchiveError(f"The backup is corrupted (part {counter + 1} does not verify).")
        counter += 1


def decrypt_file(path: Path, key: bytes, target: IO[bytes]) -> Header:
    """Decrypt a whole archive into `target`; its header."""
    try:
        with path.open("rb") as source:
            header = read_header(source)
            source.seek(0)
            for plain in decrypt(source, key):
                target.write(plain)
    except FileNotFoundError:
        raise ArchiveError(f"No backup at {path}.") from None
    except IsADirectoryError:
        raise ArchiveError(f"{path} is a folder, not a backup.") from None
    return header
