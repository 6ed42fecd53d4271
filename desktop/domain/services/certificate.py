"""The certificate: who signs it, issuing it (the next outgoing letter number, in the same
transaction as ``selesai``), the verification code its QR carries, and what printing needs
(``certificate_context``, ``receipt_context``; desktop/printing renders them).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from desktop.store.db import StoreError
from desktop.store.records import RecordNotFound, Store, ValidationError, WriteTx
from sync import certificates
from sync import tracking as sync_tracking

from .. import letters, tracking
from .catalogue import Service, catalog
from .common import (
    AGAMA,
    APPLICANT_FIELDS,
    HUBUNGAN,
    JENIS_KELAMIN,
    SERVICE_REQUESTS,
    STATUS_KAWIN,
    STATUS_LABELS,
    _error,
    _label_of,
    format_tanggal,
)

# Store meta keys for the signatory printed on certificates (set in Pengaturan → Cetak, at the first start,
# or when the first certificate is issued).
META_TTD_NAMA = "ttd_nama"
META_TTD_NIP = "ttd_nip"
META_TTD_JABATAN = "ttd_jabatan"
# Other people who may sign (Plh./Plt. while the head is away, or a.n. — on behalf of — the head):
# a JSON list of {"nama", "nip", "jabatan", "atas_nama"}; chosen when a certificate is issued.
META_TTD_LAIN = "ttd_lain"
# The centre's public address (published by IT): receipts' and certificates' QR codes lead there.
PUBLIC_URL_META = "public_url"
MAX_ALTERNATIVE_SIGNERS = 10

VERIFY_PREFIX = certificates.VERIFY_PREFIX
VERIFY_HASH_LEN = certificates.VERIFY_HASH_LEN

# --- who signs ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Signer:
    nama: str
    nip: str | None = None
    jabatan: str | None = None


def _head_jabatan(store: Store) -> str:
    return store.meta(META_TTD_JABATAN) or f"Kepala {store.meta('office_name') or ''}".strip()


def default_signer(store: Store) -> Signer | None:
    """The office's signatory from its settings (meta ttd_nama / ttd_nip / ttd_jabatan)."""
    nama = (store.meta(META_TTD_NAMA) or "").strip()
    if not nama:
        return None
    return Signer(nama, (store.meta(META_TTD_NIP) or "").strip() or None, _head_jabatan(store))


def alternative_signer_entries(store: Store) -> list[dict]:
    """The other signatories as kept (``{nama, nip, jabatan, atas_nama}``), for the settings screen."""
    try:
        items = json.loads(store.meta(META_TTD_LAIN) or "[]")
    except ValueError:
        return []
    return [i for i in items if isinstance(i, dict) and str(i.get("nama") or "").strip()] \
        if isinstance(items, list) else []


def signers(store: Store) -> list[Signer]:
    """Who may sign a certificate: the head first (when set), then the others. For "a.n." the
    printed position is two lines: "a.n. <the head's position>" above the signer's own."""
    out = [s for s in [default_signer(store)] if s is not None]
    for item in alternative_signer_entries(store):
        jabatan = str(item.get("jabatan") or "").strip()
        if item.get("atas_nama"):
            jabatan = f"a.n. {_head_jabatan(store)}\n{jabatan}"
        out.append(Signer(str(item["nama"]).strip(), str(item.get("nip") or "").strip() or None, jabatan))
    return out


def jabatan_in_sentence(jabatan: str) -> str:
    """The signer's position inside "Yang bertanda tangan di bawah ini, …": an "a.n." block of two
    lines ("a.n. Kepala Distrik X" above "Sekretaris Distrik") reads "Sekretaris Distrik, atas nama
    Kepala Distrik X"."""
    lines = [line.strip() for line in jabatan.splitlines() if line.strip()]
    if len(lines) == 2 and lines[0].lower().startswith("a.n. "):
        return f"{lines[1]}, atas nama {lines[0][5:]}"
    return " ".join(lines)


