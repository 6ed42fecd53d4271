"""Monthly reports, offline: LB1 (morbidity by ICD-10 code, age group, sex, new/old case), visits per
unit and klaster, and the malaria summary and register — as data (dicts, JSON-ready) and XLSX.

PDF is rendered from the same data by desktop/printing/health_reports.py (Qt; the domain has none).

LB1 counts diagnoses, not visits: a visit with two diagnoses counts once in each code's row. The
kasus (baru/lama) of each diagnosis is derived from the patient's history by the rules in
resources/reference/case_rules.json (casetypes.py), or is the nurse's override with its reason. Age is the
patient's age on the visit date (see ages.py for the groups and their source). Visits that cannot
be placed (no age, a baby without birth date, sex unknown, patient missing) are counted under
``excluded`` with the reason, never dropped silently.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from desktop.store.db import StoreError
from desktop.store.records import Store
from sync import health_rules

from . import access, ages, casetypes, icd10, malaria, malaria_cases, units

SEXES = health_rules.SEXES
KASUS = health_rules.KASUS
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def month_range(month: str) -> tuple[str, str]:
    """"2026-10" → ("2026-10-01", "2026-10-31"); StoreError for anything else."""
    m = _MONTH.match(month or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise StoreError(f"Bulan tidak valid: {month!r}. Tulis seperti 2026-10.",
                         f"Invalid month: {month!r}. Write it like 2026-10.")
    year, mon = int(m.group(1)), int(m.group(2))
    last = calendar.monthrange(year, mon)[1]
    return f"{year:04d}-{mon:02d}-01", f"{year:04d}-{mon:02d}-{last:02d}"


def month_label(month: str, lang: str = "id") -> str:
    year, mon = month.split("-")
    return f"{(MONTHS_EN if lang == 'en' else MONTHS_ID)[int(mon) - 1]} {year}"


def _header(store: Store, kind: str, month: str) -> dict:
    office = store.office() or {}
    return {"report": kind, "month": month, "month_label": {"id": month_label(month), "en": month_label(month, "en")},
            "office": {"code": office.get("code"), "name": office.get("name")},
            "signer": signer(store),
            "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")}


def signer(store: Store) -> dict:
    """Who signs the report ("Mengetahui, Kepala Puskesmas"): the office's signatory from the print
    settings (name, NIP, position, place); an empty name leaves the line to be signed by hand."""
    from desktop.domain import services

    found = services.default_signer(store)
    jabatan = store.meta(services.META_TTD_JABATAN) or f"Kepala {store.meta('office_name') or ''}".strip()
    return {"nama": found.nama if found else "", "nip": (found.nip if found else None) or "", "jabatan": jabatan,
            "kota": store.meta("kop_kota") or "Timika"}


_HISTORY_COLUMNS = "v.id, v.patient_id, v.tanggal, v.jam_datang, v.created_at, v.unit, v.diagnosa, v.malaria, v.rujukan"


def patient_histories(store: Store, first: str, last: str, *, since: str | None = None,
                      malaria_only: bool = False, parse: bool = True) -> dict[str, list[dict]]:
    """Every visit up to ``last`` (from ``since``) of the patients with a visit between ``first`` and
    ``last``, per patient: what case types are derived from (casetypes.py, malaria_cases.py)."""
    tested = " AND json_extract({}malaria, '$.pemeriksaan') IS NOT NULL" if malaria_only else ""
    rows = store.read().execute(
        f"SELECT {_HISTORY_COLUMNS} FROM visits v WHERE v.deleted = 0 AND v.tanggal BETWEEN ? AND ?"
        + tested.format("v.") +
        " AND v.patient_id IN (SELECT patient_id FROM visits WHERE deleted = 0 AND tanggal BETWEEN ? AND ?"
        + tested.format("") + ")", (since or "0000-00-00", last, first, last))
    out = []
    for row in rows:
        visit = dict(row)
        for key in ("diagnosa", "malaria") if parse else ():  # parsed once here, not by every rule
            if visit[key]:
                visit[key] = json.loads(visit[key])
        out.append(visit)
    return casetypes.by_patient(out)


def _patients(store: Store, ids) -> dict[str, dict]:
    """Patient fields the reports need, by id (deleted patients left out)."""
    ids = list(ids)
    out = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for row in store.read().execute(
                "SELECT id, jenis_kelamin, tanggal_lahir, umur_tahun, umur_tanggal, nama, no_rm, nik, kampung "
                "FROM patients "
                f"WHERE deleted = 0 AND id IN ({','.join('?' * len(chunk))})", chunk):
            out[row["id"]] = dict(row)
    return out


def _empty_counts() -> dict:
    return {k: {s: dict.fromkeys(ages.AGE_GROUP_CODES, 0) for s in SEXES} for k in KASUS}


def lb1(store: Store, user: dict, month: str, *, level: str = "code") -> dict:
    """LB1 for ``month`` ("2026-10"). ``level`` "code" keeps codes as recorded (B50.9), "category" rolls
    them up to 3 characters (B50).

    rows: [{code, title, counts: {baru|lama: {L|P: {age group: n}}}, baru: {L, P, total},
    lama: {L, P, total}, total}], sorted by code; totals: the same over all rows.
    """
    access.require_health_role(user, store)
    if level not in ("code", "category"):
        raise ValueError(level)
    start, end = month_range(month)
    conn = store.read()
    table: dict[str, dict] = defaultdict(_empty_counts)
    excluded: Counter = Counter()
    histories = patient_histories(store, start, end)
    people = _patients(store, histories)
    for pid, history in histories.items():
        for entry in health_rules.lb1_entries(history, people.get(pid), start, end):
            if entry.excluded:
                excluded[entry.excluded] += 1
                continue
            code = entry.code[:3] if level == "category" else entry.code
            table[code][entry.kasus][entry.sex][entry.age_group] += 1
    visits_without_diagnosis = conn.execute(
        "SELECT count(*) FROM visits WHERE deleted = 0 AND tanggal BETWEEN ? AND ? "
        "AND (diagnosa IS NULL OR json_array_length(diagnosa) = 0)", (start, end)).fetchone()[0]
    rows = []
    totals = _empty_counts()
    for code in sorted(table):
        counts = table[code]
        for k in KASUS:
            for s in SEXES:
                for g in ages.AGE_GROUP_CODES:
                    totals[k][s][g] += counts[k][s][g]
        rows.append({"code": code, "title": icd10.title(code), **_sums(counts), "counts": counts})
    reasons = health_rules.EXCLUDED_REASONS
    return {
        **_header(store, "lb1", month),
        "level": level,
        "age_groups": [{"code": c, "id": i, "en": e} for c, i, e in ages.AGE_GROUPS],
        "rows": rows,
        "totals": {**_sums(totals), "counts": totals},
        "visits_without_diagnosis": visits_without_diagnosis,
        "excluded": [{"reason": k, "id": reasons[k][0], "en": reasons[k][1], "diagnoses": n}
                     for k, n in sorted(excluded.items())],
    }


def _sums(counts: dict) -> dict:
    out = {}
    for k in KASUS:
        per_sex = {s: sum(counts[k][s].values()) for s in SEXES}
        out[k] = {**per_sex, "total": sum(per_sex.values())}
    out["total"] = out["baru"]["total"] + out["lama"]["total"]
    return out


def visits_by_unit(store: Store, user: dict, month: str) -> dict:
    """Visits per unit (rows grouped by klaster): baru/lama × L/P, referrals; klaster subtotals.

    A visit is new (kunjungan baru) for its unit when it is the patient's first visit to that unit in the
    calendar year (casetypes.unit_visit_kinds; case_rules.json ``unit_visit``), whenever it was recorded.
    """
    access.require_health_role(user, store)
    per_unit: dict[str, Counter] = defaultdict(Counter)
    start, end = month_range(month)
    histories = patient_histories(store, start, end, since=start[:4] + "-01-01", parse=False)
    people = _patients(store, histories)
    for pid, history in histories.items():
        kinds = casetypes.unit_visit_kinds(history)
        sex = (people.get(pid) or {}).get("jenis_kelamin") or "?"
        for visit in history:
            if not start <= visit["tanggal"] <= end:
                continue
            c = per_unit[visit["unit"]]
            c[f"{kinds[visit['id']]}_{sex}"] += 1
            c["total"] += 1
            c["rujukan"] += int(bool(visit["rujukan"]))
    known = {u.code: u for u in units.units(store, include_inactive=True)}
    rows = []
    order = [u.code for u in units.units(store, include_inactive=True)] + sorted(set(per_unit) - set(known))
    for code in order:
        c = per_unit.get(code, Counter())
        unit = known.get(code)
        if unit is not None and not unit.active and not c:
            continue
        rows.append({"unit": code, "klaster": unit.klaster if unit else "?",
                     "name": {"id": unit.name_id if unit else code, "en": unit.name_en if unit else code},
                     **_visit_counts(c)})
    klaster = []
    for k in units.klaster_list() + [{"code": "?", "name": {"id": "Unit tidak dikenal", "en": "Unknown unit"}}]:
        members = [r for r in rows if r["klaster"] == k["code"]]
        if members or k["code"] != "?":
            sub = Counter()
            for r in members:
                for key in ("baru_L", "baru_P", "lama_L", "lama_P", "total", "rujukan"):
                    sub[key] += r[key]
            klaster.append({"klaster": k["code"], "name": k["name"], **_visit_counts(sub)})
    total = Counter()
    for r in rows:
        for key in ("baru_L", "baru_P", "lama_L", "lama_P", "total", "rujukan"):
            total[key] += r[key]
    return {**_header(store, "kunjungan", month), "rows": rows, "klaster": klaster, "totals": _visit_counts(total)}


def _visit_counts(c: Counter) -> dict:
    return {"baru_L": c["baru_L"], "baru_P": c["baru_P"], "lama_L": c["lama_L"], "lama_P": c["lama_P"],
            "total": c["total"], "rujukan": c["rujukan"]}


def _malaria_cases(store: Store, first: str, last: str):
    """(cases, diagnostic tests) of every patient tested between ``first`` and ``last`` (follow-ups up to
    28 days later included), and the patients by id."""
    follow = (dt.date.fromisoformat(last) + dt.timedelta(days=malaria_cases.FOLLOW_UP_DAYS[-1])).isoformat()
    histories = patient_histories(store, first, follow, malaria_only=True)
    cases, tests = [], []
    for pid, history in histories.items():
        c, t = malaria_cases.patient_cases(history)
        cases += c
        tests += [(pid, x) for x in t]
    return cases, tests, _patients(store, histories)


def malaria_summary(store: Store, user: dict, month: str) -> dict:
    """Cases (episodes) of the month by species, sex and LB1 age group; people tested and positivity.

    ``examined``: people tested for malaria in the month (a follow-up test of a case is not a new person
    tested); ``positive_people``: of them, people with a new case; ``positivity_pct`` = positive people /
    people tested. ``positive``: new cases (episodes) that started in the month; follow-up tests of
    earlier cases are counted apart (``follow_up_tests``).
    """
    access.require_health_role(user, store)
    start, end = month_range(month)
    cases, tests, people = _malaria_cases(store, start, end)
    tested_people: dict[str, str] = {}  # patient -> method of the month's first diagnostic test
    for pid, t in sorted(tests, key=lambda x: x[1].tanggal):
        if start <= t.tanggal <= end:
            tested_people.setdefault(pid, t.pemeriksaan)
    new = [c for c in cases if start <= c.start <= end]
    follow_ups = [t for c in cases for t in c.follow_ups if start <= t.tanggal <= end]
    species = Counter(c.species or "tidak_diketahui" for c in new)
    by_sex, by_age = Counter(), Counter()
    for c in new:
        patient = people.get(c.patient_id)
        by_sex[(patient or {}).get("jenis_kelamin") or "?"] += 1
        by_age[(ages.lb1_group(patient, c.start) if patient else None) or "?"] += 1
    positive_people = {c.patient_id for c in new}
    examined = len(tested_people)
    return {
        **_header(store, "malaria", month),
        "examined": examined,
        "examined_by_method": {k: sum(1 for m in tested_people.values() if m == k) for k in malaria.METHODS},
        "positive": len(new),
        "positive_people": len(positive_people),
        "positive_by_method": {k: sum(1 for c in new if c.first.pemeriksaan == k) for k in malaria.METHODS},
        "positivity_pct": round(100 * len(positive_people) / examined, 1) if examined else None,
        "by_species": {k: species[k] for k in (*malaria.SPECIES, "tidak_diketahui")},
        "by_sex": {s: by_sex[s] for s in SEXES},
        "by_age_group": {g: by_age[g] for g in ages.AGE_GROUP_CODES},
        "treated": sum(1 for c in new if c.treatment),
        "primakuin": sum(1 for c in new if c.primakuin),
        "follow_up_tests": len(follow_ups),
        "follow_up_positive": sum(1 for t in follow_ups if t.hasil == "positif"),
        "follow_up_set": sum(1 for c in new if c.follow_ups),
    }


def malaria_by_month(store: Store, user: dict, year: int) -> dict:
    """The malaria register's yearly view: new cases (episodes) by species for each month of ``year``."""
    access.require_health_role(user, store)
    out = {f"{year:04d}-{m:02d}": dict.fromkeys((*malaria.SPECIES, "tidak_diketahui"), 0) for m in range(1, 13)}
    cases, _tests, _people = _malaria_cases(store, f"{year:04d}-01-01", f"{year:04d}-12-31")
    for c in cases:
        if c.start[:7] in out:
            out[c.start[:7]][c.species or "tidak_diketahui"] += 1
    return out


