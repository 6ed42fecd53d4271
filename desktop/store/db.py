"""Opening the local SQLite database: pragmas, migrations, and the errors a clerk can understand.

Every connection gets WAL, ``synchronous=FULL`` and foreign keys (DESIGN.md, invariant 1).
Schema changes are sqlite-utils migrations; the per-collection tables are generated from the
record schemas in resources/schema, and new schema fields are added as columns on open
(additive changes only).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sync.schema import SYSTEM_FIELDS, Collection, collections

from . import keys
from .driver import sqlite3
from .encryption import encrypt_in_place, is_plaintext, key_pragma

if TYPE_CHECKING:  # sqlite_utils is imported only when a migration is pending (it slows every start)
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x4C41594E  # "LAYN": marks a file as a Layan database (PRAGMA application_id)
DB_FILENAME = "layan.sqlite3"

# Columns every record table has besides its schema fields.
RECORD_COLUMNS: dict[str, type] = {
    "id": str,
    "office_id": str,
    **{name: str for name in SYSTEM_FIELDS},
    "extra": str,  # unknown fields from a newer schema, kept as JSON (never dropped)
    "hlc": str,
    "field_hlc": str,  # JSON {field: stamp}
    "rev": int,  # the server revision this row reflects (0 = never synced)
    "deleted": int,
    "readonly": int,  # a stub of a record transferred to another office
}


class StoreError(Exception):
    """A known failure with a message for the user (Indonesian) and its English twin."""

    def __init__(self, message: str, message_en: str | None = None):
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message


class DiskFullError(StoreError):
    pass


class ReadOnlyError(StoreError):
    pass


class NotALayanDatabase(StoreError):
    pass


class WrongKeyError(StoreError):
    pass


def translate_sqlite_error(exc: sqlite3.Error) -> Exception:
    """Maps the SQLite errors a user can meet to a StoreError; returns ``exc`` itself for bugs."""
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    if code == sqlite3.SQLITE_FULL or "database or disk is full" in text:
        return DiskFullError(
            "Penyimpanan penuh: data belum tersimpan. Kosongkan ruang disk lalu simpan lagi.",
            "The disk is full: nothing was saved. Free some disk space and save again.",
        )
    if code == sqlite3.SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return ReadOnlyError(
            "Folder data hanya-baca: data belum tersimpan. Periksa hak akses folder data.",
            "The data folder is read-only: nothing was saved. Check the folder's permissions.",
        )
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return StoreError(
            "Basis data sedang dipakai proses lain. Coba lagi sebentar.",
            "The database is busy in another process. Try again in a moment.",
        )
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in text:
        return StoreError(
            "Berkas basis data rusak. Pulihkan dari cadangan (Pengaturan → Cadangan).",
            "The database file is damaged. Restore it from a backup (Settings → Backup).",
        )
    return exc


def connect(path: Path | str, *, readonly: bool = False, key: bytes | None = None) -> sqlite3.Connection:
    """A connection with Layan's pragmas. Autocommit mode: transactions are explicit (BEGIN IMMEDIATE).

    The database is encrypted with ``key``, by default the key of the data folder holding ``path``.
    """
    if readonly:
        conn = sqlite3.connect(
            f"file:{Path(path).as_posix()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    key = key or keys.load_key(Path(path).parent)
    if key is not None:
        conn.execute(key_pragma(key))  # must be the first statement on the connection
        check_can_decrypt(conn)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        # A deleted record's values are overwritten, not left in free space (desktop/store/tombstones.py).
        conn.execute("PRAGMA secure_delete = ON")
    # Up to 256 MB of pages: SQLCipher decrypts every page it reads from the file, so the pages a search
    # keeps using stay decrypted here; with 1,000,000 letters a 32 MB cache made encrypted searches 3-4x
    # slower than plaintext, 256 MB brings them level (docs/BENCHMARKS.md). The cache only grows with the
    # pages actually read: a distrik's few thousand letters take a few MB.
    conn.execute("PRAGMA cache_size = -262144")
    return conn


SCAN_CACHE_KIB = 8192  # the page cache of a one-pass read (an export): pages read once are not kept


@contextmanager
def scanning(path: Path | str) -> Iterator[sqlite3.Connection]:
    """A read connection of its own for one long sequential read, such as exporting a register.

    Its page cache is small: a search connection keeps up to 256 MB of decrypted pages because it
    reads them again and again, while an export reads each page once, so with the big cache reading a
    million letters would hold the whole table in memory (measured: docs/BENCHMARKS.md).
    """
    conn = connect(path)
    try:
        conn.execute(f"PRAGMA cache_size = -{SCAN_CACHE_KIB}")
        conn.execute("PRAGMA query_only = ON")
        yield conn
    finally:
        conn.close()


def m001_core(db: sqlite_utils.Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["outbox"].create(
        {
            "mseq": int,
            "collection": str,
            "record_id": str,
            "op": str,
            "base_rev": int,
            "fields": str,
            "hlc": str,
            "actor": str,
            "created_at": str,
        },
        pk="mseq",
        not_null={"collection", "record_id", "op", "hlc"},
    )
    db["audit"].create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "collection": str,
            "record_id": str,
            "action": str,  # create | update | delete | open | restore | sync | conflict
            "changes": str,  # JSON {field: [old, new]}
            "hlc": str,
            "source": str,  # local | sync | import
        },
        pk="id",
    )
    db["audit"].create_index(["collection", "record_id", "id"])
    db["users"].create(
        {
            "id": str,
            "office_id": str,
            "username": str,
            "full_name": str,
            "role": str,
            "password_hash": str,
            "active": int,
            "local_only": int,  # the first-start administrator, until the office is enrolled
        },
        pk="id",
    )
    db["users"].create_index(["username"], unique=True)
    for coll in collections().values():
        create_record_table(db, coll)


def m002_numbering_and_rejections(db: sqlite_utils.Database) -> None:
    # Number blocks: the ranges of agenda/letter numbers this device may hand out (docs/NUMBERING.md).
    db["number_blocks"].create(
        {"series": str, "year": int, "start": int, "end": int, "next": int},
        pk=("series", "year", "start"),
        not_null={"series", "year", "start", "next"},
    )
    # Mutations the server refused: kept with the reason, so nothing a clerk typed is lost silently.
    db["rejected"].create(
        {"mseq": int, "collection": str, "record_id": str, "fields": str, "errors": str, "at": str},
        pk="mseq",
    )
    if db["letters"].exists():
        # Not UNIQUE on purpose: numbering guarantees uniqueness for what this PC registers, and a
        # duplicate that arrives by sync (two PCs wrongly set up as standalone) must not block sync.
        db.execute("CREATE INDEX IF NOT EXISTS letters_number ON letters(office_id, direction, year, seq)")


def m003_sync_state(db: sqlite_utils.Database) -> None:
    # Records of collections this version does not know (a newer server): kept verbatim, never dropped.
    db["unknown_records"].create({"collection": str, "id": str, "rev": int, "body": str}, pk=("collection", "id"))


def m004_register_indexes(db: sqlite_utils.Database) -> None:
    # The registers list one direction in agenda-book order; these let SQLite walk an index instead
    # of sorting hundreds of thousands of rows (measured: docs/BENCHMARKS.md).
    db.execute("CREATE INDEX IF NOT EXISTS letters_register ON letters(direction, year, seq)")
    db.execute("CREATE INDEX IF NOT EXISTS letters_by_received ON letters(direction, tanggal_terima)")
    db.execute("CREATE INDEX IF NOT EXISTS letters_by_date ON letters(direction, tanggal_surat)")


def m005_patient_lookup_indexes(db: sqlite_utils.Database) -> None:
    # A returning patient is found by NIK, the mother's NIK (babies) or BPJS number at the desk.
    for column in ("nik", "nik_ibu", "no_bpjs", "no_rm"):
        db.execute(f"CREATE INDEX IF NOT EXISTS patients_{column} ON patients({column})")


def m006_central_config(db: sqlite_utils.Database) -> None:
    # Settings and reference data published centrally (desktop/domain/central_config.py): every record
    # received, whether it is in force, and why a version was refused.
    db["central_config"].create(
        {"id": str, "scope": str, "key": str, "value": str, "version": int, "status": str, "rev": int,
         "published_ms": int, "published_by": str, "received_at": str, "refused_version": int, "error": str,
         "error_en": str},
        pk="id", not_null={"scope", "key", "status"},
    )
    db["central_config"].create_index(["key"])


def m007_refused_changes(db: sqlite_utils.Database) -> None:
    # Changes a server sent that failed this PC's checks (schema, tenancy): never applied, kept with
    # the reason so IT can see what was refused (sync/inbound.py, desktop/store/replica.py).
    db["refused_changes"].create(
        {"collection": str, "id": str, "rev": int, "office_id": str, "body": str, "reason": str, "reason_en": str,
         "at": str},
        pk=("collection", "id"),
    )


def m008_people_accounts(db: sqlite_utils.Database) -> None:
    # Users managed at the office (desktop/domain/users.py): the server revision a user row reflects
    # (for the outbox's base_rev), when it last changed and when its owner last logged in here.
    for column, kind in (("rev", "INTEGER NOT NULL DEFAULT 0"), ("hlc", "TEXT"), ("updated_at", "TEXT"),
                         ("last_login_at", "TEXT")):
        db.execute(f"ALTER TABLE users ADD COLUMN {column} {kind}")
    # Failed logins per username (also for names that do not exist, so the delay says nothing about
    # which names do): kept here, so closing and reopening the app does not reset the delay.
    db["login_failures"].create({"username": str, "failures": int, "last_failed_ms": int}, pk="username")
    # Changes a server sent that this PC refused (another office's user, a malformed hash …): set aside
    # with the reason, never applied. The same table as the general inbound checks keep (if_not_exists:
    # whichever migration runs first creates it).
    db["refused_changes"].create(
        {"collection": str, "id": str, "rev": int, "office_id": str, "body": str, "reason": str, "reason_en": str,
         "at": str},
        pk=("collection", "id"), if_not_exists=True,
    )
    # A PC keeps password hashes only of the users who may log in here: its own office's.
    office = db.execute("SELECT value FROM meta WHERE key = 'office_code'").fetchone()
    if office and office[0]:
        db.execute("DELETE FROM users WHERE office_id IS NULL OR office_id != ?", (office[0],))


def m009_redact_special_audit(db: sqlite_utils.Database) -> None:
    """Audit rows written before the audit policy held NIK and health values: keep only the field names."""
    import json

    from .audit_policy import redact

    rows = db.execute("SELECT rowid, collection, changes FROM audit WHERE changes IS NOT NULL").fetchall()
    for rowid, coll, changes in rows:
        try:
            before = json.loads(changes)
        except ValueError:
            continue
        if isinstance(before, dict):
            after = redact(coll, before)
            if after != before:
                db.execute("UPDATE audit SET changes = ? WHERE rowid = ?",
                           (json.dumps(after, ensure_ascii=False), rowid))


def m011_search_walk_index(db: sqlite_utils.Database) -> None:
    # The register's first screen of a search walks this index by name (INDEXED BY, so the plan does not
    # change once ANALYZE has run: desktop/ui/registers/letter_query.py); make sure every database has it.
    db.execute("CREATE INDEX IF NOT EXISTS letters_number ON letters(office_id, direction, year, seq)")


def m012_attachments(db: sqlite_utils.Database) -> None:
    # Attachments (desktop/domain/attachments/): the record table may not exist yet on an older file
    # (record tables are otherwise created after the migrations), and it is listed per owner record.
    if not db["attachments"].exists():
        create_record_table(db, collections()["attachments"])
    db.execute("CREATE INDEX IF NOT EXISTS attachments_owner ON attachments(owner_collection, owner_id)")
    db.execute("CREATE INDEX IF NOT EXISTS attachments_sha ON attachments(sha256)")
    # Local only, never synced: the original scan a clerk chose to keep ("simpan asli"), and the
    # thumbnails (small PNGs, cached here so a record shows them at once; encrypted with the database).
    db["attachment_originals"].create(
        {"attachment_id": str, "sha256": str, "name": str, "mime": str, "size": int, "kept_at": str},
        pk="attachment_id", not_null={"sha256"},
    )
    db["attachment_thumbs"].create({"sha256": str, "edge": int, "png": bytes}, pk=("sha256", "edge"))

def m013_strip_tombstones(db: sqlite_utils.Database) -> None:
    """Records deleted before tombstones were stripped still hold their fields: strip them, and their
    copies (desktop/store/tombstones.py); the search indexes remove a deleted entry's words at once."""
    from sync.schema import collections

    from . import tombstones

    for coll in collections().values():
        tombstones.secure_search_index(db.conn, coll.name)
        for (record_id,) in db.execute(f"SELECT id FROM [{coll.name}] WHERE deleted = 1").fetchall():
            # This PC's own delete still waiting: what waits before it becomes a delete too (as a delete
            # does now); a delete that came by sync: waiting edits go up without their values.
            own = db.execute("SELECT 1 FROM outbox WHERE collection = ? AND record_id = ? AND op = 'delete'",
                             (coll.name, record_id)).fetchone()
            tombstones.strip(db.conn, coll, record_id, outbox="delete" if own else "strip")


