"""The SQL behind the letter registers: which rows match (ids, in order) and their contents.

Searching, filtering and sorting are SQL (DESIGN.md): FTS5 for text, indexed columns for the
rest, so a register of a million letters is never loaded into Python to be filtered. This module
has no Qt in it: it is called from worker threads (ids) and for one page of rows at a time.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace

from desktop.store.driver import sqlite3
from desktop.store.records import Store

# The columns of the paper agenda books, in their order (keys are letter fields).
INCOMING_COLUMNS = ("seq", "tanggal_terima", "nomor_surat", "tanggal_surat", "asal", "perihal", "sifat",
                    "klasifikasi", "lampiran", "diteruskan_kepada", "keterangan")
OUTGOING_COLUMNS = ("seq", "nomor_surat", "tanggal_surat", "tujuan", "perihal", "sifat", "klasifikasi",
                    "lampiran", "penandatangan", "keterangan")

# What a register row needs; the row cache holds these.
ROW_FIELDS = ("id", "direction", "year", "seq", "nomor_surat", "tanggal_terima", "tanggal_surat", "asal",
              "tujuan", "perihal", "sifat", "klasifikasi", "lampiran", "diteruskan_kepada", "penandatangan",
              "keterangan")

_SIFAT_RANK = ("CASE sifat WHEN 'sangat_segera' THEN 0 WHEN 'segera' THEN 1 WHEN 'penting' THEN 2 "
               "WHEN 'rahasia' THEN 3 ELSE 4 END")
_TEXT_COLUMNS = {"nomor_surat", "asal", "tujuan", "perihal", "klasifikasi", "diteruskan_kepada",
                 "penandatangan", "keterangan"}


def columns_for(direction: str) -> tuple[str, ...]:
    return INCOMING_COLUMNS if direction == "masuk" else OUTGOING_COLUMNS


def date_field_for(direction: str) -> str:
    """The date a register is kept by: received (masuk) or written (keluar)."""
    return "tanggal_terima" if direction == "masuk" else "tanggal_surat"


@dataclass(frozen=True)
class LetterFilter:
    direction: str  # masuk | keluar
    text: str = ""
    date_from: str | None = None  # ISO dates, inclusive
    date_to: str | None = None
    sifat: str | None = None
    klasifikasi: str = ""  # a code prefix: "400" finds 400, 400.12 …
    sort: str = "seq"  # a column key
    descending: bool = True  # newest first, like the last page of the paper book

    def with_(self, **changes) -> LetterFilter:
        return replace(self, **changes)


_TOKEN = re.compile(r"\w", re.UNICODE)


def fts_match(text: str) -> str | None:
    """User text as a safe FTS5 query: every word a quoted prefix term, all words required.

    Quotes are dropped and each word is wrapped in quotes, so FTS5 operators typed by a user
    (AND, OR, NOT, NEAR, -, ^, :, parentheses, *) are searched as plain text, never parsed.
    """
    terms = []
    for word in text.split():
        word = word.replace('"', "")
        if _TOKEN.search(word):
            terms.append(f'"{word}"*')
    return " ".join(terms) or None


def order_by(sort: str, descending: bool, direction: str) -> str:
    d = "DESC" if descending else "ASC"
    if sort == "seq" or sort not in columns_for(direction):
        return f"year {d}, seq {d}"
    if sort in ("tanggal_terima", "tanggal_surat"):
        return f"{sort} {d}, year {d}, seq {d}"
    if sort == "sifat":
        return f"{_SIFAT_RANK} {d}, year DESC, seq DESC"
    if sort in _TEXT_COLUMNS:
        return f"{sort} COLLATE NOCASE {d}, year DESC, seq DESC"
    return f"{sort} {d}, year DESC, seq DESC"


def build_ids_query(f: LetterFilter, office_id: str | None, first_page: bool = False) -> tuple[str, list]:
    """The ids query. Which index SQLite should use is chosen here, on purpose:

    * no period filter: ``letters_number (office_id, direction, year, seq)`` gives the default
      order (newest agenda number first) without sorting anything;
    * a search or a period filter: the FTS rowids or the date column's index find the matching
      rows (the unary ``+`` keeps SQLite from preferring the broad office/direction index, which
      it does without statistics) and they are sorted: best for the whole list;
    * ``first_page`` (the first screenful, LIMITed): walking the office/direction index in display
      order and stopping after a screenful beats sorting every match (a common word in a million
      letters: ~50–75 ms instead of ~700 ms; docs/BENCHMARKS.md). For a search in the book's own
      order the walk is named (``INDEXED BY letters_number``): once ANALYZE has run (``PRAGMA
      optimize`` does it), SQLite would otherwise sort every FTS match, 6x slower. The plan must
      not depend on statistics (tests/unit/test_search_plan.py).
    """
    match = fts_match(f.text)
    plus = "+" if (match or f.date_from or f.date_to) and not first_page else ""
    walk_hint = first_page and bool(match) and not (f.date_from or f.date_to) and order_is_agenda(f)
    where = [f"{plus}office_id = ?", f"{plus}direction = ?", "deleted = 0"]
    params: list = [office_id or "", f.direction]
    if match:
        where.append("rowid IN (SELECT rowid FROM letters_fts WHERE letters_fts MATCH ?)")
        params.append(match)
    date_field = date_field_for(f.direction)
    if f.date_from:
        where.append(f"{date_field} >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append(f"{date_field} <= ?")
        params.append(f.date_to)
    if f.sifat:
        where.append("sifat = ?")
        params.append(f.sifat)
    code = f.klasifikasi.strip()
    if code:
        # substr, not LIKE: a typed % or _ means itself, with nothing to escape.
        where.append("substr(klasifikasi, 1, ?) = ?")
        params.extend([len(code), code])
    table = "letters INDEXED BY letters_number" if walk_hint else "letters"
    sql = f"SELECT rowid FROM {table} WHERE {' AND '.join(where)} ORDER BY {order_by(f.sort, f.descending, f.direction)}"
    return sql, params


def order_is_agenda(f: LetterFilter) -> bool:
    """Sorted by agenda number: the order of the ``letters_number`` index itself."""
    return f.sort == "seq" or f.sort not in columns_for(f.direction)


class Interruptible:
    """Lets the GUI thread stop a running ids query when a newer search makes it useless.

    ``sqlite3_interrupt`` is a no-op when the connection runs no statement, and the worker
    marks the query finished under the same lock, so an interrupt never hits a later query.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._cancelled = False

    def run(self, conn: sqlite3.Connection, sql: str, params: list) -> list[int]:
        with self._lock:
            if self._cancelled:
                raise QueryCancelled()
            self._conn = conn
        try:
            cursor = conn.execute(sql, params)
            cursor.row_factory = None  # plain tuples: much faster than sqlite3.Row for a million ids
            return [row[0] for row in cursor]
        except sqlite3.OperationalError as exc:
            if self._cancelled and "interrupt" in str(exc).lower():
                raise QueryCancelled() from exc
            raise
        finally:
            with self._lock:
                self._conn = None

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._conn is not None:
                self._conn.interrupt()


