"""Dinkes' numbers for the kabupaten, read from the projections (sync/server/projections.py):

* LB1 of a month for the whole kabupaten or a puskesmas: diagnoses by ICD-10 code, kasus baru/lama, sex
  and age group, as the desktop's LB1 counts them (the same rules, sync/health_rules.py);
* LB1 per puskesmas and per month (totals);
* malaria positives (new cases, by the week their case started) per ISO week by puskesmas or by distrik,
  with a threshold per place and week: the mean plus two standard deviations of the same week in the
  earlier years (up to five) that have malaria data, or a value Dinkes sets; and the places over it.

Every function takes an open connection and returns plain dicts (the pages, CSV and XLSX read the same).
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from sqlalchemy import Connection, func, select

from sync import health_fhir, health_rules
from sync.server import places, projections
from sync.server.projections import diagnoses, lb1_counts, lb1_totals, malaria

THRESHOLD_YEARS = 5


def _empty_counts() -> dict:
    return {k: {s: dict.fromkeys(health_rules.AGE_GROUP_CODES, 0) for s in health_rules.SEXES}
            for k in health_rules.KASUS}


def _sums(counts: dict) -> dict:
    out = {}
    for k in health_rules.KASUS:
        per_sex = {s: sum(counts[k][s].values()) for s in health_rules.SEXES}
        out[k] = {**per_sex, "total": sum(per_sex.values())}
    out["total"] = out["baru"]["total"] + out["lama"]["total"]
    return out


def lb1(conn: Connection, month: str, office_ids: list[str] | None = None, *, level: str = "category") -> dict:
    """The LB1 of ``month`` summed over ``office_ids`` (None: every puskesmas). ``level`` "category" rolls
    codes up to 3 characters (B50), "code" keeps them as recorded (B50.9)."""
    t = lb1_counts
    code_col = t.c.category if level == "category" else t.c.code
    q = (select(code_col.label("code"), t.c.kasus, t.c.sex, t.c.age_group, t.c.excluded, func.sum(t.c.n).label("n"))
         .where(t.c.month == month)
         .group_by(code_col, t.c.kasus, t.c.sex, t.c.age_group, t.c.excluded))
    if office_ids is not None:
        q = q.where(t.c.office_id.in_(office_ids))
    table: dict[str, dict] = defaultdict(_empty_counts)
    excluded: dict[str, int] = defaultdict(int)
    for r in conn.execute(q):
        if r.excluded:
            excluded[r.excluded] += int(r.n)
        else:
            table[r.code][r.kasus][r.sex][r.age_group] += int(r.n)
    totals = _empty_counts()
    rows = []
    for code in sorted(table):
        counts = table[code]
        for k in health_rules.KASUS:
            for s in health_rules.SEXES:
                for g in health_rules.AGE_GROUP_CODES:
                    totals[k][s][g] += counts[k][s][g]
        rows.append({"code": code, "title": health_fhir.icd10_title(code), **_sums(counts), "counts": counts})
    return {"month": month, "level": level,
            "age_groups": [{"code": c, "id": i, "en": e} for c, i, e in health_rules.AGE_GROUPS],
            "rows": rows, "totals": {**_sums(totals), "counts": totals},
            "excluded": [{"reason": k, "id": health_rules.EXCLUDED_REASONS[k][0],
                          "en": health_rules.EXCLUDED_REASONS[k][1], "diagnoses": n}
                         for k, n in sorted(excluded.items())]}


def lb1_by_puskesmas(conn: Connection, month: str) -> list[dict]:
    """Per puskesmas: diagnoses counted in the month (baru, lama, total) and those that could not be."""
    offices = places.offices(conn)
    per: dict[str, dict] = {}
    t = lb1_totals
    q = (select(t.c.office_id, t.c.kasus, t.c.excluded, func.sum(t.c.n).label("n"))
         .where(t.c.month == month).group_by(t.c.office_id, t.c.kasus, t.c.excluded))
    for r in conn.execute(q):
        row = per.setdefault(r.office_id, {"baru": 0, "lama": 0, "total": 0, "excluded": 0})
        if r.excluded:
            row["excluded"] += int(r.n)
        else:
            row[r.kasus] += int(r.n)
            row["total"] += int(r.n)
    out = []
    for code, office in offices.items():
        if office.kind != "puskesmas" and code not in per:
            continue
        out.append({"office": code, "name": office.name, "distrik": office.distrik,
                    **per.get(code, {"baru": 0, "lama": 0, "total": 0, "excluded": 0})})
    return out


def lb1_by_month(conn: Connection, year: int, office_ids: list[str] | None = None) -> list[dict]:
    """Kasus baru and lama per month of ``year`` (counted diagnoses)."""
    months = [f"{year:04d}-{m:02d}" for m in range(1, 13)]
    t = lb1_totals
    q = (select(t.c.month, t.c.kasus, func.sum(t.c.n).label("n"))
         .where(t.c.month.between(months[0], months[-1]), t.c.excluded.is_(None))
         .group_by(t.c.month, t.c.kasus))
    if office_ids is not None:
        q = q.where(t.c.office_id.in_(office_ids))
    per = {m: {"month": m, "baru": 0, "lama": 0, "total": 0} for m in months}
    for r in conn.execute(q):
        per[r.month][r.kasus] += int(r.n)
        per[r.month]["total"] += int(r.n)
    return list(per.values())


def weeks_in(year: int) -> int:
    import datetime as dt

    return dt.date(year, 12, 28).isocalendar()[1]


def malaria_weeks(conn: Connection, year: int, *, by: str = "puskesmas", threshold: float | None = None) -> dict:
    """Malaria positives (new cases) per ISO week of ``year`` per place (``by`` "puskesmas" or "distrik").

    A case's distrik is the patient's recorded distrik, else the puskesmas's. The threshold of a place
    and week is ``threshold`` when given, else the mean + 2 SD of that week in up to five earlier years
    with malaria data in the kabupaten (a place without a case in such a year counts 0 for it); None
    when no earlier year has data.
    """
    offices = places.offices(conn)
    first = year - THRESHOLD_YEARS
    w = projections.malaria_weeks
    q = (select(w.c.iso_year, w.c.iso_week, w.c.office_id, w.c.distrik, func.sum(w.c.n).label("n"))
         .where(w.c.iso_year.between(first, year))
         .group_by(w.c.iso_year, w.c.iso_week, w.c.office_id, w.c.distrik))
    counts: dict[tuple[int, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))  # (year, place) -> week -> n
    years_with_data: set[int] = set()
    for r in conn.execute(q):
        office = offices.get(r.office_id)
        if by == "distrik":
            place = r.distrik or (office.distrik if office else places.UNKNOWN)
        else:
            place = r.office_id
        counts[(r.iso_year, place)][r.iso_week] += int(r.n)
        years_with_data.add(r.iso_year)
    earlier = sorted(y for y in years_with_data if y < year)
    names = {c: o.name for c, o in offices.items()}
    all_places = sorted({p for (_y, p) in counts} | ({c for c, o in offices.items() if o.kind == "puskesmas"}
                                                       if by == "puskesmas" else set()))
    n_weeks = weeks_in(year)
    rows, over = [], []
    for place in all_places:
        this = counts.get((year, place), {})
        weeks = []
        for w in range(1, n_weeks + 1):
            limit = threshold
            if limit is None and earlier:
                history = [counts.get((y, place), {}).get(w, 0) for y in earlier]
                sd = statistics.stdev(history) if len(history) > 1 else 0.0
                limit = round(statistics.fmean(history) + 2 * sd, 1)
            n = this.get(w, 0)
            weeks.append({"week": w, "n": n, "threshold": limit})
            if limit is not None and n > limit:
                over.append({"place": place, "name": names.get(place, place), "week": w, "n": n, "threshold": limit})
        rows.append({"place": place, "name": names.get(place, place), "weeks": weeks,
                     "total": sum(x["n"] for x in weeks)})
    rows.sort(key=lambda r: (-r["total"], r["name"]))
    over.sort(key=lambda x: (-x["week"], -(x["n"] - x["threshold"])))
    kab = [{"week": w, "n": sum(r["weeks"][w - 1]["n"] for r in rows)} for w in range(1, n_weeks + 1)]
    return {"year": year, "by": by, "threshold": threshold, "earlier_years": earlier, "rows": rows, "over": over,
            "kabupaten": kab, "weeks": n_weeks}


def malaria_cases(conn: Connection, year: int, week: int, place: str, by: str = "puskesmas") -> list[dict]:
    """The cases behind one number: no names, no ids of the person (date, puskesmas, species, distrik)."""
    offices = places.offices(conn)
    q = (select(malaria.c.tanggal, malaria.c.office_id, malaria.c.species, malaria.c.distrik)
         .where(malaria.c.iso_year == year, malaria.c.iso_week == week).order_by(malaria.c.tanggal))
    if by == "puskesmas":
        q = q.where(malaria.c.office_id == place)
    out = []
    for r in conn.execute(q):
        office = offices.get(r.office_id)
        distrik = r.distrik or (office.distrik if office else places.UNKNOWN)
        if by == "distrik" and distrik != place:
            continue
        out.append({"tanggal": r.tanggal, "office": r.office_id, "office_name": office.name if office else r.office_id,
                    "species": r.species, "distrik": distrik})
    return out


def lb1_records(conn: Connection, month: str, code: str | None, office_ids: list[str] | None, *,
                kasus: str | None = None, sex: str | None = None, age_group: str | None = None) -> list[dict]:
    """The diagnoses behind an LB1 number, without the person: visit date, puskesmas, code, kasus, sex, age
    group (at most 1.000). With ``kasus`` (one cell of the table: also ``sex`` and ``age_group``) only the
    diagnoses that cell counts: the counted ones (not excluded) of that kind."""
    from sync.server.projections import visits

    q = (select(diagnoses.c.visit_id, diagnoses.c.office_id, diagnoses.c.code, diagnoses.c.kasus, diagnoses.c.sex,
                diagnoses.c.age_group, diagnoses.c.excluded, visits.c.tanggal)
         .join(visits, visits.c.id == diagnoses.c.visit_id)
         .where(diagnoses.c.month == month).order_by(visits.c.tanggal, diagnoses.c.visit_id).limit(1000))
    if code:
        q = q.where(diagnoses.c.category == code if len(code) == 3 else diagnoses.c.code == code)
    if office_ids is not None:
        q = q.where(diagnoses.c.office_id.in_(office_ids))
    if kasus:
        q = q.where(diagnoses.c.kasus == kasus, diagnoses.c.excluded.is_(None))
    if sex:
        q = q.where(diagnoses.c.sex == sex)
    if age_group:
        q = q.where(diagnoses.c.age_group == age_group)
    return [dict(r._mapping) for r in conn.execute(q)]


def fhir_bundle(conn: Connection, office: str, month: str) -> dict:
    """The puskesmas's visits of ``month`` as a FHIR R4 Bundle, by the desktop's own mapping
    (sync/health_fhir.py), naming the organisation by ``organisation_id``."""
    import calendar
    import json

    from sync.server.projection_rules import books_for
    from sync.server.projections import visits
    from sync.server.storage import records

    year, mon = int(month[:4]), int(month[5:7])
    first, last = f"{month}-01", f"{month}-{calendar.monthrange(year, mon)[1]:02d}"
    ids = list(conn.execute(select(visits.c.id).where(visits.c.office_id == office,
                                                      visits.c.tanggal.between(first, last))).scalars())

    def full(record_ids: list[str]) -> dict[str, dict]:
        out = {}
        for i in range(0, len(record_ids), 500):
            for r in conn.execute(select(records.c.id, records.c.fields).where(
                    records.c.id.in_(record_ids[i:i + 500]), records.c.deleted.is_(False))):
                out[r.id] = {**json.loads(r.fields), "id": r.id}
        return out

    month_visits = sorted(full(ids).values(), key=health_rules.visit_order)
    patient_ids = list(dict.fromkeys(v.get("patient_id") for v in month_visits if v.get("patient_id")))
    people = full(patient_ids)
    history: dict[str, list[dict]] = defaultdict(list)
    for i in range(0, len(patient_ids), 500):
        for r in conn.execute(select(visits.c.id, visits.c.patient_id, visits.c.tanggal, visits.c.jam_datang,
                                     visits.c.created_at, visits.c.diagnosa).where(
                visits.c.patient_id.in_(patient_ids[i:i + 500]), visits.c.tanggal <= last)):
            history[r.patient_id].append({**r._mapping, "diagnosa": json.loads(r.diagnosa) if r.diagnosa else None})
    kinds: dict[str, dict] = {}
    book = books_for(conn, [office])[office][1]
    for h in history.values():
        kinds.update(health_rules.derive(h, book))
    org = organisation_id(conn, office)
    resources = [health_fhir.patient_resource({**people[p], "no_rm": people[p].get("no_rm") or p}, org)
                 for p in patient_ids if p in people]
    for visit in month_visits:
        patient = people.get(visit.get("patient_id"))
        if patient is not None:
            resources += health_fhir.encounter_resources(visit, patient, org, health_fhir.DEFAULT_TZ, {},
                                                         kinds.get(visit["id"]))
    return health_fhir.bundle(org, f"{office}-{month}", month, resources)


def organisation_id(conn: Connection, office: str) -> str:
    """The puskesmas's SATUSEHAT organisation id: the one published for it (``satusehat_org_id``, which its PCs
    receive too), else the one its PCs last reported (typed on a PC; web/history.py), else its Layan office code."""
    from sync.server.projection_rules import published_value
    from sync.server.web.tables import office_reports

    org = published_value(conn, "satusehat_org_id", office)
    if isinstance(org, str) and org:
        return org
    reported = conn.execute(select(office_reports.c.satusehat_org_id)
                            .where(office_reports.c.office_code == office)).scalar()
    return reported or office
