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


def forget_blob_stores() -> None:
    """After a restore that may bring another key: the next call opens the store again."""
    with _lock:
        _stores.clear()
