"""Projections: plain indexed tables the centre's dashboards read, kept current in the same transaction as a
page of changes is applied (``on_applied``, one call from Storage._apply_new), and rebuilt from the records
for data that was there before (``rebuild``; ``layan-server projections rebuild``).

What each table holds (docs/CENTRE.md says how the dashboard numbers are defined on them):

* ``pj_service_requests``: one row per permohonan: office, service, received/finished dates and months,
  status, due date, working days from intake to finish (sync/workdays.py) and whether it finished by
  its due date.
* ``pj_complaints``: one row per pengaduan: office, category, received, first response, resolution,
  working days to each, whether the first response came late (after the due date), forwarded.
* ``pj_letters`` / ``pj_dispositions``: letters by office, direction and date; a surat masuk's
  disposisi waits (``pending_since``) when its latest disposisi asks for action (the desktop's rule).
* ``pj_visits`` / ``pj_patients``: the fields a patient's case types are derived from, so a change
  re-derives that patient's history without reading JSON records.
* ``pj_diagnoses``: one row per diagnosis of a visit as the LB1 counts it (sync/health_rules.py, the
  desktop's own rules, with the case rules published for its puskesmas: projection_rules.py): puskesmas, month, ICD-10 code, age group, sex, kasus baru/lama, or why it
  cannot be counted.
* ``pj_malaria``: one row per malaria case (episode) by its start: puskesmas, ISO week, species, and
  the patient's distrik.

Nothing here is read by the sync protocol; dropping every ``pj_`` table and rebuilding loses nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable
from operator import itemgetter

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from sync import health_rules, workdays
from sync.server import pg_exec, projection_rules
from sync.server.sql_among import among, among_param

metadata = MetaData()

service_requests = Table(
    "pj_service_requests", metadata,
    Column("id", String(64), primary_key=True),
    Column("office_id", String(40), nullable=False),
    Column("service", String(80), nullable=False),
    Column("tracking_code", String(40)),
    Column("received", String(10)),
    Column("received_month", String(7)),
    Column("finished", String(10)),  # tanggal_selesai of a finished (selesai) request
    Column("finished_month", String(7)),
    Column("status", String(20), nullable=False),
    Column("due_date", String(10)),
    Column("workdays", Integer),  # working days from intake to finish
    Column("within_sla", Boolean),
    Index("ix_pj_sr_received", "received_month", "office_id"),
    Index("ix_pj_sr_finished", "finished_month", "office_id"),
    # covers the count of open requests past due (status, due date, then what the count groups by)
    Index("ix_pj_sr_open", "status", "due_date", "office_id", "service", "received_month"),
)

complaints = Table(
    "pj_complaints", metadata,
    Column("id", String(64), primary_key=True),
    Column("office_id", String(40), nullable=False),
    Column("category", String(80), nullable=False),
    Column("tracking_code", String(40)),
    Column("received", String(10)),
    Column("received_month", String(7)),
    Column("status", String(20), nullable=False),
    Column("due_date", String(10)),
    Column("first_response", String(10)),
    Column("resolved", String(10)),
    Column("response_days", Integer),
    Column("resolution_days", Integer),
    Column("late_response", Boolean, nullable=False),  # answered after the due date
    Column("forwarded", Boolean, nullable=False),
    Index("ix_pj_cp_received", "received_month", "office_id"),
    Index("ix_pj_cp_open", "status", "due_date", "office_id", "category", "received_month", "late_response"),
)

letters = Table(
    "pj_letters", metadata,
    Column("id", String(64), primary_key=True),
    Column("office_id", String(40), nullable=False),
    Column("direction", String(10), nullable=False),
    Column("tanggal", String(10)),  # tanggal_terima of a surat masuk, tanggal_surat of a surat keluar
    Column("month", String(7)),
    Column("pending_since", String(10)),  # date of the latest disposisi when it asks for action
    Column("pending_disposition", String(64)),
    Index("ix_pj_letters_month", "month", "office_id"),
    Index("ix_pj_letters_pending", "pending_since"),
)

dispositions = Table(
    "pj_dispositions", metadata,
    Column("id", String(64), primary_key=True),
    Column("letter_id", String(64), nullable=False),
    Column("office_id", String(40), nullable=False),
    Column("created", String(40), nullable=False),  # created_at as recorded on the PC
    Column("asks_action", Boolean, nullable=False),
    Index("ix_pj_disp_letter", "letter_id"),
)

patients = Table(
    "pj_patients", metadata,
    Column("id", String(64), primary_key=True),
    Column("office_id", String(40), nullable=False),
    Column("jenis_kelamin", String(1)),
    Column("tanggal_lahir", String(10)),
    Column("umur_tahun", Integer),
    Column("umur_tanggal", String(10)),
    Column("distrik", String(100)),
)

visits = Table(
    "pj_visits", metadata,
    Column("id", String(64), primary_key=True),
    Column("office_id", String(40), nullable=False),
    Column("patient_id", String(64), nullable=False),
    Column("tanggal", String(10)),
    Column("jam_datang", String(5)),
    Column("created_at", String(40)),
    Column("unit", String(60)),
    Column("diagnosa", Text),  # JSON as synced: read only when the patient's case types are derived again
    Column("malaria", Text),
    Index("ix_pj_visits_patient", "patient_id"),
    Index("ix_pj_visits_month", "office_id", "tanggal"),
)

diagnoses = Table(
    "pj_diagnoses", metadata,
    Column("visit_id", String(64), primary_key=True),
    Column("code", String(10), primary_key=True),
    Column("office_id", String(40), nullable=False),
    Column("patient_id", String(64), nullable=False),
    Column("month", String(7), nullable=False),
    Column("category", String(3), nullable=False),
    Column("kasus", String(4), nullable=False),
    Column("sex", String(1)),
    Column("age_group", String(8)),
    Column("excluded", String(20)),  # why it cannot be counted (health_rules.EXCLUDED_REASONS), else NULL
    Index("ix_pj_diag_month", "month", "office_id"),
    Index("ix_pj_diag_patient", "patient_id"),
)

malaria = Table(
    "pj_malaria", metadata,
    Column("visit_id", String(64), primary_key=True),  # the case's first positive test
    Column("office_id", String(40), nullable=False),
    Column("patient_id", String(64), nullable=False),
    Column("tanggal", String(10), nullable=False),
    Column("iso_year", Integer, nullable=False),
    Column("iso_week", Integer, nullable=False),
    Column("species", String(20)),
    Column("distrik", String(100)),  # the patient's distrik as recorded (NULL: the puskesmas's own)
    Index("ix_pj_malaria_week", "iso_year", "iso_week", "office_id"),
    Index("ix_pj_malaria_patient", "patient_id"),
)

# Monthly counts the Pelayanan page sums instead of reading every request: a count per key, and day counts as
# histograms (working days are small integers), from which medians and percentiles are read exactly.
sr_received = Table(
    "pj_sr_received", metadata,
    Column("office_id", String(40), primary_key=True), Column("service", String(80), primary_key=True),
    Column("month", String(7), primary_key=True), Column("n", Integer, nullable=False),
    Index("ix_pj_sr_received_month", "month"),
)
sr_finished = Table(
    "pj_sr_finished", metadata,
    Column("office_id", String(40), primary_key=True), Column("service", String(80), primary_key=True),
    Column("month", String(7), primary_key=True), Column("workdays", Integer, primary_key=True),
    Column("within_sla", Boolean, primary_key=True), Column("n", Integer, nullable=False),
    Index("ix_pj_sr_finished_month", "month"),
)
cp_received = Table(
    "pj_cp_received", metadata,
    Column("office_id", String(40), primary_key=True), Column("category", String(80), primary_key=True),
    Column("month", String(7), primary_key=True), Column("late_response", Boolean, primary_key=True),
    Column("forwarded", Boolean, primary_key=True), Column("n", Integer, nullable=False),
    Index("ix_pj_cp_received_month", "month"),
)
cp_days = Table(  # what: "response" (to the first response) or "resolution"
    "pj_cp_days", metadata,
    Column("office_id", String(40), primary_key=True), Column("category", String(80), primary_key=True),
    Column("month", String(7), primary_key=True), Column("what", String(10), primary_key=True),
    Column("days", Integer, primary_key=True), Column("n", Integer, nullable=False),
    Index("ix_pj_cp_days_month", "month"),
)
lb1_counts = Table(  # the LB1 of a puskesmas-month, summed
    "pj_lb1", metadata,
    Column("office_id", String(40), nullable=False), Column("month", String(7), nullable=False),
    Column("code", String(10), nullable=False), Column("category", String(3), nullable=False),
    Column("kasus", String(4), nullable=False), Column("sex", String(1)), Column("age_group", String(8)),
    Column("excluded", String(20)), Column("n", Integer, nullable=False),
    Index("ix_pj_lb1_month", "month", "office_id"),
)
lb1_totals = Table(
    "pj_lb1_totals", metadata,
    Column("office_id", String(40), nullable=False), Column("month", String(7), nullable=False),
    Column("kasus", String(4), nullable=False), Column("excluded", String(20)), Column("n", Integer, nullable=False),
    Index("ix_pj_lb1_totals_month", "month", "office_id"),
)
malaria_weeks = Table(
    "pj_malaria_weeks", metadata,
    Column("office_id", String(40), nullable=False), Column("iso_year", Integer, nullable=False),
    Column("iso_week", Integer, nullable=False), Column("distrik", String(100)), Column("n", Integer, nullable=False),
    Index("ix_pj_malaria_weeks_year", "iso_year", "iso_week"),
)
letter_months = Table(
    "pj_letter_months", metadata,
    Column("office_id", String(40), primary_key=True), Column("direction", String(10), primary_key=True),
    Column("month", String(7), primary_key=True), Column("n", Integer, nullable=False),
)

# aggregate table -> (base table, the base's columns for the aggregate's three key columns, [(SELECT, WHERE)]);
# the SELECT lists the aggregate's columns in order and ends with count(*); it groups by the others.
_AGGREGATES = {
    "pj_sr_received": ("pj_service_requests", ("office_id", "service", "received_month"),
                       [("office_id, service, received_month, count(*)", "received_month IS NOT NULL")]),
    "pj_sr_finished": ("pj_service_requests", ("office_id", "service", "finished_month"),
                       [("office_id, service, finished_month, workdays, within_sla, count(*)",
                         "finished_month IS NOT NULL AND workdays IS NOT NULL")]),
    "pj_cp_received": ("pj_complaints", ("office_id", "category", "received_month"),
                       [("office_id, category, received_month, late_response, forwarded, count(*)",
                         "received_month IS NOT NULL")]),
    "pj_cp_days": ("pj_complaints", ("office_id", "category", "received_month"),
                   [("office_id, category, received_month, 'response', response_days, count(*)",
                     "received_month IS NOT NULL AND response_days IS NOT NULL"),
                    ("office_id, category, received_month, 'resolution', resolution_days, count(*)",
                     "received_month IS NOT NULL AND resolution_days IS NOT NULL")]),
    "pj_letter_months": ("pj_letters", ("office_id", "direction", "month"),
                         [("office_id, direction, month, count(*)", "month IS NOT NULL")]),
    "pj_lb1": ("pj_diagnoses", ("office_id", "month"),
               [("office_id, month, code, category, kasus, sex, age_group, excluded, count(*)", "1 = 1")]),
    "pj_lb1_totals": ("pj_diagnoses", ("office_id", "month"),
                      [("office_id, month, kasus, excluded, count(*)", "1 = 1")]),
    "pj_malaria_weeks": ("pj_malaria", ("office_id", "iso_year", "iso_week"),
                         [("office_id, iso_year, iso_week, distrik, count(*)", "1 = 1")]),
}
_AGGREGATES_OF = {"pj_service_requests": ("pj_sr_received", "pj_sr_finished"),
                  "pj_complaints": ("pj_cp_received", "pj_cp_days"), "pj_letters": ("pj_letter_months",),
                  "pj_diagnoses": ("pj_lb1", "pj_lb1_totals"), "pj_malaria": ("pj_malaria_weeks",)}


# Aggregates whose every column but ``n`` is in their primary key. A sync page adds its own rows to them and
# takes away the rows it replaces (``n = n + delta``): counting a key again from its base table costs what the
# key holds, so a push of 100,000 letters into one office-month would count that month again on every page.
# The others (LB1, malaria weeks: nullable columns, no key) are counted again per key, as are recounts.
_SUMMED = frozenset(name for name in _AGGREGATES
                    if all(c.primary_key for c in metadata.tables[name].columns if c.name != "n"))


def _summed_parts(name: str) -> list[tuple[list, list[str]]]:
    """Each (SELECT, WHERE) part of a summed aggregate as (its columns, each a base column name or ('literal',
    value)), and the base columns its WHERE needs not NULL."""
    parts = []
    for select_list, where in _AGGREGATES[name][2]:
        items = [x.strip() for x in select_list.split(",")][:-1]  # without count(*)
        cols = [("literal", x.strip("'")) if x.startswith("'") else x for x in items]
        not_null = [] if where == "1 = 1" else [c.removesuffix(" IS NOT NULL") for c in where.split(" AND ")]
        assert all(" " not in c for c in not_null), where  # only "col IS NOT NULL" conditions are summed
        parts.append((cols, not_null))
    return parts


_SUMMED_PARTS = {name: _summed_parts(name) for name in _SUMMED}


def _key_of(cols: list) -> Callable[[dict], tuple]:
    """A base row (dict) -> its key in a summed aggregate with these columns (``_summed_parts``)."""
    if len(cols) > 1 and not any(isinstance(c, tuple) for c in cols):
        return itemgetter(*cols)  # the usual case, in C
    return lambda row: tuple(c[1] if isinstance(c, tuple) else row[c] for c in cols)


_SUMMED_KEYS = {name: [(_key_of(cols), not_null) for cols, not_null in parts] for name, parts in _SUMMED_PARTS.items()}


# A disposisi with one of these in its instruction asks for no action, so it never waits (the desktop's
# rule, desktop/domain/office_reports.INFORMATIONAL; a test keeps the two equal).
INFORMATIONAL = ("untuk diketahui", "arsip")
COLLECTIONS = ("service_requests", "complaints", "letters", "dispositions", "patients", "visits")
_CHUNK = 500


def create(conn: Connection) -> None:
    metadata.create_all(conn, checkfirst=True)
    projection_rules.create(conn)


def _workdays(first: str | None, last: str | None, days_off: frozenset) -> int | None:
    """Working days between two stored dates by the office's days off (projection_rules.holidays_for)."""
    try:
        return workdays.working_days_between(dt.date.fromisoformat(first), dt.date.fromisoformat(last), days_off)
    except (TypeError, ValueError):
        return None