def malaria_register(store: Store, user: dict, month: str) -> list[dict]:
    """The month's malaria cases, one line per case (episode) with its follow-up tests (hari ke-3/7/14/28)
    and treatment: cases that started in the month (``status`` "baru") and earlier cases with a follow-up
    test in the month ("lanjutan"). Names: health roles only; audited as a register view."""
    access.require_health_role(user, store)
    start, end = month_range(month)
    cases, _tests, people = _malaria_cases(store, start, end)
    out = []
    for c in sorted(cases, key=lambda c: (c.start, c.first.visit_id)):
        is_new = start <= c.start <= end
        if not is_new and not any(start <= t.tanggal <= end for t in c.follow_ups):
            continue
        if c.start > end:
            continue
        patient = people.get(c.patient_id) or {}
        age = ages.age_on(patient, c.start) if patient else None
        slots: dict[str, dict] = {}
        for t in c.follow_ups:
            if t.slot is not None:
                slots.setdefault(str(t.slot), {"tanggal": t.tanggal, "hari": t.day, "pemeriksaan": t.pemeriksaan,
                                               "hasil": t.hasil, "spesies": t.spesies})
        out.append({
            "visit_id": c.first.visit_id, "tanggal": c.start, "status": "baru" if is_new else "lanjutan",
            "no_rm": patient.get("no_rm"), "nama": patient.get("nama"), "nik": patient.get("nik"),
            "kampung": patient.get("kampung"),
            "jenis_kelamin": patient.get("jenis_kelamin"), "umur": age.text() if age else "",
            "unit": c.first.unit, "pemeriksaan": c.first.pemeriksaan, "spesies": c.species,
            "pengobatan": c.treatment, "primakuin": c.primakuin,
            "konfirmasi": [{"tanggal": t.tanggal, "pemeriksaan": t.pemeriksaan, "hasil": t.hasil,
                            "spesies": t.spesies} for t in c.follow_ups if t.slot is None],
            "kontrol": slots,
            "follow_ups": [{"tanggal": t.tanggal, "hari": t.day, "pemeriksaan": t.pemeriksaan, "hasil": t.hasil,
                            "spesies": t.spesies} for t in c.follow_ups],
        })
    store.record_opened("visits", f"register:malaria:{month}", actor=access.actor(user))
    return out


