"""The PC's content-addressed store of attachment bytes (scans, photos), named by their sha256.

Shared by the desktop and the sync engine: no Qt, no desktop imports.

Invariants:
- a blob is never visible (``has``) without all its bytes: it is written under a temporary name,
  fsync'd, then renamed into place; a process killed half-way leaves only a temporary file, which
  is never read and is swept away later;
- a blob is never stored twice: its name is the sha256 of its plaintext;
- a download in progress (``append_partial``) is kept durably chunk by chunk and becomes a blob only
  once ``finish_partial`` has checked its sha256.

Encryption at rest (when a key is given): the key handed in is the office database's key; the store
derives its own key from it with HKDF-SHA256, so one secret protects both and neither key can be
used in the other's place. A blob file holds the plaintext in fixed-size chunks, each sealed with
AES-256-GCM under a fresh random nonce, with the chunk's index and a "last chunk" flag as associated
data: chunks cannot be reordered, dropped or cut off unnoticed, and any byte range is read by
decrypting only the chunks that hold it. A partial download is a sequence of sealed frames of any
length (each append is one or more frames, so an append never rewrites earlier bytes); finishing it
re-seals the bytes into the fixed-chunk form.

Layout under ``root`` (0700, files 0600)::

    objects/ab/abcdef…        complete blobs
    partial/abcdef….part      downloads in progress
    tmp/                      files being written (never read)
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import struct
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

CHUNK = 64 * 1024  # plaintext bytes per sealed chunk: small enough for cheap range reads
NONCE = 12
TAG = 16
MAGIC = b"LAYANBLOB1\n"  # start of an encrypted blob file
FRAME_HEADER = struct.Struct(">I")  # plaintext length of one frame of a partial download
_SHA = re.compile(r"^[0-9a-f]{64}$")
STALE_TMP_SECONDS = 3600  # a temporary file older than this belongs to a process that died
HKDF_INFO = b"layan attachment blobs v1"


class BlobError(Exception):
    """A known failure with a message for the user (Indonesian) and its English twin."""

    def __init__(self, message: str, message_en: str | None = None):
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message


def derive_blob_key(database_key: bytes) -> bytes:
    """The blob store's own AES-256 key, derived from the office database's key."""
    if len(database_key) != 32:
        raise ValueError("the database key must be 32 bytes")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO).derive(database_key)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory; MoveFileEx is durable once it returns
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _chunks_of(data: bytes) -> Iterator[bytes]:
    for start in range(0, len(data), CHUNK):
        yield data[start : start + CHUNK]


def _fixed(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The same bytes cut into CHUNK-sized pieces (the last may be shorter): the sealed layout needs it."""
    buffer = bytearray()
    for chunk in chunks:
        buffer += chunk
        while len(buffer) >= CHUNK:
            yield bytes(buffer[:CHUNK])
            del buffer[:CHUNK]
    if buffer:
        yield bytes(buffer)


def _file_chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


