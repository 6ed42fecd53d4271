"""Complaints (pengaduan): intake, status events, the first-response SLA, forwarding.

* Intake from a walk-in, the phone, a letter or the centre (Mimika Center); the reporter may
  stay anonymous, and then no name or contact is stored at all (not even in the audit log).
* Status events (collection ``complaint_events``, append-only):
  masuk → diverifikasi → diteruskan → ditindaklanjuti → selesai, or bukan_wewenang (with a
  note saying why). Forwarding may skip verification (a complaint that plainly belongs to
  another office), and a verified complaint the office handles itself skips forwarding.
* SLA: the first response (any status after ``masuk``) is due within N working days of intake,
  N = store meta ``pengaduan_sla_hari`` (default 5, as Mimika Center flags reports not acted on
  within 5 days). ``overdue`` lists those past due; ``sla_flag`` says red/amber per record.
* Forwarding to another office: ``forward`` records the ``diteruskan`` event with the target
  office and sets ``diteruskan_ke``; the sync layer then asks the server to transfer the record
  (``pending_forwards`` lists what is waiting; docs/SERVICES.md describes the hook).

No Qt here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.store.db import StoreError
from desktop.store.records import RecordNotFound, Store, ValidationError, WriteTx
from sync import tracking as sync_tracking
from sync.schema import FieldError
from sync.tracking import COMPLAINT_STATUS_LABELS

from . import office, reference, tracking, wall_clock
from .services import fts_query, officer_name
from .services.certificate import PUBLIC_URL_META

COMPLAINTS = "complaints"
COMPLAINT_EVENTS = "complaint_events"

CHANNELS = {
    "langsung": ("Datang langsung", "Walk-in"),
    "telepon": ("Telepon", "Phone"),
    "surat": ("Surat", "Letter"),
    "pusat": ("Dari pusat (Mimika Center)", "From the centre (Mimika Center)"),
    "daring": ("Daring", "Online"),
}
STATUSES = ("masuk", "diverifikasi", "diteruskan", "ditindaklanjuti", "selesai", "bukan_wewenang")
CLOSED_STATUSES = ("selesai", "bukan_wewenang")
STATUS_LABELS = COMPLAINT_STATUS_LABELS  # shared with the centre's public tracking page
TRANSITIONS = {
    "masuk": ("diverifikasi", "diteruskan", "bukan_wewenang"),
    "diverifikasi": ("diteruskan", "ditindaklanjuti", "bukan_wewenang"),
    "diteruskan": ("diteruskan", "ditindaklanjuti", "bukan_wewenang"),
    "ditindaklanjuti": ("selesai",),
    "selesai": (),
    "bukan_wewenang": (),
}
# Suggestions for the category field (free text is accepted too).
KATEGORI = ("Administrasi kependudukan", "Infrastruktur (jalan, jembatan, air, listrik)", "Kesehatan", "Pendidikan",
            "Bantuan sosial", "Keamanan dan ketertiban", "Lingkungan dan kebersihan", "Pelayanan aparatur",
            "Lainnya")

META_SLA_DAYS = "pengaduan_sla_hari"
DEFAULT_SLA_DAYS = 5
REPORTER_FIELDS = ("pelapor_nama", "pelapor_kontak")
INTAKE_FIELDS = ("tanggal", "channel", "anonim", *REPORTER_FIELDS, "kategori", "kampung", "distrik", "lokasi",
                 "uraian")


def _today(today: dt.date | None) -> dt.date:
    """The given day, or the corrected today: a PC clock years off must not date a certificate."""
    return today or wall_clock.today()


def _clean(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def sla_days(store: Store) -> int:
    """Working days for the first response (office setting ``pengaduan_sla_hari``, default 5)."""
    raw = store.meta(META_SLA_DAYS)
    try:
        days = int(raw) if raw not in (None, "") else DEFAULT_SLA_DAYS
    except ValueError:
        return DEFAULT_SLA_DAYS
    return days if 0 < days <= 60 else DEFAULT_SLA_DAYS


def set_sla_days(store: Store, days: int) -> None:
    if not isinstance(days, int) or not 0 < days <= 60:
        raise ValidationError([FieldError(META_SLA_DAYS, "Batas tanggapan pengaduan: 1–60 hari kerja.",
                                          "Complaint response time: 1–60 working days.")])
    store.set_meta(META_SLA_DAYS, str(days))


def check_complaint(fields: dict) -> tuple[dict, list[FieldError]]:
    """Normalizes intake fields and lists every problem (empty list: valid)."""
    out = {k: _clean(fields.get(k)) for k in INTAKE_FIELDS if k in fields}
    errors: list[FieldError] = []
    anonymous = bool(out.get("anonim"))
    out["anonim"] = anonymous
    if anonymous:
        for name in REPORTER_FIELDS:  # never stored for an anonymous report
            out.pop(name, None)
    elif not out.get("pelapor_nama"):
        errors.append(FieldError("pelapor_nama", "Nama pelapor wajib diisi, atau tandai pengaduan sebagai anonim.",
                                 "The reporter's name is required, or mark the complaint anonymous."))
    channel = out.get("channel")
    if channel not in CHANNELS:
        allowed = ", ".join(CHANNELS)
        errors.append(FieldError("channel", f"Saluran pengaduan wajib dipilih: {allowed}.",
                                 f"Choose the channel: {allowed}."))
    if not out.get("kategori"):
        errors.append(FieldError("kategori", "Kategori pengaduan wajib diisi.", "The category is required."))
    if not out.get("uraian"):
        errors.append(FieldError("uraian", "Uraian pengaduan wajib diisi.", "The description is required."))
    if out.get("tanggal"):
        try:
            out["tanggal"] = dt.date.fromisoformat(str(out["tanggal"])[:10]).isoformat()
        except ValueError:
            errors.append(FieldError("tanggal", "Tanggal: tanggal tidak valid.", "Date: invalid date."))
    return out, errors


def _add_event(tx: WriteTx, complaint_id: str, status: str, *, tanggal: str, actor: str, source: str = "local",
               **fields) -> None:
    event = {"complaint_id": complaint_id, "status": status, "tanggal": tanggal, **fields}
    tx.save(COMPLAINT_EVENTS, {k: v for k, v in event.items() if v is not None}, actor=actor, source=source)


def create_complaint(tx: WriteTx, fields: dict, *, actor: str, today: dt.date | None = None,
                     tracking_code: str | None = None, source: str = "local") -> str:
    """Registers a complaint inside ``tx`` and returns its id."""
    today = _today(today)
    record, errors = check_complaint(fields)
    code = None
    try:
        code = tracking.claim(tx, COMPLAINTS, tracking_code) if tracking_code else None
    except ValidationError as exc:
        errors += exc.errors
    if errors:
        raise ValidationError(errors)
    tanggal = record.get("tanggal") or today.isoformat()
    record.update(tracking_code=code or tracking.new_code(tx, COMPLAINTS), tanggal=tanggal, status="masuk",
                  due_date=reference.add_working_days(dt.date.fromisoformat(tanggal), sla_days(tx.store)).isoformat())
    change = tx.save(COMPLAINTS, {k: v for k, v in record.items() if v is not None}, actor=actor, source=source)
    _add_event(tx, change.record_id, "masuk", tanggal=tanggal, actor=actor, source=source)
    return change.record_id


def new_complaint(store: Store, fields: dict, *, actor: str, today: dt.date | None = None,
                  tracking_code: str | None = None) -> dict:
    with store.transaction() as tx:
        complaint_id = create_complaint(tx, fields, actor=actor, today=today, tracking_code=tracking_code)
    return store.get(COMPLAINTS, complaint_id)


def _get(tx: WriteTx, complaint_id: str) -> dict:
    record = tx.get(COMPLAINTS, complaint_id)
    if record is None or record.get("deleted"):
        raise RecordNotFound(COMPLAINTS, complaint_id)
    if record.get("readonly"):
        raise StoreError("Pengaduan ini sudah dialihkan ke kantor lain dan hanya bisa dibaca.",
                         "This complaint was transferred to another office and is read-only.")
    return record


def _refuse(current: str, to_status: str) -> ValidationError:
    cur = STATUS_LABELS.get(current, (current, current))
    new = STATUS_LABELS.get(to_status, (to_status, to_status))
    allowed = TRANSITIONS.get(current, ())
    if allowed:
        hint_id = " Berikutnya: " + " atau ".join(STATUS_LABELS[s][0] for s in allowed) + "."
        hint_en = " Next: " + " or ".join(STATUS_LABELS[s][1] for s in allowed) + "."
    else:
        hint_id, hint_en = " Pengaduan ini sudah ditutup.", " This complaint is closed."
    return ValidationError([FieldError("status", f"Status tidak bisa diubah dari {cur[0]} ke {new[0]}.{hint_id}",
                                       f"The status cannot change from {cur[1]} to {new[1]}.{hint_en}")])


def _transition(store: Store, complaint_id: str, to_status: str, *, actor: str, note: str | None,
                today: dt.date | None, to_office: str | None = None) -> dict:
    today = _today(today)
    note = _clean(note)
    with store.transaction() as tx:
        current = _get(tx, complaint_id)
        status = current["status"]
        own = tx.meta("office_code")
        if to_status not in STATUSES or to_status not in TRANSITIONS.get(status, ()):
            raise _refuse(status, to_status)
        pending = current.get("diteruskan_ke") and current["diteruskan_ke"] != own
        if pending and to_status != "diteruskan":
            raise ValidationError([FieldError(
                "status", f"Pengaduan ini sedang diteruskan ke {current['diteruskan_ke']}; kantor tujuan yang "
                          "menindaklanjuti setelah sinkronisasi.",
                f"This complaint is being forwarded to {current['diteruskan_ke']}; that office acts on it "
                "after the sync.")])
        if to_status == "bukan_wewenang" and not note:
            raise ValidationError([FieldError("catatan", "Jelaskan mengapa pengaduan ini bukan wewenang kantor.",
                                              "Say why this complaint is not the office's remit.")])
        update: dict = {"status": to_status}
        if not current.get("tanggal_tanggapan"):
            update["tanggal_tanggapan"] = today.isoformat()
        if to_status in CLOSED_STATUSES:
            update["tanggal_selesai"] = today.isoformat()
        event = {"from_status": status, "catatan": note}
        if to_status == "diteruskan":
            update["diteruskan_ke"] = to_office
            event.update(to_office=to_office, from_office=own)
        tx.save(COMPLAINTS, update, record_id=complaint_id, actor=actor)
        _add_event(tx, complaint_id, to_status, tanggal=today.isoformat(), actor=actor, **event)
    return store.get(COMPLAINTS, complaint_id)


def advance(store: Store, complaint_id: str, to_status: str, *, actor: str, note: str | None = None,
            today: dt.date | None = None) -> dict:
    """Moves a complaint to ``to_status`` with an event (use ``forward`` for ``diteruskan``)."""
    if to_status == "diteruskan":
        raise ValidationError([FieldError("to_office", "Pilih kantor tujuan untuk meneruskan pengaduan.",
                                          "Choose the office to forward the complaint to.")])
    return _transition(store, complaint_id, to_status, actor=actor, note=note, today=today)


def forward(store: Store, complaint_id: str, to_office: str, *, actor: str, note: str | None = None,
            today: dt.date | None = None) -> dict:
    """Forwards a complaint to another office: a ``diteruskan`` event and ``diteruskan_ke = to_office``.

    The record moves only when the sync layer runs the server's transfer (``pending_forwards``).
    """
    code = office.forward_target(store, to_office, ("Pengaduan", "A complaint"))
    return _transition(store, complaint_id, "diteruskan", actor=actor, note=note, today=today, to_office=code)


def pending_forwards(store: Store) -> list[dict]:
    """Complaints this office forwarded that the server has not transferred yet (the sync hook)."""
    own = store.office_id
    return store.find(COMPLAINTS, "office_id = ? AND status = 'diteruskan' AND diteruskan_ke IS NOT NULL "
                                  "AND diteruskan_ke != ? AND readonly = 0", (own, own), order_by="rowid")


def events(store: Store, complaint_id: str) -> list[dict]:
    return store.find(COMPLAINT_EVENTS, "complaint_id = ?", (complaint_id,), order_by="hlc, rowid")


# --- SLA, registers, counters -----------------------------------------------------------------------

def is_overdue(record: dict, today: dt.date | None = None) -> bool:
    """No first response yet and the response due date has passed."""
    return (record.get("status") == "masuk" and bool(record.get("due_date"))
            and record["due_date"] < _today(today).isoformat())


def sla_flag(record: dict, today: dt.date | None = None) -> str:
    """``merah`` (response overdue), ``kuning`` (due today or on the next working day) or ``""``."""
    if record.get("status") != "masuk" or not record.get("due_date"):
        return ""
    today = _today(today)
    due = record["due_date"]
    if due < today.isoformat():
        return "merah"
    if due <= reference.add_working_days(today, 1).isoformat():
        return "kuning"
    return ""


def register_filter(*, text: str | None = None, status: str | None = None, kategori: str | None = None,
                    overdue_only: bool = False, today: dt.date | None = None) -> tuple[str, list]:
    where, params = ["deleted = 0"], []
    query = fts_query(text or "")
    if query:
        where.append("(rowid IN (SELECT rowid FROM complaints_fts WHERE complaints_fts MATCH ?) OR tracking_code = ?)")
        params += [query, tracking.normalize(text)]
    if status:
        where.append("status = ?")
        params.append(status)
    if kategori:
        where.append("kategori = ?")
        params.append(kategori)
    if overdue_only:
        where.append("status = 'masuk' AND due_date < ?")
        params.append(_today(today).isoformat())
    return " AND ".join(where), params


def search(store: Store, text: str | None = None, *, status: str | None = None, kategori: str | None = None,
           overdue_only: bool = False, today: dt.date | None = None, limit: int | None = 500) -> list[dict]:
    where, params = register_filter(text=text, status=status, kategori=kategori, overdue_only=overdue_only,
                                    today=today)
    return store.find(COMPLAINTS, where, params, order_by="tanggal DESC, rowid DESC", limit=limit)


def overdue(store: Store, today: dt.date | None = None) -> list[dict]:
    where, params = register_filter(overdue_only=True, today=today)
    return store.find(COMPLAINTS, where, params, order_by="due_date, rowid")


@dataclass(frozen=True)
class Counter:
    today: dt.date
    today_by_status: dict[str, int]
    open_by_status: dict[str, int]
    overdue: int


def counter_today(store: Store, today: dt.date | None = None) -> Counter:
    today = _today(today)
    conn = store.read()
    by_status = dict(conn.execute(
        "SELECT e.status, count(*) FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id "
        "WHERE e.deleted = 0 AND c.deleted = 0 AND e.tanggal = ? GROUP BY e.status", (today.isoformat(),)).fetchall())
    open_statuses = [s for s in STATUSES if s not in CLOSED_STATUSES]
    marks = ", ".join("?" for _ in open_statuses)
    open_now = dict(conn.execute(
        f"SELECT status, count(*) FROM complaints WHERE deleted = 0 AND readonly = 0 AND status IN ({marks}) "
        "GROUP BY status", open_statuses).fetchall())
    late = conn.execute("SELECT count(*) FROM complaints WHERE deleted = 0 AND readonly = 0 AND status = 'masuk' "
                        "AND due_date < ?", (today.isoformat(),)).fetchone()[0]
    return Counter(today, {s: by_status.get(s, 0) for s in STATUSES},
                   {s: open_now.get(s, 0) for s in open_statuses}, late)


def receipt_context(store: Store, complaint_id: str) -> dict:
    """What the complaint receipt shows (never the reporter's contact; nothing at all when anonymous)."""
    record = store.get(COMPLAINTS, complaint_id)
    return {
        "kode_lacak": tracking.display(record["tracking_code"]),
        "kode_lacak_qr": sync_tracking.qr_text(record["tracking_code"], store.meta(PUBLIC_URL_META)),
        "pengaduan": {
            "id": record["id"], "tanggal": record.get("tanggal") or "", "batas_tanggapan": record.get("due_date") or "",
            "saluran": CHANNELS.get(record.get("channel"), ("", ""))[0], "kategori": record.get("kategori") or "",
            "lokasi": ", ".join(x for x in (record.get("lokasi"), record.get("kampung"), record.get("distrik")) if x),
            "uraian": record.get("uraian") or "",
            "status": STATUS_LABELS.get(record.get("status"), ("", ""))[0],
        },
        "pelapor": {"anonim": bool(record.get("anonim")), "nama": record.get("pelapor_nama") or ""},
        "petugas": officer_name(store, record.get("created_by")),
    }



# --- import and export (CSV/XLSX/JSON) -------------------------------------------------------------
# Import is for lists of new complaints (e.g. the centre's Mimika Center list): each row becomes a
# complaint in status "masuk". A file without a Saluran column is taken to come from the centre.

IMPORT_ALIASES: dict[str, tuple[str, ...]] = {
    "tracking_code": ("Kode Lacak", "Kode", "No. Laporan", "Nomor Laporan", "ID Laporan", "Nomor Tiket"),
    "tanggal": ("Tanggal", "Tgl", "Tanggal Laporan", "Tanggal Pengaduan", "Tanggal Masuk"),
    "channel": ("Saluran", "Sumber", "Media", "Saluran Pengaduan"),
    "anonim": ("Anonim", "Rahasiakan Identitas"),
    "pelapor_nama": ("Nama Pelapor", "Pelapor", "Nama"),
    "pelapor_kontak": ("Kontak Pelapor", "Kontak", "Telepon", "No. HP", "Email"),
    "kategori": ("Kategori", "Jenis Pengaduan", "Topik"),
    "kampung": ("Kampung", "Kelurahan", "Desa"),
    "distrik": ("Distrik", "Kecamatan"),
    "lokasi": ("Lokasi", "Lokasi Kejadian", "Tempat"),
    "uraian": ("Uraian", "Isi Pengaduan", "Isi Laporan", "Pengaduan", "Keterangan", "Deskripsi"),
    "status": ("Status",),
}
EXPORT_COLUMNS = ("tracking_code", "tanggal", "channel", "anonim", "pelapor_nama", "pelapor_kontak", "kategori",
                  "kampung", "distrik", "lokasi", "uraian", "status", "due_date", "tanggal_tanggapan",
                  "diteruskan_ke", "tanggal_selesai")
_YES = {"ya", "y", "yes", "true", "1", "anonim", "x"}


def _channel_of(value) -> str | None:
    text = str(value).strip().casefold()
    for code, (label_id, label_en) in CHANNELS.items():
        if text in (code, label_id.casefold(), label_en.casefold()):
            return code
    aliases = {"walk-in": "langsung", "datang": "langsung", "tatap muka": "langsung", "hp": "telepon",
               "wa": "daring", "whatsapp": "daring", "online": "daring", "web": "daring", "sms": "telepon",
               "mimika center": "pusat", "centre": "pusat", "center": "pusat", "lapor": "pusat"}
    return aliases.get(text)


def _complaint_row(tx: WriteTx, number: int, values: dict, actor: str) -> list:
    from .importing import CellError, RowError, parse_date, parse_text

    errors = []
    fields: dict = {}
    for name, value in values.items():
        try:
            if name == "tanggal":
                fields[name] = parse_date(value).isoformat()
            elif name == "anonim":
                fields[name] = value is True or parse_text(value).casefold() in _YES
            elif name == "channel":
                fields[name] = _channel_of(parse_text(value)) or parse_text(value)
            elif name == "status":
                if parse_text(value).casefold() not in ("masuk", "baru"):
                    errors.append(RowError(number, "status", "Hanya pengaduan baru (Masuk) yang bisa diimpor; "
                                                             f"baris ini berstatus \"{value}\".",
                                           f"Only new complaints can be imported; this row is \"{value}\"."))
            elif name != "tracking_code":
                fields[name] = parse_text(value)
        except CellError as exc:
            errors.append(RowError(number, name, exc.message, exc.message_en))
    if errors:
        return errors
    fields.setdefault("channel", "pusat")
    code = parse_text(values["tracking_code"]) if values.get("tracking_code") else None
    create_complaint(tx, fields, actor=actor, tracking_code=code, source="import")
    return []


def import_file(store: Store, path, *, partial: bool = False, actor: str):
    """Imports new complaints from a CSV/XLSX file (one transaction; see services.import_table)."""
    from sync.schema import collection

    from .services import ColumnMap, import_table

    coll = collection(COMPLAINTS)
    return import_table(store, path, ColumnMap(IMPORT_ALIASES), required=("uraian",),
                        labels={n: coll.label(n) for n in IMPORT_ALIASES},
                        example="Tanggal | Saluran | Nama Pelapor | Kategori | Uraian", row=_complaint_row,
                        partial=partial, actor=actor)


def export(store: Store, fmt: str, target) -> int:
    """Writes every complaint (of this office, transferred stubs included) to ``target``."""
    from sync.schema import collection

    from .services import json_record, write_export

    coll = collection(COMPLAINTS)
    records = store.find(COMPLAINTS, order_by="tanggal, rowid")
    headers = [coll.label(n) for n in EXPORT_COLUMNS]
    rows = []
    for record in records:
        row = []
        for name in EXPORT_COLUMNS:
            value = record.get(name)
            if name == "channel":
                value = CHANNELS.get(value, (value, value))[0]
            elif name == "status":
                value = STATUS_LABELS.get(value, (value, value))[0]
            elif name == "anonim":
                value = "Ya" if value else "Tidak"
            elif name in ("tanggal", "due_date", "tanggal_tanggapan", "tanggal_selesai") and value:
                value = dt.date.fromisoformat(value)
            row.append(value)
        rows.append(row)
    return write_export(fmt, target, headers, rows, [json_record(r) for r in records] if fmt == "json" else [],
                        "Pengaduan")
