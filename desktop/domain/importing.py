"""Importing an office's agenda book (CSV or XLSX) into the letters register.

All rows are imported in one transaction, each row inside its own SAVEPOINT: a bad row is rolled
back alone and reported with its row number, field and message. By default one bad row means
nothing is imported (the whole transaction is rolled back, every row error reported); with
``partial=True`` the good rows are kept. A file that cannot be read raises ``StoreError`` and
changes nothing (DESIGN.md, invariant 7). Accepted column names: docs/IMPORT.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.store.db import StoreError
from desktop.store.records import Store, ValidationError, WriteTx
from sync.schema import collection

from . import dates, letters, tabular
from .tabular import Column, is_blank, normalize_label

KINDS = {"surat-masuk": "masuk", "surat-keluar": "keluar"}

# Column names as offices write them in their Excel agenda books. Comparison ignores case, spaces,
# punctuation and accents ("No. Agenda" = "no agenda" = "NO AGENDA"). Names in WEAK_NAMES are used
# only when no column with a name from FIELD_NAMES claims the same field.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "seq": ("Nomor Agenda", "No. Agenda", "Nomor Urut", "No. Urut", "No. Agenda/Urut", "Nomor Agenda/Urut", "Agenda"),
    "year": ("Tahun", "Thn"),
    "tanggal_terima": ("Tanggal Terima", "Tgl Terima", "Tanggal Diterima", "Tgl Diterima",
                       "Tanggal Penerimaan", "Tanggal Agenda", "Tgl Agenda"),
    "nomor_surat": ("Nomor Surat", "No. Surat"),
    "tanggal_surat": ("Tanggal Surat", "Tgl Surat"),
    "asal": ("Asal Surat", "Asal", "Pengirim", "Asal Surat/Pengirim", "Pengirim Surat", "Dari", "Instansi Pengirim"),
    "tujuan": ("Tujuan", "Tujuan Surat", "Kepada", "Kepada Yth"),
    "perihal": ("Perihal", "Hal", "Isi Ringkas", "Perihal/Isi Ringkas", "Isi Ringkas/Perihal", "Ringkasan Isi"),
    "sifat": ("Sifat", "Sifat Surat"),
    "klasifikasi": ("Kode Klasifikasi", "Klasifikasi", "Kode", "Kode Surat", "Kode Klasifikasi Arsip"),
    "lampiran": ("Lampiran", "Jml Lampiran", "Jumlah Lampiran"),
    "diteruskan_kepada": ("Diteruskan Kepada", "Diteruskan"),
    "penandatangan": ("Penandatangan", "Ditandatangani Oleh", "Yang Menandatangani"),
    "keterangan": ("Keterangan", "Ket"),
}
WEAK_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "masuk": {"seq": ("No",), "tanggal_terima": ("Tanggal", "Tgl")},
    "keluar": {"seq": ("No",), "tanggal_surat": ("Tanggal", "Tgl")},
}
EXAMPLE_HEADER = {
    "masuk": "No. Agenda | Tanggal Terima | Nomor Surat | Asal Surat | Perihal",
    "keluar": "No. Urut | Tanggal Surat | Nomor Surat | Tujuan | Perihal",
}
REQUIRED_COLUMNS = {
    "masuk": ("tanggal_terima", "asal", "perihal"),
    "keluar": ("tanggal_surat", "tujuan", "perihal"),
}
DATE_FIELDS = ("tanggal_terima", "tanggal_surat")

SIFAT_ALIASES = {
    "biasa": "biasa", "penting": "penting", "segera": "segera", "sangat_segera": "sangat_segera",
    "sgt_segera": "sangat_segera", "amat_segera": "sangat_segera", "kilat": "sangat_segera",
    "sangat_segera_kilat": "sangat_segera", "rahasia": "rahasia",
    "routine": "biasa", "ordinary": "biasa", "important": "penting", "urgent": "segera",
    "very_urgent": "sangat_segera", "confidential": "rahasia",
}
_NUMBER_WORDS = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
                 "delapan": 8, "sembilan": 9, "sepuluh": 10}
# Text a spreadsheet would run as a formula. The CSV export puts an apostrophe before such text (the
# usual guard against formula injection); the importer takes it off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NOTHING = {"-", "--", "---", "–", "—", "nihil", "tidak ada", "tdk ada", "kosong", "tanpa lampiran", "none"}


@dataclass(frozen=True)
class RowError:
    row: int  # the row number as the clerk sees it in the file (Excel's row number)
    field: str | None
    message: str  # Indonesian
    message_en: str


@dataclass
class ImportResult:
    total: int  # data rows in the file (entirely empty rows are not counted)
    imported: int
    errors: list[RowError]
    # Things worth knowing that stopped nothing: an ignored column, a sheet that was not read.
    warnings: list[RowError] = field(default_factory=list)
    sheet: str | None = None


class CellError(Exception):
    def __init__(self, message: str, message_en: str):
        super().__init__(message)
        self.message = message
        self.message_en = message_en


# -- headers ------------------------------------------------------------------------------------

class HeaderSpec:
    """Which field a column header names, for one direction (masuk/keluar)."""

    def __init__(self, direction: str):
        self.direction = direction
        coll = collection(letters.LETTERS)
        self.names: dict[str, tuple[str, int]] = {}  # normalized name -> (field, rank; lower is stronger)
        for name_field, names in FIELD_NAMES.items():
            spec = coll.properties.get(name_field, {})
            extra = (name_field, *spec.get("x-label", {}).values())  # field name and schema labels
            for name in (*names, *extra):
                self.names.setdefault(normalize_label(name), (name_field, 0))
        for name_field, names in WEAK_NAMES[direction].items():
            for name in names:
                self.names.setdefault(normalize_label(name), (name_field, 1))

    def resolve(self, column: Column) -> tuple[str, int] | None:
        for candidate in column.candidates:
            hit = self.names.get(normalize_label(candidate))
            if hit is not None:
                return hit
        return None

    def score(self, columns: Sequence[Column]) -> int:
        return len({hit[0] for c in columns if (hit := self.resolve(c)) is not None})

    def assign(self, columns: Sequence[Column]) -> tuple[dict[int, tuple[str, str]], list[tuple[str, str]]]:
        """({column index: (field, label)}, warnings as (Indonesian, English))."""
        claims: dict[str, list[tuple[int, Column]]] = {}
        notes: list[tuple[int, str, str]] = []
        for column in columns:
            if not column.label:
                continue
            hit = self.resolve(column)
            if hit is None:
                notes.append((column.index,
                               f"Kolom \"{column.label}\" tidak dikenal dan diabaikan.",
                               f"Column \"{column.label}\" is not recognised and was ignored."))
                continue
            claims.setdefault(hit[0], []).append((hit[1], column))
        mapping: dict[int, tuple[str, str]] = {}
        for name_field, claimants in claims.items():
            claimants.sort(key=lambda rc: (rc[0], rc[1].index))
            chosen = claimants[0][1]
            mapping[chosen.index] = (name_field, chosen.label)
            for _, other in claimants[1:]:
                notes.append((other.index,
                              f"Kolom \"{other.label}\" diabaikan: kolom \"{chosen.label}\" sudah berisi "
                              "data yang sama.",
                              f"Column \"{other.label}\" was ignored: column \"{chosen.label}\" already gives "
                              "the same data."))
        notes.sort(key=lambda n: n[0])
        return dict(sorted(mapping.items())), [(n[1], n[2]) for n in notes]


def _label(name: str, lang: str) -> str:
    return collection(letters.LETTERS).label(name, lang)


# -- cell values --------------------------------------------------------------------------------

def _shown(value: object, limit: int = 40) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_date(value: object) -> dt.date:
    """A date as offices write it; day first (27/11/2026), never month first. Raises CellError."""
    try:
        return dates.parse_date(value)
    except dates.DateError as exc:
        # The reason when the text names a day that cannot be (31/02); else how to write one.
        reason_id = exc.message if exc.recognised else dates.EXAMPLES[0]
        reason_en = exc.message_en if exc.recognised else dates.EXAMPLES[1]
        raise CellError(f"tanggal \"{_shown(value)}\" tidak dikenali. {reason_id}",
                        f"date \"{_shown(value)}\" is not recognised. {reason_en}") from None


def _int_error(value: object) -> CellError:
    return CellError(f"\"{_shown(value)}\" bukan bilangan bulat.", f"\"{_shown(value)}\" is not a whole number.")


def parse_int(value: object) -> int:
    if isinstance(value, bool):
        raise _int_error(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _int_error(value)
    text = str(value).strip()
    if m := re.fullmatch(r"([0-9]{1,9})(?:[.,]0+)?\.?", text):
        return int(m[1])
    raise _int_error(value)


def parse_lampiran(value: object) -> int:
    """``2``, ``2 lembar``, ``2 (dua) berkas``, ``dua lembar`` → 2; ``-``, ``nihil`` → 0."""
    if not isinstance(value, str):
        return parse_int(value)
    text = " ".join(value.split()).casefold()
    if text in _NOTHING:
        return 0
    m = re.fullmatch(r"([0-9]{1,9})\s*(?:\(\s*[a-z ]+\s*\))?\s*([a-z][a-z. ]*)?", text)
    if m:
        return int(m[1])
    m = re.fullmatch(r"([a-z]+)\s*([a-z][a-z. ]*)?", text)
    if m and m[1] in _NUMBER_WORDS:
        return _NUMBER_WORDS[m[1]]
    raise CellError(f"\"{_shown(value)}\" bukan jumlah lampiran (contoh: 2 atau \"2 lembar\").",
                    f"\"{_shown(value)}\" is not a number of attachments (e.g. 2 or \"2 lembar\").")


def parse_sifat(value: object) -> str:
    """``Sangat Segera``, ``sangat-segera``, ``SEGERA`` … → the stored code (sangat_segera, segera …)."""
    key = re.sub(r"[^a-z]+", "_", str(value).casefold()).strip("_")
    if key in SIFAT_ALIASES:
        return SIFAT_ALIASES[key]
    allowed = ", ".join(letters.SIFAT_LABELS[s][0] for s in letters.SIFAT)
    raise CellError(f"\"{_shown(value)}\" tidak dikenal; pilih salah satu: {allowed}.",
                    f"\"{_shown(value)}\" is not known; choose one of: {allowed}.")


def parse_text(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        # Excel turns "01/12/2026" typed into a text column into a date; give back what was shown.
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        text = text[1:]
    return text.strip()


def convert(name: str, value: object) -> object:
    """A cell value as the field's stored value. Raises CellError."""
    if name in DATE_FIELDS:
        return parse_date(value).isoformat()
    if name == "seq":
        number = parse_int(value)
        if number < 1:
            raise CellError("nomor harus 1 atau lebih.", "the number must be 1 or more.")
        return number
    if name == "year":
        return parse_int(value)
    if name == "lampiran":
        return parse_lampiran(value)
    if name == "sifat":
        return parse_sifat(value)
    if name == "klasifikasi":
        return re.sub(r"\s+", "", parse_text(value))
    return parse_text(value)