def _day(value) -> str | None:
    """An ISO date as stored (first 10 characters), or None for anything that is not one."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return value[:10]


def _text(value, size: int) -> str | None:
    return str(value)[:size] if value not in (None, "") else None


# --- one record -> one row ---------------------------------------------------------------------------------

def _service_row(rid: str, office: str, f: dict, days_off: frozenset) -> dict:
    received, status = _day(f.get("tanggal")), str(f.get("status") or "")[:20]
    finished = _day(f.get("tanggal_selesai")) if status == "selesai" else None
    due = _day(f.get("due_date"))
    return {"id": rid, "office_id": office, "service": str(f.get("service_type") or "-")[:80],
            "tracking_code": _text(f.get("tracking_code"), 40), "received": received,
            "received_month": received and received[:7], "finished": finished,
            "finished_month": finished and finished[:7], "status": status, "due_date": due,
            "workdays": _workdays(received, finished, days_off) if finished else None,
            "within_sla": (bool(due) and finished <= due) if finished else None}


def _complaint_row(rid: str, office: str, f: dict, days_off: frozenset) -> dict:
    received, due = _day(f.get("tanggal")), _day(f.get("due_date"))
    answered, resolved = _day(f.get("tanggal_tanggapan")), _day(f.get("tanggal_selesai"))
    status = str(f.get("status") or "")[:20]
    return {"id": rid, "office_id": office, "category": str(f.get("kategori") or "-")[:80],
            "tracking_code": _text(f.get("tracking_code"), 40), "received": received,
            "received_month": received and received[:7], "status": status, "due_date": due,
            "first_response": answered, "resolved": resolved,
            "response_days": _workdays(received, answered, days_off) if answered else None,
            "resolution_days": _workdays(received, resolved, days_off) if resolved else None,
            "late_response": bool(due and answered and answered > due),
            "forwarded": status == "diteruskan" or bool(f.get("diteruskan_ke"))}


def _letter_row(rid: str, office: str, f: dict) -> dict:
    direction = "masuk" if f.get("direction") == "masuk" else "keluar"
    day = _day(f.get("tanggal_terima") if direction == "masuk" else f.get("tanggal_surat"))
    return {"id": rid, "office_id": office, "direction": direction, "tanggal": day, "month": day and day[:7],
            "pending_since": None, "pending_disposition": None}


def _disposition_row(rid: str, office: str, f: dict) -> dict:
    instruction = str(f.get("instruksi") or "").casefold()
    return {"id": rid, "letter_id": str(f.get("letter_id") or "")[:64], "office_id": office,
            "created": str(f.get("created_at") or "")[:40],
            "asks_action": not any(word in instruction for word in INFORMATIONAL)}


def _patient_row(rid: str, office: str, f: dict) -> dict:
    years = f.get("umur_tahun")
    return {"id": rid, "office_id": office, "jenis_kelamin": _text(f.get("jenis_kelamin"), 1),
            "tanggal_lahir": _day(f.get("tanggal_lahir")),
            "umur_tahun": years if isinstance(years, int) and not isinstance(years, bool) else None,
            "umur_tanggal": _day(f.get("umur_tanggal")), "distrik": _text(f.get("distrik"), 100)}


def _json(value) -> str | None:
    return json.dumps(value, ensure_ascii=False) if value else None


def _visit_row(rid: str, office: str, f: dict) -> dict:
    return {"id": rid, "office_id": office, "patient_id": str(f.get("patient_id") or "")[:64],
            "tanggal": _day(f.get("tanggal")), "jam_datang": _text(f.get("jam_datang"), 5),
            "created_at": _text(f.get("created_at"), 40), "unit": _text(f.get("unit"), 60),
            "diagnosa": _json(f.get("diagnosa")), "malaria": _json(f.get("malaria"))}


_ROWS = {"service_requests": (service_requests, _service_row), "complaints": (complaints, _complaint_row),
         "letters": (letters, _letter_row), "dispositions": (dispositions, _disposition_row),
         "patients": (patients, _patient_row), "visits": (visits, _visit_row)}
# rows that count working days: their builder also takes the office's days off
_TIMED = ("service_requests", "complaints")


# --- keeping them current ----------------------------------------------------------------------------------

def on_applied(conn: Connection, recs: Iterable) -> None:
    """Brings the projections up to date with records just written in this transaction (objects with
    ``id``, ``collection``, ``office_id``, ``deleted`` and ``fields``, like merge.Rec)."""
    touched = _write_rows(conn, recs)
    _derive(conn, touched)
    refresh_aggregates(conn, touched["aggregates"], touched["deltas"])


def _aggregate_keys(base: str, rows: Iterable[dict], into: dict[str, set],
                    deltas: dict[str, Counter] | None = None, sign: int = 0) -> None:
    """Adds the aggregate keys that rows of the pj_ table ``base`` (dicts) count in, to be counted again. With
    ``deltas``, rows leaving (``sign`` -1) or arriving (+1) are added to the summed aggregates' rows instead."""
    rows = list(rows)
    for name in _AGGREGATES_OF.get(base, ()):
        if deltas is not None and name in _SUMMED:
            counts = deltas.setdefault(name, Counter())
            for key_of, not_null in _SUMMED_KEYS[name]:
                # Counted in C (Counter.update/subtract over a map): a page of 200 letters adds 200 rows here.
                keys = map(key_of, [row for row in rows if all(row[c] is not None for c in not_null)]
                           if not_null else rows)
                (counts.update if sign > 0 else counts.subtract)(keys)
            continue
        cols = _AGGREGATES[name][1]
        into.setdefault(name, set()).update(
            tuple(row[c] for c in cols) for row in rows if all(row[c] is not None for c in cols))


