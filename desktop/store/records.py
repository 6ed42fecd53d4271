"""The local store: saving records with their outbox and audit entries, and reading them back.

One save = one SQLite transaction holding the row change, its outbox entry (the mutation that
sync will push) and its audit entry (DESIGN.md, invariant 1). Writes go through one write
connection (``Store.transaction()``, ``BEGIN IMMEDIATE``); reads use a connection per thread.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sync import hlc
from sync.schema import SYSTEM_FIELDS, Collection, FieldError, collection

from . import tombstones
from .audit_policy import redact
from .db import DB_FILENAME, RECORD_COLUMNS, StoreError, connect, open_database, translate_sqlite_error
from .db import optimize as db_optimize
from .driver import sqlite3

Validator = Callable[[Collection, dict], list[FieldError]]
# The outbox's length without walking it: a row kept by triggers (desktop/store/db.py, m016_outbox_count).
OUTBOX_SIZE_SQL = "SELECT n FROM outbox_count WHERE id = 1"
log = logging.getLogger("layan.store")


class ValidationError(StoreError):
    """A record failed validation; ``errors`` says which field and why. Nothing was written."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__(
            "\n".join(e.message for e in errors) or "Data tidak valid.",
            "\n".join(e.message_en for e in errors) or "Invalid data.",
        )


class RecordNotFound(StoreError):
    def __init__(self, collection_name: str, record_id: str):
        super().__init__(f"Data tidak ditemukan: {record_id}", f"Record not found: {record_id}")
        self.collection = collection_name
        self.record_id = record_id


@dataclass(frozen=True)
class Change:
    """What one write did, for views to refresh from (DESIGN.md: a write reports what changed)."""

    collection: str
    record_id: str
    action: str  # create | update | delete | sync
    fields: tuple[str, ...] = ()


@dataclass
class ChangeSet:
    changes: list[Change] = field(default_factory=list)

    @property
    def collections(self) -> set[str]:
        return {c.collection for c in self.changes}


def new_id() -> str:
    """A new record id: UUIDv7 (time-ordered, so new rows append to the index)."""
    import uuid6  # imported on first use: it costs ~30 ms of the app's start (importlib.metadata)

    return str(uuid6.uuid7())


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def encode_value(coll: Collection, name: str, value):
    if value is None:
        return None
    if coll.is_json(name):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return int(value)
    return value


def decode_row(coll: Collection, row: sqlite3.Row | dict) -> dict:
    """A table row as a record dict: JSON fields parsed, booleans as bool, unknown fields merged in."""
    out = dict(row)
    for name, spec in coll.properties.items():
        value = out.get(name)
        if value is None:
            continue
        if coll.is_json(name) and isinstance(value, str):
            out[name] = json.loads(value)
        elif spec.get("type") == "boolean":
            out[name] = bool(value)
    extra = out.pop("extra", None)
    if extra:
        for key, value in json.loads(extra).items():
            out.setdefault(key, value)
    out["field_hlc"] = json.loads(out["field_hlc"]) if out.get("field_hlc") else {}
    out.pop("rowid", None)
    return out


def user_fields(coll: Collection, record: dict) -> dict:
    """The fields a user (or sync) may set: schema fields plus unknown extras; no bookkeeping columns."""
    return {k: v for k, v in record.items() if k not in RECORD_COLUMNS or k in coll.properties}