class BlobStore:
    def __init__(self, root: Path | str, key: bytes | None = None):
        """``key``: the office database's 32-byte key (the blobs are then encrypted), or None."""
        self.root = Path(root)
        derived = derive_blob_key(key) if key is not None else None
        self._aead = AESGCM(derived) if derived is not None else None
        # Names the key without revealing it: two stores with the same key can copy sealed files as they are.
        self._key_id = hashlib.sha256(b"key id" + derived).hexdigest() if derived is not None else None
        for folder in (self.root, self.root / "objects", self.root / "partial", self.root / "tmp"):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
        self._sweep_tmp()

    @property
    def encrypted(self) -> bool:
        return self._aead is not None

    # ---- paths ---------------------------------------------------------------------------------

    @staticmethod
    def _check(sha256: str) -> str:
        if not isinstance(sha256, str) or not _SHA.match(sha256):
            raise BlobError("Nama berkas lampiran tidak sah.", "Invalid attachment name.")
        return sha256

    def _object(self, sha256: str) -> Path:
        self._check(sha256)
        return self.root / "objects" / sha256[:2] / sha256

    def _partial(self, sha256: str) -> Path:
        return self.root / "partial" / f"{self._check(sha256)}.part"

    def _tmp(self) -> Path:
        return self.root / "tmp" / f"{os.getpid()}-{secrets.token_hex(8)}.tmp"

    def _sweep_tmp(self) -> None:
        """Removes temporary files left by processes killed mid-write (never read, never visible)."""
        cutoff = time.time() - STALE_TMP_SECONDS
        for leftover in (self.root / "tmp").iterdir():
            try:
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()
            except FileNotFoundError:
                pass

    # ---- sealing -------------------------------------------------------------------------------

    @staticmethod
    def _aad(index: int, last: bool) -> bytes:
        return MAGIC + struct.pack(">QB", index, 1 if last else 0)

    def _write_object(self, chunks: Iterable[bytes], handle) -> None:
        """Writes the chunks to ``handle`` in the blob format (sealed when encrypted)."""
        if self._aead is None:
            for chunk in chunks:
                handle.write(chunk)
            return
        handle.write(MAGIC)
        index = 0
        pending: bytes | None = None
        for chunk in chunks:
            if pending is not None:
                self._seal_chunk(handle, index, pending, last=False)
                index += 1
            pending = chunk
        self._seal_chunk(handle, index, pending or b"", last=True)

    def _seal_chunk(self, handle, index: int, chunk: bytes, *, last: bool) -> None:
        nonce = secrets.token_bytes(NONCE)
        handle.write(nonce + self._aead.encrypt(nonce, chunk, self._aad(index, last)))

    def _store(self, chunks: Iterable[bytes], expected: str | None = None) -> str:
        """Writes the stream as a blob: tmp file, fsync, rename. Returns its sha256."""
        digest = hashlib.sha256()

        def hashed() -> Iterator[bytes]:
            for chunk in _fixed(chunks):
                digest.update(chunk)
                yield chunk

        tmp = self._tmp()
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                self._write_object(hashed(), handle)
                handle.flush()
                os.fsync(handle.fileno())
            sha256 = digest.hexdigest()
            if expected is not None and sha256 != expected:
                raise BlobError(
                    "Berkas lampiran yang diterima rusak (sidik sha256 tidak cocok); unduhan diulang.",
                    "The attachment received is damaged (sha256 does not match); the download starts again.",
                )
            final = self._object(sha256)
            if final.exists():  # already stored: never twice
                tmp.unlink()
                return sha256
            final.parent.mkdir(mode=0o700, exist_ok=True)
            os.replace(tmp, final)
            _fsync_dir(final.parent)
            return sha256
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    # ---- the contract --------------------------------------------------------------------------

    def put_bytes(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        if self.has(sha256):
            return sha256
        return self._store(_chunks_of(data))

    def put_file(self, path: Path | str) -> str:
        return self._store(_file_chunks(Path(path)))

    def has(self, sha256: str) -> bool:
        return self._object(sha256).is_file()

    def _missing(self) -> BlobError:
        return BlobError("Berkas lampiran belum ada di komputer ini.", "The attachment is not on this computer yet.")

    def _damaged(self) -> BlobError:
        return BlobError(
            "Berkas lampiran di komputer ini rusak atau tidak dapat dibuka dengan kunci kantor.",
            "The attachment on this computer is damaged or cannot be opened with the office key.",
        )

    @staticmethod
    def _plain_size(stored: int) -> int:
        """Plaintext bytes of an encrypted blob file of ``stored`` bytes."""
        body = stored - len(MAGIC)
        sealed = CHUNK + NONCE + TAG
        count = max(1, -(-body // sealed))
        return (count - 1) * CHUNK + (body - (count - 1) * sealed - NONCE - TAG)

    def size(self, sha256: str) -> int:
        try:
            stored = self._object(sha256).stat().st_size
        except FileNotFoundError:
            raise self._missing() from None
        return stored if self._aead is None else self._plain_size(stored)

    def read(self, sha256: str, offset: int = 0, length: int | None = None) -> bytes:
        total = self.size(sha256)
        if offset < 0 or offset > total:
            raise BlobError("Posisi baca di luar berkas lampiran.", "Read position outside the attachment.")
        end = total if length is None else min(total, offset + max(0, length))
        with open(self._object(sha256), "rb") as handle:
            if self._aead is None:
                handle.seek(offset)
                return handle.read(end - offset)
            if end <= offset:
                return b""
            last_index = max(0, -(-total // CHUNK) - 1)
            parts = []
            sealed = CHUNK + NONCE + TAG
            for index in range(offset // CHUNK, (end - 1) // CHUNK + 1):
                handle.seek(len(MAGIC) + index * sealed)
                record = handle.read(sealed)
                try:
                    chunk = self._aead.decrypt(record[:NONCE], record[NONCE:], self._aad(index, index == last_index))
                except InvalidTag:
                    raise self._damaged() from None
                parts.append(chunk)
            joined = b"".join(parts)
            start = offset - (offset // CHUNK) * CHUNK
            return joined[start : start + (end - offset)]

    def iter_chunks(self, sha256: str) -> Iterator[bytes]:
        """The whole plaintext, chunk by chunk (for copying out without holding it all in memory)."""
        total = self.size(sha256)
        for offset in range(0, total, CHUNK):
            yield self.read(sha256, offset, CHUNK)

    def copy_to(self, sha256: str, target: Path | str) -> Path:
        """Writes the plaintext to ``target`` (a decrypted copy for a viewer or a "save a copy")."""
        target = Path(target)
        with open(target, "wb") as handle:
            for chunk in self.iter_chunks(sha256):
                handle.write(chunk)
        return target

    # ---- downloads in progress -----------------------------------------------------------------

    def _frames(self, path: Path) -> tuple[int, int]:
        """(plaintext bytes, file bytes) of the whole frames at the start of a partial file."""
        if self._aead is None:
            try:
                stored = path.stat().st_size
            except FileNotFoundError:
                return 0, 0
            return stored, stored
        plain = good = 0
        try:
            handle = open(path, "rb")
        except FileNotFoundError:
            return 0, 0
        with handle:
            stored = os.fstat(handle.fileno()).st_size
            while good + FRAME_HEADER.size <= stored:
                handle.seek(good)
                (length,) = FRAME_HEADER.unpack(handle.read(FRAME_HEADER.size))
                frame = FRAME_HEADER.size + NONCE + length + TAG
                if length > CHUNK or good + frame > stored:
                    break  # torn by a crash mid-append: those bytes were never acknowledged
                good += frame
                plain += length
        return plain, good

    def partial_size(self, sha256: str) -> int:
        return self._frames(self._partial(sha256))[0]

    def append_partial(self, sha256: str, offset: int, data: bytes) -> int:
        path = self._partial(sha256)
        plain, good = self._frames(path)
        if offset != plain:
            raise BlobError(
                "Potongan lampiran tidak berurutan; unduhan dilanjutkan dari posisi yang tersimpan.",
                "Attachment piece out of order; the download resumes from the stored position.",
            )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        with os.fdopen(fd, "r+b") as handle:
            handle.truncate(good)  # drop a frame torn by an earlier crash
            handle.seek(good)
            if self._aead is None:
                handle.write(data)
            else:
                for chunk in _chunks_of(data):
                    nonce = secrets.token_bytes(NONCE)
                    sealed = self._aead.encrypt(nonce, chunk, self._frame_aad(sha256, plain))
                    handle.write(FRAME_HEADER.pack(len(chunk)) + nonce + sealed)
                    plain += len(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if self._aead is None:
            plain += len(data)
        return plain

    @staticmethod
    def _frame_aad(sha256: str, offset: int) -> bytes:
        return MAGIC + sha256.encode("ascii") + struct.pack(">Q", offset)

    def _partial_chunks(self, sha256: str, path: Path) -> Iterator[bytes]:
        if self._aead is None:
            yield from _file_chunks(path)
            return
        _, good = self._frames(path)
        plain = 0
        with open(path, "rb") as handle:
            while handle.tell() < good:
                (length,) = FRAME_HEADER.unpack(handle.read(FRAME_HEADER.size))
                record = handle.read(NONCE + length + TAG)
                try:
                    chunk = self._aead.decrypt(record[:NONCE], record[NONCE:], self._frame_aad(sha256, plain))
                except InvalidTag:
                    raise self._damaged() from None
                plain += length
                yield chunk

    def finish_partial(self, sha256: str) -> None:
        path = self._partial(sha256)
        if self.has(sha256):
            path.unlink(missing_ok=True)
            return
        if not path.exists():
            raise self._missing()
        try:
            self._store(self._partial_chunks(sha256, path), expected=sha256)
        except BlobError:
            path.unlink(missing_ok=True)  # damaged or wrong bytes: start the download again
            raise
        path.unlink(missing_ok=True)

    # ---- housekeeping --------------------------------------------------------------------------

    def remove(self, sha256: str) -> None:
        self._object(sha256).unlink(missing_ok=True)
        self._partial(sha256).unlink(missing_ok=True)

    def shas(self) -> Iterator[str]:
        """Every complete blob's sha256."""
        for folder in sorted((self.root / "objects").iterdir()):
            for blob in sorted(folder.iterdir()):
                if _SHA.match(blob.name):
                    yield blob.name

    def present(self) -> set[str]:
        """Every complete blob's sha256, in one listing: for thousands of questions, cheaper than a file
        check each (10,000 blobs: about 10 ms of CPU, against about 25 ms for 10,000 checks)."""
        out: set[str] = set()
        try:
            folders = list(os.scandir(self.root / "objects"))
        except FileNotFoundError:
            return out
        for folder in folders:
            if folder.is_dir():
                out.update(e.name for e in os.scandir(folder.path) if _SHA.match(e.name))
        return out

    def copy_into(self, other: BlobStore) -> int:
        """Copies every blob ``other`` lacks into it (a backup, a restore); returns how many were copied.
        Sealed files are copied as they are when both stores have the same key, else re-sealed."""
        copied = 0
        for sha256 in self.shas():
            if other.has(sha256):
                continue
            if self._key_id == other._key_id:
                other._store_raw(self._object(sha256), sha256)
            else:
                other._store(self.iter_chunks(sha256), expected=sha256)
            copied += 1
        return copied

    def _store_raw(self, source: Path, sha256: str) -> None:
        tmp = self._tmp()
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle, open(source, "rb") as src:
                while chunk := src.read(1024 * 1024):
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            final = self._object(sha256)
            final.parent.mkdir(mode=0o700, exist_ok=True)
            os.replace(tmp, final)
            _fsync_dir(final.parent)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def total_bytes(self) -> int:
        return sum(self.size(sha256) for sha256 in self.shas())
