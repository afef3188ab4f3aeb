"""The archive's encryption: what comes out is what went in, under the backup key only, and
every kind of damage is told apart and refused."""

import io
import os

import pytest

from opennrm.backups import archive
from opennrm.backups.archive import ArchiveError

KEY = b"k" * 32


def _sealed(plain: bytes, key: bytes = KEY) -> bytes:
    target = io.BytesIO()
    archive.encrypt(io.BytesIO(plain), target, key, "2026-12-02T00:00:00+00:00")
    return target.getvalue()


def _opened(sealed: bytes, key: bytes = KEY) -> bytes:
    return b"".join(archive.decrypt(io.BytesIO(sealed), key))


@pytest.mark.parametrize("size", [0, 1, archive.CHUNK_BYTES, archive.CHUNK_BYTES * 2 + 17])
def test_what_comes_out_is_what_went_in(size):
    plain = os.urandom(size)
    sealed = _sealed(plain)
    if size >= 32:  # (a byte or two may occur in any ciphertext by chance)
        assert plain[:32] not in sealed
    assert _opened(sealed) == plain


def test_another_key_is_named_and_refused():
    with pytest.raises(ArchiveError, match="another backup key"):
        _opened(_sealed(b"synthetic"), b"x" * 32)


def test_a_changed_byte_is_refused():
    sealed = bytearray(_sealed(os.urandom(archive.CHUNK_BYTES + 100)))
    sealed[-50] ^= 1
    with pytest.raises(ArchiveError, match="does not verify"):
        _opened(bytes(sealed))


def test_a_cut_short_archive_is_refused_even_at_a_chunk_boundary():
    plain = os.urandom(archive.CHUNK_BYTES * 2 + 5)
    sealed = _sealed(plain)
    with pytest.raises(ArchiveError, match="truncated"):
        _opened(sealed[:-10])
    # Dropping the whole last chunk: the chunk before it does not say it is the last.
    header_end = len(archive.MAGIC) + 4 + int.from_bytes(sealed[len(archive.MAGIC) :][:4], "big")
    first = header_end + 4 + archive.CHUNK_BYTES + archive.TAG_BYTES
    second = first + 4 + archive.CHUNK_BYTES + archive.TAG_BYTES
    with pytest.raises(ArchiveError, match="last part is missing"):
        _opened(sealed[:second])


def test_chunks_in_another_order_are_refused():
    sealed = _sealed(os.urandom(archive.CHUNK_BYTES * 2 + 5))
    header_end = len(archive.MAGIC) + 4 + int.from_bytes(sealed[len(archive.MAGIC) :][:4], "big")
    size = 4 + archive.CHUNK_BYTES + archive.TAG_BYTES
    first, second = (
        sealed[header_end : header_end + size],
        sealed[header_end + size : header_end + 2 * size],
    )
    swapped = sealed[:header_end] + second + first + sealed[header_end + 2 * size :]
    with pytest.raises(ArchiveError, match="does not verify"):
        _opened(swapped)


def test_something_else_is_not_a_backup_and_data_after_the_end_is_refused():
    with pytest.raises(ArchiveError, match="not an OpenNRM backup"):
        _opened(b"PK\x03\x04 a zip file")
    with pytest.raises(ArchiveError, match="follows its end"):
        _opened(_sealed(b"synthetic") + b"more")
