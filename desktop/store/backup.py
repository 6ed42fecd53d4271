"""Backups with SQLite's online backup API, a checked restore, and daily rotation.

A backup is encrypted with the database's own key (SQLCipher, keys.py) and owner-only; with IT's
recovery key published, the key sealed for IT lies beside it (recovery.py), so it can be restored on
another PC with IT's private key and nowhere else.

A restore first checks the candidate file in a scratch copy (``integrity_check``, Layan's
application id, the tables we need) and only then swaps it in, keeping the current database as
a safety copy: a bad file never touches the office's data.

Attachment bytes (blobs) go to a ``blobs`` folder beside the backup file, still sealed with the
same key: content-addressed, so the daily backups share one copy of each scan and a backup only
copies what is new. A restore brings back the blobs found beside the backup. When a daily backup
rotates out, the bytes no backup left in its folder names go too (``prune_backup_blobs``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import threading
from pathlib import Path

from sync.blobs import BlobError, BlobStore

from . import keys
from .attachment_blobs import BLOBS_DIR, blob_store, forget_blob_stores, sweep_orphans
from .db import APPLICATION_ID, DB_FILENAME, StoreError, connect, make_private_folder, translate_sqlite_error
from .driver import sqlite3
from .encryption import is_plaintext, key_pragma
from .records import Store

BACKUP_DIR = "backups"
SIDE_SUFFIX = ".key.json"  # the database key sealed for IT's recovery key (recovery.py)
KEEP_DAILY = 14
REQUIRED_TABLES = {"meta", "outbox", "audit", "letters"}
# A backup copying its blobs and a pruning of the same folder never interleave (in this process).
_blobs_lock = threading.Lock()


def backup_to(store: Store, target: Path | str) -> Path:
    """Writes a consistent copy of the live database to ``target`` (safe while the app is writing)."""
    target = Path(target)
    if target.parent == store.data_dir / BACKUP_DIR:
        make_private_folder(target.parent)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        _copy_database(store.path, partial, keys.load_key(store.data_dir))
        os.replace(partial, target)  # a half-written backup never carries the final name
        _seal_key_beside(store, target)
        backup_blobs(store, target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise translate_sqlite_error(exc) from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"Cadangan gagal ditulis: {exc.strerror}", f"Could not write the backup: {exc.strerror}") from exc
    return target


def backup_blobs(store: Store, target: Path) -> int:
    """Copies the attachment bytes the backup folder lacks into ``<backup folder>/blobs``."""
    beside = BlobStore(target.parent / BLOBS_DIR, keys.load_key(store.data_dir))
    try:
        with _blobs_lock:
            return blob_store(store.data_dir).copy_into(beside)
    except BlobError as exc:
        raise StoreError(exc.message, exc.message_en) from exc


def prune_backup_blobs(folder: Path, key: bytes | None) -> int:
    """Removes from ``<folder>/blobs`` the bytes that no backup left in ``folder`` names (a live
    attachment record or a kept original: a restore shows a deleted attachment without its bytes). Removes nothing when any backup there cannot be read:
    it might name any of them. Returns how many were removed."""
    beside = folder / BLOBS_DIR
    if not (beside / "objects").is_dir():
        return 0
    with _blobs_lock:
        named: set[str] = set()
        for backup_file in sorted(folder.glob("*.sqlite3")):
            shas = _named_blobs(backup_file, key)
            if shas is None:
                return 0
            named |= shas
        kept = BlobStore(beside, key)
        gone = [sha for sha in kept.shas() if sha not in named]
        for sha in gone:
            kept.remove(sha)
    return len(gone)


def _named_blobs(path: Path, key: bytes | None) -> set[str] | None:
    """The sha256s a backup file's attachments and kept originals name; None when it cannot be read."""
    try:  # immutable: a finished backup is only read, and no -wal or -shm file appears beside it
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return None
    try:
        if key is not None and not is_plaintext(path):
            conn.execute(key_pragma(key))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        queries = (("attachments", "SELECT sha256 FROM attachments WHERE deleted = 0 AND sha256 IS NOT NULL"),
                   ("attachment_originals", "SELECT sha256 FROM attachment_originals"))
        return {r[0] for table, sql in queries if table in tables for r in conn.execute(sql) if r[0]}
    except (sqlite3.Error, OSError):
        return None
    finally:
        conn.close()


def _restore_blobs(data_dir: Path, source: Path, key: bytes | None) -> int:
    """Brings back the attachment bytes kept beside a backup (sealed with ``key``, the backup's key)."""
    folder = source.parent / BLOBS_DIR
    if not (folder / "objects").is_dir():
        return 0
    forget_blob_stores()
    try:
        return BlobStore(folder, key).copy_into(blob_store(data_dir))
    except BlobError as exc:
        raise StoreError(exc.message, exc.message_en) from exc


def _copy_database(source: Path, target: Path, key: bytes | None) -> None:
    """A consistent copy through SQLite's online backup API, encrypted with the same key as the source."""
    src = connect(source, key=key)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # owner-only from its first byte
        os.close(fd)
        dst = sqlite3.connect(str(target))
        try:
            if key is not None:
                dst.execute(key_pragma(key))
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _seal_key_beside(store: Store, target: Path) -> None:
    """Puts the database key, sealed for IT's recovery key, beside the backup (when IT has published one)."""
    public_pem = store.meta("recovery_public_key")
    side = Path(str(target) + SIDE_SUFFIX)
    if not public_pem:
        side.unlink(missing_ok=True)
        return
    from .recovery import write_recovery_file

    sealed = write_recovery_file(store.data_dir, keys.load_key(store.data_dir), public_pem)
    if sealed is not None:
        keys.write_private(side, sealed.read_bytes())