def monthly(store: Store, user: dict, month: str) -> dict:
    """LB1, visits per unit and the malaria summary of one month, in one document."""
    return {"lb1": lb1(store, user, month), "kunjungan": visits_by_unit(store, user, month),
            "malaria": malaria_summary(store, user, month)}


# -- files -----------------------------------------------------------------------------------------

def write_json(data: dict, path: Path | str) -> None:
    _atomic_write(Path(path), lambda fh: fh.write(json.dumps(data, ensure_ascii=False, indent=2).encode()))


def write_xlsx(data: dict, path: Path | str, *, lang: str = "id") -> None:
    """One workbook: sheets LB1, Kunjungan, Malaria (for the parts present in ``data``)."""
    from openpyxl import Workbook

    parts = data if "lb1" in data else {data["report"]: data}
    wb = Workbook()
    wb.remove(wb.active)
    if "lb1" in parts:
        _lb1_sheet(wb, parts["lb1"], lang)
    if "kunjungan" in parts:
        _units_sheet(wb, parts["kunjungan"], lang)
    if "malaria" in parts:
        _malaria_sheet(wb, parts["malaria"], lang)
    _atomic_write(Path(path), wb.save)


def _t(lang: str, id_text: str, en_text: str) -> str:
    return en_text if lang == "en" else id_text


