"""Import and export of every register through one door, for the GUI's "Impor/Ekspor" button.

The registers keep their own rules (docs/IMPORT.md, SERVICES.md, HEALTH.md): headers they accept,
all rows or none unless ``partial``, health data only for health roles (and every export of it
audited). This module only picks the right one for a register kind. No Qt here (domain layer).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store.db import StoreError
from desktop.store.records import Store

if TYPE_CHECKING:  # the importers load when a file is imported, not with the register page
    from .importing import ImportResult

LETTERS = ("surat-masuk", "surat-keluar")
KINDS = (*LETTERS, "permohonan", "pengaduan", "pasien", "kunjungan")
FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}
AUDITED_EXPORTS = ("permohonan", "pengaduan", "pasien", "kunjungan")  # personal data: each export is audited


def _check(kind: str) -> None:
    if kind not in KINDS:
        raise StoreError(f"Jenis data tidak dikenal: {kind}.", f"Unknown register: {kind}.")


def import_register(store: Store, user: dict, kind: str, path: Path | str, *, partial: bool) -> ImportResult:
    """Imports ``path`` (CSV or XLSX) into register ``kind`` as ``user``."""
    _check(kind)
    actor = user["username"]
    if kind in LETTERS:
        from . import importing

        return importing.import_file(store, kind, path, partial=partial, actor=actor)
    if kind == "permohonan":
        from . import services

        return services.import_file(store, path, partial=partial, actor=actor)
    if kind == "pengaduan":
        from . import complaints

        return complaints.import_file(store, path, partial=partial, actor=actor)
    from .health import tables

    return tables.import_file(store, user, kind, path, partial=partial)


def format_for(path: Path | str) -> str:
    """The export format a file name asks for (.xlsx, .csv, .json)."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise StoreError("Nama berkas harus berakhiran .xlsx, .csv atau .json.",
                         "The file name must end in .xlsx, .csv or .json.")
    return fmt


def export_register(store: Store, user: dict, kind: str, path: Path | str, *, progress=None) -> int:
    """Writes register ``kind`` to ``path`` in the format its suffix names; returns the number of rows.

    ``progress(done, total)`` is called as rows are written (it may raise export_stream.ExportCancelled).
    """
    _check(kind)
    fmt = format_for(path)
    if kind in LETTERS:
        from . import exporting

        return exporting.export(store, kind, fmt, path, progress=progress)
    if kind in ("permohonan", "pengaduan"):
        from . import complaints, privacy, services

        privacy.require_role(user, store, privacy.CITIZEN_DATA_ROLES)
        count = (services if kind == "permohonan" else complaints).export(store, fmt, path, progress=progress)
        privacy.audit_export(store, user, "service_requests" if kind == "permohonan" else "complaints", kind, count,
                             fmt)
        return count
    from .health import tables

    return tables.export(store, user, kind, fmt, path, progress=progress)
