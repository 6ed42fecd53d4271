"""Attachment bytes on a USB stick, beside the sync files (docs/ATTACHMENTS.md, "By USB stick").

In ``layan-sync/blobs/`` on the stick, one file per blob and direction::

    <device id>.<sha256>.up.layan      a PC's pending blob, for the centre
    <device id>.<sha256>.down.layan    a blob the centre sends to that PC
    <device id>.wanted.layan           the blobs that PC lacks (a list), for the centre

Each file is ``LAYAN-BLOB/1\\n`` + a 12-byte nonce + AES-256-GCM ciphertext under a key derived
(HKDF-SHA256) from the device's USB key, with the magic, device id and name as associated data:
scans of KTPs and patients are unreadable on a lost stick, a file cannot be edited or passed off
under another name or direction, and only the device and the centre can write one. The bytes'
sha256 is checked again after decryption; nothing reaches a store unchecked. The sync files
themselves are unchanged (sync/usb.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from sync.files import write_atomically
from sync.usb import BundleError

DIR = "blobs"
UP, DOWN = "up", "down"
SUFFIX = ".layan"
MAGIC = b"LAYAN-BLOB/1\n"
MAX_BLOB_FILE = 64 * 1024 * 1024 + 1024  # the centre's largest blob, sealed
MAX_WANTED = 5000
_NAME_RE = re.compile(r"^([0-9a-f-]{36})\.([0-9a-f]{64})\.(up|down)\.layan$")


def _aead(usb_key: bytes):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"layan usb blobs v1").derive(usb_key)
    return AESGCM(key)


def _seal(usb_key: bytes, name: str, data: bytes) -> bytes:
    nonce = os.urandom(12)
    return MAGIC + nonce + _aead(usb_key).encrypt(nonce, data, MAGIC + name.encode())


def _open(usb_key: bytes, path: Path, max_bytes: int) -> bytes:
    from cryptography.exceptions import InvalidTag

    try:
        if path.stat().st_size > max_bytes:
            raise BundleError(f"Berkas {path.name} terlalu besar.", f"File {path.name} is too large.")
        raw = path.read_bytes()
    except OSError as exc:
        raise BundleError(f"Berkas {path.name} tidak dapat dibaca ({type(exc).__name__}).",
                          f"File {path.name} cannot be read ({type(exc).__name__}).") from None
    if not raw.startswith(MAGIC) or len(raw) < len(MAGIC) + 12 + 16:
        raise BundleError(f"Berkas {path.name} bukan lampiran Layan.", f"File {path.name} is not a Layan attachment.")
    nonce, sealed = raw[len(MAGIC):len(MAGIC) + 12], raw[len(MAGIC) + 12:]
    try:
        return _aead(usb_key).decrypt(nonce, sealed, MAGIC + path.name.encode())
    except InvalidTag:
        raise BundleError(f"Berkas {path.name} ditolak: rusak, diubah, atau bukan untuk perangkat ini.",
                          f"File {path.name} refused: damaged, changed, or not for this device.") from None


def folder_of(where: Path) -> Path:
    """``layan-sync/blobs`` for a stick, its ``layan-sync`` folder, or a sync file in it."""
    where = Path(where)
    if where.is_file():
        where = where.parent
    return (where if where.name == "layan-sync" else where / "layan-sync") / DIR


def blob_name(device_id: str, sha256: str, direction: str) -> str:
    return f"{device_id}.{sha256}.{direction}{SUFFIX}"


def write_blob(folder: Path, device_id: str, usb_key: bytes, sha256: str, data: bytes, direction: str) -> Path:
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ValueError("bytes and sha256 differ")
    name = blob_name(device_id, sha256, direction)
    return write_atomically(folder / name, _seal(usb_key, name, data))


def listed(folder: Path, device_id: str, direction: str) -> list[str]:
    """The sha256 of every blob file for ``device_id`` in ``direction`` (only well-formed names)."""
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.iterdir()):
        m = _NAME_RE.match(path.name)
        if m and m.group(1) == device_id and m.group(3) == direction and path.is_file():
            out.append(m.group(2))
    return out


def read_blob(folder: Path, device_id: str, usb_key: bytes, sha256: str, direction: str) -> bytes:
    """The blob's bytes, decrypted and checked against its sha256 (BundleError otherwise)."""
    path = folder / blob_name(device_id, sha256, direction)
    data = _open(usb_key, path, MAX_BLOB_FILE)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BundleError(f"Isi berkas {path.name} tidak cocok dengan sidiknya.",
                          f"The content of {path.name} does not match its sha256.")
    return data


def remove_blob(folder: Path, device_id: str, sha256: str, direction: str) -> None:
    try:
        (folder / blob_name(device_id, sha256, direction)).unlink()
    except FileNotFoundError:
        pass


def write_wanted(folder: Path, device_id: str, usb_key: bytes, shas: list[str], cap_bytes: int) -> Path:
    name = f"{device_id}.wanted{SUFFIX}"
    body = json.dumps({"sha256": shas[:MAX_WANTED], "cap": cap_bytes}).encode()
    return write_atomically(folder / name, _seal(usb_key, name, body))


def read_wanted(folder: Path, device_id: str, usb_key: bytes) -> tuple[list[str], int]:
    """(blobs the PC lacks, the bytes it allows on the stick); ([], 0) when it asked for none."""
    path = folder / f"{device_id}.wanted{SUFFIX}"
    if not path.is_file():
        return [], 0
    try:
        doc = json.loads(_open(usb_key, path, 1024 * 1024))
        shas = [s for s in doc["sha256"] if isinstance(s, str) and re.fullmatch(r"[0-9a-f]{64}", s)]
        cap = int(doc["cap"])
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleError(f"Berkas {path.name} tidak valid.", f"File {path.name} is invalid ({exc}).") from None
    return shas[:MAX_WANTED], max(0, cap)


def fit(items: list[tuple[str, int]], cap_bytes: int) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(what goes on the stick, what does not fit), in the given order (newest first)."""
    carried, left, used = [], [], 0
    for sha, size in items:
        if used + size <= cap_bytes:
            carried.append((sha, size))
            used += size
        else:
            left.append((sha, size))
    return carried, left
