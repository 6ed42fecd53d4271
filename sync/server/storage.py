"""The server's storage: SQLAlchemy Core over SQLite (default, one WAL file) or PostgreSQL (psycopg 3).

Revs are assigned from a single counter row that every rev-assigning transaction locks first
(``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite has one writer anyway). The lock is held until
commit, so rev order is commit order and a reader paging ``WHERE rev > cursor`` can never skip a
rev that commits later (docs/SYNC.md, "Cursor correctness").
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import uuid6
from sqlalchemy import (
    BigInteger,
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
    create_engine,
    event,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.exc import DBAPIError

from sync import config, hlc
from sync.protocol import (
    CONFLICTS,
    MAX_RECORD_BYTES,
    OFFICE_KINDS,
    REPLY_SOFT_BYTES,
    SHARED_COLLECTIONS,
    TRANSFERABLE_COLLECTIONS,
    USER_ROLES,
    now_ms,
)
from sync.schema import collection as schema_collection
from sync.server import applied_log, auth, blob_locks, enroll_limits, pg_exec, projections, record_meta
from sync.server import tombstones as server_tombstones
from sync.server import users as server_users
from sync.server.merge import Mutation, Rec, apply_delete, apply_put
from sync.server.pg_pool import ping_when_idle
from sync.server.revs import CounterRevs, LeasedRevs, newest_and_watermark, rev_leases_table
from sync.server.sql_among import among, among_param
from sync.server.validation import fast
from sync.server.web import tables as web_tables

DB_VERSION = 1
# A device's number-block floor may lie at most this far above the office's next number: enough for
# what a PC numbered while standalone, never enough to push a register to absurd numbers.
MAX_FLOOR_JUMP = 100_000
FIELD_HLC_BYTES = 36  # a pulled field's `"name":"stamp",` in the reply, about (for its soft size)
SQLITE_FILE = "layan-server.sqlite3"

metadata = MetaData()

offices = Table(
    "offices", metadata,
    Column("code", String(40), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("created_ms", BigInteger, nullable=False),
)

devices = Table(
    "devices", metadata,
    Column("id", String(64), primary_key=True),
    Column("office_code", String(40), nullable=False),
    Column("name", String(64), nullable=False),
    Column("app_version", String(40), nullable=False, default=""),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_ms", BigInteger, nullable=False),
    Column("last_seen_ms", BigInteger),
    Column("last_mseq", BigInteger, nullable=False, default=0),
    Column("waiting", BigInteger, nullable=False, default=0),
    Column("clock_offset_ms", BigInteger),
    Column("cursor", BigInteger, nullable=False, default=0),
    Column("revoked_ms", BigInteger),
)

enroll_codes = Table(
    "enroll_codes", metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("office_code", String(40), nullable=False),
    Column("created_ms", BigInteger, nullable=False),
    Column("expires_ms", BigInteger, nullable=False),
    Column("used_ms", BigInteger),
    Column("device_id", String(64)),
)

office_usernames = server_users.office_usernames_table(metadata)

records = Table(
    "records", metadata,
    Column("id", String(64), primary_key=True),
    Column("collection", String(40), nullable=False),
    Column("office_id", String(40), nullable=False),
    Column("rev", BigInteger, nullable=False, unique=True),
    Column("hlc", String(100), nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("fields", Text, nullable=False),
    Column("meta", Text, nullable=False),
    # The device whose own mutation made this rev exactly what that device already holds: the change
    # is not sent back to it (docs/SYNC.md §4, "No echo"). Valid only while echo_rev = rev, so any
    # other write that moves the rev (transfer, config, users) ends it without touching these columns.
    Column("echo_device", String(64)),
    Column("echo_rev", BigInteger),
    Index("ix_records_office_rev", "office_id", "rev"),
    Index("ix_records_collection_rev", "collection", "rev"),
)

# Offices that keep read-only visibility of a record transferred away from them.
grants = Table(
    "grants", metadata,
    Column("id", String(64), primary_key=True),
    Column("office_id", String(40), primary_key=True),
    Column("granted_ms", BigInteger, nullable=False),
    Index("ix_grants_office", "office_id"),
)

# One row per page of mutations processed for a device: detects a reused mseq, answers a retry
# (sync/server/applied_log.py).
applied_pages = applied_log.applied_pages_table(metadata)

counter = Table(
    "counter", metadata,
    Column("id", Integer, primary_key=True),
    Column("value", BigInteger, nullable=False),
)

# Agenda/letter/record-number blocks: the server is the one numbering authority of an enrolled office,
# handing each device disjoint ranges it can use offline (docs/NUMBERING.md).
number_blocks = Table(
    "number_blocks", metadata,
    Column("office_code", String(40), primary_key=True),
    Column("series", String(40), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("next_start", BigInteger, nullable=False),
)

block_grants = Table(
    "block_grants", metadata,
    Column("device_id", String(64), primary_key=True),
    Column("series", String(40), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("start", BigInteger, primary_key=True),
    Column("end", BigInteger, nullable=False),
    Column("granted_ms", BigInteger, nullable=False),
)

# Which record holds the value published for (scope, key). Its id is random (uuid7): a device cannot
# guess it and create a record of its own under that id first (it used to be uuid5 of scope and key).
config_ids = Table(
    "config_ids", metadata,
    Column("scope", String(40), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("record_id", String(64), nullable=False, unique=True),
)

rev_leases = rev_leases_table(metadata)  # PostgreSQL's leased rev blocks (sync/server/revs.py)
Revs = CounterRevs | LeasedRevs


def _Revs(conn: Connection) -> CounterRevs:  # noqa: N802 - the name older code and tests use
    """Revs from the counter row, locked to the commit: correct beside leases on every backend."""
    return CounterRevs(conn, counter)

meta_table = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)


# --- errors raised to the HTTP layer ---------------------------------------------------------------
class StorageError(Exception):
    """A refusal with an HTTP status, a code and Indonesian/English messages."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, message_en: str, **extra):
        self.message, self.message_en, self.extra = message, message_en, extra
        super().__init__(message_en)


class NotFoundError(StorageError):
    status, code = 404, "not_found"


class ForbiddenError(StorageError):
    status, code = 403, "forbidden"


class ConflictError(StorageError):
    status, code = 409, "conflict"


class GapError(StorageError):
    status, code = 409, "mseq_gap"

    def __init__(self, expected: int):
        super().__init__(f"Urutan perubahan terputus: server mengharapkan mseq {expected}.",
                         f"Mutation sequence gap: the server expects mseq {expected}.", expected=expected)


class ReusedError(StorageError):
    status, code = 409, "mseq_reused"

    def __init__(self, mseq: int):
        super().__init__(f"Nomor perubahan {mseq} sudah dipakai untuk perubahan lain.",
                         f"mseq {mseq} was already applied with different content.", mseq=mseq)


class CursorAheadError(StorageError):
    status, code = 409, "cursor_ahead"

    def __init__(self, server_rev: int):
        super().__init__("Kursor perangkat melampaui data server (server dipulihkan dari cadangan?).",
                         "The cursor is beyond the server's newest rev (server restored from a backup?).",
                         server_rev=server_rev)


class AuthFailure(StorageError):
    status = 401

    def __init__(self, code: str):
        self.code = code
        msg = {"revoked": ("Perangkat ini sudah dicabut aksesnya.", "This device was revoked."),
               "invalid_token": ("Token perangkat tidak dikenal.", "Unknown device token."),
               "missing_token": ("Token perangkat tidak ada.", "Missing device token.")}[code]
        super().__init__(*msg)


class EnrollFailure(StorageError):
    """Every bad code gets the same answer (unknown, used or expired): the answer must not help
    whoever is guessing. ``reason`` is for the server's log only."""

    status = 403
    code = "invalid_code"

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__("Kode pendaftaran tidak berlaku (salah, sudah dipakai, atau kedaluwarsa).",
                         "The enrollment code is not valid (wrong, already used, or expired).")


@dataclass(frozen=True)
class Device:
    id: str
    office: str
    name: str
    # as read when the token was checked (for skipping needless statistics writes)
    last_mseq: int = 0
    last_seen_ms: int | None = None
    waiting: int = 0
    app_version: str = ""
    cursor: int = 0