class QueryCancelled(Exception):
    """A newer query replaced this one; not an error."""


def find_ids(store: Store, f: LetterFilter, interruptible: Interruptible | None = None,
             limit: int | None = None) -> list[int]:
    """The rowids of the letters matching ``f``, in display order (the first ``limit`` only, if given).
    Runs on a worker thread."""
    conn = store.read()
    walk_index = limit is not None and not _few_matches(conn, f)
    sql, params = build_ids_query(f, store.office_id, first_page=walk_index)
    if limit is not None:
        sql, params = f"{sql} LIMIT ?", [*params, limit]
    return (interruptible or Interruptible()).run(conn, sql, params)


FEW_MATCHES = 2000


def _few_matches(conn: sqlite3.Connection, f: LetterFilter) -> bool:
    """A rare word is found fastest from the FTS side (sorting a few hits is nothing); walking the
    index in display order only pays when many rows match, or it may read the whole register."""
    match = fts_match(f.text)
    if not match:
        return False
    found = conn.execute("SELECT count(*) FROM (SELECT rowid FROM letters_fts WHERE letters_fts MATCH ? LIMIT ?)",
                         (match, FEW_MATCHES)).fetchone()[0]
    return found < FEW_MATCHES


def fetch_rows(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, dict]:
    """One page of register rows by rowid (a primary-key lookup each: fast on the GUI thread)."""
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    cols = ", ".join(ROW_FIELDS)
    rows = conn.execute(f"SELECT rowid AS _rowid, {cols} FROM letters WHERE rowid IN ({marks})", rowids)
    return {row["_rowid"]: dict(row) for row in rows}


def rowid_of(conn: sqlite3.Connection, record_id: str) -> int | None:
    row = conn.execute("SELECT rowid FROM letters WHERE id = ?", (record_id,)).fetchone()
    return row[0] if row else None