def set_alternative_signers(store: Store, items: list[dict]) -> None:
    """Replaces the other signatories; every row is checked before anything is written."""
    clean = check_alternative_signers(items)
    store.set_meta(META_TTD_LAIN, json.dumps(clean, ensure_ascii=False) if clean else None)


def check_alternative_signers(items: list[dict]) -> list[dict]:
    """The rows as kept (empty rows dropped); ValidationError naming each bad row."""
    errors, clean = [], []
    for number, item in enumerate(items, start=1):
        nama = str(item.get("nama") or "").strip()
        nip = str(item.get("nip") or "").strip()
        jabatan = str(item.get("jabatan") or "").strip()
        if not nama and not nip and not jabatan:
            continue
        if not nama or len(nama) > 120:
            errors.append(_error("ttd_lain", f"Penandatangan lain baris {number}: nama wajib diisi (maks. 120).",
                                 f"Other signatory row {number}: a name is required (max 120)."))
        if nip and not re.fullmatch(r"[0-9 ]{8,30}", nip):
            errors.append(_error("ttd_lain", f"Penandatangan lain baris {number}: NIP hanya berisi angka.",
                                 f"Other signatory row {number}: a NIP is digits only."))
        if not jabatan or len(jabatan) > 90:
            errors.append(_error("ttd_lain", f"Penandatangan lain baris {number}: jabatan wajib diisi (maks. 90), "
                                 "mis. Plh. Kepala Distrik atau Sekretaris Distrik.",
                                 f"Other signatory row {number}: a position is required (max 90), e.g. "
                                 "Plh. Kepala Distrik or Sekretaris Distrik."))
        clean.append({"nama": nama, "nip": nip, "jabatan": jabatan, "atas_nama": bool(item.get("atas_nama"))})
    if len(clean) > MAX_ALTERNATIVE_SIGNERS:
        errors.append(_error("ttd_lain", f"Paling banyak {MAX_ALTERNATIVE_SIGNERS} penandatangan lain.",
                             f"At most {MAX_ALTERNATIVE_SIGNERS} other signatories."))
    if errors:
        raise ValidationError(errors)
    return clean


def _issue_certificate(tx: WriteTx, request: dict, svc: Service, signer: Signer | None, *, actor: str,
                       tanggal_surat: dt.date) -> dict:
    if signer is None or not (signer.nama or "").strip():
        raise ValidationError([_error(
            "penandatangan",
            "Nama penandatangan belum diatur. Isi di Pengaturan → Cetak.",
            "No signatory is set. Set one in Settings → Printing.")])
    letter = letters.register(tx, "keluar", {
        "tanggal_surat": tanggal_surat.isoformat(),
        "tujuan": request["nama"],
        "perihal": f"{svc.name_id} a.n. {request['nama']}",
        "sifat": "biasa",
        "klasifikasi": svc.klasifikasi,
        "penandatangan": signer.nama,
        "keterangan": f"Permohonan layanan {tracking.display(request['tracking_code'])}",
    }, actor=actor)
    number = tx.get(letters.LETTERS, letter.record_id)["nomor_surat"]
    office = tx.meta("office_code") or ""
    code = verification_code(office=office, nomor_surat=number, request_id=request["id"],
                             service_type=svc.code, nik=request.get("nik"), nama=request["nama"],
                             tanggal_surat=tanggal_surat.isoformat())
    return {
        "request": {"certificate_letter_id": letter.record_id, "nomor_surat": number, "kode_verifikasi": code,
                    "tanggal_selesai": tanggal_surat.isoformat(), "penandatangan": signer.nama.strip(),
                    "penandatangan_nip": signer.nip or None, "penandatangan_jabatan": signer.jabatan or None},
        "event": {"letter_id": letter.record_id, "nomor_surat": number},
    }


# --- verification (the QR on the certificate) ---------------------------------------------------------