class Store:
    """A Layan data folder's database. Thread-safe: one writer at a time, readers per thread."""

    def __init__(self, data_dir: Path | str, *, validator: Validator | None = None):
        self.data_dir = Path(data_dir)
        # Domain rules beyond the schema (e.g. NIK checks); the domain layer installs them.
        self.validator = validator
        self.path = self.data_dir / DB_FILENAME
        self._write_conn = open_database(self.path)
        self._write_lock = threading.RLock()
        self._local = threading.local()
        self._listeners: list[Callable[[ChangeSet], None]] = []
        # A damaged stored value (disk trouble, or a hostile reply believed by an older version)
        # must never keep the office out of its data: it is repaired, and the repair is said.
        self.clock, self.repairs = hlc.Clock.recovered(self.device_id(), self.meta("hlc_last"),
                                                       self.meta("clock_offset_ms"))
        cursor = self.meta("sync_cursor")
        if cursor is not None and not (cursor.isdigit() and len(cursor) < 19):
            self.repairs.append(f"sync cursor {cursor[:40]!r} was damaged; everything is downloaded again")
            self.set_meta("sync_cursor", "0")
        if self.repairs:
            log.warning("repaired on opening %s: %s", self.path, "; ".join(self.repairs))
            self.set_meta("store_repairs", json.dumps({"at": now_iso(), "repairs": self.repairs}))

    # -- meta -----------------------------------------------------------------------------------

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.read().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str | None, conn: sqlite3.Connection | None = None) -> None:
        if conn is None:
            with self.transaction() as tx:
                tx.set_meta(key, value)
            return
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def device_id(self) -> str:
        device = self.meta("device_id")
        if device is None:
            device = new_id()
            with self._write_lock:
                self._write_conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('device_id', ?)", (device,))
            device = self.meta("device_id")
        return device

    @property
    def office_id(self) -> str | None:
        return self.meta("office_code")

    def office(self) -> dict | None:
        code = self.meta("office_code")
        if not code:
            return None
        return {"code": code, "name": self.meta("office_name"), "kind": self.meta("office_kind")}

    # -- connections ----------------------------------------------------------------------------

    def read(self) -> sqlite3.Connection:
        """This thread's read connection (WAL: readers never wait for the writer)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path)
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[WriteTx]:
        """One atomic write: everything in the block commits together or not at all."""
        with self._write_lock:
            conn = self._write_conn
            tx = WriteTx(self, conn)
            try:
                conn.execute("BEGIN IMMEDIATE")
                yield tx
                conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('hlc_last', ?)", (self.clock.last,))
                conn.execute("COMMIT")
                if tx.erased:
                    self._fold_wal()
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    translated = translate_sqlite_error(exc)
                    if translated is not exc:
                        raise translated from exc
                raise
        if tx.changes.changes:
            for listener in list(self._listeners):
                listener(tx.changes)

    def _fold_wal(self) -> None:
        """After a delete: the WAL's older frames still hold the deleted values; fold them into the
        file (where ``secure_delete`` has overwritten them) and truncate the WAL. Best effort, without
        waiting for a reader: a busy WAL is folded by the next delete or checkpoint."""
        conn = self._write_conn
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.OperationalError as exc:
            log.info("WAL not folded after a delete: %s", exc)
        finally:
            conn.execute("PRAGMA busy_timeout = 10000")

    def subscribe(self, listener: Callable[[ChangeSet], None]) -> None:
        self._listeners.append(listener)

    def optimize(self) -> None:
        """Refreshes the planner's statistics where a table changed (SQLite's advice for a long session)."""
        with self._write_lock:
            db_optimize(self._write_conn)

    def close(self) -> None:
        with self._write_lock:
            try:
                db_optimize(self._write_conn)  # at close, as SQLite recommends; a failure must not keep it open
            except sqlite3.Error as exc:
                log.warning("PRAGMA optimize at close failed: %s", exc)
            self._write_conn.close()
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- convenience writes (one transaction each) ------------------------------------------------

    def save(self, collection_name: str, fields: dict, *, record_id: str | None = None, actor: str) -> Change:
        with self.transaction() as tx:
            return tx.save(collection_name, fields, record_id=record_id, actor=actor)

    def delete(self, collection_name: str, record_id: str, *, actor: str) -> Change:
        with self.transaction() as tx:
            return tx.delete(collection_name, record_id, actor=actor)

    # -- reads ----------------------------------------------------------------------------------

    def get(self, collection_name: str, record_id: str, *, include_deleted: bool = False) -> dict:
        coll = collection(collection_name)
        row = self.read().execute(f"SELECT * FROM [{coll.name}] WHERE id = ?", (record_id,)).fetchone()
        if row is None or (row["deleted"] and not include_deleted):
            raise RecordNotFound(coll.name, record_id)
        return decode_row(coll, row)

    def find(self, collection_name: str, where: str = "1", params: tuple | list = (), *,
             order_by: str = "rowid", limit: int | None = None) -> list[dict]:
        coll = collection(collection_name)
        sql = f"SELECT * FROM [{coll.name}] WHERE deleted = 0 AND ({where}) ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [decode_row(coll, r) for r in self.read().execute(sql, params)]

    def count(self, collection_name: str) -> int:
        coll = collection(collection_name)
        return self.read().execute(f"SELECT count(*) FROM [{coll.name}] WHERE deleted = 0").fetchone()[0]

    def history(self, collection_name: str, record_id: str) -> list[dict]:
        rows = self.read().execute(
            "SELECT at, actor, action, changes, source FROM audit WHERE collection = ? AND record_id = ? "
            "ORDER BY id",
            (collection_name, record_id),
        )
        return [dict(r, changes=json.loads(r["changes"]) if r["changes"] else {}) for r in rows]

    def outbox_size(self) -> int:
        """How many changes wait to be sent (kept by triggers, migration m016: no walk of the outbox)."""
        return self.read().execute(OUTBOX_SIZE_SQL).fetchone()[0]

    def outbox(self, limit: int = 1000) -> list[dict]:
        rows = self.read().execute("SELECT * FROM outbox ORDER BY mseq LIMIT ?", (limit,))
        return [dict(r, fields=json.loads(r["fields"])) for r in rows]

    def record_opened(self, collection_name: str, record_id: str, *, actor: str) -> None:
        """Writes an 'open' audit entry (health records: every opening is logged, UU 27/2022)."""
        with self.transaction() as tx:
            tx.audit(collection_name, record_id, "open", {}, actor=actor)


class WriteTx:
    """The operations available inside ``Store.transaction()``."""

    def __init__(self, store: Store, conn: sqlite3.Connection):
        self.store = store
        self.conn = conn
        self.changes = ChangeSet()
        self.erased = False  # a record was deleted: its old values are folded out of the WAL after commit

    def execute(self, sql: str, params: tuple | list | dict = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def set_meta(self, key: str, value: str | None) -> None:
        self.store.set_meta(key, value, conn=self.conn)

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def get(self, collection_name: str, record_id: str) -> dict | None:
        coll = collection(collection_name)
        row = self.conn.execute(f"SELECT * FROM [{coll.name}] WHERE id = ?", (record_id,)).fetchone()
        return decode_row(coll, row) if row else None

    def save(self, collection_name: str, fields: dict, *, record_id: str | None = None, actor: str,
             source: str = "local") -> Change:
        """Creates or updates a record: validates the whole result, then writes row + outbox + audit."""
        coll = collection(collection_name)
        office = self.store.office_id
        if office is None:
            raise StoreError("Kantor belum diatur. Jalankan pengaturan awal dulu.",
                             "No office is set up yet. Run the first-start setup first.")
        fields = {k: v for k, v in fields.items() if k not in RECORD_COLUMNS or k in coll.properties}
        existing = self.get(coll.name, record_id) if record_id else None
        if existing is not None and existing.get("readonly"):
            raise StoreError("Data ini sudah dialihkan ke kantor lain dan hanya bisa dibaca.",
                             "This record was transferred to another office and is read-only.")
        if existing is not None and coll.append_only and not existing.get("deleted"):
            raise StoreError("Data ini tidak bisa diubah; tambahkan entri baru.",
                             "This record cannot be changed; add a new entry instead.")
        if existing is None or existing.get("deleted"):
            before: dict = {}
        else:
            before = user_fields(coll, existing)
        changed = {k: v for k, v in fields.items() if before.get(k) != v and not (v is None and k not in before)}
        if existing is not None and not existing.get("deleted") and not changed:
            return Change(coll.name, existing["id"], "none")
        merged = {**before, **changed}
        errors = coll.validate(merged)
        if self.store.validator is not None:
            errors += [e for e in self.store.validator(coll, merged) if e.field not in {x.field for x in errors}]
        if errors:
            raise ValidationError(errors)

        stamp = self.store.clock.now()
        now = now_iso()
        record_id = record_id or new_id()
        system = {"updated_at": now, "updated_by": actor}
        if existing is None:
            system.update(created_at=now, created_by=actor)
        field_hlc = dict(existing["field_hlc"]) if existing else {}
        for name in list(changed) + list(system):
            field_hlc[name] = stamp
        self._write_row(coll, record_id, {**changed, **system}, existing, stamp, field_hlc)
        action = "create" if existing is None or existing.get("deleted") else "update"
        outbox_fields = {**changed, **system}
        self._outbox(coll.name, record_id, "put", existing["rev"] if existing else 0, outbox_fields, stamp, actor)
        self.audit(coll.name, record_id, action, {k: [before.get(k), v] for k, v in changed.items()},
                   actor=actor, stamp=stamp, source=source)
        change = Change(coll.name, record_id, action, tuple(changed))
        self.changes.changes.append(change)
        return change

    def delete(self, collection_name: str, record_id: str, *, actor: str) -> Change:
        """A tombstone: the row stays (deleted = 1) so the delete can sync and be audited, without its
        personal fields, here and in every copy the store holds (desktop/store/tombstones.py)."""
        coll = collection(collection_name)
        existing = self.get(coll.name, record_id)
        if existing is None or existing.get("deleted"):
            raise RecordNotFound(coll.name, record_id)
        stamp = self.store.clock.now()
        now = now_iso()
        self.conn.execute(
            f"UPDATE [{coll.name}] SET deleted = 1, hlc = ?, updated_at = ?, updated_by = ? WHERE id = ?",
            (stamp, now, actor, record_id),
        )
        self.strip_deleted(coll, record_id, outbox="delete")
        self._outbox(coll.name, record_id, "delete", existing["rev"], {"updated_at": now, "updated_by": actor},
                     stamp, actor)
        self.audit(coll.name, record_id, "delete", {}, actor=actor, stamp=stamp)
        change = Change(coll.name, record_id, "delete")
        self.changes.changes.append(change)
        return change

    def strip_deleted(self, coll: Collection, record_id: str, *, outbox: str) -> None:
        """Drops a deleted record's personal fields from its row and every copy (``outbox``: see
        ``tombstones.strip_copies``)."""
        tombstones.strip(self.conn, coll, record_id, outbox=outbox)
        self.erased = True

    def audit(self, collection_name: str, record_id: str, action: str, changes: dict, *, actor: str,
              stamp: str | None = None, source: str = "local") -> None:
        self.conn.execute(
            "INSERT INTO audit(at, actor, collection, record_id, action, changes, hlc, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (now_iso(), actor, collection_name, record_id, action,
             json.dumps(redact(collection_name, changes), ensure_ascii=False, default=str) if changes else None,
             stamp, source),
        )

    def _write_row(self, coll: Collection, record_id: str, values: dict, existing: dict | None, stamp: str,
                   field_hlc: dict) -> None:
        known = {k: encode_value(coll, k, v) for k, v in values.items() if k in coll.properties or k in SYSTEM_FIELDS}
        unknown = {k: v for k, v in values.items() if k not in known}
        extra = {}
        if existing:
            extra = {k: existing[k] for k in existing if k not in RECORD_COLUMNS and k not in coll.properties}
        extra.update(unknown)
        row = {
            **known,
            "hlc": stamp,
            "field_hlc": json.dumps(field_hlc, sort_keys=True),
            "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None,
            "deleted": 0,
        }
        if existing is None:
            row.update(id=record_id, office_id=self.store.office_id, rev=0)
            cols = ", ".join(f"[{c}]" for c in row)
            marks = ", ".join("?" for _ in row)
            self.conn.execute(f"INSERT INTO [{coll.name}] ({cols}) VALUES ({marks})", list(row.values()))
        else:
            sets = ", ".join(f"[{c}] = ?" for c in row)
            self.conn.execute(f"UPDATE [{coll.name}] SET {sets} WHERE id = ?", [*row.values(), record_id])

    def _outbox(self, collection_name: str, record_id: str, op: str, base_rev: int, fields: dict, stamp: str,
                actor: str) -> int:
        """Appends a mutation; ``mseq`` rises by exactly 1 per device, even across acknowledged entries."""
        mseq = int(self.meta("next_mseq") or 1)
        # While earlier edits of this record wait in the outbox, a change that arrived from the server
        # in between was not applied to their fields here: claim only what those edits had seen, so
        # the server still detects a concurrent edit (and records the conflict) instead of a silent overwrite.
        waiting = self.conn.execute("SELECT min(base_rev) FROM outbox WHERE collection = ? AND record_id = ?",
                                    (collection_name, record_id)).fetchone()[0]
        if waiting is not None:
            base_rev = min(base_rev or 0, waiting)
        self.conn.execute(
            "INSERT INTO outbox(mseq, collection, record_id, op, base_rev, fields, hlc, actor, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (mseq, collection_name, record_id, op, base_rev or 0,
             json.dumps(fields, ensure_ascii=False, sort_keys=True), stamp, actor, now_iso()),
        )
        self.set_meta("next_mseq", str(mseq + 1))
        return mseq
