"""Clearing attachment bytes nothing names any more, on the server's own schedule (and by hand with
``layan-server blobs gc``).

A blob is removed only after it has been seen unreferenced (no live attachment record names it)
for a grace period: the first run that finds it notes when (``blob_unreferenced``), a run after the
grace removes it if it is still unreferenced at that moment, and a record naming it again in
between clears the note. An upload under way is never a stored blob (its bytes are in staging), so
it is never collected here; one abandoned for 30 days gives its staged bytes and its quota back.

The server runs ``collect`` about once a day (``serve --blob-gc-every``, hours; 0 turns it off). With
several worker processes each has the timer, and one claim per period in the database lets only one
of them run it.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field

from sqlalchemy import delete, exists, insert, select, update
from sqlalchemy.exc import IntegrityError

from sync.protocol import now_ms
from sync.server import blob_locks
from sync.server.blob_meta import (
    ATTACHMENTS,
    BlobMeta,
    blob_gc_runs,
    blob_offices,
    blob_unreferenced,
    blobs,
)
from sync.server.blobs import BlobBackend, Staging
from sync.server.storage import Storage, records

log = logging.getLogger("layan.server.blobs.gc")

HOUR_MS = 3_600_000
DEFAULT_EVERY_HOURS = 24.0
DEFAULT_GRACE_HOURS = 7 * 24.0  # a clerk who deleted a scan by mistake and attaches it again within a week
STALE_UPLOAD_DAYS = 30
EVERY_ENV, GRACE_ENV = "LAYAN_BLOB_GC_EVERY_HOURS", "LAYAN_BLOB_GC_GRACE_HOURS"

@dataclass
class GcResult:
    noted: list[str] = field(default_factory=list)  # newly unreferenced: removed after the grace
    removed: list[str] = field(default_factory=list)
    dropped_uploads: list[tuple[str, str]] = field(default_factory=list)  # (office, sha256)

    def line(self) -> str:
        return (f"blob gc: {len(self.removed)} removed, {len(self.noted)} newly unreferenced (kept for the grace), "
                f"{len(self.dropped_uploads)} abandoned upload(s) dropped")


def collect(storage: Storage, backend: BlobBackend, staging: Staging, *, grace_ms: int,
            now: int | None = None) -> GcResult:
    """One collection: notes blobs newly unreferenced, removes those unreferenced for ``grace_ms``,
    and drops uploads abandoned for 30 days."""
    meta = BlobMeta(storage)
    now = now_ms() if now is None else now
    result = GcResult()
    current = set(meta.unreferenced())
    with storage.write() as conn:
        noted = dict(conn.execute(select(blob_unreferenced.c.sha256, blob_unreferenced.c.since_ms)).all())
        named_again = [sha for sha in noted if sha not in current]
        if named_again:
            conn.execute(delete(blob_unreferenced).where(blob_unreferenced.c.sha256.in_(named_again)))
        for sha in sorted(current - noted.keys()):
            conn.execute(insert(blob_unreferenced).values(sha256=sha, since_ms=now))
            noted[sha] = now
            result.noted.append(sha)
    for sha in sorted(sha for sha in current if noted[sha] <= now - grace_ms):
        if _forget_if_unreferenced(storage, meta, sha):
            backend.remove(sha)  # invisible first (rows gone), then the bytes
            result.removed.append(sha)
    for office, sha in meta.stale_uploads(now - STALE_UPLOAD_DAYS * 86_400_000):
        staging.discard(office, sha)
        meta.drop_upload(office, sha)
        result.dropped_uploads.append((office, sha))
    return result


def _forget_if_unreferenced(storage: Storage, meta: BlobMeta, sha256: str) -> bool:
    """In one write transaction: still named by no live record? then the blob stops existing. The blob's lock
    (blob_locks.py) first: a page naming it that is applied but not committed yet is waited for and seen."""
    with storage.write() as conn:
        blob_locks.hold(conn, [sha256])
        live = conn.execute(select(exists().where(records.c.collection == ATTACHMENTS, meta.sha == sha256,
                                                  records.c.deleted.is_(False)))).scalar()
        if live:
            conn.execute(delete(blob_unreferenced).where(blob_unreferenced.c.sha256 == sha256))
            return False
        conn.execute(delete(blob_offices).where(blob_offices.c.sha256 == sha256))
        conn.execute(delete(blobs).where(blobs.c.sha256 == sha256))
        conn.execute(delete(blob_unreferenced).where(blob_unreferenced.c.sha256 == sha256))
        return True


def claim_run(storage: Storage, every_ms: int, now: int | None = None) -> bool:
    """True for the one caller that may run the automatic collection now (none ran within ``every_ms``)."""
    now = now_ms() if now is None else now
    try:
        with storage.write() as conn:
            last = conn.execute(select(blob_gc_runs.c.at_ms).where(blob_gc_runs.c.name == "auto")
                                .with_for_update()).scalar()
            if last is None:
                conn.execute(insert(blob_gc_runs).values(name="auto", at_ms=now))
                return True
            if last > now - every_ms:
                return False
            conn.execute(update(blob_gc_runs).where(blob_gc_runs.c.name == "auto").values(at_ms=now))
            return True
    except IntegrityError:  # another worker inserted the first claim at the same moment
        return False


def _hours(env: str, default: float) -> float:
    try:
        return max(0.0, float(os.environ.get(env, default)))
    except ValueError:
        return default


class Scheduler:
    """The server's own collection: a daemon thread, started and stopped with the app."""

    def __init__(self, storage: Storage, backend_of, staging: Staging):
        self.storage, self.backend_of, self.staging = storage, backend_of, staging
        self.every_ms = int(_hours(EVERY_ENV, DEFAULT_EVERY_HOURS) * HOUR_MS)
        self.grace_ms = int(_hours(GRACE_ENV, DEFAULT_GRACE_HOURS) * HOUR_MS)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.every_ms <= 0:
            log.info("blob gc: automatic collection is off")
            return
        self._thread = threading.Thread(target=self._loop, name="layan-blob-gc", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _loop(self) -> None:
        tick = min(self.every_ms, HOUR_MS) / 1000  # a restarted server catches up within the hour
        while True:
            try:
                if claim_run(self.storage, self.every_ms):
                    result = collect(self.storage, self.backend_of(), self.staging, grace_ms=self.grace_ms)
                    log.info(result.line())
            except Exception:  # noqa: BLE001 - a failed run is logged and tried again next period
                log.exception("blob gc failed")
            if self._stop.wait(tick):
                return
