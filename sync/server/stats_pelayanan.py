"""The effectiveness numbers (Pelayanan) for the Smart City council, read from the projections:

* **Permohonan** per office and service: received (by intake date) and finished (``selesai``, by finish
  date) in the period; median and 90th percentile of working days from intake to finish; % finished by
  the due date set at intake; open requests past their due date today. Month by month the same.
  The desktop's Laporan Layanan counts by the same definitions (desktop/domain/office_reports.py).
* **Pengaduan** per office and category: received in the period; median working days to the first
  response and to resolution; red = the first response came after the due date, or there is none yet
  and the due date has passed (Mimika Center's 5 working days); forwarded to another office.
* **Surat**: incoming and outgoing letters per office; incoming letters whose latest disposisi asks
  for action and has waited more than N days.

A period is a range of months (``YYYY-MM`` .. ``YYYY-MM``). Working days come from sync/workdays.py.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, and_, case, func, or_, select

from sync.server import places
from sync.server.projections import (
    complaints,
    cp_days,
    cp_received,
    letter_months,
    letters,
    service_requests,
    sr_finished,
    sr_received,
)

OPEN_STATUSES = ("diterima", "diverifikasi", "diproses")


@dataclass(frozen=True)
class Filter:
    first: str  # YYYY-MM
    last: str  # YYYY-MM
    office_ids: list[str] | None = None  # None: every office
    service: str | None = None
    today: dt.date | None = None

    @property
    def day(self) -> str:
        return (self.today or dt.date.today()).isoformat()


def months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 240:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _pct(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _where_offices(col, f: Filter):
    return col.in_(f.office_ids) if f.office_ids is not None else True


def _quantile(hist: dict[int, int], q: float) -> float | None:
    """The ``q`` quantile of day counts given as a histogram {days: n}: linear interpolation between the
    closest ranks, as PostgreSQL's percentile_cont."""
    total = sum(hist.values())
    if not total:
        return None
    pos = (total - 1) * q
    low = int(pos)

    def at(rank: int) -> int:
        seen = 0
        for days in sorted(hist):
            seen += hist[days]
            if rank < seen:
                return days
        return max(hist)

    a, b = at(low), at(min(low + 1, total - 1))
    return round(a + (b - a) * (pos - low), 1)


def _office(offices: dict, code: str) -> dict:
    o = offices.get(code)
    return {"office": code, "office_name": o.name if o else code, "distrik": o.distrik if o else places.UNKNOWN}