def _is_empty(name: str, value: object) -> bool:
    """An empty cell; a lone dash means "none" too, except for Lampiran where it means 0."""
    if is_blank(value):
        return True
    return name != "lampiran" and isinstance(value, str) and value.strip() in ("-", "--", "–", "—")


# -- the import ---------------------------------------------------------------------------------

class _RollBack(Exception):
    """Raised inside the transaction to undo an all-or-nothing import that had row errors."""


def direction_of(kind: str) -> str:
    try:
        return KINDS[kind]
    except KeyError:
        raise StoreError(f"Jenis impor tidak dikenal: {kind}. Pilih surat-masuk atau surat-keluar.",
                         f"Unknown import kind: {kind}. Choose surat-masuk or surat-keluar.") from None


def accepted_names(name: str, direction: str) -> list[str]:
    return [*FIELD_NAMES.get(name, ()), *WEAK_NAMES[direction].get(name, ())]


def import_file(store: Store, kind: str, path: Path | str, *, partial: bool, actor: str) -> ImportResult:
    """Imports the letters in ``path`` (CSV or XLSX). See the module docstring for the rules."""
    direction = direction_of(kind)
    spec = HeaderSpec(direction)
    table = tabular.read_table(path, spec.score, example=EXAMPLE_HEADER[direction])
    mapping, notes = spec.assign(table.columns)
    missing = [n for n in REQUIRED_COLUMNS[direction] if n not in {f for f, _ in mapping.values()}]
    if missing:
        raise StoreError(
            f"Kolom wajib tidak ditemukan di {Path(path).name}: "
            + "; ".join(f"{_label(n, 'id')} (mis. {', '.join(accepted_names(n, direction)[:3])})" for n in missing)
            + ". Kolom yang terbaca: " + ", ".join(c.label for c in table.columns if c.label) + ".",
            f"Required columns not found in {Path(path).name}: "
            + "; ".join(f"{_label(n, 'en')} (e.g. {', '.join(accepted_names(n, direction)[:3])})" for n in missing)
            + ". Columns read: " + ", ".join(c.label for c in table.columns if c.label) + ".")

    result = ImportResult(total=0, imported=0, errors=[], sheet=table.sheet)
    header_row = table.header_row
    for message, message_en in notes:
        result.warnings.append(RowError(header_row, None, message, message_en))
    if table.other_sheets:
        others = ", ".join(f"\"{s}\"" for s in table.other_sheets)
        result.warnings.append(RowError(
            header_row, None,
            f"Hanya lembar \"{table.sheet}\" yang diimpor; lembar {others} tidak diimpor.",
            f"Only sheet \"{table.sheet}\" was imported; sheet(s) {others} were not."))
    labelled = {c.index for c in table.columns if c.label}
    unlabelled_with_data: set[int] = set()

    try:
        with store.transaction() as tx:
            for number, cells in table.rows:
                if all(is_blank(c) for c in cells):
                    continue
                result.total += 1
                unlabelled_with_data.update(i for i, c in enumerate(cells) if i not in labelled and not is_blank(c))
                errors = _import_row(tx, direction, number, cells, mapping, actor)
                if errors:
                    result.errors.extend(errors)
                else:
                    result.imported += 1
            if result.errors and not partial:
                raise _RollBack
    except _RollBack:
        result.imported = 0
    for index in sorted(unlabelled_with_data):
        result.warnings.append(RowError(
            header_row, None,
            f"Kolom ke-{index + 1} tidak berjudul; isinya diabaikan.",
            f"Column {index + 1} has no header; its contents were ignored."))
    return result


