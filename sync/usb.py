"""Sync by USB stick (sneakernet): the same sync pages as over HTTP, carried in files.

An office with no link exports its waiting changes (``layan sync export E:\\``) to a *request*
file; IT at Timika imports it into the server (``layan-server usb import E:\\``), which applies
the changes exactly as ``POST /v1/sync`` would and writes a *reply* file with acknowledgements,
everything the office has not seen yet (configuration included) and fresh number blocks; back at
the office, ``layan sync import E:\\`` applies the reply. docs/SYNC.md, "Sync by USB stick".

A file (format 2) is one header line and the compressed body::

    LAYAN-USB/2\n{"kind", "device_id", "size", "mac"}\n<gzip JSON body, size bytes>

``mac`` is an HMAC-SHA256 over the header's other fields and the COMPRESSED body, keyed with the
device's **USB key**: a secret the server derives from its own secret and the device id (never
stored in the database) and gives the device over the authenticated HTTP channel. So a stick that
is lost, copied or edited cannot carry changes into another office, a reply cannot be forged by
whoever handles the stick, and nothing is decompressed before its signature is proven.

Format 1 (gzip of ``{"format", "kind", "device_id", "body", "mac"}``, the MAC inside) is still read,
so files of PCs not yet updated keep working; it has to be decompressed before it can be checked,
so it is held to a smaller size (``MAX_V1_JSON_BYTES``). Replies are written in the format of the
request they answer.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import hmac
import json
from pathlib import Path

from sync.files import write_atomically
from sync.protocol import BodyError, gunzip_limited, loads_strict

FORMAT = "layan-usb-sync/1"
MAGIC_PREFIX = b"LAYAN-USB/"
MAGIC_V2 = MAGIC_PREFIX + b"2\n"
MAX_HEADER_BYTES = 1024
REQUEST, REPLY = "request", "reply"
FOLDER = "layan-sync"  # on the stick
REQUEST_SUFFIX, REPLY_SUFFIX = ".request.layan", ".reply.layan"
MAX_FILE_BYTES = 64 * 1024 * 1024  # compressed, as read from the stick
MAX_JSON_BYTES = 512 * 1024 * 1024  # after decompression (a first sync of a big office), once signed
MAX_V1_JSON_BYTES = 64 * 1024 * 1024  # a format-1 file is inflated before its check: kept small


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


def _mac_v2(key: bytes, header: dict, payload: bytes) -> str:
    signed = {k: header[k] for k in ("kind", "device_id", "size")}
    return hmac.new(key, MAGIC_V2 + _canonical(signed) + b"\n" + payload, hashlib.sha256).hexdigest()


def write_bundle(path: Path, kind: str, device_id: str, body: dict, key: bytes, *, version: int = 2) -> Path:
    """Writes the file whole (temp file, fsync, rename): a stick pulled out mid-write leaves no half file."""
    if version == 1:
        doc = {"format": FORMAT, "kind": kind, "device_id": device_id, "body": body}
        return write_atomically(path, gzip.compress(_canonical({**doc, "mac": _mac(key, doc)}), compresslevel=6,
                                                    mtime=0))
    payload = gzip.compress(_canonical(body), compresslevel=6, mtime=0)
    header = {"kind": kind, "device_id": device_id, "size": len(payload)}
    header["mac"] = _mac_v2(key, header, payload)
    return write_atomically(path, MAGIC_V2 + _canonical(header) + b"\n" + payload)


def _damaged(path: Path, what: str, what_en: str | None = None) -> BundleError:
    return BundleError(f"Berkas {path.name} rusak atau tidak lengkap ({what}).",
                       f"File {path.name} is damaged or incomplete ({what_en or what}).")


def _damaged_body(path: Path, exc: BodyError) -> BundleError:
    """A compressed body that does not inflate (a flipped byte, a cut file), said in words."""
    return _damaged(path, exc.message.rstrip(".").lower(), exc.message_en.rstrip(".").lower())


def _unreadable(path: Path, exc: Exception) -> BundleError:
    """Content that inflated but is not the JSON we wrote."""
    return _damaged(path, f"isinya tidak terbaca: {type(exc).__name__}", f"its content is unreadable: "
                                                                         f"{type(exc).__name__}")


def _not_ours(path: Path) -> BundleError:
    return BundleError(f"Berkas {path.name} bukan berkas sinkronisasi Layan.", f"File {path.name} is not a Layan sync file.")


def read_unverified(path: Path) -> dict:
    """The file's header (kind, device_id), checked for shape but not yet for its MAC (the caller
    needs ``device_id`` to find the key, then calls ``verify``). A format-2 body stays compressed."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BundleError(f"Berkas {path.name} terlalu besar.", f"File {path.name} is too large.")
        data = path.read_bytes()
    except OSError as exc:
        raise _damaged(path, f"tidak terbaca: {exc.strerror or type(exc).__name__}",
                       f"unreadable: {exc.strerror or type(exc).__name__}") from None
    if not data:
        raise _damaged(path, "berkasnya kosong, 0 byte", "the file is empty, 0 bytes")
    if data.startswith(MAGIC_PREFIX) and not data.startswith(MAGIC_V2):
        version = data[len(MAGIC_PREFIX):data.find(b"\n", 0, 64)].decode("ascii", "replace")[:12]
        raise BundleError(f"Berkas {path.name} berformat {version}, yang belum dikenal di sini: berkas itu dibuat oleh "
                          "Layan yang lebih baru. Perbarui Layan di komputer ini, lalu impor lagi.",
                          f"File {path.name} has format {version}, which is not known here: it was made by a newer "
                          "Layan. Update Layan on this computer, then import again.")
    if data.startswith(MAGIC_V2):
        end = data.find(b"\n", len(MAGIC_V2), len(MAGIC_V2) + MAX_HEADER_BYTES)
        try:
            header = loads_strict(data[len(MAGIC_V2):end]) if end > 0 else None
        except ValueError:
            header = None
        if not isinstance(header, dict) or header.get("kind") not in (REQUEST, REPLY) \
                or not isinstance(header.get("device_id"), str) or not isinstance(header.get("mac"), str) \
                or type(header.get("size")) is not int:
            raise _not_ours(path)
        payload = data[end + 1:]
        if len(payload) != header["size"]:
            raise _damaged(path, f"terpotong: {len(payload)} dari {header['size']} byte data",
                           f"cut short: {len(payload)} of {header['size']} bytes of data")
        return {**header, "format": 2, "_payload": payload}
    try:
        raw = gunzip_limited(data, MAX_V1_JSON_BYTES)
        doc = loads_strict(raw.decode("utf-8"))
    except BodyError as exc:
        if exc.status == 413:
            raise BundleError(f"Isi berkas {path.name} terlalu besar.", f"The content of {path.name} is too large.") from None
        raise _damaged_body(path, exc) from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _unreadable(path, exc) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("kind") not in (REQUEST, REPLY) \
            or not isinstance(doc.get("device_id"), str) or not isinstance(doc.get("body"), dict) \
            or not isinstance(doc.get("mac"), str):
        raise _not_ours(path)
    return {**doc, "format": 1}


