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


@dataclass(frozen=True)
class BlobSyncState:
    """For the Sinkronisasi page: what waits to go up, and how the last attempt went."""

    waiting: int
    waiting_bytes: int
    missing_here: int  # attachments whose bytes this PC does not have yet
    last_error: str | None  # Indonesian
    last_error_en: str | None


def _live_attachments(store: Store, where: str = "", params: tuple = ()) -> list[tuple[str, int]]:
    rows = store.read().execute(
        "SELECT sha256, MAX(size) FROM attachments WHERE deleted = 0 AND sha256 IS NOT NULL "
        f"AND size > 0 {where} GROUP BY sha256 ORDER BY MAX(COALESCE(created_at, '')) DESC", params).fetchall()
    return [(r[0], int(r[1])) for r in rows]


def _unsettled(store: Store, where: str = "", params: tuple = ()) -> list[tuple[str, int]]:
    # blob_sync lists the bytes the server is known to hold (uploaded from here, or downloaded from
    # there): only the rest is looked at, so 10,000 settled attachments cost nothing per sync.
    return _live_attachments(store, "AND sha256 NOT IN (SELECT sha256 FROM blob_sync) " + where, params)


def pending_uploads(store: Store) -> list[tuple[str, int]]:
    """Blobs this PC holds that the server has not acknowledged yet (newest first)."""
    blobs = blob_store(store.data_dir)
    return [(sha, size) for sha, size in _unsettled(store, "AND readonly = 0") if blobs.has(sha)]


def missing_here(store: Store, since: str | None = None) -> list[tuple[str, int]]:
    """Attachments whose bytes are not on this PC (newest first), optionally created since ``since``."""
    blobs = blob_store(store.data_dir)
    where, params = ("AND created_at >= ?", (since,)) if since else ("", ())
    return [(sha, size) for sha, size in _unsettled(store, where, params) if not blobs.has(sha)]


def mark_uploaded(store: Store, sha256: str) -> None:
    """The server holds these bytes (they went up from here, or came down from there)."""
    with store.transaction() as tx:
        tx.conn.execute("INSERT OR REPLACE INTO blob_sync(sha256, uploaded_at) VALUES (?, ?)", (sha256, now_iso()))


def after_records(store: Store, client, *, should_stop: Callable[[], bool] | None = None,
                  today: dt.date | None = None) -> TransferReport:
    """Uploads what the server lacks, then prefetches recent attachments within the budget."""
    transfer = BlobTransfer(client, blob_store(store.data_dir), should_stop=should_stop)
    report = transfer.report
    try:
        transfer.upload(pending_uploads(store), on_uploaded=lambda sha: mark_uploaded(store, sha))
        if report.error is None:
            since = ((today or dt.date.today()) - dt.timedelta(days=PREFETCH_DAYS)).isoformat()
            transfer.download_many(missing_here(store, since), budget=PREFETCH_BUDGET)
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


def _remember(store: Store, report: TransferReport) -> None:
    err = report.error
    with store.transaction() as tx:
        tx.set_meta("blob_sync_error", json.dumps([err.message, err.message_en]) if err else None)
        tx.set_meta("blob_sync_at", now_iso())
    if err or report.failed:
        log.warning("attachment transfer: %s; failed: %s", err, report.failed)


def state(store: Store) -> BlobSyncState:
    waiting = pending_uploads(store)
    raw = store.meta("blob_sync_error")
    msg = json.loads(raw) if raw else [None, None]
    return BlobSyncState(len(waiting), sum(size for _, size in waiting), len(missing_here(store)), msg[0], msg[1])