def _title(ws, data: dict, title: str, lang: str, width: int) -> int:
    from openpyxl.styles import Font

    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    office = data["office"]
    ws.cell(row=2, column=1, value=f"{office.get('name') or ''} ({office.get('code') or ''})")
    ws.cell(row=3, column=1, value=_t(lang, "Bulan: ", "Month: ") + data["month_label"][lang])
    return 5


def _lb1_sheet(wb, data: dict, lang: str) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet("LB1")
    groups = data["age_groups"]
    r = _title(ws, data, _t(lang, "LB1 — Laporan Bulanan Data Kesakitan", "LB1 — Monthly morbidity report"), lang,
               3 + 2 * len(groups) + 7)
    bold = Font(bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    heads = [_t(lang, "Kode ICD-10", "ICD-10 code"), _t(lang, "Diagnosa", "Diagnosis")]
    for c, text in enumerate(heads, start=1):
        ws.cell(row=r, column=c, value=text).font = bold
        ws.merge_cells(start_row=r, start_column=c, end_row=r + 1, end_column=c)
    col = 3
    ws.cell(row=r - 1, column=col, value=_t(lang, "Kasus baru menurut golongan umur", "New cases by age group")).font = bold
    for g in groups:
        ws.cell(row=r, column=col, value=g[lang]).alignment = center
        ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + 1)
        ws.cell(row=r + 1, column=col, value="L").alignment = center
        ws.cell(row=r + 1, column=col + 1, value="P").alignment = center
        col += 2
    for label in (_t(lang, "Kasus baru", "New cases"), _t(lang, "Kasus lama", "Old cases")):
        ws.cell(row=r, column=col, value=label).alignment = center
        ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + 2)
        for i, s in enumerate(("L", "P", _t(lang, "Jml", "Total"))):
            ws.cell(row=r + 1, column=col + i, value=s).alignment = center
        col += 3
    ws.cell(row=r, column=col, value=_t(lang, "Jumlah kasus", "All cases")).alignment = center
    ws.merge_cells(start_row=r, start_column=col, end_row=r + 1, end_column=col)
    for row_cells in ws.iter_rows(min_row=r, max_row=r + 1):
        for cell in row_cells:
            cell.font = bold
    r += 2
    for item in [*data["rows"], {"code": "", "title": _t(lang, "JUMLAH", "TOTAL"), **data["totals"]}]:
        values = [item["code"], item["title"]]
        for g in groups:
            values += [item["counts"]["baru"]["L"][g["code"]], item["counts"]["baru"]["P"][g["code"]]]
        for k in KASUS:
            values += [item[k]["L"], item[k]["P"], item[k]["total"]]
        values.append(item["total"])
        for c, v in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=v)
            if not item["code"]:
                cell.font = bold
        r += 1
    r += 1
    ws.cell(row=r, column=1, value=_t(lang, f"Kunjungan tanpa diagnosa: {data['visits_without_diagnosis']}",
                                      f"Visits without a diagnosis: {data['visits_without_diagnosis']}"))
    for e in data["excluded"]:
        r += 1
        ws.cell(row=r, column=1, value=_t(lang, f"Tidak dihitung ({e['id']}): {e['diagnoses']} diagnosa",
                                          f"Not counted ({e['en']}): {e['diagnoses']} diagnoses"))
    sign = data.get("signer") or {}
    r += 2
    for line in (_t(lang, "Mengetahui,", "Acknowledged,"), sign.get("jabatan") or "", "", "",
                 sign.get("nama") or "(....................)", f"NIP. {format_nip(sign.get('nip'))}".strip()):
        ws.cell(row=r, column=2, value=line)
        r += 1
    ws.column_dimensions["A"].width = 11
    ws.column_dimensions["B"].width = 48
    for c in range(3, col + 1):
        ws.column_dimensions[get_column_letter(c)].width = 6.5
    ws.freeze_panes = "C8"