def m014_blob_sync(db: sqlite_utils.Database) -> None:
    # Attachment bytes the server has acknowledged in full (desktop/domain/attachment_sync.py): they are
    # not asked about again. Local only; losing a row only costs one status question.
    db["blob_sync"].create({"sha256": str, "uploaded_at": str}, pk="sha256", not_null={"uploaded_at"})
def m015_blob_pending(db: sqlite_utils.Database) -> None:
    # The sha256s of live attachments not yet settled in blob_sync (desktop/domain/attachment_sync.py),
    # kept by triggers: after each sync the PC reads this short list instead of checking every
    # attachment against blob_sync, so 10,000 settled attachments cost nothing (docs/BENCHMARKS.md).
    db.execute("CREATE TABLE IF NOT EXISTS blob_pending (sha256 TEXT PRIMARY KEY)")
    live = "NEW.deleted = 0 AND NEW.sha256 IS NOT NULL AND NEW.size > 0"
    add = ("INSERT OR IGNORE INTO blob_pending(sha256) SELECT NEW.sha256 "
           "WHERE NOT EXISTS (SELECT 1 FROM blob_sync WHERE sha256 = NEW.sha256)")
    db.execute(f"CREATE TRIGGER IF NOT EXISTS attachments_pending_ai AFTER INSERT ON attachments "
               f"WHEN {live} BEGIN {add}; END")
    db.execute(f"CREATE TRIGGER IF NOT EXISTS attachments_pending_au AFTER UPDATE OF sha256, deleted, size "
               f"ON attachments WHEN {live} BEGIN {add}; END")
    db.execute("CREATE TRIGGER IF NOT EXISTS attachments_pending_gone AFTER UPDATE OF sha256, deleted ON attachments "
               "WHEN OLD.sha256 IS NOT NULL BEGIN DELETE FROM blob_pending WHERE sha256 = OLD.sha256 AND NOT EXISTS "
               "(SELECT 1 FROM attachments WHERE sha256 = OLD.sha256 AND deleted = 0 AND size > 0); END")
    db.execute("CREATE TRIGGER IF NOT EXISTS blob_sync_settles AFTER INSERT ON blob_sync "
               "BEGIN DELETE FROM blob_pending WHERE sha256 = NEW.sha256; END")
    db.execute("INSERT OR IGNORE INTO blob_pending(sha256) SELECT DISTINCT sha256 FROM attachments "
               "WHERE deleted = 0 AND sha256 IS NOT NULL AND size > 0 "
               "AND sha256 NOT IN (SELECT sha256 FROM blob_sync)")