def refresh_aggregates(conn: Connection, keys: dict[str, set] | None = None,
                       deltas: dict[str, Counter] | None = None) -> None:
    """Counts the aggregate rows of ``keys`` ({aggregate: {(key, key, month)}}) again from their base
    table; ``None``: every aggregate row (after a rebuild or a bulk load). ``deltas`` ({aggregate: {row's
    columns: +/- rows}}) are added to summed aggregates' rows (a key counted again needs none)."""
    deltas = {name: {cols: n for cols, n in counts.items()
                     if n and cols[:len(_AGGREGATES[name][1])] not in (keys or {}).get(name, ())}
              for name, counts in (deltas or {}).items()}
    if (keys or any(deltas.values())) and conn.dialect.name == "postgresql":
        locked = {name: set(wanted) for name, wanted in (keys or {}).items()}
        for name, counts in deltas.items():
            locked.setdefault(name, set()).update(cols[:len(_AGGREGATES[name][1])] for cols in counts)
        _lock_aggregate_keys(conn, locked)
    for name, counts in deltas.items():
        _add_counts(conn, name, counts)
    for name, (base, cols, parts) in _AGGREGATES.items():
        wanted = None if keys is None else keys.get(name)
        if keys is not None and not wanted:
            continue
        agg_cols = [c.name for c in metadata.tables[name].columns]
        params = [{f"k{i}": v for i, v in enumerate(key)} for key in wanted] if wanted else {}
        if wanted is None:
            conn.execute(text(f"DELETE FROM {name}"))
        else:
            conn.execute(text(f"DELETE FROM {name} WHERE "
                              + " AND ".join(f"{c} = :k{i}" for i, c in enumerate(agg_cols[:len(cols)]))), params)
        for select_list, where in parts:
            items = [x.strip() for x in select_list.split(",")]
            group = ", ".join(x for x in items[:-1] if not x.startswith("'"))
            if wanted is not None:
                where += "".join(f" AND {c} = :k{i}" for i, c in enumerate(cols))
            conn.execute(text(f"INSERT INTO {name} ({', '.join(agg_cols)}) SELECT {select_list} FROM {base} "
                              f"WHERE {where} GROUP BY {group}"), params)


