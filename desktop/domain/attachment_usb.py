"""Attachment bytes by USB stick, the PC's side (the files: sync/usb_blobs.py; the centre's side:
sync/server/usb_blob_exchange.py).

Export: the blobs the server lacks go on the stick, newest first, up to the stick's cap (setting
``usb_blob_cap_mb``, 100 MB unless IT publishes another); what does not fit is listed by file name
for the clerk, and goes with a later export or the network. The list of blobs this PC lacks goes
too, so the centre's reply brings them back within the same cap.
Import: what the centre stored counts as sent (and leaves the stick); what it sent is decrypted,
checked against its sha256 and stored.

No Qt.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from desktop.store.attachment_blobs import blob_store
from desktop.store.records import Store
from sync import usb_blobs
from sync.usb import BundleError

from . import attachment_sync

CAP_META = "usb_blob_cap_mb"  # a central setting (sync/config.py) or set locally
DEFAULT_CAP_MB = 100
EXPORT_META, IMPORT_META = "usb_blobs_export", "usb_blobs_import"


@dataclass
class BlobExport:
    carried: int = 0
    carried_bytes: int = 0
    left_out: list[tuple[str, int]] = field(default_factory=list)  # (file name, bytes): did not fit


@dataclass
class BlobImport:
    acknowledged: int = 0  # sent from this PC earlier, now held by the server
    received: int = 0
    refused: list[tuple[str, str, str]] = field(default_factory=list)  # (file name, Indonesian, English)
    left_out: int = 0  # the server had more for this PC than the stick allowed


def cap_bytes(store: Store) -> int:
    try:
        return max(0, int(store.meta(CAP_META) or DEFAULT_CAP_MB)) * 1024 * 1024
    except ValueError:
        return DEFAULT_CAP_MB * 1024 * 1024


def _names(store: Store, shas: list[str]) -> dict[str, str]:
    if not shas:
        return {}
    marks = ",".join("?" * len(shas))
    rows = store.read().execute(f"SELECT sha256, name FROM attachments WHERE sha256 IN ({marks}) AND deleted = 0",
                                shas).fetchall()
    return {r[0]: r[1] for r in rows}


def export_blobs(store: Store, folder: Path, device_id: str, usb_key: bytes) -> BlobExport:
    """Writes the pending blobs that fit, and the list of wanted ones, beside the request file."""
    cap = cap_bytes(store)
    target = usb_blobs.folder_of(folder)
    blobs = blob_store(store.data_dir)
    carried, left = usb_blobs.fit(attachment_sync.pending_uploads(store), cap)
    already = set(usb_blobs.listed(target, device_id, usb_blobs.UP))
    for i, (sha, _size) in enumerate(carried):
        if sha in already:
            continue
        try:
            usb_blobs.write_blob(target, device_id, usb_key, sha, blobs.read(sha), usb_blobs.UP)
        except OSError:  # the stick is fuller than it said: the rest waits for the next export
            carried, left = carried[:i], carried[i:] + left
            break
    wanted = [sha for sha, _ in attachment_sync.missing_here(store)]
    try:
        if wanted or target.is_dir():  # an office without attachments leaves no trace on the stick
            usb_blobs.write_wanted(target, device_id, usb_key, wanted, cap)
    except OSError:
        pass  # without the list the centre sends nothing back this time; the records still travel
    names = _names(store, [sha for sha, _ in left])
    result = BlobExport(len(carried), sum(size for _, size in carried),
                        [(names.get(sha, sha[:12]), size) for sha, size in left])
    store.set_meta(EXPORT_META, json.dumps({"carried": result.carried, "carried_bytes": result.carried_bytes,
                                            "left_out": result.left_out}))
    return result


def import_blobs(store: Store, folder: Path, device_id: str, usb_key: bytes, reply: dict) -> BlobImport:
    """Takes the ``blobs`` part of one applied reply (absent in replies of an older centre)."""
    result = BlobImport()
    part = reply.get("blobs") if isinstance(reply.get("blobs"), dict) else {}
    source = usb_blobs.folder_of(folder)
    blobs = blob_store(store.data_dir)
    for sha in [s for s in part.get("stored") or [] if isinstance(s, str)]:
        if len(sha) == 64:
            attachment_sync.mark_uploaded(store, sha)
            usb_blobs.remove_blob(source, device_id, sha, usb_blobs.UP)  # done: the stick's space back
            result.acknowledged += 1
    names = _names(store, [r.get("sha256") for r in part.get("refused") or [] if isinstance(r, dict)])
    for item in part.get("refused") or []:
        if isinstance(item, dict):
            sha = str(item.get("sha256"))
            result.refused.append((names.get(sha, sha[:12]), str(item.get("message") or ""),
                                   str(item.get("message_en") or "")))
    for item in part.get("sent") or []:
        sha = item.get("sha256") if isinstance(item, dict) else None
        if not isinstance(sha, str) or len(sha) != 64:
            continue
        if blobs.has(sha):  # an older reply read again: the bytes are here already
            usb_blobs.remove_blob(source, device_id, sha, usb_blobs.DOWN)
            result.received += 1
            continue
        try:
            data = usb_blobs.read_blob(source, device_id, usb_key, sha, usb_blobs.DOWN)
        except BundleError as exc:
            result.refused.append((sha[:12], exc.message, exc.message_en))
            continue
        if blobs.put_bytes(data) == sha:  # checked again by the store itself
            attachment_sync.mark_uploaded(store, sha)
            usb_blobs.remove_blob(source, device_id, sha, usb_blobs.DOWN)
            result.received += 1
    result.left_out = len(part.get("left_out") or [])
    if not part:
        return result  # a reply without attachment news leaves the last report standing
    store.set_meta(IMPORT_META, json.dumps({"acknowledged": result.acknowledged, "received": result.received,
                                            "refused": result.refused, "left_out": result.left_out}))
    return result


def last_export(store: Store) -> BlobExport | None:
    raw = store.meta(EXPORT_META)
    if not raw:
        return None
    doc = json.loads(raw)
    return BlobExport(doc["carried"], doc["carried_bytes"], [tuple(x) for x in doc["left_out"]])


def last_import(store: Store) -> BlobImport | None:
    raw = store.meta(IMPORT_META)
    if not raw:
        return None
    doc = json.loads(raw)
    return BlobImport(doc["acknowledged"], doc["received"], [tuple(x) for x in doc["refused"]], doc["left_out"])