def m010_sync_apply_path(db: sqlite_utils.Database) -> None:
    # Applying a received change and saving an edit both ask which outbox entries wait for that record
    # (replica._pending_fields, records._outbox): without this index each asks by scanning the whole
    # outbox, quadratic for a PC that was offline for weeks (docs/BENCHMARKS.md "Sync").
    db.execute("CREATE INDEX IF NOT EXISTS outbox_by_record ON outbox(collection, record_id)")
    # The search index of a table is rewritten on UPDATE of any column; sync stores a row's rev and
    # stamps (thousands per page) without touching its text: only updates of the indexed columns need it.
    rows = db.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_au' "
                      "ESCAPE '\\'").fetchall()
    for name, table, sql in rows:
        head = f'AFTER UPDATE ON "{table}"'
        if head not in sql or not db[f"{table}_fts"].exists():
            continue
        cols = ", ".join(f'"{c.name}"' for c in db[f"{table}_fts"].columns)
        db.execute(f'DROP TRIGGER "{name}"')
        db.execute(sql.replace(head, f'AFTER UPDATE OF {cols} ON "{table}"', 1))


def m016_outbox_count(db: sqlite_utils.Database) -> None:
    # The outbox's length, kept by triggers: a sync asks for it twice a round and the status bar after
    # every save, and count(*) walks the whole outbox each time. A PC offline for weeks holds 100,000
    # entries: pushing them a page of 1,000 at a time made the counting quadratic (docs/BENCHMARKS.md
    # "Sync at scale"). Entries leave only by DELETE (replica.acknowledge), never by INSERT OR REPLACE,
    # whose implicit delete would not fire the trigger.
    db.execute("CREATE TABLE IF NOT EXISTS outbox_count (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)")
    db.execute("INSERT OR REPLACE INTO outbox_count(id, n) SELECT 1, count(*) FROM outbox")
    db.execute("CREATE TRIGGER IF NOT EXISTS outbox_counted_in AFTER INSERT ON outbox "
               "BEGIN UPDATE outbox_count SET n = n + 1 WHERE id = 1; END")
    db.execute("CREATE TRIGGER IF NOT EXISTS outbox_counted_out AFTER DELETE ON outbox "
               "BEGIN UPDATE outbox_count SET n = n - 1 WHERE id = 1; END")


