"""Pelayanan: how well the offices serve, for the Smart City council (pimpinan) and the Organisation
Bureau (organisasi). Numbers from sync/server/stats_pelayanan.py (their definitions are there and in
docs/CENTRE.md); every number links to the records behind it.

Personal data: pimpinan sees tracking codes, dates and statuses only; organisasi also sees the name a
clerk reads on the record (applicant, complainant unless anonymous, a letter's sender), to follow up a
late case. Nobody at the centre sees a NIK here.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from sync.server import places, stats_pelayanan
from sync.server.stats_pelayanan import Filter
from sync.server.web import auth, charts, exports, periods
from sync.server.web.render import language, render
from sync.server.web.texts import add, text

ROLES = ("pimpinan", "organisasi")
SEES_NAMES = ("organisasi",)
PENDING_DAYS = 7
router = APIRouter(prefix="/pelayanan")
PelayananUser = Annotated[dict, Depends(auth.require_role(*ROLES))]

add({
    "nav_pelayanan": ("Pelayanan", "Services"),
    "pl_title": ("Efektivitas pelayanan", "Service effectiveness"),
    "pl_from": ("Dari bulan", "From month"),
    "pl_to": ("Sampai bulan", "To month"),
    "pl_distrik": ("Distrik", "District"),
    "pl_all": ("Semua", "All"),
    "pl_service": ("Layanan", "Service"),
    "pl_show": ("Tampilkan", "Show"),
    "pl_requests": ("Permohonan layanan", "Service requests"),
    "pl_complaints": ("Pengaduan", "Complaints"),
    "pl_letters": ("Surat", "Letters"),
    "pl_office": ("Kantor", "Office"),
    "pl_received": ("Diterima", "Received"),
    "pl_finished": ("Selesai", "Finished"),
    "pl_median": ("Median hari kerja", "Median working days"),
    "pl_p90": ("Persentil 90 (hari kerja)", "90th percentile (working days)"),
    "pl_within": ("% tepat waktu", "% within SLA"),
    "pl_open_late": ("Terbuka, lewat batas", "Open, past due"),
    "pl_month": ("Bulan", "Month"),
    "pl_by_month": ("Bulan demi bulan", "Month by month"),
    "pl_category": ("Kategori", "Category"),
    "pl_response": ("Median hari ke tanggapan pertama", "Median working days to first response"),
    "pl_resolution": ("Median hari ke selesai", "Median working days to resolution"),
    "pl_red": ("Merah", "Red"),
    "pl_red_pct": ("% merah", "% red"),
    "pl_forwarded": ("Diteruskan", "Forwarded"),
    "pl_incoming": ("Surat masuk", "Incoming"),
    "pl_outgoing": ("Surat keluar", "Outgoing"),
    "pl_pending": ("Disposisi menunggu > {days} hari", "Disposition waiting > {days} days"),
    "pl_download": ("Unduh", "Download"),
    "pl_total": ("Jumlah", "Total"),
    "pl_none": ("Belum ada data untuk pilihan ini.", "No data for this selection yet."),
    "pl_chart_months": ("Permohonan diterima dan selesai per bulan", "Requests received and finished per month"),
    "pl_records": ("Data di balik angka", "The records behind the number"),
    "pl_code": ("Kode lacak", "Tracking code"),
    "pl_date": ("Tanggal", "Date"),
    "pl_due": ("Batas waktu", "Due date"),
    "pl_status": ("Status", "Status"),
    "pl_workdays": ("Hari kerja", "Working days"),
    "pl_name": ("Nama", "Name"),
    "pl_subject": ("Perihal", "Subject"),
    "pl_first_response": ("Tanggapan pertama", "First response"),
    "pl_pending_since": ("Menunggu sejak", "Waiting since"),
    "pl_limit": ("Ditampilkan paling banyak {n} baris.", "At most {n} rows are shown."),
    "pl_no_names": ("Data pribadi tidak ditampilkan untuk peran Anda.", "Personal data is not shown for your role."),
    "pl_back": ("Kembali ke ringkasan", "Back to the summary"),
    "pl_defs": ("Cara angka dihitung", "How the numbers are defined"),
    "pl_defs_text": ("Hari kerja: Senin–Jumat di luar hari libur. Tepat waktu: selesai paling lambat pada batas "
                     "waktu yang ditetapkan saat permohonan diterima. Merah: tanggapan pertama lewat batas waktu "
                     "(5 hari kerja), atau belum ada tanggapan dan batasnya sudah lewat.",
                     "Working days: Monday–Friday except holidays. Within SLA: finished by the due date set at "
                     "intake. Red: the first response came after its due date (5 working days), or there is "
                     "none yet and the due date has passed."),
    "pl_what_received": ("diterima", "received"),
    "pl_what_finished": ("selesai", "finished"),
    "pl_what_within_sla": ("selesai tepat waktu", "finished within SLA"),
    "pl_what_open_late": ("terbuka, lewat batas", "open, past due"),
    "pl_what_red": ("merah", "red"),
    "pl_what_forwarded": ("diteruskan", "forwarded"),
    "pl_what_masuk": ("surat masuk", "incoming"),
    "pl_what_keluar": ("surat keluar", "outgoing"),
    "pl_what_pending": ("disposisi menunggu", "disposition waiting"),
})


def _filter(request: Request) -> tuple[Filter, dict]:
    q = request.query_params
    today_month = periods.this_month()
    first = periods.month(q.get("dari"), today_month[:4] + "-01")
    last = periods.month(q.get("sampai"), today_month)
    if first > last:
        first, last = last, first
    distrik = periods.distrik(q.get("distrik"))
    service = periods.text(q.get("layanan"))
    office = periods.text(q.get("kantor"), 40)
    chosen = {"dari": first, "sampai": last, "distrik": distrik or "", "layanan": service or "", "kantor": office or ""}
    return Filter(first, last, None, service), chosen


def _with_offices(conn, f: Filter, chosen: dict) -> Filter:
    offices = places.offices(conn)
    ids = None
    if chosen["distrik"]:
        ids = [c for c, o in offices.items() if o.distrik == chosen["distrik"]]
    if chosen["kantor"]:
        ids = [c for c in (ids if ids is not None else offices) if c == chosen["kantor"]]
    return Filter(f.first, f.last, ids, f.service, f.today)


def _summary(storage, f: Filter, chosen: dict) -> dict:
    with storage.read() as conn:
        f = _with_offices(conn, f, chosen)
        return {"services": stats_pelayanan.services(conn, f),
                "complaints": stats_pelayanan.complaints_stats(conn, Filter(f.first, f.last, f.office_ids)),
                "letters": stats_pelayanan.letters_stats(conn, f, pending_days=PENDING_DAYS)}


def _link(chosen: dict, path: str = "/pelayanan/rincian", **extra) -> str:
    params = {k: v for k, v in {**chosen, **extra}.items() if v not in (None, "")}
    return f"{path}?{urlencode(params)}"


@router.get("")
async def index(request: Request, user: PelayananUser):
    f, chosen = _filter(request)
    data = await run_in_threadpool(_summary, auth.storage(request), f, chosen)
    lang = language(request)
    months = data["services"]["months"]
    chart = charts.bars(text(lang, "pl_chart_months"), [periods.short_month(m["month"], lang) for m in months],
                        {text(lang, "pl_received"): [m["received"] for m in months],
                         text(lang, "pl_finished"): [m["finished"] for m in months]})
    names = stats_pelayanan.service_names()
    return render(request, "pelayanan/index.html", {
        **data, "chosen": chosen, "chart": chart, "distriks": places.distrik_names(),
        "service_names": names, "pending_days": PENDING_DAYS, "link": lambda **kw: _link(chosen, **kw),
        "month_label": lambda m: periods.month_label(m, lang),
        "export": lambda fmt, part: _link(chosen, "/pelayanan/unduh", format=fmt, bagian=part),
    }, user=user)


def _records(storage, kind: str, what: str, f: Filter, chosen: dict, names: bool,
             category: str | None) -> list[dict]:
    with storage.read() as conn:
        f = _with_offices(conn, f, chosen)
        rows = stats_pelayanan.records_behind(conn, kind, what, f, category=category, pending_days=PENDING_DAYS)
        if names and rows:
            personal = stats_pelayanan.personal_fields(conn, [r["id"] for r in rows])
            for r in rows:
                r.update(personal.get(r["id"], {}))
        offices = places.offices(conn)
    for r in rows:
        r["office_name"] = offices[r["office_id"]].name if r["office_id"] in offices else r["office_id"]
    return rows


@router.get("/rincian")
async def records(request: Request, user: PelayananUser):
    f, chosen = _filter(request)
    kind = request.query_params.get("jenis", "layanan")
    what = request.query_params.get("apa", "received")
    if kind not in stats_pelayanan.WHAT or what not in stats_pelayanan.WHAT[kind]:
        raise HTTPException(400)
    names = user["role"] in SEES_NAMES
    category = periods.text(request.query_params.get("kategori"))
    rows = await run_in_threadpool(_records, auth.storage(request), kind, what, f, chosen, names, category)
    lang = language(request)
    return render(request, "pelayanan/records.html", {
        "rows": rows, "kind": kind, "what": what, "chosen": chosen, "names": names,
        "limit": stats_pelayanan.LIST_LIMIT, "service_names": stats_pelayanan.service_names(),
        "month_label": lambda m: periods.month_label(m, lang), "back": _link(chosen, "/pelayanan"),
    }, user=user)


@router.get("/unduh")
async def download(request: Request, user: PelayananUser):
    f, chosen = _filter(request)
    fmt = request.query_params.get("format", "csv")
    part = request.query_params.get("bagian", "layanan")
    if fmt not in exports.FORMATS or part not in ("layanan", "pengaduan", "surat", "semua"):
        raise HTTPException(400)
    data = await run_in_threadpool(_summary, auth.storage(request), f, chosen)
    lang = language(request)
    sheets = _sheets(data, lang)
    if part != "semua":
        sheets = [s for s in sheets if s[0] == part] + [s for s in sheets if s[0] != part]
    return exports.download(fmt, f"pelayanan-{part}-{f.first}-{f.last}", sheets)


def _sheets(data: dict, lang: str) -> list[tuple[str, list[str], list[list]]]:
    def t(key, **kw):
        return text(lang, key, **kw)

    names = stats_pelayanan.service_names()
    svc = [[r["office"], r["office_name"], r["distrik"], r["service"],
            (names.get(r["service"]) or {}).get(lang, r["service"]), r["received"], r["finished"], r["median_days"],
            r["p90_days"], r["within_sla_pct"], r["open_late"]] for r in data["services"]["rows"]]
    months = [[m["month"], m["received"], m["finished"], m["within_sla_pct"]] for m in data["services"]["months"]]
    cmp = [[r["office"], r["office_name"], r["distrik"], r["category"], r["received"], r["response_days"],
            r["resolution_days"], r["red"], r["red_pct"], r["forwarded"]] for r in data["complaints"]["rows"]]
    let = [[r["office"], r["office_name"], r["distrik"], r["masuk"], r["keluar"], r["pending"]]
           for r in data["letters"]["rows"]]
    code = t("pl_office") + " (kode)"
    return [
        ("layanan", [code, t("pl_office"), t("pl_distrik"), t("pl_service") + " (kode)", t("pl_service"),
                     t("pl_received"), t("pl_finished"), t("pl_median"), t("pl_p90"), t("pl_within"),
                     t("pl_open_late")], svc),
        ("bulanan", [t("pl_month"), t("pl_received"), t("pl_finished"), t("pl_within")], months),
        ("pengaduan", [code, t("pl_office"), t("pl_distrik"), t("pl_category"), t("pl_received"), t("pl_response"),
                       t("pl_resolution"), t("pl_red"), t("pl_red_pct"), t("pl_forwarded")], cmp),
        ("surat", [code, t("pl_office"), t("pl_distrik"), t("pl_incoming"), t("pl_outgoing"),
                   t("pl_pending", days=PENDING_DAYS)], let),
    ]