def _add_counts(conn: Connection, name: str, counts: dict[tuple, int]) -> None:
    """Adds ``counts`` to the summed aggregate ``name``'s rows, in key order; a row that falls to 0 goes."""
    if not counts:
        return
    table = metadata.tables[name]
    cols = [c.name for c in table.columns if c.name != "n"]
    upsert = _statements.get((conn.dialect.name, "add_counts", name))
    if upsert is None:  # built once, as the sync path's other statements (_statement)
        upsert = (pg_insert if conn.dialect.name == "postgresql" else sqlite_insert)(table)
        upsert = upsert.on_conflict_do_update(index_elements=cols, set_={"n": table.c.n + upsert.excluded.n})
        _statements[(conn.dialect.name, "add_counts", name)] = upsert
    ordered = sorted(counts.items(), key=repr)
    if conn.dialect.name == "postgresql":
        pg_exec.rows(conn, _upsert_rows(conn, table, cols), {"rows": json.dumps([[*key, n] for key, n in ordered])})
    else:
        conn.execute(upsert, [{**dict(zip(cols, key, strict=True)), "n": n} for key, n in ordered])
    if emptied := [dict(zip(cols, key, strict=True)) for key, n in ordered if n < 0]:
        conn.execute(delete(table).where(*(table.c[c] == bindparam(f"k_{c}") for c in cols), table.c.n <= 0),
                     [{f"k_{c}": row[c] for c in cols} for row in emptied])