_canonical_name = certificates.canonical_name
verification_code = certificates.verification_code


def verification_payload(record: dict) -> str:
    """``LAYAN|<office>|<letter number>|<request id>|<code>``: what the certificate's QR encodes."""
    if not record.get("kode_verifikasi") or not record.get("nomor_surat"):
        raise StoreError("Permohonan ini belum selesai: belum ada surat keterangan.",
                         "This request is not completed: no certificate yet.")
    return "|".join([VERIFY_PREFIX, record["office_id"], record["nomor_surat"], record["id"],
                     record["kode_verifikasi"]])


@dataclass(frozen=True)
class Verification:
    valid: bool
    message: str
    message_en: str
    request: dict | None = None


def verify_certificate(store: Store, payload: str) -> Verification:
    """Checks a scanned certificate QR (bare payload or the centre's address) against this store's copy."""
    p = certificates.parse_payload(payload)
    if p is None:
        return Verification(False, "Kode QR ini bukan surat keterangan Layan.", "This QR is not a Layan certificate.")
    number, office = p.number, p.office
    try:
        record = store.get(SERVICE_REQUESTS, p.request_id)
    except RecordNotFound:
        record = None
    outcome = certificates.check(record, p)
    if outcome == "unknown":
        return Verification(False, f"Surat {number} dari {office} tidak ada di data ini (belum tersinkron?).",
                            f"Certificate {number} of {office} is not in this data (not synced yet?).")
    if outcome == "mismatch":
        return Verification(False, f"Data surat {number} tidak cocok dengan arsip.",
                            f"Certificate {number} does not match the records.", record)
    if outcome == "changed":
        return Verification(False, f"Kode verifikasi surat {number} tidak cocok: data telah berubah.",
                            f"The verification code of {number} does not match: the data changed.", record)
    return Verification(True, f"Surat {number} asli: {record['nama']}, diterbitkan "
                              f"{format_tanggal(record.get('tanggal_selesai'))}.",
                        f"Certificate {number} is genuine: {record['nama']}, issued "
                        f"{format_tanggal(record.get('tanggal_selesai'), 'en')}.", record)


# --- what printing needs ------------------------------------------------------------------------------

def applicant_view(record: dict) -> dict:
    """The applicant's fields as printed (labels instead of codes, dates spelled out)."""
    ttl = ", ".join(x for x in (record.get("tempat_lahir") or "", format_tanggal(record.get("tanggal_lahir"))) if x)
    rt_rw = "/".join(x for x in (record.get("rt") or "", record.get("rw") or "") if x)
    return {
        **{name: record.get(name) or "" for name in APPLICANT_FIELDS},
        "nama_kapital": _canonical_name(record.get("nama")),
        "jenis_kelamin": _label_of(JENIS_KELAMIN, record.get("jenis_kelamin")),
        "agama": _label_of(AGAMA, record.get("agama")),
        "status_kawin": _label_of(STATUS_KAWIN, record.get("status_kawin")),
        "kewarganegaraan": record.get("kewarganegaraan") or "WNI",
        "tanggal_lahir": format_tanggal(record.get("tanggal_lahir")),
        "tempat_tanggal_lahir": ttl,
        "rt_rw": rt_rw,
    }


def details_view(svc: Service, details: dict) -> tuple[dict, list[dict], list[dict]]:
    """(details by name as printed, [{label, value}] rows for a generic table, members)."""
    shown: dict = {}
    rows: list[dict] = []
    members: list[dict] = []
    for spec in svc.fields:
        value = details.get(spec.name)
        if spec.type == "members":
            for i, m in enumerate(value or [], start=1):
                members.append({"no": i, "nama": m.get("nama", ""), "nik": m.get("nik", ""),
                                "hubungan": _label_of(HUBUNGAN, m.get("hubungan"))})
            continue
        if spec.type == "date":
            text = format_tanggal(value)
        elif spec.type == "select":
            text = spec.option_label(value) if value is not None else ""
        elif spec.type == "integer" and value is not None and spec.name == "penghasilan":
            text = "Rp " + f"{int(value):,}".replace(",", ".")
        else:
            text = "" if value is None else str(value)
        shown[spec.name] = text
        if text:
            rows.append({"label": spec.label_id, "value": text})
    return shown, rows, members


