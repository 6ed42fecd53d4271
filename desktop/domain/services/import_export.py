"""Service requests in and out of files (CSV/XLSX/JSON)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from desktop.store.db import StoreError
from desktop.store.records import Store, ValidationError, WriteTx
from sync.schema import collection

from .catalogue import Service, ServiceField, catalog
from .common import (
    AGAMA,
    APPLICANT_FIELDS,
    HUBUNGAN,
    JENIS_KELAMIN,
    SERVICE_REQUESTS,
    STATUS_KAWIN,
    STATUS_LABELS,
    _label_of,
)
from .intake import create_request

# --- import and export (CSV/XLSX/JSON) ----------------------------------------------------------------
#
# Files are read with the letters' tabular reader (header found wherever it is, CSV in any Windows
# encoding, XLSX), so the same office spreadsheets work. Import is for intake lists (the centre's
# online forms, a spreadsheet kept before Layan): every row becomes a new request in status
# "diterima", with its own first event; a row that claims another status is refused, because a
# completed request needs its certificate numbered here. All rows go in one transaction with a
# savepoint per row; by default one bad row imports nothing (``partial=True`` keeps the good rows).

IMPORT_ALIASES: dict[str, tuple[str, ...]] = {
    "tracking_code": ("Kode Lacak", "Kode", "No. Registrasi", "Nomor Registrasi", "Kode Permohonan"),
    "tanggal": ("Tanggal Permohonan", "Tanggal", "Tgl", "Tanggal Masuk", "Tgl Permohonan"),
    "service_type": ("Jenis Layanan", "Layanan", "Kode Layanan", "Jenis Surat", "Jenis Permohonan"),
    "status": ("Status",),
    "nik": ("NIK", "No. NIK", "Nomor Induk Kependudukan", "NIK Pemohon"),
    "nama": ("Nama", "Nama Pemohon", "Nama Lengkap"),
    "no_kk": ("No. KK", "Nomor KK", "No KK", "Nomor Kartu Keluarga"),
    "jenis_kelamin": ("Jenis Kelamin", "JK", "L/P"),
    "tempat_lahir": ("Tempat Lahir",),
    "tanggal_lahir": ("Tanggal Lahir", "Tgl Lahir"),
    "agama": ("Agama",),
    "status_kawin": ("Status Perkawinan", "Status Kawin", "Perkawinan"),
    "pekerjaan": ("Pekerjaan",),
    "kewarganegaraan": ("Kewarganegaraan", "Warga Negara"),
    "alamat": ("Alamat", "Alamat Pemohon"),
    "rt": ("RT",),
    "rw": ("RW",),
    "kampung": ("Kampung", "Kelurahan", "Kampung/Kelurahan", "Desa"),
    "distrik": ("Distrik", "Kecamatan"),
    "telepon": ("Telepon", "No. HP", "HP", "No. Telepon", "Nomor HP"),
    "keperluan": ("Keperluan", "Untuk Keperluan"),
    "dokumen": ("Dokumen Diperiksa", "Dokumen", "Persyaratan"),
}
EXPORT_COLUMNS = ("tracking_code", "tanggal", "service_type", "status", "due_date", "nik", "nama", "no_kk",
                  "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama", "status_kawin", "pekerjaan",
                  "kewarganegaraan", "alamat", "rt", "rw", "kampung", "distrik", "telepon", "keperluan", "dokumen")
EXPORT_TAIL = ("nomor_surat", "tanggal_selesai", "alasan_penolakan", "penandatangan")
DATE_COLUMNS = ("tanggal", "tanggal_lahir", "due_date", "tanggal_selesai")
_JSON_SKIP = {"hlc", "field_hlc", "rev", "deleted", "readonly", "extra"}


class ColumnMap:
    """Which field a spreadsheet column names (case, spaces and punctuation do not matter)."""

    def __init__(self, names: dict[str, tuple[str, ...]]):
        from ..tabular import normalize_label

        self._norm = normalize_label
        self.lookup: dict[str, str] = {}
        for name, aliases in names.items():
            for alias in (*aliases, name):
                self.lookup.setdefault(normalize_label(alias), name)

    def resolve(self, column) -> str | None:
        for candidate in column.candidates:
            hit = self.lookup.get(self._norm(candidate))
            if hit is not None:
                return hit
        return None

    def score(self, columns) -> int:
        return len({hit for c in columns if (hit := self.resolve(c)) is not None})

    def assign(self, columns) -> tuple[dict[int, tuple[str, str]], list[tuple[str, str]]]:
        mapping: dict[int, tuple[str, str]] = {}
        taken: dict[str, str] = {}
        notes: list[tuple[str, str]] = []
        for column in columns:
            if not column.label:
                continue
            hit = self.resolve(column)
            if hit is None:
                notes.append((f"Kolom \"{column.label}\" tidak dikenal dan diabaikan.",
                              f"Column \"{column.label}\" is not recognised and was ignored."))
            elif hit in taken:
                notes.append((f"Kolom \"{column.label}\" diabaikan: kolom \"{taken[hit]}\" sudah berisi data yang sama.",
                              f"Column \"{column.label}\" was ignored: column \"{taken[hit]}\" gives the same data."))
            else:
                taken[hit] = column.label
                mapping[column.index] = (hit, column.label)
        return mapping, notes


def import_table(store: Store, path, columns: ColumnMap, *, required: tuple[str, ...], labels: dict[str, str],
                 example: str, row, partial: bool, actor: str):
    """Reads ``path`` and calls ``row(tx, number, values, actor)`` per non-empty row inside a savepoint.

    ``row`` returns a list of importing.RowError (empty: imported). Returns importing.ImportResult.
    """
    from .. import importing, tabular

    table = tabular.read_table(path, columns.score, example=example)
    mapping, notes = columns.assign(table.columns)
    present = {name for name, _ in mapping.values()}
    missing = [name for name in required if name not in present]
    if missing:
        raise StoreError(
            f"Kolom wajib tidak ditemukan di {Path(path).name}: {', '.join(labels.get(n, n) for n in missing)}. "
            f"Kolom yang terbaca: {', '.join(c.label for c in table.columns if c.label)}.",
            f"Required columns not found in {Path(path).name}: {', '.join(missing)}. "
            f"Columns read: {', '.join(c.label for c in table.columns if c.label)}.")
    result = importing.ImportResult(total=0, imported=0, errors=[], sheet=table.sheet)
    for message, message_en in notes:
        result.warnings.append(importing.RowError(table.header_row, None, message, message_en))

    class _RollBack(Exception):
        pass

    try:
        with store.transaction() as tx:
            for number, cells in table.rows:
                if all(tabular.is_blank(c) for c in cells):
                    continue
                result.total += 1
                values = {name: cells[index] for index, (name, _) in mapping.items()
                          if index < len(cells) and not tabular.is_blank(cells[index])
                          and not (isinstance(cells[index], str) and cells[index].strip() in ("-", "--", "–", "—"))}
                mark = len(tx.changes.changes)
                tx.execute("SAVEPOINT layan_import_row")
                try:
                    errors = row(tx, number, values, actor)
                except ValidationError as exc:
                    errors = [importing.RowError(number, e.field or None, e.message, e.message_en) for e in exc.errors]
                except StoreError as exc:
                    errors = [importing.RowError(number, None, exc.message, exc.message_en)]
                if errors:
                    tx.execute("ROLLBACK TO layan_import_row")
                    del tx.changes.changes[mark:]
                    result.errors.extend(errors)
                else:
                    result.imported += 1
                tx.execute("RELEASE layan_import_row")
            if result.errors and not partial:
                raise _RollBack
    except _RollBack:
        result.imported = 0
    return result


def _code_of(table: dict, value) -> str | None:
    """A stored code from a code or a label (``Laki-laki`` → ``L``, ``Kristen`` → ``kristen``)."""
    text = str(value).strip().casefold()
    for code, (label_id, label_en) in table.items():
        if text in (code.casefold(), label_id.casefold(), label_en.casefold()):
            return code
    if table is JENIS_KELAMIN and text in ("laki laki", "lk", "pria"):
        return "L"
    if table is JENIS_KELAMIN and text in ("pr", "wanita"):
        return "P"
    return None


def parse_members(value) -> list[dict]:
    """``Nama | NIK | Hubungan`` per line (or separated by ``;``) → [{nama, nik, hubungan}]."""
    members = []
    for line in re.split(r"[\n;]+", str(value)):
        if not line.strip():
            continue
        parts = [p.strip() for p in re.split(r"\s*\|\s*", line.strip())]
        if len(parts) == 1:
            parts = [p.strip() for p in line.split(",")]
        member = {"nama": parts[0]}
        for part in parts[1:]:
            digits = re.sub(r"[\s.\-]", "", part)
            if digits.isdigit():
                member["nik"] = digits
            elif part:
                member["hubungan"] = part
        members.append(member)
    return members


def format_members(members: list[dict] | None) -> str:
    return "\n".join(" | ".join(x for x in (m.get("nama", ""), m.get("nik", ""),
                                             _label_of(HUBUNGAN, m.get("hubungan"))) if x) for m in members or [])


def _import_columns(store: Store) -> tuple[ColumnMap, dict[str, str]]:
    names = dict(IMPORT_ALIASES)
    labels = {name: collection(SERVICE_REQUESTS).label(name) for name in names}
    labels["service_type"] = "Jenis Layanan"
    for svc in catalog(store).services:
        for spec in svc.fields:
            if spec.name not in names:
                names[spec.name] = (spec.label_id, spec.label_en)
                labels[spec.name] = spec.label_id
    return ColumnMap(names), labels


def _cell_text(value) -> str:
    from ..importing import parse_text

    return parse_text(value)


def _request_row(store: Store):
    from ..importing import CellError, RowError, parse_date

    cat = catalog(store)

    def row(tx: WriteTx, number: int, values: dict, actor: str) -> list:
        errors: list = []

        def bad(field: str, message: str, message_en: str) -> None:
            errors.append(RowError(number, field, message, message_en))

        raw_service = _cell_text(values.get("service_type", ""))
        svc = next((s for s in cat.services if raw_service.casefold() in (s.code, s.name_id.casefold(),
                                                                         s.name_en.casefold())), None)
        if svc is None:
            bad("service_type", f"Jenis layanan \"{raw_service}\" tidak dikenal. Pilih: "
                                f"{', '.join(s.name_id for s in cat.services)}.",
                f"Unknown service \"{raw_service}\".")
            return errors
        status = _cell_text(values.get("status", "diterima")).casefold()
        if status not in ("diterima", "masuk", "baru"):
            bad("status", f"Hanya permohonan yang belum diproses (Diterima) yang bisa diimpor; baris ini berstatus "
                          f"\"{values['status']}\".",
                f"Only requests not yet processed (received) can be imported; this row is \"{values['status']}\".")
        fields: dict = {}
        details: dict = {}
        detail_names = {f.name: f for f in svc.fields}
        for name, value in values.items():
            try:
                if name in ("service_type", "status", "tracking_code"):
                    continue
                if name in ("nik", "no_kk") and isinstance(value, (int, float)):
                    bad(name, f"{collection(SERVICE_REQUESTS).label(name)} tersimpan sebagai angka di Excel, "
                              "sehingga digit terakhirnya hilang. Format kolom itu sebagai Teks lalu ketik ulang.",
                        f"{name} was stored as a number in Excel, which drops its last digit. Format the column "
                        "as Text and type it again.")
                elif name in ("tanggal", "tanggal_lahir"):
                    fields[name] = parse_date(value).isoformat()
                elif name == "jenis_kelamin":
                    fields[name] = _code_of(JENIS_KELAMIN, value) or _cell_text(value)
                elif name == "agama":
                    fields[name] = _code_of(AGAMA, value) or _cell_text(value).casefold()
                elif name == "status_kawin":
                    fields[name] = _code_of(STATUS_KAWIN, value) or _cell_text(value)
                elif name == "dokumen":
                    wanted = [d.strip() for d in re.split(r"[,;\n]+", _cell_text(value)) if d.strip()]
                    fields[name] = [next((d.code for d in svc.documents if w.casefold() in (
                        d.code, d.label_id.casefold(), d.label_en.casefold())), w) for w in wanted]
                elif name in APPLICANT_FIELDS or name == "keperluan":
                    fields[name] = _cell_text(value)
                else:
                    spec = detail_names.get(name)
                    if spec is not None and spec.type == "members":
                        details[name] = parse_members(_cell_text(value))
                    elif spec is not None and spec.type == "date":
                        details[name] = parse_date(value).isoformat()
                    elif spec is not None and spec.type == "select":
                        text = _cell_text(value)
                        details[name] = next((o.value for o in spec.options if text.casefold() in (
                            o.value.casefold(), o.label_id.casefold(), o.label_en.casefold())), text)
                    else:
                        details[name] = value if isinstance(value, int) and not isinstance(value, bool) \
                            else _cell_text(value)
            except CellError as exc:
                bad(name, exc.message, exc.message_en)
        if errors:
            return errors
        fields["details"] = details
        code = _cell_text(values["tracking_code"]) if values.get("tracking_code") else None
        create_request(tx, svc.code, fields, actor=actor, tracking_code=code, source="import")
        return []

    return row


def import_file(store: Store, path, *, partial: bool = False, actor: str):
    """Imports service requests from a CSV/XLSX file (see the section comment above)."""
    columns, labels = _import_columns(store)
    return import_table(store, path, columns, required=("service_type", "nama", "nik"), labels=labels,
                        example="Jenis Layanan | NIK | Nama | Alamat | Keperluan", row=_request_row(store),
                        partial=partial, actor=actor)


def _export_value(name: str, record: dict, svc: Service | None):
    value = record.get(name)
    if name == "service_type":
        return svc.name_id if svc else value
    if name == "status":
        return STATUS_LABELS.get(value, (value, value))[0]
    if name == "jenis_kelamin":
        return _label_of(JENIS_KELAMIN, value)
    if name == "agama":
        return _label_of(AGAMA, value)
    if name == "status_kawin":
        return _label_of(STATUS_KAWIN, value)
    if name == "dokumen":
        docs = {d.code: d.label_id for d in svc.documents} if svc else {}
        return ", ".join(docs.get(c, c) for c in value or [])
    if name in DATE_COLUMNS and value:
        return dt.date.fromisoformat(value)
    return value


def _used_detail_fields(store: Store, cat) -> dict[str, ServiceField]:
    """The catalog's detail fields some request holds a value for (one pass; only the names are kept)."""
    used: dict[str, set[str]] = {}
    rows = store.read().execute("SELECT service_type, details FROM service_requests WHERE deleted = 0 "
                                "AND details IS NOT NULL AND details NOT IN ('', '{}', 'null')")
    for service_type, details in rows:
        try:
            keys = json.loads(details).keys()
        except (ValueError, AttributeError):
            continue
        used.setdefault(service_type, set()).update(keys)
    specs: dict[str, ServiceField] = {}
    for svc in cat.services:
        for spec in svc.fields:
            if spec.name in used.get(svc.code, ()):
                specs.setdefault(spec.name, spec)
    return specs


