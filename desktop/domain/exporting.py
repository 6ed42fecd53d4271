"""Exporting the letters register as CSV, XLSX or JSON.

CSV and XLSX use the agenda book's own column names (the importer reads them back, so an export
imported into a fresh office gives the same letters); JSON is a list of records with field names,
for scripts. A file is written to a temporary name and moved into place, so a failed export never
leaves half a file behind. Format decisions are explained in docs/IMPORT.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import IO

from desktop.store.db import StoreError
from desktop.store.records import Store
from sync.schema import SYSTEM_FIELDS, collection

from . import letters
from .importing import FORMULA_START, direction_of

FORMATS = ("csv", "xlsx", "json")
CSV_DELIMITER = ";"  # the list separator of Excel under Indonesian regional settings (docs/IMPORT.md)
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


def letters_of(store: Store, direction: str) -> list[dict]:
    return store.find(letters.LETTERS, "direction = ?", (direction,), order_by="year, seq, rowid")


def columns_for(direction: str, records: list[dict]) -> list[str]:
    return [name for name, optional in COLUMNS[direction]
            if not optional or any(r.get(name) not in (None, "") for r in records)]


def _cell(name: str, value, *, for_xlsx: bool):
    if value is None:
        return None
    if name == "sifat":
        return letters.SIFAT_LABELS.get(value, (value,))[0]
    if name in DATE_FIELDS and for_xlsx and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def export(store: Store, kind: str, fmt: str, target: Path | str | IO[str]) -> int:
    """Writes ``kind``'s letters to ``target`` (a path, or a text stream for csv/json); returns the count."""
    direction = direction_of(kind)
    if fmt not in FORMATS:
        raise StoreError(f"Format ekspor tidak dikenal: {fmt}. Pilih csv, xlsx atau json.",
                         f"Unknown export format: {fmt}. Choose csv, xlsx or json.")
    records = letters_of(store, direction)
    if fmt == "xlsx":
        if not isinstance(target, str | Path):
            raise StoreError("Format xlsx harus ditulis ke berkas.", "xlsx must be written to a file.")
        _write_file(Path(target), lambda fh: _write_xlsx(fh, direction, records), binary=True)
    else:
        writer = _write_csv if fmt == "csv" else _write_json

        def write(fh: IO[str]) -> None:
            writer(fh, direction, records)

        if isinstance(target, str | Path):
            # The BOM lets Excel on Windows see UTF-8 (without it, "é" shows as "Ã©").
            _write_file(Path(target), write, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
        else:
            _write_stream(target, write)
    return len(records)


def _write_csv(fh: IO[str], direction: str, records: list[dict]) -> None:
    names = columns_for(direction, records)
    out = csv.writer(fh, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    out.writerow([header_for(n, direction) for n in names])
    for record in records:
        out.writerow([_csv_text(_cell(n, record.get(n), for_xlsx=False)) for n in names])


def _csv_text(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_START) else text


def json_record(record: dict) -> dict:
    coll = collection(letters.LETTERS)
    out = {"id": record["id"], "office_id": record.get("office_id")}
    out.update({name: record.get(name) for name in coll.properties})
    out.update({name: record.get(name) for name in SYSTEM_FIELDS})
    out.update({k: v for k, v in record.items() if k not in out and k not in _JSON_SKIP})  # unknown fields
    return out


def _write_json(fh: IO[str], direction: str, records: list[dict]) -> None:
    json.dump([json_record(r) for r in records], fh, ensure_ascii=False, indent=2)
    fh.write("\n")


def _write_xlsx(fh: IO[bytes], direction: str, records: list[dict]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    names = columns_for(direction, records)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE[direction]
    widths = []
    bold = Font(bold=True)
    for col, name in enumerate(names, start=1):
        header = header_for(name, direction)
        cell = ws.cell(row=1, column=col, value=header)
        cell.font = bold
        widths.append(len(header))
    for row, record in enumerate(records, start=2):
        for col, name in enumerate(names, start=1):
            value = _cell(name, record.get(name), for_xlsx=True)
            cell = ws.cell(row=row, column=col, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text starting with "=" stays text, never a formula
                longest = max((len(line) for line in value.splitlines()), default=0)
            elif isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
                longest = 10
            else:
                longest = len(str(value)) if value is not None else 0
            widths[col - 1] = max(widths[col - 1], longest)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "A2"
    if names:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(names))}{max(1, len(records) + 1)}"
    wb.save(fh)


def _write_file(path: Path, write, *, binary: bool = False, encoding: str = "utf-8") -> None:
    """Writes through a temporary file in the same folder, then moves it over ``path``."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if binary:
            with open(tmp, "wb") as fh:
                write(fh)
        else:
            with open(tmp, "w", encoding=encoding, newline="") as fh:
                write(fh)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, PermissionError):
            raise StoreError(
                f"Tidak bisa menulis {path}: akses ditolak. Jika berkas sedang terbuka di Excel, tutup dulu.",
                f"Cannot write {path}: permission denied. If the file is open in Excel, close it first.") from None
        if isinstance(exc, FileNotFoundError):
            raise StoreError(f"Folder tujuan tidak ada: {path.parent}",
                             f"The target folder does not exist: {path.parent}") from None
        raise StoreError(f"Tidak bisa menulis {path}: {exc.strerror or exc}",
                         f"Cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_stream(stream: IO[str], write) -> None:
    """Writes UTF-8 to a console/pipe whatever its own encoding (a Windows console may be cp1252)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        write(stream)
        return
    stream.flush()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        write(wrapper)
        wrapper.flush()
    finally:
        wrapper.detach()

