"""Exporting the letters register as CSV, XLSX or JSON.

CSV and XLSX use the agenda book's own column names (the importer reads them back, so an export
imported into a fresh office gives the same letters); JSON is a list of records with field names,
for scripts. The writing itself (streamed, atomic) is export_stream.py. Format decisions are
explained in docs/IMPORT.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from desktop.store.db import scanning
from desktop.store.records import Store
from sync.schema import SYSTEM_FIELDS, collection

from . import export_stream, letters
from .export_stream import CSV_DELIMITER, FORMATS  # noqa: F401 (part of this module's interface)
from .importing import direction_of

DATE_FIELDS = ("tanggal_terima", "tanggal_surat")
SEQ_HEADER = {"masuk": "No. Agenda", "keluar": "No. Urut"}
SHEET_TITLE = {"masuk": "Surat Masuk", "keluar": "Surat Keluar"}
# Column order per register. Fields marked optional appear only when some letter has a value, so the
# sheet looks like the office's book while nothing a letter holds is left out.
COLUMNS = {
    "masuk": (("seq", False), ("year", False), ("tanggal_terima", False), ("nomor_surat", False),
              ("tanggal_surat", False), ("asal", False), ("tujuan", True), ("perihal", False), ("sifat", False),
              ("klasifikasi", False), ("lampiran", False), ("diteruskan_kepada", False),
              ("penandatangan", True), ("keterangan", False)),
    "keluar": (("seq", False), ("year", False), ("tanggal_terima", True), ("tanggal_surat", False),
               ("nomor_surat", False), ("asal", True), ("tujuan", False), ("perihal", False), ("sifat", False),
               ("klasifikasi", False), ("lampiran", False), ("diteruskan_kepada", True),
               ("penandatangan", False), ("keterangan", False)),
}
# JSON leaves out the store's bookkeeping (clocks, revision, tombstone flags).
_JSON_SKIP = {"hlc", "field_hlc", "rev", "deleted", "readonly", "extra"}


def header_for(name: str, direction: str) -> str:
    if name == "seq":
        return SEQ_HEADER[direction]
    return collection(letters.LETTERS).label(name, "id")


def letters_of(store: Store, direction: str) -> Iterator[dict]:
    """The register's letters in agenda-book order, one at a time (never a list of them all)."""
    return export_stream.scan(store, letters.LETTERS, "direction = ?", (direction,), order_by="year, seq, rowid")


def columns_for(store: Store, direction: str) -> list[str]:
    """The register's columns: an optional one only when some letter has a value there."""
    names = []
    with scanning(store.path) as conn:  # a probe may read the whole register: not through the big cache
        for name, optional in COLUMNS[direction]:
            if optional:
                used = conn.execute(f"SELECT 1 FROM letters WHERE direction = ? AND deleted = 0 AND {name} IS NOT NULL "
                                    f"AND {name} != '' LIMIT 1", (direction,)).fetchone()
                if not used:
                    continue
            names.append(name)
    return names


def _cell(name: str, value):
    if value is None:
        return None
    if name == "sifat":
        return letters.SIFAT_LABELS.get(value, (value,))[0]
    if name in DATE_FIELDS and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)  # a real date in XLSX, ISO text in CSV
        except ValueError:
            return value
    return value


def export(store: Store, kind: str, fmt: str, target: Path | str | IO[str], *,
           progress: export_stream.Progress | None = None) -> int:
    """Writes ``kind``'s letters to ``target`` (a path, or a text stream for csv/json); returns the count.

    Streams: memory stays the same for ten letters or a million (docs/BENCHMARKS.md).
    """
    direction = direction_of(kind)
    export_stream.check_format(fmt)
    names = columns_for(store, direction)
    total = export_stream.count(store, letters.LETTERS, "direction = ?", (direction,)) if progress else 0
    return export_stream.write_table(
        fmt, target, letters_of(store, direction), headers=[header_for(n, direction) for n in names],
        row_of=lambda record: [_cell(n, record.get(n)) for n in names], json_of=json_record,
        sheet=SHEET_TITLE[direction], total=total, progress=progress)


def json_record(record: dict) -> dict:
    coll = collection(letters.LETTERS)
    out = {"id": record["id"], "office_id": record.get("office_id")}
    out.update({name: record.get(name) for name in coll.properties})
    out.update({name: record.get(name) for name in SYSTEM_FIELDS})
    out.update({k: v for k, v in record.items() if k not in out and k not in _JSON_SKIP})  # unknown fields
    return out