def _export_columns(store: Store) -> tuple[list[str], list[str], dict[str, ServiceField]]:
    """(field names, headers, the detail fields among them) of the requests' export."""
    detail_specs = _used_detail_fields(store, catalog(store))
    coll = collection(SERVICE_REQUESTS)
    names = [*EXPORT_COLUMNS, *detail_specs, *EXPORT_TAIL]
    headers = []
    for name in names:
        if name in detail_specs:
            headers.append(detail_specs[name].label_id)
        elif name == "service_type":
            headers.append("Jenis Layanan")
        elif name == "tanggal":
            headers.append("Tanggal Permohonan")
        else:
            headers.append(coll.label(name))
    return names, headers, detail_specs


def _export_row(record: dict, names: list[str], detail_specs: dict[str, ServiceField], services: dict) -> list:
    svc = services.get(record.get("service_type"))
    details = record.get("details") or {}
    row = []
    for name in names:
        if name in detail_specs:
            value = details.get(name)
            spec = detail_specs[name]
            if spec.type == "members":
                value = format_members(value)
            elif spec.type == "date" and value:
                value = dt.date.fromisoformat(value)
            elif spec.type == "select" and value is not None:
                value = spec.option_label(value)
            row.append(value)
        else:
            row.append(_export_value(name, record, svc))
    return row


def json_record(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in _JSON_SKIP}


def export(store: Store, fmt: str, target, *, progress=None) -> int:
    """Writes every service request, oldest first, to ``target`` (a path or a text stream); returns the count.

    CSV (';', UTF-8 with BOM, ISO dates: the letters' conventions, docs/IMPORT.md), XLSX (real dates shown
    DD/MM/YYYY, text cells for NIKs) or JSON (the records, field names as stored); streamed, one request
    at a time (desktop/domain/export_stream.py).
    """
    from .. import export_stream

    export_stream.check_format(fmt)
    names, headers, detail_specs = _export_columns(store)
    services = {s.code: s for s in catalog(store).services}
    total = export_stream.count(store, SERVICE_REQUESTS) if progress else 0
    return export_stream.write_table(
        fmt, target, export_stream.scan(store, SERVICE_REQUESTS, order_by="tanggal, rowid"), headers=headers,
        row_of=lambda record: _export_row(record, names, detail_specs, services), json_of=json_record,
        sheet="Permohonan", total=total, progress=progress, max_width=50)
