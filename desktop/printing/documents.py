"""What gets printed: each document as a ``Printable`` (HTML from a template, plus its QR codes,
images and paper), built from the store. No Qt here; ``render`` turns a Printable into a PDF or
hands it to the print preview.

Documents: the certificate of a completed service request, the intake receipt (tanda terima),
the complaint receipt, an outgoing letter (surat keluar) and the lembar disposisi of an
incoming letter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain import complaints, letters, services
from desktop.store.db import StoreError
from desktop.store.records import RecordNotFound, Store

from . import settings
from .templates import Renderer, paragraphs_html, read_template

QR_CERTIFICATE = "layan:qr"  # the <img src> a template uses where the QR goes
LOGO = "layan:logo"


@dataclass
class Printable:
    title: str
    html: str
    css: str = ""
    paper: str = "A4"
    margins_mm: tuple[float, float, float, float] = settings.DEFAULT_MARGINS_MM
    qr: dict[str, str] = field(default_factory=dict)  # image name in the HTML -> text the QR encodes
    images: dict[str, Path] = field(default_factory=dict)  # image name in the HTML -> file


def _base_context(store: Store) -> dict:
    return {
        "kop": settings.kop_context(store),
        "kantor": {"kode": store.office_id or "", "nama": store.meta("office_name") or ""},
        "hari_ini": dt.date.today().isoformat(),
    }


def _printable(store: Store, template: str, context: dict, *, title: str, paper: str | None,
               qr: dict[str, str] | None = None) -> Printable:
    renderer = Renderer(store.data_dir)
    html_text = renderer.render(template, {**_base_context(store), **context})
    if "<body" not in html_text:
        # Qt applies the stylesheet's body rule (the base font) only to an explicit <body>.
        html_text = f"<html><body>{html_text}</body></html>"
    css, _ = read_template("style.css", store.data_dir)
    images = {}
    logo = settings.logo_path(store)
    if logo is not None:
        images[LOGO] = logo
    return Printable(title=title, html=html_text, css=css, paper=settings.paper_of(store, paper), qr=qr or {},
                     images=images)


def find_request(store: Store, key: str) -> dict:
    """A service request by id or by tracking code (what a clerk has at hand)."""
    return _find(store, services.SERVICE_REQUESTS, key)


def find_complaint(store: Store, key: str) -> dict:
    return _find(store, complaints.COMPLAINTS, key)


def _find(store: Store, coll: str, key: str) -> dict:
    from desktop.domain import tracking

    try:
        return store.get(coll, key)
    except RecordNotFound:
        pass
    rows = store.find(coll, "tracking_code = ?", (tracking.normalize(key),), limit=1)
    if not rows:
        raise RecordNotFound(coll, key)
    return rows[0]


def certificate(store: Store, request_key: str, *, paper: str | None = None) -> Printable:
    """The certificate (surat keterangan) of a completed request, with its verification QR."""
    record = find_request(store, request_key)
    context = services.certificate_context(store, record["id"])
    svc = services.service(record["service_type"], store)
    return _printable(store, svc.template, context, title=f"{svc.name_id} {context['surat']['nomor']}",
                      paper=paper, qr={QR_CERTIFICATE: context["verifikasi"]["qr"]})


def receipt(store: Store, request_key: str, *, paper: str | None = None) -> Printable:
    """The citizen's receipt at intake, with the tracking code and its QR."""
    record = find_request(store, request_key)
    context = services.receipt_context(store, record["id"])
    return _printable(store, "receipt.html", context, title=f"Tanda terima {context['kode_lacak']}", paper=paper,
                      qr={QR_CERTIFICATE: context["kode_lacak_qr"]})


def complaint_receipt(store: Store, complaint_key: str, *, paper: str | None = None) -> Printable:
    record = find_complaint(store, complaint_key)
    context = complaints.receipt_context(store, record["id"])
    return _printable(store, "complaint_receipt.html", context, title=f"Tanda terima pengaduan {context['kode_lacak']}",
                      paper=paper, qr={QR_CERTIFICATE: context["kode_lacak_qr"]})


def _letter(store: Store, letter_id: str) -> dict:
    return store.get(letters.LETTERS, letter_id)


def letter(store: Store, letter_id: str, *, isi: str | None = None, paper: str | None = None) -> Printable:
    """An outgoing letter on the letterhead. ``isi`` is the body text (blank line = new paragraph);
    without it the letter's ``isi`` field (if any) or its keterangan is used."""
    record = _letter(store, letter_id)
    if record.get("direction") != "keluar":
        raise StoreError("Hanya surat keluar yang dicetak di kop surat kantor.",
                         "Only outgoing letters are printed on the office letterhead.")
    sign = services.default_signer(store)
    body = isi if isi is not None else (record.get("isi") or record.get("keterangan") or "")
    context = {
        "surat": {"nomor": record.get("nomor_surat") or "", "tanggal": record.get("tanggal_surat") or "",
                  "sifat": letters.SIFAT_LABELS.get(record.get("sifat"), ("", ""))[0],
                  "lampiran": f"{record['lampiran']} berkas" if record.get("lampiran") else "-",
                  "perihal": record.get("perihal") or "", "tujuan": record.get("tujuan") or "",
                  "isi_html": paragraphs_html(body)},
        "penandatangan": {"nama": record.get("penandatangan") or (sign.nama if sign else ""),
                          "nip": (sign.nip if sign and sign.nama == record.get("penandatangan") else "") or "",
                          "jabatan": (sign.jabatan if sign else "") or ""},
        "verifikasi": None,
        "kode_lacak": "",
    }
    return _printable(store, "letter.html", context, title=f"Surat {context['surat']['nomor']}", paper=paper)


INSTRUKSI = ("Tanggapan dan saran", "Proses lebih lanjut", "Koordinasi/konfirmasikan", "Untuk diketahui",
             "Untuk dilaksanakan", "Arsip")


def disposition_sheet(store: Store, letter_id: str, *, paper: str | None = None) -> Printable:
    """The lembar disposisi of an incoming letter, with the disposisi recorded so far."""
    record = _letter(store, letter_id)
    if record.get("direction") != "masuk":
        raise StoreError("Lembar disposisi hanya untuk surat masuk.", "A disposition sheet is for incoming letters only.")
    entries = letters.dispositions(store, letter_id)
    given = " ".join(e.get("instruksi") or "" for e in entries).casefold()
    sifat = record.get("sifat")
    context = {
        "surat": {"asal": record.get("asal") or "", "nomor": record.get("nomor_surat") or "",
                  "tanggal": record.get("tanggal_surat") or "", "diterima": record.get("tanggal_terima") or "",
                  "agenda": record.get("seq") or "", "perihal": record.get("perihal") or "",
                  "lampiran": record.get("lampiran") or 0},
        "sifat": [{"label": label, "pilih": sifat == key} for key, (label, _) in letters.SIFAT_LABELS.items()
                  if key != "biasa"],
        "instruksi": [{"label": text, "pilih": text.casefold() in given} for text in INSTRUKSI],
        "disposisi": [{"kepada": e.get("kepada") or "", "instruksi": e.get("instruksi") or "",
                       "batas_waktu": e.get("batas_waktu") or "", "catatan": e.get("catatan") or "",
                       "oleh": e.get("created_by") or ""} for e in entries],
    }
    return _printable(store, "disposisi.html", context, title=f"Lembar disposisi {record.get('seq')}", paper=paper)
