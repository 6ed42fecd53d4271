"""Backups with SQLite's online backup API, a checked restore, and daily rotation.

A restore first checks the candidate file in a scratch copy (``integrity_check``, Layan's
application id, the tables we need) and only then swaps it in, keeping the current database as
a safety copy: a bad file never touches the office's data.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from .db import APPLICATION_ID, DB_FILENAME, StoreError, translate_sqlite_error
from .records import Store

BACKUP_DIR = "backups"
KEEP_DAILY = 14
REQUIRED_TABLES = {"meta", "outbox", "audit", "letters"}


def backup_to(store: Store, target: Path | str) -> Path:
    """Writes a consistent copy of the live database to ``target`` (safe while the app is writing)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        src = sqlite3.connect(store.path)
        dst = sqlite3.connect(partial)
        with dst:
            src.backup(dst)
        dst.close()
        src.close()
        os.replace(partial, target)  # a half-written backup never carries the final name
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise translate_sqlite_error(exc) from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"Cadangan gagal ditulis: {exc.strerror}", f"Could not write the backup: {exc.strerror}") from exc
    return target


def default_backup_name(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now()
    return f"layan-{now:%Y%m%d-%H%M%S}.sqlite3"


def check_backup_file(path: Path | str) -> dict:
    """Raises StoreError when ``path`` is not a sound Layan database; returns its office meta."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"Berkas tidak ditemukan: {path}", f"File not found: {path}")
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "check.sqlite3"
        shutil.copyfile(path, copy)
        try:
            conn = sqlite3.connect(f"file:{copy.as_posix()}?mode=ro", uri=True)
            try:
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


def restore_from(data_dir: Path | str, source: Path | str) -> Path:
    """Replaces the data folder's database with ``source`` after checking it.

    The app must not have the database open. Returns the safety copy of the replaced database.
    """
    data_dir = Path(data_dir)
    check_backup_file(source)
    live = data_dir / DB_FILENAME
    safety = data_dir / BACKUP_DIR / f"before-restore-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    if live.exists():
        # Take the safety copy through SQLite so the WAL's committed pages are included.
        safety.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(live)
        dst = sqlite3.connect(safety)
        with dst:
            src.backup(dst)
        src.close()
        dst.close()
    incoming = live.with_name(live.name + ".restoring")
    shutil.copyfile(source, incoming)
    for suffix in ("-wal", "-shm"):
        Path(str(live) + suffix).unlink(missing_ok=True)
    os.replace(incoming, live)
    return safety


def daily_backup(store: Store, keep: int = KEEP_DAILY, today: dt.date | None = None) -> Path | None:
    """Makes today's automatic backup once, and keeps only the newest ``keep`` daily files."""
    today = today or dt.date.today()
    folder = store.data_dir / BACKUP_DIR
    target = folder / f"daily-{today:%Y-%m-%d}.sqlite3"
    made = None
    if not target.exists():
        made = backup_to(store, target)
    dailies = sorted(folder.glob("daily-*.sqlite3"))
    for old in dailies[:-keep] if keep > 0 else dailies:
        old.unlink(missing_ok=True)
    return made
