"""The SQL behind the patients register: which patients match (rowids, in order) and a page of rows.

Searching is the domain's returning-patient lookup (``patients.lookup``: RM number, NIK, mother's
NIK, BPJS number or name word prefixes through the FTS index); sorting is SQL. No Qt here: the ids
query runs on a worker thread, a page of rows is a primary-key lookup each.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.domain.health import access, patients
from desktop.store.driver import sqlite3
from desktop.store.records import Store

from ..registers.letter_query import Interruptible

COLUMNS = ("no_rm", "nama", "jenis_kelamin", "lahir", "nik", "kampung", "penjamin", "kunjungan_terakhir")
ROW_FIELDS = ("id", "no_rm", "nama", "nik", "nik_ibu", "jenis_kelamin", "tanggal_lahir", "umur_tahun",
              "umur_tanggal", "kampung", "penjamin", "no_bpjs")
SEARCH_LIMIT = 500  # a name prefix typed at the desk; more than this means: type one more letter

LAST_VISIT = "(SELECT max(v.tanggal) FROM visits v WHERE v.patient_id = patients.id AND v.deleted = 0)"
# Patients known only by a stated age sort by the birth year that age implies.
BIRTH = "coalesce(tanggal_lahir, date(umur_tanggal, '-' || umur_tahun || ' years'))"


@dataclass(frozen=True)
class PatientFilter:
    text: str = ""
    sort: str = "nama"  # a column key
    descending: bool = False

    def with_(self, **changes) -> PatientFilter:
        return replace(self, **changes)


def order_by(sort: str, descending: bool) -> str:
    d = "DESC" if descending else "ASC"
    if sort == "no_rm":
        return f"no_rm {d}"
    if sort == "lahir":
        return f"{BIRTH} {d}, nama COLLATE NOCASE"
    if sort == "kunjungan_terakhir":
        return f"{LAST_VISIT} {d}, nama COLLATE NOCASE"
    if sort in ("jenis_kelamin", "nik", "kampung", "penjamin"):
        return f"{sort} COLLATE NOCASE {d}, nama COLLATE NOCASE, no_rm"
    return f"nama COLLATE NOCASE {d}, no_rm"


def find_ids(store: Store, user: dict, f: PatientFilter, interruptible: Interruptible | None = None, *,
             limit: int | None = None) -> list[int]:
    """Rowids of the patients matching ``f`` in display order (health roles only). Worker thread.

    ``limit``: only the first rows (the first screenful, shown while the whole list loads)."""
    access.require_health_role(user, store)
    run = interruptible or Interruptible()
    order = order_by(f.sort, f.descending) + (f" LIMIT {int(limit)}" if limit else "")
    if not f.text.strip():
        return run.run(store.read(), f"SELECT rowid FROM patients WHERE deleted = 0 ORDER BY {order}", [])
    ids = [p["id"] for p in patients.lookup(store, user, f.text, limit=SEARCH_LIMIT)]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return run.run(store.read(), f"SELECT rowid FROM patients WHERE id IN ({marks}) AND deleted = 0 "
                                 f"ORDER BY {order}", ids)


def fetch_rows(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, dict]:
    """One page of register rows by rowid, with the date of the last visit (indexed by patient_id)."""
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    cols = ", ".join(ROW_FIELDS)
    rows = conn.execute(f"SELECT rowid AS _rowid, {cols}, {LAST_VISIT} AS kunjungan_terakhir FROM patients "
                        f"WHERE rowid IN ({marks})", rowids)
    return {row["_rowid"]: dict(row) for row in rows}


def rowid_of(conn: sqlite3.Connection, record_id: str) -> int | None:
    row = conn.execute("SELECT rowid FROM patients WHERE id = ?", (record_id,)).fetchone()
    return row[0] if row else None