def _upsert_rows(conn: Connection, table: Table, cols: list[str]):
    """PostgreSQL: ``_add_counts``'s upsert for all its keys in one statement, the rows as one JSON array
    of arrays. executemany sent one statement per key: a page of letters from twelve months, twelve, each
    planned afresh. The keys' locks are held already (``_lock_aggregate_keys``), so their order here
    cannot deadlock; the keys are distinct, so no row is hit twice."""
    stmt = _statements.get(("postgresql", "add_counts_rows", table.name))
    if stmt is None:
        columns = [*cols, "n"]
        values = ", ".join(f"CAST(r->>{i} AS {table.c[c].type.compile(dialect=conn.dialect)})"
                           for i, c in enumerate(columns))
        stmt = text(f"INSERT INTO {table.name} ({', '.join(columns)}) "
                    f"SELECT {values} FROM json_array_elements(CAST(:rows AS json)) AS r "
                    f"ON CONFLICT ({', '.join(cols)}) DO UPDATE SET n = {table.name}.n + excluded.n")
        _statements[("postgresql", "add_counts_rows", table.name)] = stmt
    return stmt


def _lock_aggregate_keys(conn: Connection, keys: dict[str, set]) -> None:
    """Two pages applied at once (several server processes, no shared counter lock) may recount the same
    aggregate row: each would delete what its snapshot sees and insert its count, and the second insert
    would collide. A transaction lock per key, taken in one order by everyone, makes the second wait for
    the first to commit; its statements then see the first one's rows (READ COMMITTED) and count them."""
    names = sorted(f"{name}:{key!r}" for name, wanted in keys.items() for key in wanted or ())
    # One statement for all: unnest yields the array's elements in order, so the locks are taken in it.
    pg_exec.rows(conn, _LOCK_KEYS, {"ks": names})


_LOCK_KEYS = text("SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(CAST(:ks AS text[])) AS k")


