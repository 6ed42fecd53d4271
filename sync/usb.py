"""Sync by USB stick (sneakernet): the same sync pages as over HTTP, carried in files.

An office with no link exports its waiting changes (``layan sync export E:\\``) to a *request*
file; IT at Timika imports it into the server (``layan-server usb import E:\\``), which applies
the changes exactly as ``POST /v1/sync`` would and writes a *reply* file with acknowledgements,
everything the office has not seen yet (configuration included) and fresh number blocks; back at
the office, ``layan sync import E:\\`` applies the reply. docs/SYNC.md, "Sync by USB stick".

A file is gzip-compressed JSON ``{"format", "kind", "device_id", "body", "mac"}``. ``mac`` is an
HMAC-SHA256 over the canonical JSON of the rest, keyed with the device's **USB key**: a secret the
server derives from its own secret and the device id (never stored in the database) and gives the
device over the authenticated HTTP channel. So a stick that is lost, copied or edited cannot carry
changes into another office, and a reply cannot be forged by whoever handles the stick.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import hmac
import json
from pathlib import Path

from sync.files import write_atomically

FORMAT = "layan-usb-sync/1"
REQUEST, REPLY = "request", "reply"
FOLDER = "layan-sync"  # on the stick
REQUEST_SUFFIX, REPLY_SUFFIX = ".request.layan", ".reply.layan"
MAX_FILE_BYTES = 64 * 1024 * 1024  # compressed, as read from the stick
MAX_JSON_BYTES = 512 * 1024 * 1024  # after decompression (a first sync of a big office)


class BundleError(Exception):
    """A file that is not a sync file we may use, with an Indonesian and an English message."""

    def __init__(self, message: str, message_en: str):
        super().__init__(message_en)
        self.message = message
        self.message_en = message_en


def encode_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode("ascii")


def decode_key(text: str) -> bytes:
    key = base64.urlsafe_b64decode(text.encode("ascii"))
    if len(key) != 32:
        raise ValueError("a USB key is 32 bytes")
    return key


def _canonical(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _mac(key: bytes, doc: dict) -> str:
    return hmac.new(key, _canonical(doc), hashlib.sha256).hexdigest()


def write_bundle(path: Path, kind: str, device_id: str, body: dict, key: bytes) -> Path:
    """Writes the file whole (temp file, fsync, rename): a stick pulled out mid-write leaves no half file."""
    doc = {"format": FORMAT, "kind": kind, "device_id": device_id, "body": body}
    data = gzip.compress(_canonical({**doc, "mac": _mac(key, doc)}), compresslevel=6, mtime=0)
    return write_atomically(path, data)


def read_unverified(path: Path) -> dict:
    """The file's document, checked for shape but not yet for its MAC (the caller needs ``device_id``
    to find the key, then calls ``verify``)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BundleError(f"Berkas {path.name} terlalu besar.", f"File {path.name} is too large.")
        with gzip.open(path, "rb") as f:
            raw = f.read(MAX_JSON_BYTES + 1)
        if len(raw) > MAX_JSON_BYTES:
            raise BundleError(f"Isi berkas {path.name} terlalu besar.", f"The content of {path.name} is too large.")
        doc = json.loads(raw.decode("utf-8"))
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError, ValueError) as exc:
        raise BundleError(f"Berkas {path.name} rusak atau tidak lengkap ({type(exc).__name__}).",
                          f"File {path.name} is damaged or incomplete ({type(exc).__name__}).") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("kind") not in (REQUEST, REPLY) \
            or not isinstance(doc.get("device_id"), str) or not isinstance(doc.get("body"), dict) \
            or not isinstance(doc.get("mac"), str):
        raise BundleError(f"Berkas {path.name} bukan berkas sinkronisasi Layan.",
                          f"File {path.name} is not a Layan sync file.")
    return doc


def verify(doc: dict, key: bytes, path: Path) -> dict:
    """The body, when the MAC proves the file was written with ``key`` and not changed since."""
    mac = doc["mac"]
    expected = _mac(key, {k: v for k, v in doc.items() if k != "mac"})
    if not hmac.compare_digest(mac, expected):
        raise BundleError(f"Berkas {path.name} ditolak: tanda tangannya tidak cocok (diubah, atau bukan untuk "
                          "perangkat ini).",
                          f"File {path.name} refused: its signature does not match (changed, or not for this device).")
    return doc["body"]


def bundle_files(where: Path, suffix: str) -> list[Path]:
    """The sync files in ``where`` (a file, a folder, or a stick whose ``layan-sync/`` holds them), oldest first."""
    if where.is_file():
        return [where]
    folder = where / FOLDER if (where / FOLDER).is_dir() else where
    return sorted((p for p in folder.glob(f"*{suffix}") if not p.name.startswith(".")), key=lambda p: p.name)
