"""Record types, validation, numbering and workflows. Never imports Qt."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.store.records import Store

# The data folder whose reference copies desktop.domain.reference reads once it is loaded (the login window
# needs no reference data: its module, ~4 ms, loads with the first page that does).
opened_data_dir: Path | None = None


def open_store(data_dir: Path | str) -> Store:
    """The store with the domain's validation installed: the one way the app and CLI open data."""
    global opened_data_dir
    opened_data_dir = Path(data_dir)
    reference = sys.modules.get(f"{__name__}.reference")
    if reference is not None:
        reference.use_office_copies(data_dir)
    store = Store(data_dir, validator=_validate_record)
    store.subscribe(lambda changes: _forget_deleted_attachments(store, changes))
    return store


def _forget_deleted_attachments(store: Store, changes) -> None:
    """An attachment deleted here or on another PC: its bytes leave this PC once nothing uses them."""
    if any(change.collection == "attachments" for change in changes.changes):
        from .attachments.service import forget_deleted_bytes

        forget_deleted_bytes(store, changes)


def _validate_record(*args, **kwargs):
    """The domain's validation, imported at the first save (NIK rules and python-stdnum cost ~13 ms
    of the app's start)."""
    from .validation import validate_record

    return validate_record(*args, **kwargs)