def services(conn: Connection, f: Filter) -> dict:
    """Per office and service, from the monthly counts (pj_sr_received, pj_sr_finished); open requests past
    their due date from the requests themselves (their index holds only the status and due date)."""
    offices = places.offices(conn)
    rows: dict[tuple, dict] = {}

    def row(office: str, service: str) -> dict:
        return rows.setdefault((office, service), {
            **_office(offices, office), "service": service,
            "received": 0, "finished": 0, "within_sla": 0, "open_late": 0, "median_days": None, "p90_days": None})

    def where(t):
        return [t.c.month.between(f.first, f.last), _where_offices(t.c.office_id, f),
                t.c.service == f.service if f.service else True]

    r_, d_ = sr_received, sr_finished
    for r in conn.execute(select(r_.c.office_id, r_.c.service, func.sum(r_.c.n).label("n"))
                          .where(*where(r_)).group_by(r_.c.office_id, r_.c.service)):
        row(r.office_id, r.service)["received"] = int(r.n)
    hist: dict[tuple, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for r in conn.execute(select(d_.c.office_id, d_.c.service, d_.c.workdays, d_.c.within_sla,
                                 func.sum(d_.c.n).label("n"))
                          .where(*where(d_)).group_by(d_.c.office_id, d_.c.service, d_.c.workdays, d_.c.within_sla)):
        x = row(r.office_id, r.service)
        x["finished"] += int(r.n)
        x["within_sla"] += int(r.n) if r.within_sla else 0
        hist[(r.office_id, r.service)][r.workdays] += int(r.n)
        hist[()][r.workdays] += int(r.n)
    t = service_requests
    for r in conn.execute(select(t.c.office_id, t.c.service, func.count().label("n"))
                          .where(*_open_late(f), _where_offices(t.c.office_id, f),
                                 t.c.service == f.service if f.service else True)
                          .group_by(t.c.office_id, t.c.service)):
        row(r.office_id, r.service)["open_late"] = r.n
    out = sorted(rows.values(), key=lambda x: (x["office_name"], x["service"]))
    for x in out:
        h = hist.get((x["office"], x["service"]), {})
        x["median_days"], x["p90_days"] = _quantile(h, 0.5), _quantile(h, 0.9)
        x["within_sla_pct"] = _pct(x["within_sla"], x["finished"])
    totals = {k: sum(x[k] for x in out) for k in ("received", "finished", "within_sla", "open_late")}
    totals["within_sla_pct"] = _pct(totals["within_sla"], totals["finished"])
    totals["median_days"], totals["p90_days"] = _quantile(hist.get((), {}), 0.5), _quantile(hist.get((), {}), 0.9)
    return {"rows": out, "totals": totals, "months": services_by_month(conn, f)}


def _open_late(f: Filter) -> list:
    """Open requests received by the period's end and past their due date today."""
    t = service_requests
    return [t.c.status.in_(OPEN_STATUSES), t.c.due_date < f.day, t.c.received_month <= f.last]


def services_by_month(conn: Connection, f: Filter) -> list[dict]:
    per = {m: {"month": m, "received": 0, "finished": 0, "within_sla": 0} for m in months_between(f.first, f.last)}
    for t, key in ((sr_received, "received"), (sr_finished, "finished")):
        cols = [t.c.month, func.sum(t.c.n).label("n")]
        if t is sr_finished:
            cols.append(func.sum(case((t.c.within_sla.is_(True), t.c.n), else_=0)).label("ok"))
        for r in conn.execute(select(*cols).where(t.c.month.between(f.first, f.last), _where_offices(t.c.office_id, f),
                                                  t.c.service == f.service if f.service else True).group_by(t.c.month)):
            if r.month in per:
                per[r.month][key] = int(r.n)
                if t is sr_finished:
                    per[r.month]["within_sla"] = int(r.ok or 0)
    for x in per.values():
        x["within_sla_pct"] = _pct(x["within_sla"], x["finished"])
    return list(per.values())


def _red(f: Filter):
    t = complaints
    return or_(t.c.late_response.is_(True), and_(t.c.status == "masuk", t.c.due_date < f.day))


def complaints_stats(conn: Connection, f: Filter) -> dict:
    """Per office and category, from the monthly counts (pj_cp_received, pj_cp_days); complaints still
    unanswered past their due date (red today) from the complaints themselves."""
    offices = places.offices(conn)
    per: dict[tuple, dict] = {}

    def row(office: str, category: str) -> dict:
        return per.setdefault((office, category), {
            **_office(offices, office), "category": category, "received": 0, "red": 0, "forwarded": 0,
            "response_days": None, "resolution_days": None})

    def where(t):
        return [t.c.month.between(f.first, f.last), _where_offices(t.c.office_id, f),
                t.c.category == f.service if f.service else True]

    a = cp_received
    for r in conn.execute(select(a.c.office_id, a.c.category, a.c.late_response, a.c.forwarded,
                                 func.sum(a.c.n).label("n"))
                          .where(*where(a)).group_by(a.c.office_id, a.c.category, a.c.late_response, a.c.forwarded)):
        x = row(r.office_id, r.category)
        x["received"] += int(r.n)
        x["red"] += int(r.n) if r.late_response else 0
        x["forwarded"] += int(r.n) if r.forwarded else 0
    t = complaints
    for r in conn.execute(select(t.c.office_id, t.c.category, func.count().label("n"))
                          .where(t.c.status == "masuk", t.c.due_date < f.day, t.c.late_response.is_(False),
                                 t.c.received_month.between(f.first, f.last), _where_offices(t.c.office_id, f),
                                 t.c.category == f.service if f.service else True)
                          .group_by(t.c.office_id, t.c.category)):
        row(r.office_id, r.category)["red"] += r.n
    hist: dict[tuple, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    d = cp_days
    for r in conn.execute(select(d.c.office_id, d.c.category, d.c.what, d.c.days, func.sum(d.c.n).label("n"))
                          .where(*where(d)).group_by(d.c.office_id, d.c.category, d.c.what, d.c.days)):
        hist[(r.office_id, r.category, r.what)][r.days] += int(r.n)
        hist[(r.what,)][r.days] += int(r.n)
    rows = sorted(per.values(), key=lambda x: (x["office_name"], -x["received"], x["category"]))
    for x in rows:
        x["red_pct"] = _pct(x["red"], x["received"])
        x["response_days"] = _quantile(hist.get((x["office"], x["category"], "response"), {}), 0.5)
        x["resolution_days"] = _quantile(hist.get((x["office"], x["category"], "resolution"), {}), 0.5)
    totals = {k: sum(x[k] for x in rows) for k in ("received", "red", "forwarded")}
    totals["red_pct"] = _pct(totals["red"], totals["received"])
    totals["response_days"] = _quantile(hist.get(("response",), {}), 0.5)
    totals["resolution_days"] = _quantile(hist.get(("resolution",), {}), 0.5)
    return {"rows": rows, "totals": totals}


def letters_stats(conn: Connection, f: Filter, *, pending_days: int = 7) -> dict:
    offices = places.offices(conn)
    since = ((f.today or dt.date.today()) - dt.timedelta(days=pending_days)).isoformat()
    per: dict[str, dict] = {}

    def row(office: str) -> dict:
        return per.setdefault(office, {**_office(offices, office), "masuk": 0, "keluar": 0, "pending": 0})

    m = letter_months
    for r in conn.execute(select(m.c.office_id, m.c.direction, func.sum(m.c.n).label("n"))
                          .where(m.c.month.between(f.first, f.last), _where_offices(m.c.office_id, f))
                          .group_by(m.c.office_id, m.c.direction)):
        row(r.office_id)[r.direction] = int(r.n)
    t = letters
    for r in conn.execute(select(t.c.office_id, func.count().label("n"))
                          .where(t.c.pending_since <= since, t.c.month.between(f.first, f.last),
                                 _where_offices(t.c.office_id, f))
                          .group_by(t.c.office_id)):
        row(r.office_id)["pending"] = r.n
    rows = sorted(per.values(), key=lambda x: x["office_name"])
    return {"rows": rows, "pending_days": pending_days,
            "totals": {k: sum(x[k] for x in rows) for k in ("masuk", "keluar", "pending")}}


# --- the records behind a number ---------------------------------------------------------------------------

LIST_LIMIT = 500
WHAT = {"layanan": ("received", "finished", "within_sla", "open_late"),
        "pengaduan": ("received", "red", "forwarded"),
        "surat": ("masuk", "keluar", "pending")}


def records_behind(conn: Connection, kind: str, what: str, f: Filter, *, category: str | None = None,
                   pending_days: int = 7) -> list[dict]:
    """The rows one number counts (at most LIST_LIMIT), without personal data: ids, codes, dates, status."""
    if kind == "layanan":
        t = service_requests
        conds = [_where_offices(t.c.office_id, f), t.c.service == f.service if f.service else True]
        if what == "received":
            conds.append(t.c.received_month.between(f.first, f.last))
        elif what in ("finished", "within_sla"):
            conds.append(t.c.finished_month.between(f.first, f.last))
            if what == "within_sla":
                conds.append(t.c.within_sla.is_(True))
        else:
            conds += _open_late(f)
        q = (select(t.c.id, t.c.office_id, t.c.service.label("category"), t.c.tracking_code, t.c.received,
                    t.c.finished, t.c.due_date, t.c.status, t.c.workdays)
             .where(*conds).order_by(t.c.received, t.c.id).limit(LIST_LIMIT))
    elif kind == "pengaduan":
        t = complaints
        conds = [_where_offices(t.c.office_id, f), t.c.received_month.between(f.first, f.last),
                 t.c.category == category if category else True]
        if what == "red":
            conds.append(_red(f))
        elif what == "forwarded":
            conds.append(t.c.forwarded.is_(True))
        q = (select(t.c.id, t.c.office_id, t.c.category, t.c.tracking_code, t.c.received,
                    t.c.first_response, t.c.resolved.label("finished"), t.c.due_date, t.c.status,
                    t.c.response_days.label("workdays"))
             .where(*conds).order_by(t.c.received, t.c.id).limit(LIST_LIMIT))
    else:
        t = letters
        conds = [_where_offices(t.c.office_id, f), t.c.month.between(f.first, f.last)]
        if what == "pending":
            since = ((f.today or dt.date.today()) - dt.timedelta(days=pending_days)).isoformat()
            conds.append(t.c.pending_since <= since)
        else:
            conds.append(t.c.direction == what)
        q = (select(t.c.id, t.c.office_id, t.c.direction.label("category"), t.c.tanggal.label("received"),
                    t.c.pending_since).where(*conds).order_by(t.c.tanggal, t.c.id).limit(LIST_LIMIT))
    return [dict(r._mapping) for r in conn.execute(q)]


def service_names() -> dict[str, dict[str, str]]:
    """Service code -> {"id": name, "en": name} from the bundled catalogue (resources/reference/services.json)."""
    import json

    from sync.schema import resources_dir

    with (resources_dir() / "reference" / "services.json").open(encoding="utf-8") as fh:
        return {s["code"]: s["name"] for s in json.load(fh)["services"]}


def personal_fields(conn: Connection, ids: list[str]) -> dict[str, dict]:
    """The name a clerk would read on the record (the applicant, the complainant unless anonymous, a letter's
    sender and subject), by record id: only for the roles that may see it, and never the NIK."""
    import json

    from sync.server.storage import records

    out = {}
    for i in range(0, len(ids), 500):
        for r in conn.execute(select(records.c.id, records.c.collection, records.c.fields).where(
                records.c.id.in_(ids[i:i + 500]))):
            f = json.loads(r.fields)
            if r.collection == "service_requests":
                out[r.id] = {"nama": f.get("nama")}
            elif r.collection == "complaints":
                out[r.id] = {"nama": None if f.get("anonim") else f.get("pelapor_nama")}
            else:
                out[r.id] = {"nama": f.get("asal"), "perihal": f.get("perihal")}
    return out