def default_backup_name(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now()
    return f"layan-{now:%Y%m%d-%H%M%S}.sqlite3"


def check_backup_file(path: Path | str, data_dir: Path | str | None = None) -> dict:
    """Raises StoreError when ``path`` is not a sound Layan database; returns its office meta.

    An encrypted backup is read with the key of ``data_dir`` (the data folder it would be restored
    into); a plaintext one (made before encryption at rest) is read as it is and encrypted when restored.
    """
    path = Path(path)
    key = keys.load_key(data_dir) if data_dir is not None else None
    if not path.is_file():
        raise StoreError(f"Berkas tidak ditemukan: {path}", f"File not found: {path}")
    plaintext = is_plaintext(path)
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "check.sqlite3"
        shutil.copyfile(path, copy)
        try:
            conn = sqlite3.connect(f"file:{copy.as_posix()}?mode=ro", uri=True)
            if not plaintext and key is not None:
                conn.execute(key_pragma(key))
            try:
                if not plaintext:
                    _check_key_opens(conn)
                ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                meta = dict(conn.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Berkas bukan basis data yang utuh: {exc}", f"Not a sound database file: {exc}") from exc
    if ok != "ok":
        raise StoreError("Berkas cadangan rusak (pemeriksaan integritas gagal).",
                         "The backup file is damaged (integrity check failed).")
    if app_id != APPLICATION_ID or not REQUIRED_TABLES <= tables:
        raise StoreError("Berkas ini bukan cadangan Layan.", "This file is not a Layan backup.")
    return meta


def _check_key_opens(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            "Cadangan ini terenkripsi dengan kunci lain (dari PC lain, atau berkas rusak): tidak dapat dibuka di "
            "sini tanpa kunci pemulihan IT.",
            "This backup is encrypted with another key (from another PC, or the file is damaged): it cannot be "
            "opened here without IT's recovery key.",
        ) from exc


def restore_from(data_dir: Path | str, source: Path | str, *, recovery_key: bytes | None = None) -> Path:
    """Replaces the data folder's database with ``source`` after checking it.

    A backup made on another PC needs IT's private ``recovery_key`` (PEM): it opens the key sealed
    beside the backup, and the backup is re-keyed to this PC's own key before it is checked.
    The app must not have the database open. Returns the safety copy of the replaced database.
    """
    data_dir = Path(data_dir)
    make_private_folder(data_dir)
    if recovery_key is not None:
        with tempfile.TemporaryDirectory() as scratch:
            rekeyed, backup_key = _rekeyed_copy(Path(source), recovery_key, keys.load_or_create_key(data_dir),
                                                Path(scratch))
            safety = restore_from(data_dir, rekeyed)
        _restore_blobs(data_dir, Path(source), backup_key)
        return safety
    key = keys.load_key(data_dir)
    check_backup_file(source, data_dir)
    live = data_dir / DB_FILENAME
    safety = data_dir / BACKUP_DIR / f"before-restore-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    if live.exists():
        # Take the safety copy through SQLite so the WAL's committed pages are included.
        make_private_folder(safety.parent)
        _copy_database(live, safety, key)
    incoming = live.with_name(live.name + ".restoring")
    shutil.copyfile(source, incoming)
    os.chmod(incoming, 0o600)
    for suffix in ("-wal", "-shm"):
        Path(str(live) + suffix).unlink(missing_ok=True)
    os.replace(incoming, live)
    _restore_blobs(data_dir, Path(source), key)
    return safety


def _rekeyed_copy(source: Path, recovery_key: bytes, local_key: bytes, scratch: Path) -> tuple[Path, bytes]:
    """A copy of another PC's backup, opened with the key sealed beside it and re-keyed to ``local_key``;
    and the backup's own key (its attachment bytes are sealed with it)."""
    from .recovery import open_sealed, read_sealed

    backup_key = open_sealed(read_sealed(Path(str(source) + SIDE_SUFFIX)), recovery_key)
    copy = scratch / "rekeyed.sqlite3"
    shutil.copyfile(source, copy)
    conn = sqlite3.connect(str(copy), isolation_level=None)
    try:
        conn.execute(key_pragma(backup_key))
        _check_key_opens(conn)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA rekey = \"x'{local_key.hex()}'\"")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"Cadangan tidak dapat dibuka dengan kuncinya: {exc}",
                         f"The backup cannot be opened with its key: {exc}") from exc
    finally:
        conn.close()
    return copy, backup_key


def daily_backup(store: Store, keep: int = KEEP_DAILY, today: dt.date | None = None) -> Path | None:
    """Makes today's automatic backup once, and keeps only the newest ``keep`` daily files."""
    today = today or dt.date.today()
    folder = store.data_dir / BACKUP_DIR
    target = folder / f"daily-{today:%Y-%m-%d}.sqlite3"
    made = None
    if not target.exists():
        sweep_orphans(store.data_dir, store.read())  # once a day: bytes whose record was never written
        made = backup_to(store, target)
    dailies = sorted(folder.glob("daily-*.sqlite3"))
    rotated = dailies[:-keep] if keep > 0 else dailies
    for old in rotated:
        old.unlink(missing_ok=True)
        Path(str(old) + SIDE_SUFFIX).unlink(missing_ok=True)
    if rotated:
        prune_backup_blobs(folder, keys.load_key(store.data_dir))
    return made
