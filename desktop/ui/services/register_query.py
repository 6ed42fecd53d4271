"""The SQL behind the permohonan and pengaduan registers: which rows match (rowids, in order) and
one page of their contents. No Qt here: the ids query runs on a worker thread.

Filtering is the domain's own ``register_filter`` (FTS5 on name, NIK, tracking code …; status,
service or category; overdue), so the register, ``services.search`` and the CLI agree on what
matches. Sorting is an ORDER BY per column. The cancelling of a superseded query is the letter
registers' ``Interruptible``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from desktop.domain import complaints, services
from desktop.store.driver import sqlite3
from desktop.store.records import Store

from ..registers.letter_query import Interruptible, QueryCancelled

__all__ = ["COMPLAINT_REGISTER", "REQUEST_REGISTER", "Interruptible", "QueryCancelled", "RegisterFilter",
           "RegisterSpec", "fetch_rows", "find_ids", "rowid_of"]


@dataclass(frozen=True)
class RegisterFilter:
    text: str = ""
    status: str | None = None
    category: str | None = None  # service_type (permohonan) or kategori (pengaduan)
    overdue_only: bool = False
    sort: str = "tanggal"  # a column key
    descending: bool = True  # newest first
    today: dt.date = field(default_factory=dt.date.today)

    def with_(self, **changes) -> RegisterFilter:
        return replace(self, **changes)


@dataclass(frozen=True)
class RegisterSpec:
    table: str
    events_table: str
    columns: tuple[str, ...]
    row_fields: tuple[str, ...]
    where: Callable[[RegisterFilter], tuple[str, list]]
    order: Callable[[str, str], str]  # (column key, "ASC"|"DESC") -> ORDER BY


def _rank(column: str, values: tuple[str, ...]) -> str:
    whens = " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values))
    return f"CASE {column} {whens} ELSE {len(values)} END"


def _order(text_columns: set[str], statuses: tuple[str, ...]) -> Callable[[str, str], str]:
    def order(sort: str, d: str) -> str:
        if sort == "tanggal":
            return f"tanggal {d}, rowid {d}"
        if sort == "due_date":
            return f"due_date {d}, rowid {d}"
        if sort == "status":
            return f"{_rank('status', statuses)} {d}, tanggal DESC, rowid DESC"
        if sort in text_columns:
            return f"[{sort}] COLLATE NOCASE {d}, tanggal DESC, rowid DESC"
        return "tanggal DESC, rowid DESC"
    return order


def _request_where(f: RegisterFilter) -> tuple[str, list]:
    return services.register_filter(text=f.text, status=f.status, service_type=f.category,
                                    overdue_only=f.overdue_only, today=f.today)


def _complaint_where(f: RegisterFilter) -> tuple[str, list]:
    return complaints.register_filter(text=f.text, status=f.status, kategori=f.category,
                                      overdue_only=f.overdue_only, today=f.today)


REQUEST_COLUMNS = ("tracking_code", "tanggal", "service_type", "nik", "nama", "status", "due_date", "nomor_surat")
REQUEST_REGISTER = RegisterSpec(
    table=services.SERVICE_REQUESTS,
    events_table=services.SERVICE_EVENTS,
    columns=REQUEST_COLUMNS,
    row_fields=("id", "office_id", "readonly", *REQUEST_COLUMNS),
    where=_request_where,
    order=_order({"tracking_code", "service_type", "nik", "nama", "nomor_surat"}, services.STATUSES),
)

COMPLAINT_COLUMNS = ("tracking_code", "tanggal", "channel", "pelapor_nama", "kategori", "kampung", "status",
                     "due_date", "diteruskan_ke")
COMPLAINT_REGISTER = RegisterSpec(
    table=complaints.COMPLAINTS,
    events_table=complaints.COMPLAINT_EVENTS,
    columns=COMPLAINT_COLUMNS,
    row_fields=("id", "office_id", "readonly", "anonim", *COMPLAINT_COLUMNS),
    where=_complaint_where,
    order=_order({"tracking_code", "channel", "pelapor_nama", "kategori", "kampung", "diteruskan_ke"},
                 complaints.STATUSES),
)


def build_ids_query(spec: RegisterSpec, f: RegisterFilter) -> tuple[str, list]:
    where, params = spec.where(f)
    sort = f.sort if f.sort in spec.columns else "tanggal"
    return (f"SELECT rowid FROM [{spec.table}] WHERE {where} "
            f"ORDER BY {spec.order(sort, 'DESC' if f.descending else 'ASC')}", params)


def find_ids(store: Store, spec: RegisterSpec, f: RegisterFilter,
             interruptible: Interruptible | None = None, limit: int | None = None) -> list[int]:
    """The rowids matching ``f``, in display order (the first ``limit`` only, if given). Runs on a
    worker thread."""
    sql, params = build_ids_query(spec, f)
    if limit is not None:
        sql, params = f"{sql} LIMIT ?", [*params, limit]
    return (interruptible or Interruptible()).run(store.read(), sql, params)


def fetch_rows(conn: sqlite3.Connection, spec: RegisterSpec, rowids: list[int]) -> dict[int, dict]:
    """One page of register rows by rowid (primary-key lookups: fast enough on the GUI thread)."""
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    cols = ", ".join(f"[{c}]" for c in spec.row_fields)
    rows = conn.execute(f"SELECT rowid AS _rowid, {cols} FROM [{spec.table}] WHERE rowid IN ({marks})", rowids)
    return {row["_rowid"]: dict(row) for row in rows}


def rowid_of(conn: sqlite3.Connection, spec: RegisterSpec, record_id: str) -> int | None:
    row = conn.execute(f"SELECT rowid FROM [{spec.table}] WHERE id = ?", (record_id,)).fetchone()
    return row[0] if row else None
