"""The centre's side of attachment bytes by USB stick (sync/usb_blobs.py for the files).

Called by ``usb_import.import_request`` once the request's records are applied, before its reply is
written: the office's pending blobs on the stick are checked (decrypted, sha256, the same tenancy,
size and quota rules as an HTTP upload) and stored; the blobs the office asked for are written
back within the size the office allows on its stick, and the reply (signed) says what was stored,
what was refused and why, what was sent, and what did not fit.
"""

from __future__ import annotations

import os
from pathlib import Path

from sync import usb_blobs
from sync.server.blob_routes import BlobService
from sync.server.blobs import Busy, backend_from
from sync.server.storage import Device, Storage, StorageError
from sync.usb import BundleError


def exchange(storage: Storage, data_dir: Path | str, device: Device, usb_key: bytes, in_dir: Path, out_dir: Path,
             reply: dict) -> list[str]:
    """Adds ``reply["blobs"]``; returns lines for IT's console (English, the server CLI's language)."""
    svc = BlobService(storage, str(data_dir), backend_from(data_dir, os.environ.get("LAYAN_BLOB_STORE")))
    source = usb_blobs.folder_of(in_dir)
    stored, refused = [], []
    for sha in usb_blobs.listed(source, device.id, usb_blobs.UP):
        try:
            data = usb_blobs.read_blob(source, device.id, usb_key, sha, usb_blobs.UP)
            if not svc.upload_target(device, sha, len(data)):
                with svc.staging.writing(device.office, sha) as staged:
                    staged.truncate(0)
                    staged.write(data)
                    staged.sync()
                    svc.complete(device, sha, len(data))
            stored.append(sha)
        except (BundleError, StorageError) as exc:
            refused.append({"sha256": sha, "message": exc.message, "message_en": exc.message_en})
        except Busy:
            refused.append({"sha256": sha, "message": "Lampiran ini sedang diunggah lewat jaringan; coba lagi.",
                            "message_en": "This attachment is being uploaded over the network; try again."})
    wanted, cap = usb_blobs.read_wanted(source, device.id, usb_key)
    target = usb_blobs.folder_of(out_dir)
    sent, left_out, used = [], [], 0
    for sha in wanted:
        try:
            if not svc.meta.readable_from(device, sha):
                continue
        except StorageError:
            continue  # not of this office (or not any more)
        size = svc.meta.stored_size(sha)
        if size is None:
            continue
        if used + size > cap:
            left_out.append({"sha256": sha, "size": size})
            continue
        usb_blobs.write_blob(target, device.id, usb_key, sha, b"".join(svc.backend.read(sha, 0, size)),
                             usb_blobs.DOWN)
        sent.append({"sha256": sha, "size": size})
        used += size
    reply["blobs"] = {"stored": stored, "refused": refused, "sent": sent, "left_out": left_out}
    notes = []
    if stored or refused or sent or left_out:
        notes.append(f"attachments: {len(stored)} stored, {len(refused)} refused, {len(sent)} sent back "
                     f"({used:,} bytes), {len(left_out)} did not fit on the stick")
    notes += [f"attachment {r['sha256'][:12]}… refused: {r['message_en']}" for r in refused]
    return notes
