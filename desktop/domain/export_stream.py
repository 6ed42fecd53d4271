"""Writing a register out as CSV, XLSX or JSON one row at a time, in constant memory.

An office may hold a million letters: an export never builds a list of all its records, nor a cell
object per value (openpyxl's write-only mode streams the sheet). Records come from a server-side
cursor on a connection of their own with a small page cache (``desktop.store.db.scanning``), so
reading the whole table costs a few MB, not the 256 MB a search connection may keep.

A file is written to a temporary name and moved into place, so a failed or cancelled export never
leaves half a file behind. ``progress(done, total)`` is called every few hundred rows; it may raise
``ExportCancelled`` to stop. No Qt here (domain layer).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from itertools import chain, islice
from pathlib import Path
from typing import IO, TypeVar

from desktop.store.db import StoreError, scanning
from desktop.store.records import Store, decode_row
from sync.schema import collection

from .importing import FORMULA_START

T = TypeVar("T")
Progress = Callable[[int, int], None]  # (rows written, rows in all)

FORMATS = ("csv", "xlsx", "json")
CSV_DELIMITER = ";"  # the list separator of Excel under Indonesian regional settings (docs/IMPORT.md)
PROGRESS_EVERY = 500  # rows between progress calls
WIDTH_SAMPLE = 1000  # XLSX column widths are fixed before the rows stream: measured on the first rows


class ExportCancelled(StoreError):
    def __init__(self):
        super().__init__("Ekspor dibatalkan; tidak ada berkas yang ditulis.",
                         "Export cancelled; no file was written.")


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise StoreError(f"Format ekspor tidak dikenal: {fmt}. Pilih csv, xlsx atau json.",
                         f"Unknown export format: {fmt}. Choose csv, xlsx or json.")


def scan(store: Store, collection_name: str, where: str = "1", params: tuple | list = (), *,
         order_by: str = "rowid") -> Iterator[dict]:
    """The live records of a collection, decoded one at a time from a cursor (never a list of them all)."""
    coll = collection(collection_name)
    sql = f"SELECT * FROM [{coll.name}] WHERE deleted = 0 AND ({where}) ORDER BY {order_by}"
    with scanning(store.path) as conn:
        for row in conn.execute(sql, params):
            yield decode_row(coll, row)


def count(store: Store, collection_name: str, where: str = "1", params: tuple | list = ()) -> int:
    coll = collection(collection_name)
    sql = f"SELECT count(*) FROM [{coll.name}] WHERE deleted = 0 AND ({where})"
    with scanning(store.path) as conn:
        return conn.execute(sql, params).fetchone()[0]


def write_table(fmt: str, target: Path | str | IO[str], items: Iterable[T], *, headers: list[str],
                row_of: Callable[[T], list], json_of: Callable[[T], dict], sheet: str, total: int = 0,
                progress: Progress | None = None, max_width: int = 60, bom: bool = True) -> int:
    """Writes ``items`` to ``target`` (a path, or a text stream for csv/json); returns the number written.

    ``row_of`` gives an item's cells as typed values (dates as ``date``: real dates in XLSX, ISO text in
    CSV); ``json_of`` its JSON object.
    """
    check_format(fmt)
    counter = _Counter(total, progress)
    if fmt == "xlsx":
        if not isinstance(target, str | Path):
            raise StoreError("Format xlsx harus ditulis ke berkas.", "xlsx must be written to a file.")
        write_file(Path(target), lambda fh: _write_xlsx(fh, headers, map(row_of, counter.counted(items)), sheet,
                                                         max_width), binary=True)
        return counter.done
    if fmt == "csv":
        def write(fh: IO[str]) -> None:
            _write_csv(fh, headers, map(row_of, counter.counted(items)))
    else:
        def write(fh: IO[str]) -> None:
            _write_json(fh, map(json_of, counter.counted(items)))
    if isinstance(target, str | Path):
        # The BOM lets Excel on Windows see UTF-8 (without it, "é" shows as "Ã©").
        write_file(Path(target), write, encoding="utf-8-sig" if fmt == "csv" and bom else "utf-8")
    else:
        write_stream(target, write)
    return counter.done


class _Counter:
    def __init__(self, total: int, progress: Progress | None):
        self.total = total
        self.progress = progress
        self.done = 0

    def counted(self, items: Iterable[T]) -> Iterator[T]:
        for item in items:
            yield item
            self.done += 1
            if self.progress is not None and self.done % PROGRESS_EVERY == 0:
                self.progress(self.done, max(self.total, self.done))
        if self.progress is not None:
            self.progress(self.done, max(self.total, self.done))


def csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, dt.date):
        return value.isoformat()  # every Excel reads 2026-11-27 the same way, whatever its regional settings
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_START) else text


def _write_csv(fh: IO[str], headers: list[str], rows: Iterable[list]) -> None:
    out = csv.writer(fh, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    out.writerow(headers)
    for row in rows:
        out.writerow([csv_text(v) for v in row])


def _write_json(fh: IO[str], records: Iterable[dict]) -> None:
    """The same text as ``json.dump(list, indent=2)``, one record at a time."""
    first = True
    for record in records:
        text = json.dumps(record, ensure_ascii=False, indent=2, default=_json_default)
        fh.write(("[\n  " if first else ",\n  ") + text.replace("\n", "\n  "))
        first = False
    fh.write("[]\n" if first else "\n]\n")


def _json_default(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _text_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, dt.date):
        return 10
    return len(str(value))


def _write_xlsx(fh: IO[bytes], headers: list[str], rows: Iterable[list], sheet: str, max_width: int) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE))  # widths must be set before the first row is written
    for col, header in enumerate(headers, start=1):
        longest = max([len(header)] + [_text_width(row[col - 1]) for row in sample])
        ws.column_dimensions[get_column_letter(col)].width = min(max(longest + 2, 8), max_width)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def header_cell(text: str):
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        return cell

    def cell_of(value):
        if isinstance(value, str):
            if value.startswith("=") or "\n" in value:
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"  # text starting with "=" stays text, never a formula
                if "\n" in value:
                    cell.alignment = wrap
                return cell
            return value
        if isinstance(value, dt.date):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = "DD/MM/YYYY"
            return cell
        return value

    written = 0
    try:
        ws.append([header_cell(h) for h in headers])
        for row in chain(sample, rows):
            ws.append([cell_of(v) for v in row])
            written += 1
        if headers:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{written + 1}"
        wb.save(fh)
    except BaseException:
        _discard_sheet(ws)
        raise


def _discard_sheet(ws) -> None:
    """openpyxl streams a write-only sheet through a temporary file: close it and remove it."""
    rows, writer = getattr(ws, "_rows", None), getattr(ws, "_writer", None)
    with suppress(Exception):
        if rows is not None:
            rows.close()
        if writer is not None:
            writer.close()
    if writer is not None and os.path.exists(writer.out):
        with suppress(Exception):
            writer.cleanup()


def write_file(path: Path, write, *, binary: bool = False, encoding: str = "utf-8") -> None:
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


def write_stream(stream: IO[str], write) -> None:
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
