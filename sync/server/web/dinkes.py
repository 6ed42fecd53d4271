"""Dinkes: the kabupaten's LB1 per month and per puskesmas, malaria positives per week with the threshold
line, and each puskesmas's monthly FHIR bundle. Numbers from sync/server/stats_dinkes.py (the desktop's
own counting rules, sync/health_rules.py).

Access: dinkes and pimpinan see the aggregates and the de-identified lines behind them (date, puskesmas,
code, sex, age group: no name, no NIK, no record number). The FHIR bundle holds identified patient data
for reporting to SATUSEHAT: dinkes only, and every download is written to the centre's audit log.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import insert
from starlette.concurrency import run_in_threadpool

from sync import health_rules
from sync.server import places, stats_dinkes
from sync.server.web import auth, charts, exports, periods
from sync.server.web.render import language, render
from sync.server.web.texts import add, text

ROLES = ("dinkes", "pimpinan")
router = APIRouter(prefix="/dinkes")
DinkesUser = Annotated[dict, Depends(auth.require_role(*ROLES))]
FhirUser = Annotated[dict, Depends(auth.require_role("dinkes"))]

add({
    "nav_dinkes": ("Dinkes", "Health"),
    "dk_title": ("LB1 Kabupaten Mimika", "Mimika Regency LB1"),
    "dk_malaria_title": ("Malaria per minggu", "Malaria per week"),
    "dk_month": ("Bulan", "Month"),
    "dk_year": ("Tahun", "Year"),
    "dk_puskesmas": ("Puskesmas", "Health centre"),
    "dk_all_pkm": ("Semua puskesmas (kabupaten)", "All health centres (regency)"),
    "dk_level": ("Tingkat kode", "Code level"),
    "dk_level_category": ("Kategori (3 karakter)", "Category (3 characters)"),
    "dk_level_code": ("Kode lengkap", "Full code"),
    "dk_code": ("Kode ICD-10", "ICD-10 code"),
    "dk_diagnosis": ("Diagnosa", "Diagnosis"),
    "dk_new": ("Kasus baru", "New cases"),
    "dk_old": ("Kasus lama", "Old cases"),
    "dk_all_cases": ("Jumlah kasus", "All cases"),
    "dk_total": ("Jumlah", "Total"),
    "dk_excluded": ("Tidak dihitung", "Not counted"),
    "dk_per_pkm": ("LB1 per puskesmas", "LB1 per health centre"),
    "dk_per_month": ("Kasus per bulan", "Cases per month"),
    "dk_new_by_age": ("Kasus baru menurut golongan umur", "New cases by age group"),
    "dk_fhir": ("Bundel FHIR", "FHIR bundle"),
    "dk_fhir_download": ("Unduh", "Download"),
    "dk_by": ("Menurut", "By"),
    "dk_by_puskesmas": ("Puskesmas", "Health centre"),
    "dk_by_distrik": ("Distrik", "District"),
    "dk_threshold": ("Ambang tetap (kosong: rata-rata + 2 SD tahun-tahun sebelumnya)",
                     "Fixed threshold (empty: mean + 2 SD of earlier years)"),
    "dk_threshold_line": ("Ambang", "Threshold"),
    "dk_place": ("Tempat", "Place"),
    "dk_week": ("Minggu", "Week"),
    "dk_positives": ("Positif", "Positives"),
    "dk_over": ("Tempat di atas ambang", "Places over the threshold"),
    "dk_none_over": ("Tidak ada tempat di atas ambang.", "No place is over the threshold."),
    "dk_no_history": ("Belum ada data tahun-tahun sebelumnya: ambang belum dapat dihitung.",
                      "No earlier years' data yet: the threshold cannot be computed."),
    "dk_earlier": ("Ambang dari tahun: {years}", "Threshold from the years: {years}"),
    "dk_last_weeks": ("Minggu terakhir", "Latest weeks"),
    "dk_year_total": ("Setahun", "Year"),
    "dk_chart_weeks": ("Positif malaria per minggu", "Malaria positives per week"),
    "dk_chart_months": ("Kasus LB1 per bulan", "LB1 cases per month"),
    "dk_kabupaten": ("Kabupaten", "Regency"),
    "dk_lines": ("Data di balik angka (tanpa identitas pasien)", "The records behind the number (no patient identity)"),
    "dk_sex": ("Jenis kelamin", "Sex"),
    "dk_age": ("Golongan umur", "Age group"),
    "dk_kasus": ("Kasus", "Case"),
    "dk_species": ("Spesies", "Species"),
    "dk_date": ("Tanggal", "Date"),
    "dk_none": ("Belum ada data untuk pilihan ini.", "No data for this selection yet."),
    "dk_show": ("Tampilkan", "Show"),
    "dk_download": ("Unduh", "Download"),
    "dk_back": ("Kembali", "Back"),
    "dk_defs": ("Cara angka dihitung", "How the numbers are defined"),
    "dk_defs_lb1": ("LB1 menghitung diagnosa, bukan kunjungan, dengan aturan kasus baru/lama yang sama dengan "
                    "aplikasi puskesmas. Umur pada tanggal kunjungan.",
                    "LB1 counts diagnoses, not visits, by the same new/old case rules as the health centre's app. "
                    "Age on the visit date."),
    "dk_defs_malaria": ("Positif: kasus malaria baru (episode) menurut minggu ISO awal kasusnya; tes kontrol dalam "
                        "28 hari tidak dihitung lagi. Distrik: distrik tempat tinggal pasien, atau distrik puskesmas.",
                        "Positives: new malaria cases (episodes) by the ISO week their case started; follow-up tests "
                        "within 28 days are not counted again. District: the patient's home district, else the "
                        "health centre's."),
})


def _offices(storage) -> dict:
    with storage.read() as conn:
        return places.offices(conn)


def _lb1_data(storage, month: str, office: str | None, level: str) -> dict:
    with storage.read() as conn:
        ids = [office] if office else None
        return {"lb1": stats_dinkes.lb1(conn, month, ids, level=level),
                "per_pkm": stats_dinkes.lb1_by_puskesmas(conn, month),
                "per_month": stats_dinkes.lb1_by_month(conn, int(month[:4]), ids),
                "offices": places.offices(conn)}


def _lb1_params(request: Request) -> tuple[str, str | None, str]:
    q = request.query_params
    month = periods.month(q.get("bulan"), periods.this_month())
    office = periods.text(q.get("puskesmas"), 40)
    level = q.get("tingkat") or "category"
    if level not in ("category", "code"):
        raise HTTPException(400)
    return month, office, level


@router.get("")
async def lb1(request: Request, user: DinkesUser):
    month, office, level = _lb1_params(request)
    data = await run_in_threadpool(_lb1_data, auth.storage(request), month, office, level)
    if office and office not in data["offices"]:
        raise HTTPException(404)
    lang = language(request)
    per_month = data["per_month"]
    chart = charts.bars(text(lang, "dk_chart_months"), [periods.short_month(m["month"], lang) for m in per_month],
                        {text(lang, "dk_new"): [m["baru"] for m in per_month],
                         text(lang, "dk_old"): [m["lama"] for m in per_month]})
    base = {"bulan": month, "puskesmas": office or "", "tingkat": level}
    return render(request, "dinkes/lb1.html", {
        **data, "month": month, "office": office or "", "level": level, "chart": chart,
        "pkms": {c: o for c, o in data["offices"].items() if o.kind == "puskesmas"},
        "month_label": periods.month_label(month, lang), "month_of": lambda m: periods.month_label(m, lang),
        "link": lambda **kw: "/dinkes/rincian?" + urlencode({k: v for k, v in {**base, **kw}.items() if v}),
        "export": lambda fmt: "/dinkes/unduh?" + urlencode({**base, "format": fmt}),
        "fhir": lambda code: "/dinkes/fhir?" + urlencode({"puskesmas": code, "bulan": month}),
        "can_fhir": user["role"] == "dinkes",
    }, user=user)


@router.get("/rincian")
async def lb1_lines(request: Request, user: DinkesUser):
    month, office, _level = _lb1_params(request)
    q = request.query_params
    code = periods.text(q.get("kode"), 10)
    # one cell of the table: kasus, then sex and age group (the LB1's columns); anything else is refused
    cell = {"kasus": q.get("kasus") or None, "sex": q.get("jk") or None, "age_group": q.get("umur") or None}
    if (cell["kasus"] not in (None, "baru", "lama") or cell["sex"] not in (None, "L", "P")
            or cell["age_group"] not in (None, *health_rules.AGE_GROUP_CODES)
            or (not cell["kasus"] and (cell["sex"] or cell["age_group"]))):
        raise HTTPException(400)

    def work():
        with auth.storage(request).read() as conn:
            return (stats_dinkes.lb1_records(conn, month, code, [office] if office else None, **cell),
                    places.offices(conn))

    rows, offices = await run_in_threadpool(work)
    lang = language(request)
    groups = {c: (i if lang == "id" else e) for c, i, e in health_rules.AGE_GROUPS}
    what = [text(lang, "dk_new" if cell["kasus"] == "baru" else "dk_old")] if cell["kasus"] else []
    what += [cell["sex"]] if cell["sex"] else []
    what += [groups[cell["age_group"]]] if cell["age_group"] else []
    return render(request, "dinkes/lines.html", {
        "rows": rows, "offices": offices, "groups": groups, "code": code or "", "cell": " · ".join(what),
        "month_label": periods.month_label(month, lang),
        "back": "/dinkes?" + urlencode({"bulan": month, "puskesmas": office or ""}),
    }, user=user)


@router.get("/unduh")
async def lb1_download(request: Request, user: DinkesUser):
    month, office, level = _lb1_params(request)
    fmt = request.query_params.get("format", "csv")
    if fmt not in exports.FORMATS:
        raise HTTPException(400)
    data = await run_in_threadpool(_lb1_data, auth.storage(request), month, office, level)
    lang = language(request)
    groups = data["lb1"]["age_groups"]
    header = [text(lang, "dk_code"), text(lang, "dk_diagnosis")]
    for g in groups:
        header += [f"{g[lang]} L", f"{g[lang]} P"]
    header += [f"{text(lang, 'dk_new')} L", f"{text(lang, 'dk_new')} P", text(lang, "dk_new"),
               f"{text(lang, 'dk_old')} L", f"{text(lang, 'dk_old')} P", text(lang, "dk_old"), text(lang, "dk_all_cases")]
    rows = []
    for r in [*data["lb1"]["rows"], {"code": "", "title": text(lang, "dk_total"), **data["lb1"]["totals"]}]:
        line = [r["code"], r["title"]]
        for g in groups:
            line += [r["counts"]["baru"]["L"][g["code"]], r["counts"]["baru"]["P"][g["code"]]]
        for k in health_rules.KASUS:
            line += [r[k]["L"], r[k]["P"], r[k]["total"]]
        rows.append([*line, r["total"]])
    per_pkm = [[p["office"], p["name"], p["distrik"], p["baru"], p["lama"], p["total"], p["excluded"]]
               for p in data["per_pkm"]]
    return exports.download(fmt, f"lb1-{office or 'kabupaten'}-{month}", [
        ("LB1", header, rows),
        (text(lang, "dk_per_pkm"), ["Kode", text(lang, "dk_puskesmas"), "Distrik", text(lang, "dk_new"),
                                    text(lang, "dk_old"), text(lang, "dk_all_cases"), text(lang, "dk_excluded")], per_pkm)])


def _malaria_params(request: Request) -> tuple[int, str, float | None]:
    q = request.query_params
    year = periods.year(q.get("tahun"), dt.date.today().year)
    by = q.get("menurut") or "puskesmas"
    if by not in ("puskesmas", "distrik"):
        raise HTTPException(400)
    raw = (q.get("ambang") or "").replace(",", ".").strip()
    try:
        threshold = float(raw) if raw else None
    except ValueError:
        raise HTTPException(400) from None
    if threshold is not None and not 0 <= threshold <= 100_000:
        raise HTTPException(400)
    return year, by, threshold


def _malaria(storage, year: int, by: str, threshold: float | None) -> dict:
    with storage.read() as conn:
        return stats_dinkes.malaria_weeks(conn, year, by=by, threshold=threshold)


@router.get("/malaria")
async def malaria(request: Request, user: DinkesUser):
    year, by, threshold = _malaria_params(request)
    data = await run_in_threadpool(_malaria, auth.storage(request), year, by, threshold)
    lang = language(request)
    place = periods.text(request.query_params.get("tempat"), 100)
    shown = next((r for r in data["rows"] if r["place"] == place), data["rows"][0] if data["rows"] else None)
    weeks = list(range(1, data["weeks"] + 1))
    last_week = _last_week(year, data["weeks"])
    if shown is not None:  # the line stops at this week: later weeks have no count yet, not a count of 0
        chart = charts.lines(f"{text(lang, 'dk_chart_weeks')} — {shown['name']} {year}", [str(w) for w in weeks],
                             {shown["name"]: [w["n"] for w in shown["weeks"][:last_week]]},
                             [w["threshold"] for w in shown["weeks"]], text(lang, "dk_threshold_line"))
    else:
        chart = charts.lines(f"{text(lang, 'dk_chart_weeks')} {year}", [str(w) for w in weeks],
                             {text(lang, "dk_kabupaten"): [k["n"] for k in data["kabupaten"][:last_week]]})
    recent = list(range(max(1, last_week - 7), last_week + 1))
    base = {"tahun": year, "menurut": by, "ambang": request.query_params.get("ambang") or ""}
    return render(request, "dinkes/malaria.html", {
        "data": data, "year": year, "by": by, "threshold": base["ambang"], "chart": chart, "shown": shown,
        "recent": recent,
        "place_link": lambda p: "/dinkes/malaria?" + urlencode({**base, "tempat": p}) + "#grafik",
        "cases_link": lambda p, w: "/dinkes/malaria/kasus?" + urlencode({**base, "tempat": p, "minggu": w}),
        "export": lambda fmt: "/dinkes/malaria/unduh?" + urlencode({**base, "format": fmt}),
    }, user=user)


def _last_week(year: int, weeks: int) -> int:
    today = dt.date.today()
    iso_year, week, _ = today.isocalendar()
    if iso_year == year:
        return week
    return weeks if iso_year > year else 1


@router.get("/malaria/kasus")
async def malaria_lines(request: Request, user: DinkesUser):
    year, by, _threshold = _malaria_params(request)
    place = periods.text(request.query_params.get("tempat"), 100)
    week = request.query_params.get("minggu") or ""
    if not place or not week.isdigit() or not 1 <= int(week) <= 53:
        raise HTTPException(400)

    def work():
        with auth.storage(request).read() as conn:
            return stats_dinkes.malaria_cases(conn, year, int(week), place, by)

    rows = await run_in_threadpool(work)
    return render(request, "dinkes/malaria_lines.html", {
        "rows": rows, "year": year, "week": int(week), "place": place,
        "back": "/dinkes/malaria?" + urlencode({"tahun": year, "menurut": by}),
    }, user=user)


@router.get("/malaria/unduh")
async def malaria_download(request: Request, user: DinkesUser):
    year, by, threshold = _malaria_params(request)
    fmt = request.query_params.get("format", "csv")
    if fmt not in exports.FORMATS:
        raise HTTPException(400)
    data = await run_in_threadpool(_malaria, auth.storage(request), year, by, threshold)
    lang = language(request)
    weeks = range(1, data["weeks"] + 1)
    header = [text(lang, "dk_place"), *[f"{text(lang, 'dk_week')} {w}" for w in weeks], text(lang, "dk_year_total")]
    rows = [[r["name"], *[w["n"] for w in r["weeks"]], r["total"]] for r in data["rows"]]
    limits = [[r["name"], *[w["threshold"] for w in r["weeks"]], None] for r in data["rows"]]
    over = [[o["name"], o["week"], o["n"], o["threshold"]] for o in data["over"]]
    return exports.download(fmt, f"malaria-{by}-{year}", [
        (text(lang, "dk_positives"), header, rows), (text(lang, "dk_threshold_line"), header, limits),
        (text(lang, "dk_over"), [text(lang, "dk_place"), text(lang, "dk_week"), text(lang, "dk_positives"),
                                 text(lang, "dk_threshold_line")], over)])


@router.get("/fhir")
async def fhir(request: Request, user: FhirUser):
    q = request.query_params
    month = periods.month(q.get("bulan"), periods.this_month())
    office = periods.text(q.get("puskesmas"), 40)
    storage = auth.storage(request)
    offices = await run_in_threadpool(_offices, storage)
    if not office or office not in offices:
        raise HTTPException(404)

    def work():
        from sync.server.web.tables import web_audit

        with storage.read() as conn:
            bundle = stats_dinkes.fhir_bundle(conn, office, month)
        with storage.write() as conn:
            conn.execute(insert(web_audit).values(
                at_ms=int(dt.datetime.now(dt.UTC).timestamp() * 1000), username=user["username"],
                event="fhir_export", address=auth.client_address(request),
                detail=f"{office} {month} {len(bundle['entry'])}"))
        return bundle

    bundle = await run_in_threadpool(work)
    body = json.dumps(bundle, ensure_ascii=False, indent=1)
    return Response(body, media_type="application/fhir+json", headers={
        "Content-Disposition": f'attachment; filename="fhir-{office}-{month}.json"', "Cache-Control": "no-store"})
