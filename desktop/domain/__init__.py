"""Record types, validation, numbering and workflows. Never imports Qt."""

from __future__ import annotations

from pathlib import Path

from desktop.store.records import Store


def open_store(data_dir: Path | str) -> Store:
    """The store with the domain's validation installed: the one way the app and CLI open data."""
    from .reference import use_office_copies

    use_office_copies(data_dir)
    return Store(data_dir, validator=_validate_record)


def _validate_record(*args, **kwargs):
    """The domain's validation, imported at the first save (NIK rules and python-stdnum cost ~13 ms
    of the app's start)."""
    from .validation import validate_record

    return validate_record(*args, **kwargs)