MIGRATION_SET = "layan"


# In order; a migration's name is its identity in _sqlite_migrations: never rename or reorder.
MIGRATIONS = (m001_core, m002_numbering_and_rejections, m003_sync_state, m004_register_indexes,
              m005_patient_lookup_indexes, m006_central_config, m007_refused_changes, m008_people_accounts,
              m009_redact_special_audit, m010_sync_apply_path, m011_search_walk_index, m012_attachments,
              m013_strip_tombstones, m014_blob_sync, m015_blob_pending, m016_outbox_count)


@cache
def migration_set() -> Migrations:
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for fn in MIGRATIONS:
        migrations(name=fn.__name__)(fn)
    return migrations


def pending_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names not yet applied, by plain SQL (cheap: no sqlite_utils import on a normal start)."""
    try:
        rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,))
        done = {r[0] for r in rows}
    except sqlite3.OperationalError:  # a new file: no migrations table yet
        done = set()
    return [fn.__name__ for fn in MIGRATIONS if fn.__name__ not in done]


def create_record_table(db: sqlite_utils.Database, coll: Collection) -> None:
    columns: dict[str, type] = {"id": str, "office_id": str}
    for field in coll.fields:
        columns[field] = coll.column_type(field)
    for name, kind in RECORD_COLUMNS.items():
        columns.setdefault(name, kind)
    table = db[coll.name]
    table.create(columns, pk="id", not_null={"office_id"}, defaults={"rev": 0, "deleted": 0, "readonly": 0})
    if coll.fts_fields:
        table.enable_fts(coll.fts_fields, create_triggers=True, tokenize="unicode61 remove_diacritics 2")
        from .tombstones import secure_search_index

        secure_search_index(db.conn, coll.name)
    for field, spec in coll.properties.items():
        if spec.get("x-ref") or spec.get("format") == "date" or field in ("direction", "status", "year"):
            table.create_index([field], if_not_exists=True)
    table.create_index(["updated_at"], if_not_exists=True)


def add_new_schema_columns(conn: sqlite3.Connection) -> None:
    """Additive schema change: a field a newer schema declares becomes a column (never a rebuild)."""
    for coll in collections().values():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info([{coll.name}])")}
        if not have:
            import sqlite_utils

            create_record_table(sqlite_utils.Database(conn), coll)
            continue
        sql_type = {int: "INTEGER", float: "REAL", str: "TEXT"}
        for field in coll.fields:
            if field not in have:
                conn.execute(f"ALTER TABLE [{coll.name}] ADD COLUMN [{field}] {sql_type[coll.column_type(field)]}")


def open_database(path: Path | str) -> sqlite3.Connection:
    """Opens (creating or migrating) the database at ``path`` and returns the write connection."""
    path = Path(path)
    make_private_folder(path.parent)
    try:
        encrypted_already = path.exists() and path.stat().st_size > 0 and not is_plaintext(path)
        if encrypted_already and keys.load_key(path.parent) is None:
            # Never make a new key for a database that has one: that would only hide the real problem.
            raise WrongKeyError(
                "Kunci basis data tidak ditemukan di PC ini (pengelola kredensial Windows pengguna yang "
                "membuatnya). Minta IT memulihkannya dengan kunci pemulihan.",
                "The database key is not on this PC (it is in the credential store of the Windows user who "
                "created it). Ask IT to recover it with the recovery key.",
            )
        key = keys.load_or_create_key(path.parent)
        if is_plaintext(path):  # a database from before encryption at rest (or a restored old backup)
            plain = sqlite3.connect(str(path))
            try:
                check_is_layan(plain)  # never encrypt (and so hide) some other program's file
            finally:
                plain.close()
            encrypt_in_place(path, key)
        encrypt_old_backups(path.parent / "backups", key)
        conn = connect(path, key=key)
        check_is_layan(conn)
        if pending_migrations(conn):
            import sqlite_utils

            migration_set().apply(sqlite_utils.Database(conn))
        conn.execute("BEGIN IMMEDIATE")
        try:
            add_new_schema_columns(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc) from exc
    for suffix in ("", "-wal", "-shm"):
        if Path(str(path) + suffix).exists():
            os.chmod(str(path) + suffix, 0o600)
    return conn


ANALYSIS_LIMIT = 1000  # rows ANALYZE looks at per index


def optimize(conn: sqlite3.Connection) -> None:
    """``PRAGMA optimize`` as SQLite recommends: at close (every store), and for the app's long session also
    after opening (on the writer in the background, not on the way to the first window) and every few hours.

    Always with 0x10002 (look at every table): the writer, which runs it, inserts and updates while the
    searches run on the read connections, so "the tables this connection queried" would miss the letters.
    It refreshes the planner's statistics where a table grew; the register's search plan does not depend
    on them (desktop/ui/registers/letter_query.py), so this only helps. ``analysis_limit`` keeps any ANALYZE
    it runs to milliseconds, even for a million letters.
    """
    conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    conn.execute("PRAGMA optimize = 0x10002")


def encrypt_old_backups(folder: Path, key: bytes) -> None:
    """Backups made before encryption at rest hold the office's data in clear: encrypt them too."""
    if not folder.is_dir():
        return
    make_private_folder(folder)
    for backup in folder.glob("*.sqlite3"):
        if is_plaintext(backup):
            encrypt_in_place(backup, key)


def make_private_folder(folder: Path) -> None:
    """The data folder, readable by this OS user only (its files are owner-only too)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name != "nt":  # Windows: the user's profile folder already keeps other users out
        os.chmod(folder, 0o700)


def check_can_decrypt(conn: sqlite3.Connection) -> None:
    """A clear message when the database exists but this PC's key does not open it."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if "not a database" not in str(exc).lower():
            raise
        raise WrongKeyError(
            "Basis data terenkripsi ini tidak dapat dibuka dengan kunci di PC ini. Kunci tersimpan di "
            "pengelola kredensial Windows pengguna yang membuatnya; minta IT memulihkannya dengan kunci pemulihan.",
            "This encrypted database cannot be opened with this PC's key. The key is kept in the credential "
            "store of the Windows user who created it; ask IT to recover it with the recovery key.",
        ) from exc


def check_is_layan(conn: sqlite3.Connection) -> None:
    """Refuses a file that is some other SQLite database (an empty new file is fine)."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and tables > 0:
        raise NotALayanDatabase(
            "Berkas ini bukan basis data Layan.", "This file is not a Layan database."
        )