def _insert(conn: Connection, table: Table, rows: list[dict]) -> None:
    """Inserts ``rows`` (dicts with the same keys): PostgreSQL by COPY in the same transaction (a
    multi-row executemany costs a round of parsing per row), SQLite by executemany."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), rows)
        return
    cols = list(rows[0])
    values = itemgetter(*cols)  # a row's values in column order, one tuple (in C); every table has 2+ columns
    with conn.connection.driver_connection.cursor() as cur, cur.copy(
            f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
        write = copy.write_row
        for row in rows:
            write(values(row))


_statements: dict[tuple, object] = {}


def _statement(conn: Connection, kind: str, table: Table):
    """A statement of the sync path with its ids as the parameter ``ids``, built once per database
    kind and table (building one costs SQLAlchemy ≈ 100 µs, on every page)."""
    key = (conn.dialect.name, kind, table.name)
    stmt = _statements.get(key)
    if stmt is None:
        ids_of = lambda column: among_param(conn.dialect.name, column, "ids")  # noqa: E731 - local shorthand
        if kind == "delete":
            stmt = delete(table).where(ids_of(table.c.id))
        elif kind == "delete_returning":
            stmt = delete(table).where(ids_of(table.c.id)).returning(*table.c)
        elif kind == "latest_dispositions":
            stmt = select(table.c.letter_id, table.c.created, table.c.id, table.c.asks_action).where(
                ids_of(table.c.letter_id))
        elif kind == "clear_pending":
            stmt = (update(table).where(ids_of(table.c.id), table.c.pending_since.is_not(None))
                    .values(pending_since=None, pending_disposition=None))
        else:
            raise KeyError(kind)
        _statements[key] = stmt
    return stmt


def _delete_rows(conn: Connection, table: Table, ids: list[str], aggregates: dict[str, set],
                 deltas: dict[str, Counter] | None = None) -> None:
    """Deletes the rows of ``ids``; what they counted in goes into ``aggregates`` to be counted again, or is
    taken away in ``deltas``. PostgreSQL in one statement (``DELETE … RETURNING``); SQLite reads them first
    (older SQLite libraries have no RETURNING)."""
    if table.name not in _AGGREGATES_OF:
        conn.execute(_statement(conn, "delete", table), {"ids": ids})
    elif conn.dialect.name == "postgresql":
        _aggregate_keys(table.name, [dict(r._mapping) for r in conn.execute(
            _statement(conn, "delete_returning", table), {"ids": ids})], aggregates, deltas, -1)
    else:
        where = among(conn.dialect.name, table.c.id, ids)
        _aggregate_keys(table.name, [dict(r._mapping) for r in conn.execute(select(table).where(where))],
                        aggregates, deltas, -1)
        conn.execute(delete(table).where(where))


def _write_rows(conn: Connection, recs: Iterable, *, fresh: bool = False) -> dict[str, set]:
    """Replaces the base rows of ``recs`` (``fresh``: the tables hold none of them yet); returns the
    letters and patients whose derived rows are due."""
    by_coll: dict[str, list] = {}
    for r in recs:
        if r.collection in _ROWS:
            by_coll.setdefault(r.collection, []).append(r)
    touched: dict = {"letters": set(), "patients": set(), "aggregates": {}, "deltas": {}}
    for coll, items in by_coll.items():
        table, make = _ROWS[coll]
        ids = [r.id for r in items]
        # Rows these records had before: none for records created in this transaction (``is_new``).
        old = [] if fresh else [r.id for r in items if not getattr(r, "is_new", False)]
        if coll == "visits":  # a visit moved to another patient re-derives the old one too
            for i in range(0, len(old), _CHUNK):
                touched["patients"].update(conn.execute(select(visits.c.patient_id).where(
                    among(conn.dialect.name, visits.c.id, old[i:i + _CHUNK]))).scalars())
        if coll == "dispositions":
            for i in range(0, len(old), _CHUNK):
                touched["letters"].update(conn.execute(select(dispositions.c.letter_id).where(
                    among(conn.dialect.name, dispositions.c.id, old[i:i + _CHUNK]))).scalars())
        for i in range(0, len(old), _CHUNK):
            _delete_rows(conn, table, old[i:i + _CHUNK], touched["aggregates"], touched["deltas"])
        if coll in _TIMED:
            _hold_holidays(conn, exclusive=False)
            days_off = projection_rules.holidays_for(conn, {r.office_id for r in items})
            rows = [make(r.id, r.office_id, r.fields, days_off[r.office_id]) for r in items if not r.deleted]
        else:
            rows = [make(r.id, r.office_id, r.fields) for r in items if not r.deleted]
        _insert(conn, table, rows)
        if not fresh:
            _aggregate_keys(table.name, rows, touched["aggregates"], touched["deltas"], +1)
        if coll == "visits":
            touched["patients"].update(row["patient_id"] for row in rows)
        elif coll == "patients":
            touched["patients"].update(ids)
        elif coll == "dispositions":
            touched["letters"].update(row["letter_id"] for row in rows)
        elif coll == "letters":
            touched["letters"].update(ids)
            touched["written_letters"] = set(ids)  # their rows are new: nothing pending on them yet
    return touched


def _derive(conn: Connection, touched: dict, *, fresh: bool = False) -> None:
    letter_ids = sorted(touched["letters"])
    written = touched.get("written_letters", set())
    for i in range(0, len(letter_ids), _CHUNK):
        _pending(conn, letter_ids[i:i + _CHUNK], written)
    patient_ids = sorted(p for p in touched["patients"] if p)
    for i in range(0, len(patient_ids), _CHUNK):
        _health(conn, patient_ids[i:i + _CHUNK], None if fresh else touched.setdefault("aggregates", {}))


def _pending(conn: Connection, letter_ids: list[str], written: set = frozenset()) -> None:
    """A surat masuk waits for follow-up since its latest disposisi when that one asks for action.
    ``written``: letters whose rows were just written (nothing pending on them to clear)."""
    latest: dict[str, tuple] = {}
    latest_of = _statement(conn, "latest_dispositions", dispositions)
    for row in (pg_exec.rows(conn, latest_of, {"ids": letter_ids}) if conn.dialect.name == "postgresql"
                else conn.execute(latest_of, {"ids": letter_ids})):
        if row.letter_id not in latest or (row.created, row.id) > latest[row.letter_id][:2]:
            latest[row.letter_id] = (row.created, row.id, row.asks_action)
    waiting = {lid: (_day(created) or created[:10] or None, did)
               for lid, (created, did, asks) in latest.items() if asks}
    if to_clear := [lid for lid in letter_ids if lid not in written]:
        conn.execute(_statement(conn, "clear_pending", letters), {"ids": to_clear})
    if waiting:
        conn.execute(update(letters).where(letters.c.id == bindparam("b_id"), letters.c.direction == "masuk")
                     .values(pending_since=bindparam("b_since"), pending_disposition=bindparam("b_did")),
                     [{"b_id": lid, "b_since": since, "b_did": did} for lid, (since, did) in waiting.items()])


def _health(conn: Connection, patient_ids: list[str], aggregates: dict | None) -> None:
    """Derives the LB1 rows and malaria cases of these patients again, from their whole history; adds the
    aggregate keys the old and new rows count in to ``aggregates`` (None: a rebuild counts them all)."""
    if conn.dialect.name == "postgresql":
        # A page applied while ``projections rederive`` (or another worker) counts the same patient again would
        # delete what its snapshot sees and insert rows the other just wrote: one waits for the other instead.
        # Taken in one order, before any aggregate lock (refresh_aggregates), so no two wait for each other.
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended('pj_patient:' || k, 0)) "
                          "FROM unnest(CAST(:ids AS text[])) AS k ORDER BY k"), {"ids": sorted(patient_ids)})
    if aggregates is not None:
        for table in (diagnoses, malaria):
            _aggregate_keys(table.name, [dict(r._mapping) for r in conn.execute(
                select(table).where(among(conn.dialect.name, table.c.patient_id, patient_ids)))], aggregates)
    conn.execute(delete(diagnoses).where(among(conn.dialect.name, diagnoses.c.patient_id, patient_ids)))
    conn.execute(delete(malaria).where(among(conn.dialect.name, malaria.c.patient_id, patient_ids)))
    people = {row.id: dict(row._mapping) for row in conn.execute(
        select(patients).where(among(conn.dialect.name, patients.c.id, patient_ids)))}
    histories: dict[str, list[dict]] = {}
    for row in conn.execute(select(visits).where(among(conn.dialect.name, visits.c.patient_id, patient_ids))):
        visit = dict(row._mapping)
        if not visit["tanggal"]:
            continue
        for key in ("diagnosa", "malaria"):
            visit[key] = json.loads(visit[key]) if visit[key] else None
        histories.setdefault(visit["patient_id"], []).append(visit)
    # each patient is counted by the case rules of their puskesmas, as its PCs count them (projection_rules.py)
    office_of_patient = {pid: (people.get(pid) or {}).get("office_id") or history[0]["office_id"]
                         for pid, history in histories.items()}
    books = projection_rules.books_for(conn, set(office_of_patient.values()))
    projection_rules.note_counted(conn, {o: sha for o, (sha, _book) in books.items()})
    diag_rows, malaria_rows = [], []
    for pid, history in histories.items():
        patient = people.get(pid)
        book = books[office_of_patient[pid]][1]
        seen = set()
        for e in health_rules.lb1_entries(history, patient, "0000-00-00", "9999-12-31", book):
            key = (e.visit["id"], e.code)
            if key in seen:  # the same code twice on one visit counts once
                continue
            seen.add(key)
            diag_rows.append({"visit_id": e.visit["id"], "code": e.code[:10], "office_id": e.visit["office_id"],
                              "patient_id": pid, "month": e.visit["tanggal"][:7], "category": e.code[:3],
                              "kasus": e.kasus, "sex": e.sex, "age_group": e.age_group, "excluded": e.excluded})
        cases, _tests = health_rules.patient_cases(history, book)
        office_of = {v["id"]: v["office_id"] for v in history}
        for c in cases:
            year, week, _ = dt.date.fromisoformat(c.start).isocalendar()
            malaria_rows.append({"visit_id": c.first.visit_id, "office_id": office_of[c.first.visit_id],
                                 "patient_id": pid, "tanggal": c.start, "iso_year": year, "iso_week": week,
                                 "species": c.species, "distrik": (patient or {}).get("distrik")})
    _insert(conn, diagnoses, diag_rows)
    _insert(conn, malaria, malaria_rows)
    if aggregates is not None:
        _aggregate_keys(diagnoses.name, diag_rows, aggregates)
        _aggregate_keys(malaria.name, malaria_rows, aggregates)


# --- counting working days again ------------------------------------------------------------------------------

def _hold_holidays(conn: Connection, *, exclusive: bool) -> None:
    """PostgreSQL: a page counting working days holds this shared until it commits; the recount after a
    holidays publication takes it exclusively once, as a barrier: every page that may have read the old
    holidays has committed before the recount reads a row, and every later page reads the new ones."""
    if conn.dialect.name == "postgresql":
        lock = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        conn.execute(text(f"SELECT {lock}(hashtextextended('pj_holidays', 0))"))


def recount_workdays(storage, progress=None) -> dict[str, int]:
    """Counts the working days of every request and complaint again by the holidays now in force for its office
    (after a ``holidays`` publication), one office per transaction, and the monthly sums they change.
    ``progress(office, changed)`` after each office. Returns office -> rows whose days changed."""
    timed = ((service_requests, (("workdays", "finished"),)),
             (complaints, (("response_days", "first_response"), ("resolution_days", "resolved"))))
    with storage.write() as conn:
        _hold_holidays(conn, exclusive=True)  # released at once: only the pages in flight are waited for
    with storage.read() as conn:
        office_ids = sorted(set(conn.execute(select(service_requests.c.office_id).distinct()).scalars())
                            | set(conn.execute(select(complaints.c.office_id).distinct()).scalars()))
    done: dict[str, int] = {}
    for office in office_ids:
        changed, aggregates = 0, {}
        with storage.write() as conn:
            days_off = projection_rules.holidays_for(conn, [office])[office]
            for table, spans in timed:
                cols = [table.c.id, table.c.received] + [table.c[c] for pair in spans for c in pair]
                updates, old_rows = [], []
                for row in conn.execute(select(*cols).where(table.c.office_id == office)):
                    new = {col: _workdays(row.received, getattr(row, end), days_off) if getattr(row, end) else None
                           for col, end in spans}
                    if any(new[col] != getattr(row, col) for col in new):
                        updates.append({"b_id": row.id, **{f"b_{col}": v for col, v in new.items()}})
                        old_rows.append(row.id)
                if not updates:
                    continue
                for i in range(0, len(old_rows), _CHUNK):  # the sums these rows counted in, before and after
                    _aggregate_keys(table.name, [dict(r._mapping) for r in conn.execute(
                        select(table).where(among(conn.dialect.name, table.c.id, old_rows[i:i + _CHUNK])))],
                        aggregates)
                conn.execute(update(table).where(table.c.id == bindparam("b_id"))
                             .values({col: bindparam(f"b_{col}") for col, _end in spans}), updates)
                changed += len(updates)
            if aggregates:
                refresh_aggregates(conn, aggregates)
        done[office] = changed
        if progress:
            progress(office, changed)
    return done


# --- rebuilding ----------------------------------------------------------------------------------------------

def rebuild(storage, progress=None) -> dict[str, int]:
    """Empties every projection and fills it again from the records, in one transaction. Returns the
    number of rows per table."""
    from sync.server.merge import Rec
    from sync.server.storage import records

    with storage.write() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(delete(table))
        touched: dict[str, set] = {"letters": set(), "patients": set()}
        for coll in COLLECTIONS:
            done, last = 0, ""
            while True:
                rows = conn.execute(select(records.c.id, records.c.office_id, records.c.fields).where(
                    records.c.collection == coll, records.c.deleted.is_(False), records.c.id > last)
                    .order_by(records.c.id).limit(5000)).all()
                if not rows:
                    break
                recs = [Rec(id=r.id, collection=coll, office_id=r.office_id, rev=0, deleted=False,
                            fields=json.loads(r.fields), fmeta={}) for r in rows]
                new = _write_rows(conn, recs, fresh=True)
                for key in touched:
                    touched[key] |= new[key]
                done, last = done + len(rows), rows[-1].id
                if progress:
                    progress(coll, done)
        conn.execute(delete(projection_rules.state))
        _derive(conn, touched, fresh=True)  # notes the rules each office is counted by
        refresh_aggregates(conn)
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in metadata.sorted_tables}


# --- command line ----------------------------------------------------------------------------------------------

def add_cli(sub, common) -> None:
    group = sub.add_parser("projections", help="the dashboards' tables (proyeksi)").add_subparsers(
        dest="projections_cmd", required=True)
    group.add_parser("rebuild", parents=[common], help="fill the dashboards' tables again from every record")
    group.add_parser("rederive", parents=[common],
                     help="count LB1 and malaria again for puskesmas whose published case rules changed")


def run_cli(args) -> int:
    import sys

    from sync.server.storage import Storage

    try:
        storage = Storage.open(args.data, args.db)
    except Exception as e:  # noqa: BLE001 - a clear message instead of a traceback
        print(f"error: cannot open the database: {e}", file=sys.stderr)
        return 1
    try:
        if args.projections_cmd == "rederive":
            projection_rules.after_publication(storage)
            return 0
        counts = rebuild(storage, progress=lambda coll, n: print(f"  {coll}: {n}", file=sys.stderr, flush=True))
    finally:
        storage.close()
    for name, n in counts.items():
        print(f"{name:<22} {n}")
    return 0
