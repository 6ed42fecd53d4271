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

from sqlalchemy import Connection, Integer, and_, cast, func, or_, select, tuple_

from sync.server import places
from sync.server.projections import complaints, letters, service_requests

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


def _percentiles(conn: Connection, is_pg: bool, table, where, keys, wanted: list[tuple[str, float]]
                 ) -> dict[tuple, dict[tuple[str, float], float | None]]:
    """Percentiles ``wanted`` ([(day-count column, fraction)]) per group of ``keys`` and over all rows (key
    ``()``). PostgreSQL computes them in the database (percentile_cont, one pass with grouping sets); SQLite
    has no percentile, so the day counts are read and cut here the same way (linear interpolation)."""
    names = [c.key for c in keys]
    if is_pg:
        parts = [func.percentile_cont(q).within_group(table.c[col].asc()).label(f"p{i}")
                 for i, (col, q) in enumerate(wanted)]
        grouping = func.grouping_sets(tuple_(*keys), tuple_()) if keys else None
        q = select(*keys, *parts).where(where)
        if grouping is not None:
            q = q.group_by(grouping)
        out = {}
        for r in conn.execute(q):
            m = r._mapping
            key = tuple(m[n] for n in names)
            if all(v is None for v in key):
                key = ()
            out[key] = {w: None if m[f"p{i}"] is None else round(float(m[f"p{i}"]), 1) for i, w in enumerate(wanted)}
        return out
    columns = sorted({col for col, _ in wanted})
    values: dict[tuple, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in conn.execute(select(*keys, *[table.c[c] for c in columns]).where(where)):
        m = r._mapping
        key = tuple(m[n] for n in names)
        for c in columns:
            if m[c] is not None:
                values[key][c].append(m[c])
                if key:
                    values[()][c].append(m[c])
    return {k: {(col, q): _quantile(v.get(col, []), q) for col, q in wanted} for k, v in values.items()}


def _quantile(values: list[int], q: float) -> float | None:
    """Linear interpolation between the closest ranks, as PostgreSQL's percentile_cont."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (pos - low), 1)


def _durations(conn: Connection, is_pg: bool, f: Filter) -> dict[tuple, tuple]:
    """(median, p90) of working days to finish per (office, service), and over all (key ``()``)."""
    t = service_requests
    where = and_(t.c.finished_month.between(f.first, f.last), t.c.workdays.is_not(None),
                 _where_offices(t.c.office_id, f), t.c.service == f.service if f.service else True)
    got = _percentiles(conn, is_pg, t, where, (t.c.office_id, t.c.service), [("workdays", 0.5), ("workdays", 0.9)])
    return {k: (v[("workdays", 0.5)], v[("workdays", 0.9)]) for k, v in got.items()}


def services(conn: Connection, f: Filter, *, is_pg: bool = False) -> dict:
    t = service_requests
    svc = t.c.service == f.service if f.service else True
    offices = places.offices(conn)
    rows: dict[tuple, dict] = {}

    def row(office: str, service: str) -> dict:
        return rows.setdefault((office, service), {
            "office": office, "office_name": offices[office].name if office in offices else office,
            "distrik": offices[office].distrik if office in offices else places.UNKNOWN, "service": service,
            "received": 0, "finished": 0, "within_sla": 0, "open_late": 0, "median_days": None, "p90_days": None})

    for r in conn.execute(select(t.c.office_id, t.c.service, func.count().label("n"))
                          .where(t.c.received_month.between(f.first, f.last), _where_offices(t.c.office_id, f), svc)
                          .group_by(t.c.office_id, t.c.service)):
        row(r.office_id, r.service)["received"] = r.n
    for r in conn.execute(select(t.c.office_id, t.c.service, func.count().label("n"),
                                 func.sum(cast(t.c.within_sla, Integer)).label("ok"))
                          .where(t.c.finished_month.between(f.first, f.last), _where_offices(t.c.office_id, f), svc)
                          .group_by(t.c.office_id, t.c.service)):
        x = row(r.office_id, r.service)
        x["finished"], x["within_sla"] = r.n, int(r.ok or 0)
    for r in conn.execute(select(t.c.office_id, t.c.service, func.count().label("n"))
                          .where(*_open_late(f), _where_offices(t.c.office_id, f), svc)
                          .group_by(t.c.office_id, t.c.service)):
        row(r.office_id, r.service)["open_late"] = r.n
    durations = _durations(conn, is_pg, f)
    for key, (med, p90) in durations.items():
        if key:
            x = row(*key)
            x["median_days"], x["p90_days"] = med, p90
    out = sorted(rows.values(), key=lambda x: (x["office_name"], x["service"]))
    for x in out:
        x["within_sla_pct"] = _pct(x["within_sla"], x["finished"])
    totals = {k: sum(x[k] for x in out) for k in ("received", "finished", "within_sla", "open_late")}
    totals["within_sla_pct"] = _pct(totals["within_sla"], totals["finished"])
    totals["median_days"], totals["p90_days"] = durations.get((), (None, None))
    return {"rows": out, "totals": totals, "months": services_by_month(conn, f)}


def _open_late(f: Filter) -> list:
    """Open requests received by the period's end and past their due date today."""
    t = service_requests
    return [t.c.status.in_(OPEN_STATUSES), t.c.due_date < f.day, t.c.received_month <= f.last]


def services_by_month(conn: Connection, f: Filter) -> list[dict]:
    t = service_requests
    svc = t.c.service == f.service if f.service else True
    per = {m: {"month": m, "received": 0, "finished": 0, "within_sla": 0} for m in months_between(f.first, f.last)}
    for r in conn.execute(select(t.c.received_month, func.count().label("n"))
                          .where(t.c.received_month.between(f.first, f.last), _where_offices(t.c.office_id, f), svc)
                          .group_by(t.c.received_month)):
        if r.received_month in per:
            per[r.received_month]["received"] = r.n
    for r in conn.execute(select(t.c.finished_month, func.count().label("n"),
                                 func.sum(cast(t.c.within_sla, Integer)).label("ok"))
                          .where(t.c.finished_month.between(f.first, f.last), _where_offices(t.c.office_id, f), svc)
                          .group_by(t.c.finished_month)):
        if r.finished_month in per:
            per[r.finished_month].update(finished=r.n, within_sla=int(r.ok or 0))
    for x in per.values():
        x["within_sla_pct"] = _pct(x["within_sla"], x["finished"])
    return list(per.values())


def _red(f: Filter):
    t = complaints
    return or_(t.c.late_response.is_(True), and_(t.c.status == "masuk", t.c.due_date < f.day))


def complaints_stats(conn: Connection, f: Filter, *, is_pg: bool = False) -> dict:
    t = complaints
    offices = places.offices(conn)
    where = and_(t.c.received_month.between(f.first, f.last), _where_offices(t.c.office_id, f),
                 t.c.category == f.service if f.service else True)
    rows = []
    for r in conn.execute(select(t.c.office_id, t.c.category, func.count().label("n"),
                                 func.sum(cast(_red(f), Integer)).label("red"),
                                 func.sum(cast(t.c.forwarded, Integer)).label("fwd"))
                          .where(where).group_by(t.c.office_id, t.c.category)):
        office = offices.get(r.office_id)
        rows.append({"office": r.office_id, "office_name": office.name if office else r.office_id,
                     "distrik": office.distrik if office else places.UNKNOWN, "category": r.category,
                     "received": r.n, "red": int(r.red or 0), "forwarded": int(r.fwd or 0),
                     "red_pct": _pct(int(r.red or 0), r.n), "response_days": None, "resolution_days": None})
    medians = _percentiles(conn, is_pg, t, where, (t.c.office_id, t.c.category),
                           [("response_days", 0.5), ("resolution_days", 0.5)])
    for x in rows:
        m = medians.get((x["office"], x["category"]), {})
        x["response_days"], x["resolution_days"] = m.get(("response_days", 0.5)), m.get(("resolution_days", 0.5))
    rows.sort(key=lambda x: (x["office_name"], -x["received"], x["category"]))
    totals = {k: sum(x[k] for x in rows) for k in ("received", "red", "forwarded")}
    totals["red_pct"] = _pct(totals["red"], totals["received"])
    overall = medians.get((), {})
    totals["response_days"], totals["resolution_days"] = (overall.get(("response_days", 0.5)),
                                                          overall.get(("resolution_days", 0.5)))
    return {"rows": rows, "totals": totals}


def letters_stats(conn: Connection, f: Filter, *, pending_days: int = 7) -> dict:
    t = letters
    offices = places.offices(conn)
    since = ((f.today or dt.date.today()) - dt.timedelta(days=pending_days)).isoformat()
    per: dict[str, dict] = {}

    def row(office: str) -> dict:
        o = offices.get(office)
        return per.setdefault(office, {"office": office, "office_name": o.name if o else office,
                                       "distrik": o.distrik if o else places.UNKNOWN,
                                       "masuk": 0, "keluar": 0, "pending": 0})

    for r in conn.execute(select(t.c.office_id, t.c.direction, func.count().label("n"))
                          .where(t.c.month.between(f.first, f.last), _where_offices(t.c.office_id, f))
                          .group_by(t.c.office_id, t.c.direction)):
        row(r.office_id)[r.direction] = r.n
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