def owner_only(folder: Path) -> None:
    """The server's data folder (database, USB secret, release keys) readable by its owner only."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.chmod(folder, 0o700)
    except PermissionError:  # a folder IT made for us and owns: its mode is theirs to choose
        pass


def item_error(field: str, message: str, message_en: str) -> dict:
    return {"field": field, "message": message, "message_en": message_en}


def normalize_db_url(url: str) -> str:
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _row_to_rec(row) -> Rec:
    meta = json.loads(row.meta)
    return Rec(id=row.id, collection=row.collection, office_id=row.office_id, rev=row.rev,
               deleted=bool(row.deleted), fields=json.loads(row.fields), fmeta=record_meta.field_states(meta),
               dmeta=meta.get("d"), transfers=meta.get("t", []))


_RECORD_COLS = ("id", "collection", "office_id", "rev", "hlc", "deleted", "fields", "meta", "echo_device", "echo_rev")


def _rec_row(rec: Rec) -> tuple:
    """The record's row, its values in ``_RECORD_COLS`` order (the page's COPY takes them so)."""
    return (rec.id, rec.collection, rec.office_id, rec.rev, rec.hlc, rec.deleted, rec.fields_json or _dumps(rec.fields),
            rec.meta_json or _dumps(rec.meta_doc()), rec.echo, rec.rev if rec.echo else None)


def _rec_values(rec: Rec) -> dict:
    return dict(zip(_RECORD_COLS, _rec_row(rec), strict=True))


def _json_text(value: str) -> str:
    """A JSON string literal; plain ASCII without quotes or backslashes needs no encoder."""
    if value.isascii() and value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'
    return _dumps(value)


def _created(m: Mutation, office: str, rev: int, device: str) -> Rec:
    """The record a create makes, its JSON built from text already encoded: the fields as the
    envelope checks encoded them, the meta from its few parts (field names and the stamp are plain
    text by the envelope's rules; actor and device are encoded once), in record_meta's form: the
    one state every field shares, then the names."""
    fields = dict(m.fields)
    # One list for every field: the merge replaces a field's meta list, never changes it in place.
    rec = Rec(id=m.id, collection=m.collection, office_id=office, rev=rev, deleted=False, fields=fields,
              fmeta=dict.fromkeys(fields, [m.hlc, rev, m.actor, device]), is_new=True, dirty=True,
              newest=m.hlc if fields else None)
    stamp = f"[{_json_text(m.hlc)},{rev},{_json_text(m.actor)},{_json_text(device)}]"
    rec.fields_json = m.fields_json if m.fields else "{}"
    rec.meta_json = f'{{"s":{stamp},"k":["' + '","'.join(fields) + '"]}' if fields else '{"f":{}}'

    return rec


def _creates_only(muts: list[Mutation]) -> bool:
    """Whether the page looks like creates only: puts with base_rev 0 (the device has seen no version of
    them) that passed the checks of a whole new record (``prevalidate``), each record once, none of the
    office's users (their checks read the stored user). A put refused as a create may be a valid edit of
    a record that exists: such a page is looked up first."""
    ids = set()
    for m in muts:
        if (m.op != "put" or m.base_rev != 0 or m.errors or m.create_errors != []
                or m.collection == server_users.rules.COLLECTION or m.id in ids):
            return False
        ids.add(m.id)
    return True


def _exact(rec: Rec, m: Mutation) -> bool:
    """Whether ``rec`` after applying ``m`` holds exactly what the device wrote: every field it sent
    with the value and the very stamp it sent (no concurrent winner, no clamped or bumped stamp)."""
    if m.hlc != m.hlc_raw:
        return False
    if m.op == "delete":
        return rec.deleted and bool(rec.dmeta) and rec.dmeta[0] == m.hlc_raw
    if rec.deleted:
        return False
    return all(rec.fields.get(f) == v and rec.fmeta.get(f, (None,))[0] == m.hlc_raw for f, v in m.fields.items())


def _plan_every_execution(dbapi_conn, _record) -> None:
    """PostgreSQL plans each execution of a prepared statement for the table as it is now.

    psycopg prepares a statement after its fifth use, and PostgreSQL then keeps one generic plan for it.
    A plan made while a table was nearly empty (a new centre, a projection table before its first rows)
    reads the whole table, and kept that way until the next ANALYZE the sync path's ``id = ANY(:ids)``
    statements cost a full scan per page: quadratic while a centre fills (profiled: 325 against 66 µs of
    PostgreSQL per mutation at 10,000 letters, docs/BENCHMARKS.md). Planning these short statements is cheap."""
    with dbapi_conn.cursor() as cur:
        cur.execute("SET plan_cache_mode = force_custom_plan")
    dbapi_conn.commit()


def _lists_in_binary(dbapi_conn, _record) -> None:
    """Python lists (the ``= ANY(:ids)`` parameters, sql_among.py) go to PostgreSQL in the binary array
    format: psycopg writes a list of 200 ids as text in ≈ 475 µs, in binary in ≈ 110 µs, and a sync
    page sends four or five of them."""
    from psycopg.types.array import ListBinaryDumper  # only a PostgreSQL server has psycopg loaded

    dbapi_conn.adapters.register_dumper(list, ListBinaryDumper)


# The sync page's statements, built once: SQLAlchemy spends ≈ 100 µs building a statement and its
# cache key each time, more than PostgreSQL takes to run most of them (docs/BENCHMARKS.md, "Fourth pass").
_LAST_MSEQ_LOCKED = select(devices.c.last_mseq).where(devices.c.id == bindparam("device")).with_for_update()
# PostgreSQL: the same row lock also gives the page's transaction its id (the rev leases name it), in the
# same round trip (sync/server/revs.py LeasedRevs).
_LAST_MSEQ_LOCKED_AND_XID = (select(devices.c.last_mseq, text("pg_current_xact_id()::text::bigint"))
                             .where(devices.c.id == bindparam("device")).with_for_update())
_device_updates: dict[tuple, object] = {}
_SHARED = sorted(SHARED_COLLECTIONS)  # the pull's parameter "shared"
_INSERT_PAGE = insert(applied_pages)
_DEVICE_BY_TOKEN = select(devices.c.id, devices.c.office_code, devices.c.name, devices.c.revoked_ms,
                          devices.c.last_mseq, devices.c.last_seen_ms, devices.c.waiting,
                          devices.c.app_version, devices.c.cursor).where(devices.c.token_hash == bindparam("token_hash"))


def _device_update(stat_names: tuple) -> object:
    """``UPDATE devices SET last_mseq, <stat_names> WHERE id = :device``, one per set of names
    (parameters ``s_<name>``: a bound parameter may not share a column's name)."""
    stmt = _device_updates.get(stat_names)
    if stmt is None:
        stmt = _device_updates[stat_names] = update(devices).where(devices.c.id == bindparam("device")).values(
            {devices.c[name]: bindparam("s_" + name) for name in ("last_mseq", *stat_names)})
    return stmt


class Storage:
    def __init__(self, url: str, *, echo: bool = False):
        self.url = normalize_db_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        self._write_lock = threading.Lock()
        self.clock = hlc.Clock("server")
        self._kinds: dict[str, str] = {}  # office code -> kind (see _office_kind)
        self._changes_stmts: dict[bool, object] = {}  # built once (see _changes_statement)
        # A page's records, locked in id order (no deadlocks); built once like the other hot statements.
        self._records_locked = (select(records).where(among_param(
            "sqlite" if self.is_sqlite else "postgresql", records.c.id, "ids")).order_by(records.c.id).with_for_update())
        if self.is_sqlite:
            self.engine = create_engine(self.url, echo=echo, pool_size=20, max_overflow=20,
                                        connect_args={"timeout": 60, "check_same_thread": False})

            @event.listens_for(self.engine, "connect")
            def _on_connect(dbapi_conn, _record):
                dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=FULL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA busy_timeout=60000")
                cur.execute("PRAGMA secure_delete=ON")  # a stripped tombstone's old values are overwritten
                cur.close()

            @event.listens_for(self.engine, "begin")
            def _on_begin(conn):
                mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
                conn.exec_driver_sql(f"BEGIN {mode}")
        else:
            self.engine = create_engine(self.url, echo=echo, pool_size=10, max_overflow=40)
            # Rev leases commit on connections of their own (sync/server/revs.py); a pool of its own,
            # so a writer holding a connection never waits for the main pool to lease.
            self._lease_engine = create_engine(self.url, echo=echo, pool_size=4, max_overflow=16,
                                               isolation_level="AUTOCOMMIT")
            for engine in (self.engine, self._lease_engine):
                ping_when_idle(engine)  # not pool_pre_ping: a round trip per checkout (sync/server/pg_pool.py)
            event.listen(self.engine, "connect", _plan_every_execution)
            event.listen(self.engine, "connect", _lists_in_binary)
            # The main pool's connections without BEGIN/COMMIT (read_now, write_now).
            self._autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self._init_schema()

    @classmethod
    def open(cls, data_dir: str | Path, db_url: str | None = None) -> Storage:
        if db_url:
            return cls(db_url)
        path = Path(data_dir)
        owner_only(path)
        db = path / SQLITE_FILE
        os.close(os.open(db, os.O_WRONLY | os.O_CREAT, 0o600))  # SQLite gives -wal/-shm the same mode
        os.chmod(db, 0o600)
        return cls(f"sqlite:///{db.resolve()}")

    def close(self) -> None:
        self.engine.dispose()
        if not self.is_sqlite:
            self._lease_engine.dispose()

    def _revs(self, conn: Connection, hint: int = 1, xid: int | None = None) -> Revs:
        """Where a write transaction takes its revs: the locked counter on SQLite (one writer anyway),
        leased blocks on PostgreSQL (no lock held across the page; readers stop at the watermark).
        ``xid``: the transaction's id when the caller already has it."""
        if self.is_sqlite:
            return CounterRevs(conn, counter)
        return LeasedRevs(conn, self._lease_engine, counter, rev_leases, hint, xid=xid)

    # --- transactions ------------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction (SQLite: BEGIN IMMEDIATE under a process lock)."""
        if self.is_sqlite:
            with self._write_lock, self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn:
                with conn.begin():
                    yield conn
        else:
            with self.engine.begin() as conn:
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def read_now(self):
        """Reads with no transaction of their own on PostgreSQL (autocommit): each statement sees what
        was committed when it started, as it would inside a READ COMMITTED transaction, without the
        BEGIN and COMMIT round trips. For the reads of every sync request; SQLite: ``read()``."""
        return self._autocommit_or(self.read)

    def write_now(self):
        """Writes where each statement commits by itself on PostgreSQL (autocommit), for a single
        statement that needs no transaction around it; SQLite: ``write()`` (its one writer)."""
        return self._autocommit_or(self.write)

    @contextmanager
    def _autocommit_or(self, on_sqlite) -> Iterator[Connection]:
        """A connection of the main pool in autocommit on PostgreSQL; ``on_sqlite()``'s on SQLite."""
        with (on_sqlite() if self.is_sqlite else self._autocommit.connect()) as conn:
            yield conn

    def _init_schema(self) -> None:
        with self.write() as conn:
            if not self.is_sqlite:  # several server processes may start at once
                conn.execute(text("SELECT pg_advisory_xact_lock(74708101)"))
            metadata.create_all(conn, checkfirst=True)
            projections.create(conn)
            web_tables.create(conn)  # the centre web's own tables (sync/server/web/tables.py)
            from sync.server import blob_meta  # attachments' bytes: their own tables (docs/ATTACHMENTS.md)
            blob_meta.init_schema(conn, self.is_sqlite)
            self._add_echo_columns(conn)
            if not self.is_sqlite:
                self._compress_lz4(conn)
            self._copy_old_usernames(conn)
            applied_log.migrate(conn, applied_pages)  # per-mutation rows of older servers, converted once
            if conn.execute(select(counter.c.value).where(counter.c.id == 1)).first() is None:
                conn.execute(insert(counter).values(id=1, value=0))
                conn.execute(insert(meta_table).values(key="db_version", value=str(DB_VERSION)))
            server_tombstones.strip_once(conn)  # tombstones stored before deletes were stripped
            enroll_limits.create_tables(conn)  # failed enrollments, kept across restarts

    @staticmethod
    def _add_echo_columns(conn: Connection) -> None:
        """Databases made before "no echo" get the records' two echo columns (NULL: sent to everyone)."""
        from sqlalchemy import inspect

        have = {c["name"] for c in inspect(conn).get_columns("records")}
        for name, kind in (("echo_device", "VARCHAR(64)"), ("echo_rev", "BIGINT")):
            if name not in have:
                conn.execute(text(f"ALTER TABLE records ADD COLUMN {name} {kind}"))

    @staticmethod
    def _compress_lz4(conn: Connection) -> None:
        """A record's meta (and large fields) are compressed as they are stored. PostgreSQL's default
        (pglz) costs about twice what lz4 does for the same size here; lz4 from PostgreSQL 14 on,
        when the server was built with it (new values only: old ones stay readable as they are)."""
        # A page's applied_pages.entries (≈ 8 kB for 200 mutations) is compressed too, once per page.
        kinds = {(r.relname, r.attname): r.attcompression for r in conn.execute(text(
            "SELECT c.relname, a.attname, a.attcompression FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "WHERE (c.relname = 'records' AND a.attname IN ('fields', 'meta') OR c.relname = 'applied_pages' "
            "AND a.attname = 'entries') AND pg_table_is_visible(c.oid)"))} if conn.dialect.server_version_info >= (14,) else {}
        for table, column in sorted(k for k, kind in kinds.items() if kind != "l"):
            try:
                with conn.begin_nested():
                    conn.execute(text(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION lz4"))
            except DBAPIError:
                return  # built without lz4: pglz it stays

    @staticmethod
    def _copy_old_usernames(conn: Connection) -> None:
        """Usernames were unique server-wide (table ``usernames``); now per office. Copied once."""
        from sqlalchemy import inspect

        if not inspect(conn).has_table("usernames") or conn.execute(select(func.count()).select_from(
                office_usernames)).scalar_one():
            return
        conn.execute(text("INSERT INTO office_usernames (office_code, username, record_id) "
                          "SELECT office_code, username, record_id FROM usernames"))

    def ping(self) -> bool:
        with self.read() as conn:
            return conn.execute(select(1)).scalar_one() == 1

    def max_rev(self) -> int:
        with self.read() as conn:
            return conn.execute(select(counter.c.value).where(counter.c.id == 1)).scalar_one()

    # --- offices, users, enrollment, devices --------------------------------------------------------
    def _server_record(self, conn: Connection, revs: Revs, coll: str, office: str, fields: dict) -> str:
        rid = str(uuid6.uuid7())
        stamp = self.clock.now()
        rev = revs.next()
        rec = Rec(id=rid, collection=coll, office_id=office, rev=rev, deleted=False, fields=fields,
                  fmeta={f: [stamp, rev, "server", "server"] for f in fields})
        conn.execute(insert(records).values(**_rec_values(rec)))
        return rid

    def add_office(self, code: str, name: str, kind: str) -> dict:
        if kind not in OFFICE_KINDS:
            raise StorageError(f"Jenis kantor harus salah satu dari {', '.join(OFFICE_KINDS)}.",
                               f"Office kind must be one of {', '.join(OFFICE_KINDS)}.")
        if not code or len(code) > 40 or not all(c.isalnum() or c in "-_" for c in code):
            raise StorageError("Kode kantor hanya huruf, angka, '-' dan '_' (maks. 40).",
                               "Office code: letters, digits, '-' and '_' only (max 40).")
        with self.write() as conn:
            revs = self._revs(conn)
            if conn.execute(select(offices.c.code).where(offices.c.code == code)).first():
                raise ConflictError(f"Kantor {code} sudah ada.", f"Office {code} already exists.")
            rid = self._server_record(conn, revs, "offices", code, {"code": code, "name": name, "kind": kind})
            conn.execute(insert(offices).values(code=code, name=name, kind=kind, record_id=rid,
                                                created_ms=now_ms()))
            revs.flush(conn)
        return {"code": code, "name": name, "kind": kind, "record_id": rid}

    def office(self, code: str) -> dict | None:
        with self.read() as conn:
            row = conn.execute(select(offices).where(offices.c.code == code)).first()
        return dict(row._mapping) if row else None

    def list_offices(self) -> list[dict]:
        with self.read() as conn:
            return [dict(r._mapping) for r in conn.execute(select(offices).order_by(offices.c.code))]

    def add_user(self, office: str, username: str, role: str, password_hash: str, full_name: str = "") -> str:
        if role not in USER_ROLES:
            raise StorageError(f"Peran harus salah satu dari {', '.join(USER_ROLES)}.",
                               f"Role must be one of {', '.join(USER_ROLES)}.")
        with self.write() as conn:
            revs = self._revs(conn)
            if not conn.execute(select(offices.c.code).where(offices.c.code == office)).first():
                raise NotFoundError(f"Kantor {office} tidak ada.", f"No office {office}.")
            if conn.execute(select(office_usernames.c.username).where(
                    office_usernames.c.office_code == office, office_usernames.c.username == username)).first():
                raise ConflictError(f"Nama pengguna {username} sudah dipakai.", f"Username {username} is taken.")
            rid = self._server_record(conn, revs, "users", office, {
                "username": username, "full_name": full_name, "role": role,
                "password_hash": password_hash, "active": True})
            conn.execute(insert(office_usernames).values(username=username, office_code=office, record_id=rid,
                                                         created_ms=now_ms()))
            revs.flush(conn)
        return rid

    def update_user(self, office: str, username: str, fields: dict) -> dict:
        """A central change of a user (``active``, ``password_hash``, ``role``, ``full_name``): a new rev,
        so it reaches every PC of the office at its next sync."""
        if set(fields) - {"active", "password_hash", "role", "full_name"}:
            raise StorageError("Kolom pengguna tidak dikenal.", "Unknown user field.")
        with self.write() as conn:
            revs = self._revs(conn)
            rid = conn.execute(select(office_usernames.c.record_id).where(
                office_usernames.c.office_code == office, office_usernames.c.username == username)).scalar()
            row = conn.execute(select(records).where(records.c.id == rid).with_for_update()).first() if rid else None
            if row is None:
                raise NotFoundError(f"Pengguna {username} tidak ada di kantor {office}.",
                                    f"No user {username} in office {office}.")
            rec = _row_to_rec(row)
            stamp, rev = self.clock.now(), revs.next()
            rec.fields.update(fields)
            for name in fields:
                rec.fmeta[name] = [stamp, rev, "server", "server"]
            rec.rev = rev
            values = _rec_values(rec)
            conn.execute(update(records).where(records.c.id == rec.id).values(
                rev=values["rev"], hlc=values["hlc"], fields=values["fields"], meta=values["meta"]))
            revs.flush(conn)
        return {"id": rec.id, "office_id": rec.office_id, **{k: v for k, v in rec.fields.items()
                                                             if k != "password_hash"}}

    def list_users(self, office: str | None = None) -> list[dict]:
        with self.read() as conn:
            stmt = select(records.c.id, records.c.office_id, records.c.fields).where(
                records.c.collection == "users", records.c.deleted.is_(False))
            if office:
                stmt = stmt.where(records.c.office_id == office)
            rows = conn.execute(stmt.order_by(records.c.office_id)).all()
        out = [{"id": r.id, "office_id": r.office_id,
                **{k: v for k, v in json.loads(r.fields).items() if k != "password_hash"}} for r in rows]
        return sorted(out, key=lambda u: (u["office_id"], u.get("username") or ""))

    def create_enroll_code(self, office: str, ttl_days: float) -> tuple[str, int]:
        code = auth.new_enroll_code()
        now = now_ms()
        expires = now + int(ttl_days * 86_400_000)
        with self.write() as conn:
            if not conn.execute(select(offices.c.code).where(offices.c.code == office)).first():
                raise NotFoundError(f"Kantor {office} tidak ada.", f"No office {office}.")
            conn.execute(insert(enroll_codes).values(code_hash=auth.code_hash(code), office_code=office,
                                                     created_ms=now, expires_ms=expires))
        return code, expires

    def enroll(self, code: str, device_name: str, app_version: str) -> tuple[Device, str, dict]:
        now = now_ms()
        token = auth.new_token()
        device_id = str(uuid6.uuid7())
        with self.write() as conn:
            row = conn.execute(select(enroll_codes).where(enroll_codes.c.code_hash == auth.code_hash(code))).first()
            if row is None:
                raise EnrollFailure("invalid_code")
            if row.used_ms is not None:
                raise EnrollFailure("code_used")
            if row.expires_ms < now:
                raise EnrollFailure("code_expired")
            taken = conn.execute(update(enroll_codes).where(enroll_codes.c.code_hash == row.code_hash,
                                                            enroll_codes.c.used_ms.is_(None))
                                 .values(used_ms=now, device_id=device_id))
            if taken.rowcount != 1:  # another enrollment with the same code won the race
                raise EnrollFailure("code_used")
            conn.execute(insert(devices).values(
                id=device_id, office_code=row.office_code, name=device_name, app_version=app_version,
                token_hash=auth.token_hash(token), created_ms=now, last_mseq=0, waiting=0, cursor=0))
            off = conn.execute(select(offices).where(offices.c.code == row.office_code)).one()
        return (Device(device_id, row.office_code, device_name), token,
                {"code": off.code, "name": off.name, "kind": off.kind})

    def device_for_token(self, token: str) -> Device:
        params = {"token_hash": auth.token_hash(token)}
        with self.read_now() as conn:
            found = (conn.execute(_DEVICE_BY_TOKEN, params).all() if self.is_sqlite
                     else pg_exec.rows(conn, _DEVICE_BY_TOKEN, params))
        row = found[0] if found else None
        if row is None:
            raise AuthFailure("invalid_token")
        if row.revoked_ms is not None:
            raise AuthFailure("revoked")
        return Device(row.id, row.office_code, row.name, row.last_mseq, row.last_seen_ms, row.waiting,
                      row.app_version, row.cursor)

    def device_by_id(self, device_id: str) -> tuple[Device, bool] | None:
        """(device, revoked) for the USB import, which has a device id instead of a token."""
        with self.read() as conn:
            row = conn.execute(select(devices.c.id, devices.c.office_code, devices.c.name, devices.c.revoked_ms,
                                      devices.c.last_mseq, devices.c.last_seen_ms, devices.c.waiting,
                                      devices.c.app_version, devices.c.cursor)
                               .where(devices.c.id == device_id)).first()
        if row is None:
            return None
        return (Device(row.id, row.office_code, row.name, row.last_mseq, row.last_seen_ms, row.waiting,
                       row.app_version, row.cursor), row.revoked_ms is not None)

    def device_info(self, device_id: str) -> dict:
        with self.read() as conn:
            row = conn.execute(select(devices).where(devices.c.id == device_id)).one()
            off = conn.execute(select(offices).where(offices.c.code == row.office_code)).one()
        return {"device_id": row.id, "name": row.name, "last_mseq": row.last_mseq, "cursor": row.cursor,
                "office": {"code": off.code, "name": off.name, "kind": off.kind}}

    def list_devices(self) -> list[dict]:
        """Every device; ``config_current`` says whether its last reported cursor covers the newest
        configuration published for its office (None when nothing was ever published for it)."""
        with self.read() as conn:
            rows = conn.execute(select(devices).order_by(devices.c.office_code, devices.c.created_ms)).all()
            kinds = dict(conn.execute(select(offices.c.code, offices.c.kind)).all())
            config_revs = conn.execute(select(records.c.office_id, func.max(records.c.rev))
                                       .where(records.c.collection == config.COLLECTION)
                                       .group_by(records.c.office_id)).all()
        newest = dict(config_revs)
        out = []
        for r in rows:
            d = {k: v for k, v in r._mapping.items() if k != "token_hash"}
            parts = ("*", f"kind:{kinds.get(d['office_code'])}", d["office_code"], f"config:{d['office_code']}")
            top = max((newest[p] for p in parts if p in newest), default=None)
            d["config_current"] = None if top is None else d["cursor"] >= top
            d["config_rev"] = top  # the newest configuration's rev (the web console compares what it sent)
            out.append(d)
        return out

    def revoke(self, device_id: str) -> bool:
        with self.write() as conn:
            res = conn.execute(update(devices).where(devices.c.id == device_id, devices.c.revoked_ms.is_(None))
                               .values(revoked_ms=now_ms()))
            return res.rowcount == 1

    def set_last_mseq(self, device_id: str, value: int) -> None:
        """Admin recovery after a gap (docs/SYNC.md, "Failure modes")."""
        with self.write() as conn:
            res = conn.execute(update(devices).where(devices.c.id == device_id).values(last_mseq=value))
            if res.rowcount != 1:
                raise NotFoundError("Perangkat tidak ada.", f"No device {device_id}.")

    def touch_device(self, device_id: str, stats: dict) -> int:
        """Records a pull-only sync's statistics; returns the device's last_mseq."""
        with self.write() as conn:
            conn.execute(update(devices).where(devices.c.id == device_id).values(**stats))
            return conn.execute(select(devices.c.last_mseq).where(devices.c.id == device_id)).scalar_one()

    # --- applying mutations -----------------------------------------------------------------------
    def apply(self, device: Device, muts: list[Mutation], stats: dict, *,
              known_upto: int | None = None) -> tuple[int, list[dict]]:
        """Applies a page of mutations in one transaction. Returns (acked_mseq, results).

        Raises GapError/ReusedError (nothing applied). ``muts`` must be consecutive by mseq.
        ``known_upto`` (the request's cursor, for a client that asked for no echo): the device holds
        every rev up to it, so a record it then changes, and that ends up exactly as the device wrote
        it, is acknowledged ``"exact": true`` and not sent back to it (docs/SYNC.md §4).
        """
        if not self.is_sqlite and _creates_only(muts):
            # Nearly every page of a push creates records: on PostgreSQL they go in without first looking
            # up the page's ids (≈ 0.5 ms of PostgreSQL a page of 200). If one of them exists after all
            # (edited offline before its create was acknowledged, a concurrent writer), the insert
            # clashes on the key, the whole transaction rolls back, and the page is applied again with
            # the lookup. Nothing of the first try stays: its leased revs are an aborted writer's.
            try:
                return self._apply(device, muts, stats, known_upto, assume_new=True)
            except psycopg.errors.UniqueViolation as e:
                if e.diag.constraint_name != "records_pkey":
                    raise
        return self._apply(device, muts, stats, known_upto, assume_new=False)

    def _apply(self, device: Device, muts: list[Mutation], stats: dict, known_upto: int | None, *,
               assume_new: bool) -> tuple[int, list[dict]]:
        with self.write() as conn:
            # Locked to the commit: two requests of one device (a retry while the first still runs)
            # apply one after the other, and the second finds the first's mseqs done.
            if self.is_sqlite:
                last, xid = conn.execute(_LAST_MSEQ_LOCKED, {"device": device.id}).scalar_one(), None
            else:
                (last, xid), = pg_exec.rows(conn, _LAST_MSEQ_LOCKED_AND_XID, {"device": device.id})
            revs = self._revs(conn, hint=len(muts), xid=xid)
            dups = [m for m in muts if m.mseq <= last]
            new = [m for m in muts if m.mseq > last]
            if new and new[0].mseq != last + 1:
                raise GapError(last + 1)
            results: list[dict] = []
            if dups:
                seen = applied_log.seen(conn, device.id, dups[0].mseq, dups[-1].mseq)
                for m in dups:
                    entry = seen.get(m.mseq)  # [hlc, rev] or [hlc, None, errors]
                    if entry is not None and entry[0] != m.hlc_raw:
                        raise ReusedError(m.mseq)
                    if entry is not None and len(entry) > 2:
                        results.append({"mseq": m.mseq, "status": "rejected", "errors": entry[2]})
                    else:
                        res = {"mseq": m.mseq, "status": "duplicate"}
                        if entry is not None and entry[1] is not None:
                            res["rev"] = entry[1]
                        results.append(res)
            if new:
                new_results, entries = self._apply_new(conn, revs, device, new, known_upto, assume_new=assume_new)
                results.extend(new_results)
                page = {**applied_log.page_row(device.id, entries), "lo": new[0].mseq, "hi": new[-1].mseq}
                if self.is_sqlite:
                    conn.execute(_INSERT_PAGE, page)
                else:
                    pg_exec.rows(conn, _INSERT_PAGE, page)
                last = new[-1].mseq
            params = {"device": device.id, "s_last_mseq": last, **{"s_" + k: v for k, v in stats.items()}}
            if self.is_sqlite:
                conn.execute(_device_update(tuple(stats)), params)
            else:
                pg_exec.rows(conn, _device_update(tuple(stats)), params)
            revs.flush(conn)
        return last, results

    def _apply_new(self, conn: Connection, revs: Revs, device: Device, muts: list[Mutation],
                   known_upto: int | None, *, assume_new: bool = False) -> tuple[list[dict], list[list]]:
        """Applies the page's new mutations: (results, the page's ``applied_log`` entries).
        ``assume_new``: the page's records are taken to exist nowhere yet (``apply``: on a key clash
        the caller rolls back and comes again without it)."""
        ids = [] if assume_new else list({m.id for m in muts if not m.errors})
        recs: dict[str, Rec] = {}
        # Records whose current version this device holds (for "exact" acknowledgements, no echo).
        known: set[str] = set()
        if ids:
            # Locked (in id order: no deadlocks) so two pages touching one record merge one after the other.
            for row in conn.execute(self._records_locked, {"ids": ids}):
                recs[row.id] = _row_to_rec(row)
                if known_upto is not None and (row.rev <= known_upto or (
                        row.echo_device == device.id and row.echo_rev == row.rev)):
                    known.add(row.id)
        granted_away = set()
        foreign = [r.id for r in recs.values() if r.office_id != device.office]
        if foreign:
            granted_away = set(conn.execute(select(grants.c.id).where(
                self._among(grants.c.id, foreign), grants.c.office_id == device.office)).scalars())
        existed = set(recs)
        results, log_entries, new_conflicts = [], [], []
        newest_stamp = ""
        kind = None
        if any(m.collection == server_users.rules.COLLECTION for m in muts):
            kind = conn.execute(select(offices.c.kind).where(offices.c.code == device.office)).scalar()
        user_tables = {"records": records, "office_usernames": office_usernames}
        for m in muts:
            if m.errors:
                errors = m.errors
            elif m.collection == server_users.rules.COLLECTION:
                errors = server_users.check(conn, user_tables, m, recs.get(m.id), device, kind)
            else:
                errors = self._check(m, recs.get(m.id), device, m.id in granted_away)
            if errors:
                results.append({"mseq": m.mseq, "status": "rejected", "errors": errors})
                log_entries.append([m.hlc_raw, None, errors])
                continue
            if m.hlc > newest_stamp:  # stamps sort as text: the page's newest is observed once
                newest_stamp = m.hlc
            rec = recs.get(m.id)
            rev = revs.next()
            if rec is None:  # a create (validated in _check)
                rec = recs[m.id] = _created(m, device.office, rev, device.id)
                changed, conflicts = True, []
                if known_upto is not None:
                    known.add(m.id)
            else:
                rec.fields_json = rec.meta_json = rec.newest = None  # changed below: encoded again when written
                if m.op == "put":
                    changed, conflicts = apply_put(rec, m, rev, device.id)
                else:
                    changed, conflicts = apply_delete(rec, m, rev, device.id)
            if m.collection == server_users.rules.COLLECTION:
                conflicts = []  # the later stamp wins; a conflict record would carry a password hash around
            if changed:
                rec.rev, rec.dirty = rev, True
            exact = (changed and not conflicts and m.id in known and m.collection != server_users.rules.COLLECTION
                     and (m.hlc == m.hlc_raw if rec.is_new and rec.meta_json else _exact(rec, m)))
            if changed:
                rec.echo = device.id if exact else None
                (known.add if exact else known.discard)(m.id)
            if conflicts and newest_stamp:  # the conflict records' stamps come after everything seen
                self.clock.observe(newest_stamp)
            for cf in conflicts:
                crev = revs.next()
                stamp = self.clock.now()
                new_conflicts.append(Rec(id=str(uuid6.uuid7()), collection=CONFLICTS, office_id=rec.office_id,
                                         rev=crev, deleted=False, fields=cf,
                                         fmeta={f: [stamp, crev, "server", "server"] for f in cf}))
            res = {"mseq": m.mseq, "status": "applied", "rev": rec.rev}
            if exact:
                res["exact"] = True
            if conflicts:
                res["conflicts"] = len(conflicts)
            results.append(res)
            log_entries.append([m.hlc_raw, rec.rev])
        if newest_stamp:
            self.clock.observe(newest_stamp)
        inserts = [_rec_row(r) for r in recs.values() if r.dirty and r.id not in existed]
        inserts += [_rec_row(r) for r in new_conflicts]
        updates = [{("b_" + k): v for k, v in _rec_values(r).items()}
                   for r in recs.values() if r.dirty and r.id in existed]
        self._insert_many(conn, records, _RECORD_COLS, inserts)
        if updates:
            self._update_records(conn, updates)
        # After the page's records are written, in the same transaction: hooks that keep derived tables current.
        blob_locks.hold_named(conn, [r for r in recs.values() if r.dirty])  # vs. the blob gc (blob_locks.py)
        projections.on_applied(conn, [r for r in recs.values() if r.dirty])  # dashboards, same transaction
        return results, log_entries

    def _among(self, column, values: list):
        """``column IN values``. PostgreSQL gets one array parameter (``= ANY``): a page's 200 ids as
        200 parameters cost more to render and parse, every time, than the query does to run."""
        return among("sqlite" if self.is_sqlite else "postgresql", column, values)

    # PostgreSQL updates: one statement per page, its rows as one JSON parameter (json_to_recordset).
    # executemany would send a statement per row, multi-row VALUES costs more to compile than to run,
    # and text arrays spend their time escaping; all of it inside the locked section. (New rows go in
    # by COPY, _insert_many.)
    # ``fields`` and ``meta`` are JSON text already: they go into the parameter as JSON values (not
    # strings to escape again) and come out as ``json``, which PostgreSQL reproduces exactly as text.
    _PG_TYPES = {"id": "text", "collection": "text", "office_id": "text", "rev": "bigint", "hlc": "text",
                 "deleted": "boolean", "fields": "json", "meta": "json", "device_id": "text", "mseq": "bigint",
                 "errors": "text", "echo_device": "text", "echo_rev": "bigint"}
    _PG_RAW = frozenset({"fields", "meta"})

    def _recordset(self, cols) -> str:
        return f"json_to_recordset(CAST(:rows AS json)) AS v({', '.join(f'{c} {self._PG_TYPES[c]}' for c in cols)})"

    def _rows_json(self, rows: list[dict], cols) -> str:
        """The rows as one JSON array, embedding the JSON text of ``fields``/``meta`` as it is."""
        raw = [c in self._PG_RAW for c in cols]
        return "[" + ",".join(
            "{" + ",".join(f'"{c}":{row[c] if is_raw else _dumps(row[c])}' for c, is_raw in zip(cols, raw, strict=True))
            + "}" for row in rows) + "]"

    def _value(self, c: str) -> str:
        return f"v.{c}::text" if c in self._PG_RAW else f"v.{c}"

    def _insert_many(self, conn: Connection, table: Table, cols: tuple, rows: list[tuple]) -> None:
        """New rows (their values in ``cols`` order): SQLite by executemany; PostgreSQL by COPY in the
        same transaction, the cheapest way in for both sides (no statement to parse per row, no JSON to
        build here and take apart there; ``fields``/``meta`` go in as the text they already are)."""
        if not rows:
            return
        if self.is_sqlite:
            conn.execute(insert(table), [dict(zip(cols, row, strict=True)) for row in rows])
            return
        with conn.connection.driver_connection.cursor() as cur, cur.copy(
                f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
            write = copy.write_row
            for row in rows:
                write(row)

    def _update_records(self, conn: Connection, updates: list[dict]) -> None:
        cols = ("office_id", "rev", "hlc", "deleted", "fields", "meta", "echo_device", "echo_rev")
        if self.is_sqlite:
            conn.execute(
                update(records).where(records.c.id == bindparam("b_id")).values(
                    **{c: bindparam("b_" + c) for c in cols}),
                [{k: v for k, v in u.items() if k != "b_collection"} for u in updates])
            return
        names = ("id", *cols)
        sets = ", ".join(f"{c} = {self._value(c)}" for c in cols)
        rows = [{c: u["b_" + c] for c in names} for u in updates]
        conn.execute(text(f"UPDATE records AS r SET {sets} FROM {self._recordset(names)} WHERE r.id = v.id"),
                     {"rows": self._rows_json(rows, names)})

    def _check(self, m: Mutation, rec: Rec | None, device: Device, granted: bool) -> list[dict] | None:
        """State-dependent refusals: partition, collection, append-only, whole-record validity."""
        coll = schema_collection(m.collection)
        if rec is None:
            if m.op == "delete":
                return [item_error("", "Data yang akan dihapus tidak ada di server.",
                                   "The record to delete does not exist on the server.")]
            if m.create_errors is None:
                m.create_errors = [item_error(e.field, e.message, e.message_en) for e in fast(coll).validate(m.fields)]
            return m.create_errors or None
        if rec.office_id != device.office:
            if granted:
                return [item_error("", f"Data ini sudah diteruskan ke kantor {rec.office_id}; hanya dapat dibaca.",
                                   f"This record was transferred to office {rec.office_id}; it is read-only here.")]
            return [item_error("", "Data ini milik kantor lain; tidak dapat diubah dari kantor ini.",
                               "This record belongs to another office; it cannot be changed from here.")]
        if rec.collection != m.collection:
            return [item_error("", "ID ini sudah dipakai untuk jenis data lain.",
                               "This id is already used by a record of another collection.")]
        if coll.append_only:
            return [item_error("", f"{coll.title.get('id', coll.name)} tidak dapat diubah atau dihapus setelah dibuat.",
                               f"{coll.title.get('en', coll.name)} cannot be changed or deleted once created.")]
        if m.op == "put":
            errs = []
            for f, v in m.fields.items():
                if v is None and f in coll.required:
                    errs.append(item_error(f, f"{coll.label(f, 'id')} wajib diisi.",
                                           f"{coll.label(f, 'en')} is required."))
            if errs:
                return errs
            merged = {**rec.fields, **m.fields}
            if len(_dumps(merged).encode("utf-8")) > MAX_RECORD_BYTES:
                return [item_error("", "Data terlalu besar.", "Record too large.")]
        return None

    # --- transfers ----------------------------------------------------------------------------------
    def transfer(self, device: Device, coll: str, record_id: str, to_office: str) -> dict:
        if coll not in TRANSFERABLE_COLLECTIONS:
            raise StorageError(f"Jenis data {coll[:40]} tidak dapat diteruskan.",
                               f"Records of {coll[:40]} cannot be transferred.")
        with self.write() as conn:
            revs = self._revs(conn)
            row = conn.execute(select(records).where(records.c.id == record_id).with_for_update()).first()
            visible = row is not None and row.collection == coll and (
                row.office_id == device.office or conn.execute(select(grants.c.id).where(
                    grants.c.id == record_id, grants.c.office_id == device.office)).first() is not None)
            if not visible:
                raise NotFoundError("Data tidak ditemukan.", "Record not found.")
            rec = _row_to_rec(row)
            if rec.office_id == to_office:  # a retried transfer: already done
                return {"ok": True, "rev": rec.rev, "office_id": rec.office_id}
            if rec.office_id != device.office:
                raise ForbiddenError("Data ini sudah diteruskan ke kantor lain; hanya dapat dibaca.",
                                     "This record was transferred away; it is read-only here.")
            if rec.deleted:
                raise ConflictError("Data ini sudah dihapus.", "This record is deleted.")
            if not conn.execute(select(offices.c.code).where(offices.c.code == to_office)).first():
                raise StorageError(f"Kantor tujuan {to_office[:40]} tidak ada.", f"No office {to_office[:40]}.")
            old = rec.office_id
            rev = revs.next()
            rec.transfers.append({"from": old, "to": to_office, "at": now_ms(), "by_device": device.id,
                                  "hlc": self.clock.now()})
            rec.office_id, rec.rev = to_office, rev
            vals = _rec_values(rec)
            conn.execute(update(records).where(records.c.id == record_id).values(
                office_id=vals["office_id"], rev=rev, meta=vals["meta"]))
            self._grant(conn, record_id, old)
            projections.on_applied(conn, [rec])  # the dashboards count it at its new office
            # The record's history travels with it: append-only children (status events) move too.
            for child_coll, ref_field in _children_of(coll):
                rows = conn.execute(select(records).where(
                    records.c.collection == child_coll, records.c.office_id == old,
                    records.c.fields.like(f"%{record_id}%"))).all()
                for child_row in rows:
                    child = _row_to_rec(child_row)
                    if child.fields.get(ref_field) != record_id:
                        continue
                    child.office_id, child.rev = to_office, revs.next()
                    conn.execute(update(records).where(records.c.id == child.id).values(
                        office_id=to_office, rev=child.rev))
                    self._grant(conn, child.id, old)
            from sync.server import blob_meta  # imports this module

            blob_meta.move_with_owner(self, conn, revs, coll, record_id, old, to_office)  # its scans go along
            revs.flush(conn)
        return {"ok": True, "rev": rev, "office_id": to_office}

    @staticmethod
    def _grant(conn: Connection, record_id: str, office: str) -> None:
        """Lets ``office`` keep read-only visibility of a record it transferred away."""
        exists = conn.execute(select(grants.c.id).where(grants.c.id == record_id, grants.c.office_id == office)).first()
        if not exists:
            conn.execute(insert(grants).values(id=record_id, office_id=office, granted_ms=now_ms()))

    # --- configuration push (sync/config.py, docs/UPDATES.md) ------------------------------------------
    @staticmethod
    def _config_partition(scope: str) -> str:
        """The records.office_id of a config record: a partition no device writes (a device's creates
        go to its office code, and its edits of anything outside that are refused)."""
        if scope == config.SCOPE_ALL:
            return "*"
        if scope in OFFICE_KINDS:
            return f"kind:{scope}"
        return f"config:{scope}"

    @staticmethod
    def legacy_config_record_id(scope: str, key: str) -> str:
        """The predictable id older servers gave (scope, key): read, never trusted without checking."""
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"layan:config:{scope}:{key}"))

    def _config_row(self, conn: Connection, scope: str, key: str, *, create: bool) -> tuple[str | None, object]:
        """(record id, existing row or None) of the value published for (scope, key); the row is checked
        to be that config record before it is used. With ``create`` a missing one gets a new random id."""
        rid = conn.execute(select(config_ids.c.record_id).where(config_ids.c.scope == scope,
                                                                 config_ids.c.key == key)).scalar()
        if rid is None:
            legacy = self.legacy_config_record_id(scope, key)
            row = conn.execute(select(records).where(records.c.id == legacy)).first()
            if row is not None and self._is_config_of(row, scope, key):
                rid = legacy  # published by an older server: adopted as it is
            elif not create:
                return None, None
            else:
                rid = str(uuid6.uuid7())
            conn.execute(insert(config_ids).values(scope=scope, key=key, record_id=rid))
        row = conn.execute(select(records).where(records.c.id == rid).with_for_update()).first()
        if row is not None and not self._is_config_of(row, scope, key):
            raise ConflictError("Data pengaturan pusat tidak cocok dengan catatannya; hubungi pengembang.",
                                f"The record {rid} is not the setting {scope}/{key}; the database needs repair.")
        return rid, row

    @staticmethod
    def _is_config_of(row, scope: str, key: str) -> bool:
        if row.collection != config.COLLECTION:
            return False
        fields = json.loads(row.fields)
        return fields.get("scope") == scope and fields.get("key") == key

    def set_config(self, scope: str, key: str, value, published_by: str = "server") -> dict:
        """Publishes ``value`` for ``key`` to ``scope``; returns the record's fields and whether it changed."""
        problems = ([p] if (p := config.scope_error(scope)) else []) + config.value_errors(key, value)
        if problems:
            raise StorageError("; ".join(p[0] for p in problems), "; ".join(p[1] for p in problems))
        if len(_dumps(value)) > MAX_RECORD_BYTES - 1024:
            raise StorageError("Nilai terlalu besar untuk satu data sinkronisasi.", "Value too large for one sync record.")
        with self.write() as conn:
            if scope not in (config.SCOPE_ALL, *OFFICE_KINDS) and not conn.execute(
                    select(offices.c.code).where(offices.c.code == scope)).first():
                raise NotFoundError(f"Kantor {scope} tidak ada.", f"No office {scope}.")
            rid, row = self._config_row(conn, scope, key, create=True)
            old = _row_to_rec(row) if row else None
            partition = self._config_partition(scope)
            if old and not old.deleted and old.fields.get("value") == value and old.office_id == partition:
                return {**old.fields, "changed": False, "rev": old.rev}
            revs = self._revs(conn)
            rev, stamp = revs.next(), self.clock.now()
            version = old.fields.get("version", 0) if old else 0
            fields = {"scope": scope, "key": key, "value": value,
                      "version": (version if type(version) is int else 0) + 1,
                      "published_ms": now_ms(), "published_by": published_by[:64]}
            rec = Rec(id=rid, collection=config.COLLECTION, office_id=partition, rev=rev,
                      deleted=False, fields=fields, fmeta={f: [stamp, rev, published_by[:64], "server"] for f in fields},
                      dmeta=[stamp, rev, published_by[:64], "server"] if old else None)
            if old:
                conn.execute(update(records).where(records.c.id == rid).values(**_rec_values(rec)))
            else:
                conn.execute(insert(records).values(**_rec_values(rec)))
            revs.flush(conn)
        return {**fields, "changed": True, "rev": rev}

    def unset_config(self, scope: str, key: str, published_by: str = "server") -> bool:
        """Withdraws a published value; offices fall back to a wider scope's value or the built-in one."""
        with self.write() as conn:
            rid, row = self._config_row(conn, scope, key, create=False)
            if row is None or row.deleted:
                return False
            rec = _row_to_rec(row)
            revs = self._revs(conn)
            rec.rev, rec.deleted = revs.next(), True
            rec.office_id = self._config_partition(scope)
            rec.dmeta = [self.clock.now(), rec.rev, published_by[:64], "server"]
            conn.execute(update(records).where(records.c.id == rid).values(**_rec_values(rec)))
            revs.flush(conn)
        return True

    def list_config(self, office: str | None = None) -> list[dict]:
        """Published values (not withdrawn), ``office``'s effective ones only when given: [{..., rev}]."""
        with self.read() as conn:
            rows = conn.execute(select(records).where(records.c.collection == config.COLLECTION,
                                                      records.c.deleted.is_(False))).all()
            kind = None
            if office is not None:
                row = conn.execute(select(offices.c.kind).where(offices.c.code == office)).first()
                if row is None:
                    raise NotFoundError(f"Kantor {office} tidak ada.", f"No office {office}.")
                kind = row.kind
        items = [{**json.loads(r.fields), "rev": r.rev} for r in rows]
        if office is None:
            return sorted(items, key=lambda i: (i["key"], config.scope_rank(i["scope"]), i["scope"]))
        best: dict[str, dict] = {}
        for item in items:
            if item["scope"] in (config.SCOPE_ALL, kind, office):
                held = best.get(item["key"])
                if held is None or config.scope_rank(item["scope"]) > config.scope_rank(held["scope"]):
                    best[item["key"]] = item
        return [best[k] for k in sorted(best)]

    def _office_kind(self, conn: Connection, office: str) -> str | None:
        """An office's kind (never changed once the office exists), remembered by this process."""
        kind = self._kinds.get(office)
        if kind is None:
            kind = conn.execute(select(offices.c.kind).where(offices.c.code == office)).scalar()
            if kind is not None:
                self._kinds[office] = kind
        return kind

    # --- serving changes ----------------------------------------------------------------------------
    def _changes_statement(self, no_echo: bool):
        """The query of ``changes``, built once per server (with or without the no-echo probe): its
        five scans as one statement cost SQLAlchemy ≈ 1 ms to build afresh for every page. Parameters:
        office, cursor, upto, n (rows per scan), shared (the shared collections), wide (the config partitions the office reads),
        echo_device (no echo)."""
        stmt = self._changes_stmts.get(no_echo)
        if stmt is not None:
            return stmt
        cols = [records.c.id, records.c.collection, records.c.office_id, records.c.rev, records.c.hlc,
                records.c.deleted, records.c.fields, records.c.meta]
        dialect = "sqlite" if self.is_sqlite else "postgresql"
        served, probe = literal_column("0").label("probe"), literal_column("1").label("probe")
        office, n = bindparam("office", type_=String), bindparam("n", type_=Integer)
        newer = [records.c.rev > bindparam("cursor", type_=BigInteger),
                 records.c.rev <= bindparam("upto", type_=BigInteger)]
        own_where = [records.c.office_id == office, *newer]
        if no_echo:
            echo = bindparam("echo_device", type_=String)
            own_where.append(or_(records.c.echo_device.is_(None), records.c.echo_device != echo,
                                 records.c.echo_rev != records.c.rev))
        own = select(*cols, served).where(*own_where).order_by(records.c.rev).limit(n).subquery()
        shared = (select(*cols, served).where(among_param(dialect, records.c.collection, "shared"), *newer)
                  .order_by(records.c.rev).limit(n).subquery())
        granted = (select(*cols, served).join(grants, grants.c.id == records.c.id)
                   .where(grants.c.office_id == office, *newer)
                   .order_by(records.c.rev).limit(n).subquery())
        # Config published to everyone or to this office's kind (its own is in its partition).
        wide = (select(*cols, served).where(among_param(dialect, records.c.office_id, "wide"), *newer)
                .order_by(records.c.rev).limit(n).subquery())
        parts = [select(own), select(shared), select(granted), select(wide)]
        if no_echo:
            newest = (select(*cols, probe).where(records.c.office_id == office, *newer)
                      .order_by(records.c.rev.desc()).limit(1).subquery())
            parts.append(select(newest))
        stmt = self._changes_stmts[no_echo] = union_all(*parts)
        return stmt

    def changes(self, office: str, cursor: int, limit: int, *, compact_stamps: bool = False,
                no_echo_for: str | None = None) -> tuple[list[dict], int, bool]:
        """One page of what ``office`` may see with rev > cursor, in rev order: (changes, cursor, has_more).

        One SQL statement (so one snapshot on PostgreSQL) unions four index-ordered scans: the
        office's own partition, the shared reference collections, records granted to it, and config.
        ``no_echo_for`` (a device id) leaves out the records that device holds exactly (its own
        writes, acknowledged "exact"); a fifth one-row scan finds the partition's newest rev, so that
        when nothing is left the cursor moves past those left out and the next sync does not walk them again.
        """
        params = {"office": office, "cursor": cursor, "n": limit + 1, "echo_device": no_echo_for,
                  "shared": _SHARED}
        with self.read_now() as conn:
            # Nothing above a rev some writer still holds (sync/server/revs.py): read before the page,
            # so every rev up to it that will ever commit is visible to the page's (later) snapshot.
            top, params["upto"] = newest_and_watermark(conn, counter, None if self.is_sqlite else rev_leases)
            if cursor > top:
                raise CursorAheadError(top)
            kind = self._office_kind(conn, office)
            params["wide"] = ["*", f"kind:{kind}", f"config:{office}"]
            stmt = self._changes_statement(no_echo_for is not None)
            rows = conn.execute(stmt, params).all() if self.is_sqlite else pg_exec.rows(conn, stmt, params)
        by_id, newest_own = {}, cursor
        for r in rows:
            if r.probe:
                newest_own = r.rev
            else:
                by_id[r.id] = r
        ordered = sorted(by_id.values(), key=lambda r: r.rev)
        out, size = [], 0
        for r in ordered[:limit]:
            if out and size + len(r.fields) + len(r.meta) > REPLY_SOFT_BYTES:
                break
            meta = json.loads(r.meta)
            field_hlc = record_meta.field_stamps(meta, r.hlc if compact_stamps else None)
            # The stored meta names a shared stamp once; the reply names it per field.
            size += len(r.fields) + len(r.meta) + FIELD_HLC_BYTES * len(field_hlc)
            ch = {"collection": r.collection, "id": r.id, "office_id": r.office_id, "rev": r.rev, "hlc": r.hlc,
                  "deleted": bool(r.deleted), "fields": json.loads(r.fields), "field_hlc": field_hlc}
            if r.office_id != office and r.collection not in SHARED_COLLECTIONS and r.collection != config.COLLECTION:
                ch["readonly"] = True
            if meta.get("t"):
                ch["transfers"] = [{"from": t["from"], "to": t["to"], "at": t["at"]} for t in meta["t"]]
            out.append(ch)
        has_more = len(ordered) > len(out)
        new_cursor = out[-1]["rev"] if out else cursor
        if not has_more:  # every rev up to the partition's newest was served or is held by the device
            new_cursor = max(new_cursor, newest_own)
        return out, new_cursor, has_more

    # --- inspection (tests, CLI) --------------------------------------------------------------------
    def record(self, record_id: str) -> dict | None:
        with self.read() as conn:
            row = conn.execute(select(records).where(records.c.id == record_id)).first()
        if row is None:
            return None
        rec = _row_to_rec(row)
        return {"id": rec.id, "collection": rec.collection, "office_id": rec.office_id, "rev": rec.rev,
                "deleted": rec.deleted, "fields": rec.fields, "hlc": row.hlc,
                "field_hlc": {f: m[0] for f, m in rec.fmeta.items()}}

    def grant_block(self, device: Device, series: str, year: int, count: int, floor: int = 1) -> tuple[int, int]:
        """A range of ``count`` numbers no other device of the office has or will get.

        ``floor`` is the lowest number the device may receive (above what it already issued while
        it was standalone), so numbers on paper are never handed out again. Serialized on the rev
        counter row's lock: blocks are rare, and this keeps one locking rule for the whole server.
        """
        with self.write() as conn:
            conn.execute(select(counter.c.value).where(counter.c.id == 1).with_for_update())
            key = ((number_blocks.c.office_code == device.office) & (number_blocks.c.series == series)
                   & (number_blocks.c.year == year))
            current = conn.execute(select(number_blocks.c.next_start).where(key)).scalar()
            if floor > (current or 1) + MAX_FLOOR_JUMP:
                raise StorageError(f"Nomor awal {floor} terlalu jauh di atas nomor berikutnya ({current or 1}).",
                                   f"The floor {floor} is too far above the next number ({current or 1}).")
            start = max(current or 1, floor)
            end = start + count - 1
            if current is None:
                conn.execute(insert(number_blocks).values(office_code=device.office, series=series, year=year,
                                                          next_start=end + 1))
            else:
                conn.execute(update(number_blocks).where(key).values(next_start=end + 1))
            conn.execute(insert(block_grants).values(device_id=device.id, series=series, year=year, start=start,
                                                     end=end, granted_ms=now_ms()))
        return start, end

    def count(self, collection: str | None = None, office: str | None = None) -> int:
        stmt = select(func.count()).select_from(records)
        if collection:
            stmt = stmt.where(records.c.collection == collection)
        if office:
            stmt = stmt.where(records.c.office_id == office)
        with self.read() as conn:
            return conn.execute(stmt).scalar_one()


def _children_of(coll: str) -> list[tuple[str, str]]:
    """(collection, field) pairs of records that point at a ``coll`` record (schema ``x-ref``)."""
    from sync.schema import collections

    return [(c.name, name) for c in collections().values() for name, spec in c.properties.items()
            if spec.get("x-ref") == coll]


def is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except (ValueError, AttributeError, TypeError):
        return False