def certificate_context(store: Store, request_id: str) -> dict:
    """Everything a certificate template may use (see docs/SERVICES.md for the names)."""
    record = store.get(SERVICE_REQUESTS, request_id)
    if record.get("status") != "selesai" or not record.get("nomor_surat"):
        raise StoreError("Surat keterangan belum terbit: permohonan ini belum selesai.",
                         "No certificate yet: this request is not completed.")
    svc = catalog(store).get(record["service_type"])
    details, rows, members = details_view(svc, record.get("details") or {})
    letter = None
    if record.get("certificate_letter_id"):
        try:
            letter = store.get(letters.LETTERS, record["certificate_letter_id"])
        except RecordNotFound:
            letter = None
    return {
        "layanan": {"kode": svc.code, "nama": svc.name_id, "judul": svc.title, "peran_pemohon": svc.applicant_role_id},
        "surat": {"nomor": record["nomor_surat"], "tanggal": record.get("tanggal_selesai") or "",
                  "klasifikasi": (letter or {}).get("klasifikasi") or svc.klasifikasi,
                  "perihal": (letter or {}).get("perihal") or svc.name_id},
        "pemohon": applicant_view(record),
        "keperluan": record.get("keperluan") or "",
        "rincian": details,
        "rincian_list": rows,
        "anggota": members,
        "ada_anggota": bool(members),
        "penandatangan": {"nama": record.get("penandatangan") or "", "nip": record.get("penandatangan_nip") or "",
                          "jabatan": record.get("penandatangan_jabatan") or "",
                          "jabatan_kalimat": jabatan_in_sentence(record.get("penandatangan_jabatan") or "")},
        "kode_lacak": tracking.display(record["tracking_code"]),
        "verifikasi": {"payload": verification_payload(record), "kode": record["kode_verifikasi"],
                       "qr": certificates.qr_text(verification_payload(record), store.meta(PUBLIC_URL_META))},
        "permohonan": {"id": record["id"], "tanggal": record.get("tanggal") or ""},
    }


def officer_name(store: Store, username: str | None) -> str:
    """The full name of the user who took a request or complaint, as a receipt is signed (the login
    name stays for a user this PC does not know)."""
    if not username:
        return ""
    row = store.read().execute("SELECT full_name FROM users WHERE username = ?", (username,)).fetchone()
    return (row[0] or "").strip() if row and (row[0] or "").strip() else username


def receipt_context(store: Store, request_id: str) -> dict:
    """What the intake receipt (tanda terima) shows the citizen."""
    record = store.get(SERVICE_REQUESTS, request_id)
    svc = catalog(store).get(record["service_type"])
    checked = set(record.get("dokumen") or ())
    return {
        "layanan": {"kode": svc.code, "nama": svc.name_id, "sla_hari": svc.sla_days},
        "kode_lacak": tracking.display(record["tracking_code"]),
        "kode_lacak_qr": sync_tracking.qr_text(record["tracking_code"], store.meta(PUBLIC_URL_META)),
        "pemohon": applicant_view(record),
        "keperluan": record.get("keperluan") or "",
        "permohonan": {"id": record["id"], "tanggal": record.get("tanggal") or "",
                       "batas_waktu": record.get("due_date") or "",
                       "status": STATUS_LABELS.get(record.get("status"), ("", ""))[0]},
        "dokumen": [{"nama": d.label_id, "ada": d.code in checked, "wajib": d.required} for d in svc.documents],
        "petugas": officer_name(store, record.get("created_by")),
    }
