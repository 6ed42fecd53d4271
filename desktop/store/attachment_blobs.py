"""Where a data folder keeps its attachment bytes: ``<data folder>/blobs``, encrypted with the database's key."""

from __future__ import annotations

import threading
from pathlib import Path

from sync.blobs import BlobStore

from . import keys

BLOBS_DIR = "blobs"

_lock = threading.Lock()
_stores: dict[Path, BlobStore] = {}


def blob_store(data_dir: Path | str) -> BlobStore:
    """The data folder's blob store (one per folder and process; its key is the database's key)."""
    folder = Path(data_dir).resolve()
    with _lock:
        store = _stores.get(folder)
        if store is None:
            store = BlobStore(folder / BLOBS_DIR, keys.load_key(folder))
            _stores[folder] = store
        return store


ORPHAN_AGE_SECONDS = 24 * 3600  # a put whose record is still being written is minutes old, never a day


def sweep_orphans(data_dir: Path | str, conn, older_than: float = ORPHAN_AGE_SECONDS) -> int:
    """Removes bytes no attachment record and no kept original refers to (left by a PC switched off
    between storing a scan's bytes and its record); only bytes older than ``older_than`` seconds.
    ``conn``: a read connection of the data folder's database. Returns how many were removed."""
    import time

    store = blob_store(data_dir)
    cutoff = time.time() - older_than
    removed = 0
    for sha256 in list(store.shas()):
        path = store.root / "objects" / sha256[:2] / sha256
        try:
            if path.stat().st_mtime > cutoff:
                continue
        except FileNotFoundError:
            continue
        used = conn.execute("SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone() or \
            conn.execute("SELECT 1 FROM attachment_originals WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
        if not used:
            store.remove(sha256)
            removed += 1
    return removed


def forget_blob_stores() -> None:
    """After a restore that may bring another key: the next call opens the store again."""
    with _lock:
        _stores.clear()
