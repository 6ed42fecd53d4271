"""Import and export of patients and visits as CSV / XLSX / JSON (old register books, other systems).

Reading reuses the letters importer's reader (desktop.domain.tabular: encodings, separators, a title
above the header, two-row headers) and its cell parsers (dates as offices write them). One file =
one transaction: with errors nothing is imported, unless ``partial`` (then each good row is kept,
each bad row is reported and leaves nothing behind: a savepoint per row).

Imported patients keep their RM number when the file has one (later numbers skip it); likely
duplicates by name are not asked about (an old book has many namesakes), a NIK already registered
is an error. Visits find their patient by RM number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import IO

from desktop.domain import export_stream, tabular
from desktop.domain.importing import CellError, ImportResult, RowError, parse_date
from desktop.store.db import StoreError
from desktop.store.records import Store, ValidationError, WriteTx
from sync.schema import collection

from . import access, patients, visits

PATIENT_COLUMNS = {
    "no_rm": ["No. RM", "No RM", "Nomor RM", "No. Rekam Medis", "Nomor Rekam Medis", "Rekam Medis", "RM"],
    "nik": ["NIK", "No. KTP", "NIK Pasien"],
    "nik_ibu": ["NIK Ibu", "NIK Orang Tua"],
    "nama": ["Nama", "Nama Pasien", "Nama Lengkap"],
    "jenis_kelamin": ["Jenis Kelamin", "JK", "L/P", "Sex", "Kelamin"],
    "tanggal_lahir": ["Tanggal Lahir", "Tgl Lahir", "Tgl. Lahir", "Date of birth"],
    "umur_tahun": ["Umur", "Usia", "Umur (tahun)", "Umur Tahun", "Age"],
    "alamat": ["Alamat", "Alamat Lengkap", "Address"],
    "kampung": ["Kampung", "Desa", "Kelurahan", "Desa/Kelurahan", "Village"],
    "distrik": ["Distrik", "Kecamatan", "District"],
    "telepon": ["Telepon", "No. HP", "No HP", "HP", "Telp", "Phone"],
    "no_bpjs": ["No. BPJS", "No BPJS", "BPJS", "No. Kartu BPJS", "Nomor BPJS"],
    "penjamin": ["Penjamin", "Cara Bayar", "Jaminan", "Payer"],
}
VISIT_COLUMNS = {
    "no_rm": PATIENT_COLUMNS["no_rm"],
    "tanggal": ["Tanggal", "Tgl", "Tanggal Kunjungan", "Tgl Kunjungan", "Date"],
    "unit": ["Unit", "Poli", "Klaster", "Unit/Klaster", "Ruang"],
    "kasus": ["Kasus", "Kasus Baru/Lama", "Jenis Kasus", "B/L"],
    "anamnesis": ["Anamnesis", "Keluhan", "Anamnesa"],
    "berat_kg": ["Berat", "BB", "Berat (kg)", "BB (kg)"],
    "tinggi_cm": ["Tinggi", "TB", "Tinggi (cm)", "TB (cm)"],
    "suhu_c": ["Suhu", "Suhu (°C)", "Suhu (C)"],
    "sistolik": ["Sistolik", "TD Sistolik"],
    "diastolik": ["Diastolik", "TD Diastolik"],
    "nadi": ["Nadi", "HR"],
    "diagnosa": ["Diagnosa", "Diagnosis", "ICD-10", "Kode ICD", "Kode ICD-10", "ICD X"],
    "tindakan": ["Tindakan", "Terapi", "Tindakan/Terapi", "Pengobatan"],
    "rujukan_tujuan": ["Rujukan", "Tujuan Rujukan", "Dirujuk ke"],
    "petugas": ["Petugas", "Pemeriksa", "Nakes"],
    "malaria_pemeriksaan": ["Pemeriksaan Malaria", "Tes Malaria", "RDT/Mikroskopis"],
    "malaria_hasil": ["Hasil Malaria", "Hasil Tes Malaria", "Hasil RDT"],
    "malaria_spesies": ["Spesies", "Spesies Malaria", "Jenis Plasmodium"],
    "malaria_pengobatan": ["Obat Malaria", "Pengobatan Malaria", "ACT"],
}
MALARIA_PARTS = ("pemeriksaan", "hasil", "spesies", "pengobatan", "primakuin", "tanggal_kontrol")
EXAMPLE = {"pasien": "No. RM | Nama | Jenis Kelamin | Tanggal Lahir | NIK | Alamat",
           "kunjungan": "No. RM | Tanggal | Unit | Kasus | Diagnosa"}
REQUIRED = {"pasien": ("nama", "jenis_kelamin"), "kunjungan": ("no_rm", "unit")}


def _names(columns: dict[str, list[str]]) -> dict[str, str]:
    out = {}
    for name, labels in columns.items():
        out[tabular.normalize_label(name)] = name
        for label in labels:
            out.setdefault(tabular.normalize_label(label), name)
    return out


def _assign(columns: Sequence[tabular.Column], names: dict[str, str]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for col in columns:
        for candidate in col.candidates:
            name = names.get(tabular.normalize_label(candidate))
            if name and name not in mapping.values():
                mapping[col.index] = name
                break
    return mapping


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def _number(value, integer: bool):
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if integer and float(value).is_integer() else value
    text = (_text(value) or "").replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise CellError(f"\"{text}\" bukan angka.", f"\"{text}\" is not a number.") from None
    if integer:
        if not number.is_integer():
            raise CellError(f"\"{text}\" bukan bilangan bulat.", f"\"{text}\" is not a whole number.")
        return int(number)
    return number


def _convert(name: str, value):
    if name in ("tanggal_lahir", "tanggal"):
        return parse_date(value).isoformat()
    if name in ("umur_tahun", "sistolik", "diastolik", "nadi"):
        return _number(value, True)
    if name in ("berat_kg", "tinggi_cm", "suhu_c"):
        return _number(value, False)
    if name in ("nik", "nik_ibu", "no_bpjs"):
        return _text(value).replace(" ", "").replace("'", "")  # a leading ' keeps Excel from rounding digits
    if name == "unit":
        return (_text(value) or "").lower().replace(" ", "_")
    return _text(value)


def _read(kind: str, path: Path | str) -> tuple[tabular.Table, dict[int, str]]:
    names = _names(PATIENT_COLUMNS if kind == "pasien" else VISIT_COLUMNS)

    def score(columns) -> int:
        return len(set(_assign(columns, names).values()))

    table = tabular.read_table(path, score, example=EXAMPLE[kind])
    mapping = _assign(table.columns, names)
    missing = [n for n in REQUIRED[kind] if n not in mapping.values()]
    if missing:
        labels = "; ".join(f"{n} (mis. {', '.join((PATIENT_COLUMNS | VISIT_COLUMNS)[n][:3])})" for n in missing)
        raise StoreError(f"Kolom wajib tidak ditemukan di {Path(path).name}: {labels}.",
                         f"Required columns not found in {Path(path).name}: {labels}.")
    return table, mapping


def import_file(store: Store, user: dict, kind: str, path: Path | str, *, partial: bool = False) -> ImportResult:
    """Imports ``kind`` ("pasien" or "kunjungan") from a CSV/XLSX file."""
    if kind not in ("pasien", "kunjungan"):
        raise StoreError(f"Jenis impor tidak dikenal: {kind}.", f"Unknown import kind: {kind}.")
    access.require_health_role(user, store)
    table, mapping = _read(kind, path)
    result = ImportResult(total=0, imported=0, errors=[], sheet=table.sheet)
    row_fn = _patient_row if kind == "pasien" else _visit_row

    class _RollBack(Exception):
        pass

    try:
        with store.transaction() as tx:
            for number, cells in table.rows:
                if all(tabular.is_blank(c) for c in cells):
                    continue
                result.total += 1
                errors = _one_row(tx, store, user, number, cells, mapping, row_fn)
                if errors:
                    result.errors.extend(errors)
                else:
                    result.imported += 1
            if result.errors and not partial:
                raise _RollBack
    except _RollBack:
        result.imported = 0
    return result


def _one_row(tx: WriteTx, store: Store, user: dict, number: int, cells, mapping: dict[int, str],
             row_fn: Callable) -> list[RowError]:
    fields: dict = {}
    errors: list[RowError] = []
    for index, name in mapping.items():
        value = cells[index] if index < len(cells) else None
        if tabular.is_blank(value):
            continue
        try:
            fields[name] = _convert(name, value)
        except CellError as exc:
            errors.append(RowError(number, name, f"{name}: {exc.message}", f"{name}: {exc.message_en}"))
    if errors:
        return errors
    mark = len(tx.changes.changes)
    tx.execute("SAVEPOINT health_import_row")
    try:
        row_fn(tx, store, user, fields)
    except (ValidationError, StoreError) as exc:
        tx.execute("ROLLBACK TO health_import_row")
        tx.execute("RELEASE health_import_row")
        del tx.changes.changes[mark:]
        if isinstance(exc, ValidationError):
            return [RowError(number, e.field, e.message, e.message_en) for e in exc.errors]
        return [RowError(number, None, exc.message, exc.message_en)]
    tx.execute("RELEASE health_import_row")
    return []


def _patient_row(tx: WriteTx, store: Store, user: dict, fields: dict) -> None:
    today = patients.nik_rules.effective_today()
    record = patients._prepare(fields, today)
    trial = {**record, "no_rm": record.get("no_rm") or "RM-0"}
    errors = collection(patients.PATIENTS).validate(trial) + patients._rules(record, today)
    if errors:
        raise ValidationError(errors)
    patients._register(tx, user, record, confirmed_new=True, source="import")


def _codes(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]
    return [v if isinstance(v, str) else v.get("kode") for v in value]


def _visit_row(tx: WriteTx, store: Store, user: dict, fields: dict) -> None:
    from sync.schema import FieldError

    no_rm = (fields.pop("no_rm", None) or "").upper()
    found = patients._decode(patients._where_equal(tx.conn, "no_rm", no_rm)) if no_rm else []
    if not found:
        raise ValidationError([FieldError("no_rm", f"Pasien dengan No. RM {no_rm} tidak ditemukan.",
                                          f"No patient with medical record no. {no_rm}.")])
    fields["patient_id"] = found[0]["id"]
    m = {part: fields.pop(f"malaria_{part}") for part in MALARIA_PARTS if f"malaria_{part}" in fields}
    if m:
        fields["malaria"] = m
    if fields.get("rujukan_tujuan"):
        fields["rujukan"] = True
    kasus = fields.pop("kasus", None)
    if kasus:
        # the file states the case type: kept as an override of each diagnosis, with where it came from;
        # without a Kasus column the rules decide, as for a visit typed in (casetypes.py)
        kasus = {"b": "baru", "l": "lama"}.get(kasus.lower(), kasus.lower())
        fields["diagnosa"] = [{"kode": code, "kasus": kasus, "kasus_alasan": "Kolom Kasus pada berkas impor"}
                              for code in _codes(fields.get("diagnosa"))]
        fields["kasus"] = kasus
    record = visits.prepare_visit(store, user, fields)
    visits.save_prepared(tx, user, record, source="import")


# -- export ----------------------------------------------------------------------------------------

_DATE_COLUMNS = ("tanggal", "tanggal_lahir", "umur_tanggal")


def rows_for_export(store: Store, user: dict, kind: str, month: str | None = None) -> tuple[list[str], Iterator[dict]]:
    """(column names, flat rows) of all patients, or of the visits (of ``month`` if given); the rows come
    one at a time from a cursor (a puskesmas keeps years of visits)."""
    access.require_health_role(user, store)
    if kind == "pasien":
        cols = ["no_rm", *[f for f in collection(patients.PATIENTS).fields if f != "no_rm"]]
        rows = ({c: p.get(c) for c in ["id", *cols]}
                for p in export_stream.scan(store, patients.PATIENTS, order_by="no_rm"))
        return ["id", *cols], rows
    if kind != "kunjungan":
        raise StoreError(f"Jenis ekspor tidak dikenal: {kind}.", f"Unknown export kind: {kind}.")
    where, params = _visit_period(month)
    vcols = [f for f in collection(visits.VISITS).fields if f not in ("patient_id", "malaria")]
    cols = ["id", "no_rm", "nama", *vcols, *[f"malaria_{p}" for p in MALARIA_PARTS]]
    read = store.read()

    @lru_cache(maxsize=4096)  # a patient's visits follow each other often; a lookup by key otherwise
    def patient(patient_id: str) -> tuple:
        found = read.execute("SELECT no_rm, nama FROM patients WHERE id = ?", (patient_id,)).fetchone()
        return tuple(found) if found else (None, None)

    def flat(v: dict) -> dict:
        no_rm, nama = patient(v["patient_id"]) if v.get("patient_id") else (None, None)
        row = {"id": v["id"], "no_rm": no_rm, "nama": nama}
        for c in vcols:
            row[c] = v.get(c)
        row["diagnosa"] = ", ".join(d["kode"] for d in v.get("diagnosa") or []) or None
        for part in MALARIA_PARTS:
            row[f"malaria_{part}"] = (v.get("malaria") or {}).get(part)
        return row

    scan = export_stream.scan(store, visits.VISITS, where, params, order_by="tanggal, created_at, rowid")
    return cols, (flat(v) for v in scan)


def _visit_period(month: str | None) -> tuple[str, tuple]:
    if not month:
        return "1", ()
    from .reports import month_range

    return "tanggal BETWEEN ? AND ?", month_range(month)


def _typed(name: str, value):
    """A cell as XLSX shows it: ISO dates become real dates (CSV writes them back as ISO text)."""
    if isinstance(value, str) and name in _DATE_COLUMNS:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def export(store: Store, user: dict, kind: str, fmt: str, target: Path | str | IO[str], *,
           month: str | None = None, progress: export_stream.Progress | None = None) -> int:
    """Writes patients or visits, streamed; one 'export' audit entry (personal data leaves the app)."""
    export_stream.check_format(fmt)
    cols, rows = rows_for_export(store, user, kind, month)
    total = 0
    if progress is not None:
        coll = patients.PATIENTS if kind == "pasien" else visits.VISITS
        total = export_stream.count(store, coll, *(_visit_period(month) if kind == "kunjungan" else ("1", ())))
    count = export_stream.write_table(
        fmt, target, rows, headers=cols, row_of=lambda row: [_typed(c, row.get(c)) for c in cols],
        json_of=lambda row: row, sheet="Pasien" if kind == "pasien" else "Kunjungan", total=total,
        progress=progress)
    with store.transaction() as tx:
        tx.audit(patients.PATIENTS if kind == "pasien" else visits.VISITS, f"export:{kind}:{month or '*'}", "export",
                 {"rows": count, "format": fmt}, actor=access.actor(user))
    return count