def _import_row(tx: WriteTx, direction: str, number: int, cells: Sequence, mapping: dict[int, tuple[str, str]],
                actor: str) -> list[RowError]:
    """Registers one row inside a savepoint; returns its errors (and then nothing of it stays)."""
    fields: dict[str, object] = {}
    errors: list[RowError] = []
    for index, (name, label) in mapping.items():
        value = cells[index] if index < len(cells) else None
        if _is_empty(name, value):
            continue
        try:
            fields[name] = convert(name, value)
        except CellError as exc:
            errors.append(RowError(number, name, f"{label}: {exc.message}", f"{label}: {exc.message_en}"))
    bad = {e.field for e in errors}
    if "sifat" not in fields and "sifat" not in bad:
        fields["sifat"] = "biasa"

    mark = len(tx.changes.changes)
    tx.execute("SAVEPOINT layan_import_row")
    try:
        letters.register(tx, direction, fields, actor=actor, source="import")
    except ValidationError as exc:
        errors.extend(RowError(number, e.field or None, e.message, e.message_en)
                      for e in exc.errors if e.field not in bad)
    except StoreError as exc:  # e.g. the device's block of numbers is used up
        errors.append(RowError(number, None, exc.message, exc.message_en))
    if errors:
        tx.execute("ROLLBACK TO layan_import_row")
        del tx.changes.changes[mark:]
    tx.execute("RELEASE layan_import_row")
    return errors
