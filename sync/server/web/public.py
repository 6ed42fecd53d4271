"""Public pages, no login: ``/lacak`` (the steps of a permohonan or pengaduan by its tracking code) and
``/verifikasi?k=…`` (a certificate's QR: authentic or not). They show no personal data beyond what the
receipt or certificate itself shows (the name masked), write nothing, and answer 429 past
``LOOKUPS_PER_MINUTE`` look-ups from one address."""

from __future__ import annotations

import os

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from sync import certificates, tracking
from sync.server.web import auth, lookup
from sync.server.web.errors import RateLimited
from sync.server.web.rate_limit import SlidingWindowLimit
from sync.server.web.render import language, render
from sync.server.web.texts import add

router = APIRouter()
LOOKUPS_PER_MINUTE = int(os.environ.get("LAYAN_PUBLIC_LOOKUPS_PER_MINUTE") or 1000)


def lookups_per_process(workers: int) -> int:
    """The limit is counted per server process (docs/CENTRE.md, "Public pages"): with several workers each
    takes its share, so one address gets at most LOOKUPS_PER_MINUTE a minute whichever worker answers."""
    return max(1, LOOKUPS_PER_MINUTE // max(1, workers))


# LAYAN_SERVER_WORKERS: set by ``layan-server serve --workers N`` for its worker processes
_limiter = SlidingWindowLimit(lookups_per_process(int(os.environ.get("LAYAN_SERVER_WORKERS") or 1)),
                              window_s=60.0)  # every look-up counts

add({
    "track_title": ("Lacak permohonan atau pengaduan", "Track a request or complaint"),
    "track_intro": ("Ketik kode lacak yang tertulis pada tanda terima Anda, misalnya K7QM-P3XA.",
                    "Type the tracking code printed on your receipt, e.g. K7QM-P3XA."),
    "track_code": ("Kode lacak", "Tracking code"),
    "track_button": ("Lacak", "Track"),
    "track_bad": ("Kode lacak tidak valid: gunakan 4–20 huruf atau angka seperti pada tanda terima.",
                  "Invalid tracking code: use the 4–20 letters or digits printed on the receipt."),
    "track_typo": ("Kode lacak {code} salah ketik (karakter pemeriksa tidak cocok). Periksa lagi.",
                   "Tracking code {code} has a typo (the check character does not match). Check it again."),
    "track_none": ("Kode lacak {code} tidak ditemukan. Jika tanda terima baru dibuat hari ini, data kantor mungkin "
                   "belum terkirim ke pusat; coba lagi nanti atau tanyakan ke kantor yang menerima.",
                   "Tracking code {code} was not found. If the receipt was issued today the office's data may not "
                   "have reached the centre yet; try again later or ask the office that received it."),
    "kind_request": ("Permohonan layanan", "Service request"),
    "kind_complaint": ("Pengaduan", "Complaint"),
    "office": ("Kantor", "Office"),
    "applicant": ("Nama (disamarkan)", "Name (masked)"),
    "anonymous": ("Anonim", "Anonymous"),
    "received_on": ("Tanggal diterima", "Received on"),
    "due_on": ("Perkiraan selesai", "Expected by"),
    "respond_by": ("Batas tanggapan", "Response due by"),
    "status_now": ("Status sekarang", "Status now"),
    "steps": ("Langkah", "Steps"),
    "forwarded_to": ("diteruskan ke {office}", "forwarded to {office}"),
    "category": ("Kategori", "Category"),
    "verify_title": ("Verifikasi surat keterangan", "Certificate verification"),
    "verify_genuine": ("ASLI — surat keterangan ini tercatat di Layan dan datanya tidak berubah.",
                       "AUTHENTIC — this certificate is on record in Layan and its data is unchanged."),
    "verify_not_layan": ("TIDAK DIKENALI — kode QR ini bukan kode surat keterangan Layan.",
                         "NOT RECOGNISED — this QR code is not a Layan certificate's."),
    "verify_unknown": ("TIDAK DITEMUKAN — surat {number} dari {office} tidak ada di data pusat. Jika baru diterbitkan, "
                       "data kantor mungkin belum terkirim; tanyakan ke kantor penerbit.",
                       "NOT FOUND — certificate {number} of {office} is not in the centre's data. If it was just "
                       "issued, the office's data may not have arrived yet; ask the issuing office."),
    "verify_mismatch": ("TIDAK VALID — data surat {number} tidak cocok dengan arsip.",
                        "NOT VALID — certificate {number} does not match the records."),
    "verify_changed": ("TIDAK VALID — kode verifikasi surat {number} tidak cocok: isi surat ini tidak sama dengan "
                       "yang diterbitkan.",
                       "NOT VALID — the verification code of {number} does not match: this certificate differs "
                       "from the one issued."),
    "verify_paste": ("Teks kode QR", "QR code text"),
    "verify_button": ("Periksa", "Check"),
    "verify_intro": ("Pindai kode QR pada surat keterangan, atau tempel teksnya di sini.",
                     "Scan the QR code on the certificate, or paste its text here."),
    "number": ("Nomor surat", "Letter number"),
    "issued_on": ("Tanggal surat", "Date"),
    "name_printed": ("Nama (disamarkan)", "Name (masked)"),
    "service": ("Layanan", "Service"),
})


def _count_lookup(request: Request) -> None:
    who = auth.client_address(request)
    wait = _limiter.blocked(who)
    if wait:
        raise RateLimited(wait)
    _limiter.count(who)


def _service_name(code: str | None, lang: str) -> str:
    names = lookup.service_names().get(code or "")
    return (names.get(lang) or names.get("id")) if names else (code or "")


def _public_view(rec: dict, lang: str) -> dict:
    """Only what the receipt shows (the name masked); never NIK, address, contact or the complaint text."""
    labels = tracking.REQUEST_STATUS_LABELS if rec["collection"] == "service_requests" \
        else tracking.COMPLAINT_STATUS_LABELS
    i = 1 if lang == "en" else 0
    name = rec.get("nama") if rec["collection"] == "service_requests" else (
        None if rec.get("anonim") else rec.get("pelapor_nama"))
    steps = []
    for e in rec["events"]:
        label = labels.get(e.get("status"), (e.get("status") or "", e.get("status") or ""))[i]
        steps.append({"label": label, "tanggal": e.get("tanggal"), "to_office": e.get("to_office")})
    return {
        "kind": "kind_request" if rec["collection"] == "service_requests" else "kind_complaint",
        "what": _service_name(rec.get("service_type"), lang) if rec["collection"] == "service_requests"
        else rec.get("kategori") or "",
        "code": tracking.display(rec.get("tracking_code")), "office": rec["office_name"],
        "name": tracking.mask_name(name) if name else None, "tanggal": rec.get("tanggal"),
        "due": rec.get("due_date"), "is_request": rec["collection"] == "service_requests",
        "status": labels.get(rec.get("status"), (rec.get("status") or "",) * 2)[i], "steps": steps,
    }


async def _track(request: Request, raw: str):
    lang = language(request)
    code = tracking.normalize(raw[:100])
    context = {"typed": raw[:40], "results": [], "problem": None}
    if not tracking.SCHEMA_PATTERN.match(code):
        context["problem"] = ("track_bad", {})
        return render(request, "public/track.html", context, status=400)
    if tracking.looks_like_ours(code) and not tracking.is_layan_code(code):
        context["problem"] = ("track_typo", {"code": raw[:40]})
        return render(request, "public/track.html", context, status=400)
    _count_lookup(request)
    found = await run_in_threadpool(lookup.by_tracking_code, auth.storage(request), code)
    if not found:
        context["problem"] = ("track_none", {"code": tracking.display(code)})
        return render(request, "public/track.html", context, status=404)
    context["results"] = [_public_view(rec, lang) for rec in found]
    return render(request, "public/track.html", context)


@router.get("/lacak")
async def track_form(request: Request, kode: str = ""):
    if kode.strip():
        return await _track(request, kode)
    return render(request, "public/track.html", {"typed": "", "results": [], "problem": None})


@router.get("/lacak/{kode:path}")
async def track(request: Request, kode: str):
    return await _track(request, kode)


@router.get(certificates.VERIFY_PATH)
async def verify(request: Request, k: str = ""):
    if not k.strip():
        return render(request, "public/verify.html", {"outcome": None, "payload": None, "record": None})
    payload = certificates.parse_payload(k)
    if payload is None:
        return render(request, "public/verify.html", {"outcome": "not_layan", "payload": None, "record": None},
                      status=400)
    _count_lookup(request)
    record = await run_in_threadpool(lookup.service_request, auth.storage(request), payload.request_id)
    outcome = certificates.check(record, payload)
    shown = None
    if outcome == "genuine":
        lang = language(request)
        shown = {"number": record["nomor_surat"], "tanggal": record.get("tanggal_selesai"),
                 "office": record["office_name"], "name": tracking.mask_name(certificates.canonical_name(record["nama"])),
                 "service": _service_name(record.get("service_type"), lang)}
    return render(request, "public/verify.html", {"outcome": outcome, "payload": payload, "record": shown},
                  status=200 if outcome == "genuine" else 404 if outcome == "unknown" else 409)