def format_nip(nip: str | None) -> str:
    """An 18-digit NIP grouped as printed on civil-service documents: birth date, appointment month, sex,
    number ("19750812 200003 1 005"); anything else as typed."""
    digits = "".join(ch for ch in (nip or "") if ch.isdigit())
    if len(digits) != 18:
        return (nip or "").strip()
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def _units_sheet(wb, data: dict, lang: str) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(_t(lang, "Kunjungan", "Visits"))
    r = _title(ws, data, _t(lang, "Kunjungan per Unit/Klaster", "Visits per unit/cluster"), lang, 8)
    bold = Font(bold=True)
    heads = [_t(lang, "Klaster", "Cluster"), "Unit", _t(lang, "Baru L", "New M"), _t(lang, "Baru P", "New F"),
             _t(lang, "Lama L", "Old M"), _t(lang, "Lama P", "Old F"), _t(lang, "Jumlah", "Total"),
             _t(lang, "Dirujuk", "Referred")]
    for c, text in enumerate(heads, start=1):
        ws.cell(row=r, column=c, value=text).font = bold
    r += 1
    for k in data["klaster"]:
        for item in [x for x in data["rows"] if x["klaster"] == k["klaster"]]:
            _unit_row(ws, r, k["name"][lang], item["name"][lang], item)
            r += 1
        _unit_row(ws, r, k["name"][lang], _t(lang, "Subtotal", "Subtotal"), k, bold=bold)
        r += 1
    _unit_row(ws, r, _t(lang, "JUMLAH", "TOTAL"), "", data["totals"], bold=bold)
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 40


