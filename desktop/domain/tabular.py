"""Reading a spreadsheet-like file (CSV or XLSX) into a header and numbered rows.

Offices keep their agenda books in Excel, often with a title above the table and merged header
cells ("Surat" over "Nomor | Tanggal"), and save CSV in whatever encoding and list separator their
Windows gives them. This module finds the table in such a file; what the columns *mean* is the
caller's business (``recognize`` scores a candidate header), so the same reader serves any register.

Nothing here writes anything. A file that cannot be read raises ``StoreError`` with a message the
clerk can act on.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.store.db import StoreError

HEADER_SCAN_ROWS = 15  # the header row must start within the first rows of a sheet
MIN_RECOGNIZED = 2  # a row is a header when at least this many columns are recognized
DELIMITERS = (";", ",", "\t")
MAX_BYTES = 64 * 1024 * 1024  # an agenda book is a few MB at most; refuse anything absurd

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003), also .doc


@dataclass(frozen=True)
class Column:
    """One column of the table: where it is, and the names its header may be read as."""

    index: int
    label: str  # as the clerk sees it, e.g. "Surat / Nomor"; "" when the column has no header
    candidates: tuple[str, ...]  # names to try, best first (a two-row header gives several)


@dataclass
class Table:
    columns: list[Column]
    rows: list[tuple[int, list]]  # (row number as the clerk sees it in Excel, cell values)
    header_row: int  # the (last) header row's number
    sheet: str | None = None  # XLSX: the sheet the table was read from
    other_sheets: list[str] = field(default_factory=list)  # XLSX: sheets that also look like a table
    encoding: str | None = None  # CSV: the encoding used
    delimiter: str | None = None  # CSV: the list separator used


# A recognizer gets the candidate names of every column of a possible header and says how many
# distinct fields it recognizes there.
Recognizer = Callable[[Sequence[Column]], int]


def normalize_label(text: object) -> str:
    """A header as a comparison key: case, accents, spaces and punctuation do not matter."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKD", str(text)).casefold()
    return re.sub(r"[^0-9a-z]", "", "".join(c for c in text if not unicodedata.combining(c)))


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_table(path: Path | str, recognize: Recognizer, *, scan_rows: int = HEADER_SCAN_ROWS,
               example: str = "No. Agenda | Tanggal Terima | Asal Surat | Perihal") -> Table:
    """Reads ``path`` (CSV or XLSX, decided by content, not by name) and finds the header row.

    ``example`` is a header the clerk is shown when none is found.
    """
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise StoreError(f"Berkas tidak ditemukan: {path}", f"File not found: {path}") from None
    except IsADirectoryError:
        raise StoreError(f"{path} adalah folder, bukan berkas.", f"{path} is a folder, not a file.") from None
    except OSError as exc:
        raise StoreError(f"Berkas {path} tidak bisa dibuka: {exc.strerror or exc}",
                         f"Cannot open {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise StoreError(f"Berkas {path.name} terlalu besar (lebih dari {MAX_BYTES // 2**20} MB).",
                         f"{path.name} is too large (more than {MAX_BYTES // 2**20} MB).")
    if not data.strip():
        raise StoreError(f"Berkas {path.name} kosong.", f"{path.name} is empty.")
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(path, data, recognize, scan_rows, example)
    if data.startswith(_OLE_MAGIC):
        raise StoreError(
            f"{path.name} berformat Excel 97-2003 (.xls) yang tidak didukung. "
            "Buka di Excel lalu Simpan Sebagai \"Buku Kerja Excel (.xlsx)\" atau CSV.",
            f"{path.name} is an Excel 97-2003 (.xls) file, which is not supported. "
            "Open it in Excel and Save As \"Excel Workbook (.xlsx)\" or CSV.")
    return _read_csv(path, data, recognize, scan_rows, example)


# -- header detection ---------------------------------------------------------------------------

def _text(value: object) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _single_header(cells: Sequence) -> list[Column]:
    cols = []
    for i, value in enumerate(cells):
        label = _text(value)
        cols.append(Column(i, label, (label,) if label else ()))
    return cols


def _two_row_header(top: Sequence, bottom: Sequence) -> list[Column]:
    """Combines a group header row and the row below it.

    A merged cell keeps its value in its top-left cell only, so "Surat" merged over "Nomor" and
    "Tanggal" reads as ``["Surat", None]`` over ``["Nomor", "Tanggal"]``: the group name is carried
    right over the columns that have a sub-header, as long as the group's own first column has one.
    A header merged downwards ("No. Agenda" over two rows) has nothing below it and stays as it is.
    """
    width = max(len(top), len(bottom))
    top = [_text(v) for v in top] + [""] * (width - len(top))
    bottom = [_text(v) for v in bottom] + [""] * (width - len(bottom))
    cols = []
    group = ""
    for i in range(width):
        upper, lower = top[i], bottom[i]
        if upper:
            group = upper if lower else ""
        parent = upper or (group if lower else "")
        if parent and lower:
            label = f"{parent} / {lower}"
            candidates = (f"{lower} {parent}", f"{parent} {lower}", lower, parent)
        else:
            label = parent or lower
            candidates = (label,) if label else ()
        cols.append(Column(i, label, candidates))
    return cols


def find_header(rows: Sequence[tuple[int, Sequence]], recognize: Recognizer,
                scan_rows: int = HEADER_SCAN_ROWS) -> tuple[int, list[Column], int] | None:
    """(index into ``rows`` of the first data row, the columns, the header's row number) or None.

    The header is the row (or pair of rows) among the first ``scan_rows`` where the most columns
    are recognized; a single row wins a tie, then the earlier one.
    """
    best = None
    head = list(rows[: scan_rows + 1])
    for i, (_number, cells) in enumerate(head[:scan_rows]):
        if all(is_blank(c) for c in cells):
            continue
        options = [(1, _single_header(cells))]
        if i + 1 < len(head):
            options.append((2, _two_row_header(cells, head[i + 1][1])))
        for span, cols in options:
            score = recognize(cols)
            key = (score, -span, -i)
            if score >= MIN_RECOGNIZED and (best is None or key > best[0]):
                best = (key, i + span, cols, head[i + span - 1][0])
    if best is None:
        return None
    _, data_start, cols, header_row = best
    return data_start, cols, header_row


def _is_column_number_row(cells: Sequence) -> bool:
    """The "1 | 2 | 3 | …" row government tables put under the header."""
    values = [c for c in cells if not is_blank(c)]
    if len(values) < 3:
        return False
    try:
        numbers = [int(str(v).strip().strip("()")) if not isinstance(v, int | float) else v for v in values]
    except ValueError:
        return False
    return numbers == list(range(1, len(numbers) + 1))


def _build_table(rows: list[tuple[int, list]], recognize: Recognizer, scan_rows: int, **info) -> Table | None:
    found = find_header(rows, recognize, scan_rows)
    if found is None:
        return None
    data_start, cols, header_row = found
    data = rows[data_start:]
    if data and _is_column_number_row(data[0][1]):
        data = data[1:]
    return Table(columns=cols, rows=data, header_row=header_row, **info)


def _no_header(path: Path, example: str, scan_rows: int, extra_id: str = "", extra_en: str = "") -> StoreError:
    return StoreError(
        f"Baris judul kolom tidak ditemukan di {path.name}{extra_id}. Pastikan ada baris judul seperti "
        f"\"{example}\" dalam {scan_rows} baris pertama (lihat docs/IMPORT.md).",
        f"No header row found in {path.name}{extra_en}. Make sure a header row such as "
        f"\"{example}\" is within the first {scan_rows} rows (see docs/IMPORT.md).")


# -- CSV ----------------------------------------------------------------------------------------

def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without BOM) when it decodes strictly, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"  # Excel's "Unicode Text" (tab-separated)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined; a file with them is not cp1252 text, but reading them as
    # Latin-1 keeps every other character right and lets the clerk see which cell is odd.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_binary(text: str) -> bool:
    """A NUL character: a binary file (a PDF, a Word document) that text decoding let through."""
    return "\x00" in text


def _parse_csv(text: str, delimiter: str) -> list[tuple[int, list]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(number, row) for number, row in enumerate(reader, start=1)]


def _read_csv(path: Path, data: bytes, recognize: Recognizer, scan_rows: int, example: str) -> Table:
    text, encoding = decode_text(data)
    if _looks_binary(text):
        raise StoreError(
            f"{path.name} bukan berkas CSV atau XLSX yang bisa dibaca.",
            f"{path.name} is not a readable CSV or XLSX file.")
    best = None
    for delimiter in DELIMITERS:
        try:
            rows = _parse_csv(text, delimiter)
        except csv.Error as exc:
            raise StoreError(f"Berkas CSV {path.name} rusak: {exc}",
                             f"The CSV file {path.name} is malformed: {exc}") from None
        found = find_header(rows, recognize, scan_rows)
        if found is None:
            continue
        score = recognize(found[1])
        if best is None or score > best[0]:
            best = (score, delimiter, rows)
    if best is None:
        raise _no_header(path, example, scan_rows)
    _, delimiter, rows = best
    table = _build_table(rows, recognize, scan_rows, encoding=encoding, delimiter=delimiter)
    assert table is not None
    return table


# -- XLSX ---------------------------------------------------------------------------------------

def _xlsx_sheets(data: bytes) -> list[tuple[str, list[tuple[int, list]]]]:
    """Every worksheet's rows (the active one first), read by openpyxl in read-only mode."""
    import openpyxl

    with warnings.catch_warnings():
        # openpyxl warns about styles/extensions it does not read; none of them matter here.
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            active = workbook.active
            ordered = [active] + [ws for ws in workbook.worksheets if ws is not active]
            out = []
            for ws in ordered:
                if ws is None or not hasattr(ws, "iter_rows"):
                    continue  # a chartsheet
                ws.reset_dimensions()  # some writers record a wrong size; read what is there
                rows = [(n, list(cells)) for n, cells in enumerate(ws.iter_rows(min_row=1, values_only=True), 1)]
                out.append((ws.title, rows))
            return out
        finally:
            workbook.close()


def _read_xlsx(path: Path, data: bytes, recognize: Recognizer, scan_rows: int, example: str) -> Table:
    if data[30:38] == b"mimetype" and b"opendocument" in data[38:120]:
        raise StoreError(
            f"{path.name} berformat OpenDocument (.ods) yang tidak didukung. Simpan sebagai .xlsx atau CSV.",
            f"{path.name} is an OpenDocument (.ods) file, which is not supported. Save it as .xlsx or CSV.")
    try:
        sheets = _xlsx_sheets(data)
    except Exception as exc:  # openpyxl reports a damaged file in many shapes
        raise StoreError(
            f"Berkas {path.name} rusak atau bukan buku kerja Excel (.xlsx) yang sah.",
            f"{path.name} is damaged or not a valid Excel workbook (.xlsx).") from exc
    tables = [t for title, rows in sheets
              if (t := _build_table(rows, recognize, scan_rows, sheet=title)) is not None]
    if not tables:
        raise _no_header(path, example, scan_rows, " (semua lembar kerja sudah diperiksa)",
                         " (all sheets were checked)")
    first = tables[0]
    first.other_sheets = [t.sheet for t in tables[1:] if t.sheet]
    return first
