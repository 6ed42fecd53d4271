"""Attachment bytes and the server: what this PC must send, what it should fetch, and what to say.

Called by ``syncing.run_sync`` after the records went through (records first: the server accepts a
blob only once an attachment record of the office names it), on the same network thread; and by
the viewer, through a background task, when the clerk opens an attachment whose bytes are not here.
A failure here never fails record sync: it is kept in meta and shown on the Sinkronisasi page.

No Qt.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from desktop.store.attachment_blobs import blob_store
from desktop.store.records import Store, now_iso
from sync.blob_transfer import BlobTransfer, TransferReport
from sync.protocol import SyncError

log = logging.getLogger("layan.attachments.sync")
PREFETCH_DAYS = 30  # other PCs' attachments of the last month come down without being asked
PREFETCH_BUDGET = 50 * 1024 * 1024  # per sync run: a VSAT office should not spend its day on old scans
LIST_STORE_ABOVE = 200  # unsettled blobs; above this, one listing of the store beats a file check each


@dataclass(frozen=True)
class BlobSyncState:
    """For the Sinkronisasi page: what waits to go up, and how the last attempt went."""

    waiting: int
    waiting_bytes: int
    missing_here: int  # attachments whose bytes this PC does not have yet
    last_error: str | None  # Indonesian
    last_error_en: str | None
    refused: tuple[tuple[str, str, str], ...] = ()  # the last run's refused uploads: (file name, Indonesian, English)


# CROSS JOIN keeps SQLite's order: the short pending list first, then the index on attachments(sha256).
UNSETTLED_SQL = ("SELECT p.sha256, MAX(a.size), MAX(COALESCE(a.created_at, '')) FROM blob_pending p "
                 "CROSS JOIN attachments a WHERE a.sha256 = p.sha256 AND a.deleted = 0 AND a.size > 0 "
                 "GROUP BY p.sha256 ORDER BY 3 DESC")


@dataclass(frozen=True)
class Unsettled:
    """Live attachments whose bytes the server is not known to hold, split by where the bytes are."""

    uploads: list[tuple[str, int]]  # here: to send (newest first)
    missing: list[tuple[str, int, str]]  # not here: (sha256, size, created_at), newest first


def unsettled(store: Store) -> Unsettled:
    """One query over ``blob_pending`` (kept by triggers, migration m015): settled attachments, however
    many, are not looked at. Each unsettled blob costs one file check here."""
    rows = store.read().execute(UNSETTLED_SQL).fetchall()
    blobs = blob_store(store.data_dir)
    # A new PC of an office may have thousands of old scans it never fetched: one listing of the
    # store then answers "are the bytes here" for all of them.
    has = blobs.present().__contains__ if len(rows) > LIST_STORE_ABOVE else blobs.has
    uploads, missing = [], []
    for sha, size, created in rows:
        if has(sha):
            uploads.append((sha, int(size)))
        else:
            missing.append((sha, int(size), created))
    return Unsettled(uploads, missing)


def pending_uploads(store: Store) -> list[tuple[str, int]]:
    """Blobs this PC holds that the server has not acknowledged yet (newest first). Read-only records
    count too: a scan whose complaint was forwarded before its bytes went up still goes up."""
    return unsettled(store).uploads


def missing_here(store: Store, since: str | None = None) -> list[tuple[str, int]]:
    """Attachments whose bytes are not on this PC (newest first), optionally created since ``since``."""
    return [(sha, size) for sha, size, created in unsettled(store).missing if not since or created >= since]


def mark_uploaded(store: Store, sha256: str) -> None:
    """The server holds these bytes (they went up from here, or came down from there)."""
    with store.transaction() as tx:
        tx.conn.execute("INSERT OR REPLACE INTO blob_sync(sha256, uploaded_at) VALUES (?, ?)", (sha256, now_iso()))


def after_records(store: Store, client, *, should_stop: Callable[[], bool] | None = None,
                  today: dt.date | None = None) -> TransferReport:
    """Uploads what the server lacks, then prefetches recent attachments within the budget."""
    transfer = BlobTransfer(client, blob_store(store.data_dir), should_stop=should_stop)
    report = transfer.report
    todo = unsettled(store)
    try:
        transfer.upload(todo.uploads, on_uploaded=lambda sha: mark_uploaded(store, sha))
        if report.error is None:
            since = ((today or dt.date.today()) - dt.timedelta(days=PREFETCH_DAYS)).isoformat()
            recent = [(sha, size) for sha, size, created in todo.missing if created >= since]
            transfer.download_many(recent, budget=PREFETCH_BUDGET)
            for sha in report.downloaded:
                mark_uploaded(store, sha)
    except SyncError as exc:  # anything the transfer did not sort out itself
        report.error = exc
    _remember(store, report)
    return report


def fetch(store: Store, sha256: str, client=None) -> bool:
    """The viewer's on-demand download of one attachment's bytes; True when they are here."""
    from desktop.domain import syncing

    row = store.read().execute("SELECT MAX(size) FROM attachments WHERE sha256 = ? AND deleted = 0",
                               (sha256,)).fetchone()
    if not row or not row[0]:
        return False
    own = client or syncing.make_client(store)
    try:
        transfer = BlobTransfer(own, blob_store(store.data_dir))
        done = transfer.download(sha256, int(row[0]))
    finally:
        if client is None:
            own.close()
    if done:
        mark_uploaded(store, sha256)
    return done


MAX_REFUSED_SHOWN = 20


def _remember(store: Store, report: TransferReport) -> None:
    err = report.error
    refused = []
    for sha, (msg, msg_en) in list(report.refused.items())[:MAX_REFUSED_SHOWN]:
        row = store.read().execute("SELECT name FROM attachments WHERE sha256 = ? AND deleted = 0 "
                                   "ORDER BY created_at DESC LIMIT 1", (sha,)).fetchone()
        refused.append([row[0] if row else sha[:12], msg, msg_en])
    with store.transaction() as tx:
        tx.set_meta("blob_sync_error", json.dumps([err.message, err.message_en]) if err else None)
        tx.set_meta("blob_sync_refused", json.dumps(refused) if refused else None)
        tx.set_meta("blob_sync_at", now_iso())
    if err or report.failed:
        log.warning("attachment transfer: %s; failed: %s", err, report.failed)


def state(store: Store) -> BlobSyncState:
    todo = unsettled(store)
    raw = store.meta("blob_sync_error")
    msg = json.loads(raw) if raw else [None, None]
    refused = tuple(tuple(r) for r in json.loads(store.meta("blob_sync_refused") or "[]"))
    return BlobSyncState(len(todo.uploads), sum(size for _, size in todo.uploads), len(todo.missing), msg[0], msg[1],
                         refused)