def _unit_row(ws, r: int, klaster: str, unit: str, item: dict, bold=None) -> None:
    values = [klaster, unit, item["baru_L"], item["baru_P"], item["lama_L"], item["lama_P"], item["total"],
              item["rujukan"]]
    for c, v in enumerate(values, start=1):
        cell = ws.cell(row=r, column=c, value=v)
        if bold is not None:
            cell.font = bold


def _malaria_sheet(wb, data: dict, lang: str) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet("Malaria")
    r = _title(ws, data, _t(lang, "Ringkasan Malaria", "Malaria summary"), lang, 3)
    bold = Font(bold=True)
    lines = [
        (_t(lang, "Orang diperiksa", "People tested"), data["examined"]),
        ("  RDT", data["examined_by_method"]["rdt"]),
        (_t(lang, "  Mikroskopis", "  Microscopy"), data["examined_by_method"]["mikroskopis"]),
        (_t(lang, "Kasus baru (positif)", "New cases (positive)"), data["positive"]),
        (_t(lang, "Orang positif", "People positive"), data["positive_people"]),
        (_t(lang, "Tes kontrol (lanjutan)", "Follow-up tests"), data["follow_up_tests"]),
        (_t(lang, "Angka positif (%)", "Positivity rate (%)"), data["positivity_pct"]),
    ]
    for sp, n in data["by_species"].items():
        label = malaria.SPECIES_LABELS.get(None if sp == "tidak_diketahui" else sp)
        lines.append(("  " + (label[1] if lang == "en" else label[0]), n))
    lines += [(_t(lang, "Positif laki-laki", "Positive, male"), data["by_sex"]["L"]),
              (_t(lang, "Positif perempuan", "Positive, female"), data["by_sex"]["P"]),
              (_t(lang, "Diobati (ACT)", "Treated (ACT)"), data["treated"]),
              (_t(lang, "Diberi primakuin", "Given primaquine"), data["primakuin"]),
              (_t(lang, "Kasus dengan tes kontrol", "Cases with a follow-up test"), data["follow_up_set"])]
    for label, value in lines:
        ws.cell(row=r, column=1, value=label)
        ws.cell(row=r, column=2, value=value)
        r += 1
    r += 1
    ws.cell(row=r, column=1, value=_t(lang, "Positif menurut golongan umur", "Positives by age group")).font = bold
    for g, label_id, label_en in ages.AGE_GROUPS:
        r += 1
        ws.cell(row=r, column=1, value=label_en if lang == "en" else label_id)
        ws.cell(row=r, column=2, value=data["by_age_group"][g])
    ws.column_dimensions["A"].width = 36


def _atomic_write(path: Path, write) -> None:
    import os

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"Tidak bisa menulis {path}: {exc.strerror or exc}",
                         f"Cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