def verify(doc: dict, key: bytes, path: Path) -> dict:
    """The body, when the MAC proves the file was written with ``key`` and not changed since; a
    format-2 body is decompressed only after that proof."""
    # A flipped byte on the stick and a deliberate edit look the same here: the body is not inflated
    # before its signature holds, so the reason names both.
    refused = BundleError(f"Berkas {path.name} ditolak: tanda tangannya tidak cocok (berkas rusak atau diubah, atau "
                          "bukan untuk perangkat ini). Minta berkas baru.",
                          f"File {path.name} refused: its signature does not match (the file is damaged or was "
                          "changed, or it is not for this device). Ask for a new file.")
    if doc["format"] == 1:
        signed = {k: v for k, v in doc.items() if k not in ("mac", "format")}
        signed["format"] = FORMAT
        if not hmac.compare_digest(doc["mac"], _mac(key, signed)):
            raise refused
        return doc["body"]
    if not hmac.compare_digest(doc["mac"], _mac_v2(key, doc, doc["_payload"])):
        raise refused
    try:
        body = loads_strict(gunzip_limited(doc["_payload"], MAX_JSON_BYTES).decode("utf-8"))
    except BodyError as exc:
        raise _damaged_body(path, exc) from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _unreadable(path, exc) from None
    if not isinstance(body, dict):
        raise _not_ours(path)
    return body


def bundle_files(where: Path, suffix: str) -> list[Path]:
    """The sync files in ``where`` (a file, a folder, or a stick whose ``layan-sync/`` holds them), oldest first."""
    if where.is_file():
        return [where]
    folder = where / FOLDER if (where / FOLDER).is_dir() else where
    return sorted((p for p in folder.glob(f"*{suffix}") if not p.name.startswith(".")), key=lambda p: p.name)
