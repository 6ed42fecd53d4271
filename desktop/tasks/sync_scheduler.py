"""When this PC syncs: at start, every few minutes, soon after a save, and when the clerk asks.

``SyncScheduler`` runs ``desktop.domain.syncing.run_sync`` on a network thread of its own
(``NetworkPool``), apart from the read pool and the one writer, so a sync that crawls over 2G
never holds up a save: the sync commits one page per transaction through the store's write
lock, like any other writer.

* At most one sync runs at a time. A trigger while one runs is remembered and runs after it.
* Automatic syncs (start, timer, after a save, retries) never show a dialog: a failure goes to
  the log and to ``TaskManager.automatic_failed`` (the status bar shows it for a while).
* A sync the clerk asked for (``sync_now(parent)``) that fails says why, in plain Indonesian
  (the error's ``.message``; English when the UI is English).
* After a failure the next automatic try waits 1, 2, 5, then 10 minutes (``BACKOFF_SECONDS``).
* "Online" is the result of the last attempt: the server answered (``True``) or could not be
  reached (``False``); ``None`` until this session has tried.
* When a sync ends, ``TaskManager.changed`` carries a ChangeSet naming the collections the sync
  brought in, so registers reload (each page's ChangeSet was already emitted while it ran).
* ``stop()`` asks a running sync to stop after its current page and waits a little for it; the
  network thread is a daemon thread, so a sync stuck in a 2G read never keeps the app from quitting
  (the server deduplicates a page that was sent twice).
* After a successful sync, ``desktop.updates.background_update`` runs on a second network thread
  (``update_pool``): at most one real check every 6 h; it downloads and stages a new version. A
  thread of its own, because an update check stuck on a dead link (or a download of many MB over
  2G) must never hold up the office's data: a sync that starts pauses the download at its next
  chunk (it resumes at its last byte after the sync), and a sync runs even while a metadata
  request hangs. It never shows a dialog: ``update_finished`` carries the report (the status bar
  shows a staged version, the Sinkronisasi page the rest). ``stop()`` ends a download too.
  ``check_updates()`` is the admin's "Periksa pembaruan" (no 6-hour wait).

Settings in the store's meta: ``sync_interval_min`` (default 5). The last report is kept in
meta ``last_sync_report`` (JSON) so the Sinkronisasi page can show it after a restart.
"""

from __future__ import annotations

import copy
import json
import logging
import queue
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.store.records import Change, ChangeSet, Store, now_iso

from .errors import known_message, show_failure
from .language import pick
from .manager import TaskManager

if TYPE_CHECKING:  # the HTTP stack loads with the first sync, not at start-up
    from desktop.updates import UpdateReport
    from sync.engine import SyncReport

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MIN = 5.0
INTERVAL_META = "sync_interval_min"
REPORT_META = "last_sync_report"
DEBOUNCE_MS = 20_000  # a sync starts this long after the last local save
BACKOFF_SECONDS = (60, 120, 300, 600)  # waits after the 1st, 2nd, 3rd, 4th+ failure in a row
PROGRESS_THROTTLE_SECONDS = 0.1
LOCAL_ACTIONS = frozenset({"create", "update", "delete"})  # a clerk's write (not "sync", not "none")


class NetworkPool:
    """One daemon thread that runs network jobs in order (syncs, enrollment)."""

    def __init__(self, name: str = "layan-net"):
        self.name = name
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, fn: Callable[[], Any]) -> Future:
        future: Future = Future()
        with self._lock:
            if self._closed:
                future.set_exception(RuntimeError("network pool is shut down"))
                return future
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
                self._thread.start()
            self._queue.put((future, fn))
        return future

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            future, fn = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn()
            except BaseException as exc:  # handed to the GUI thread, which decides what to show
                future.set_exception(exc)
            else:
                future.set_result(result)

    def shutdown(self, timeout: float = 10.0) -> bool:
        """Lets the running job finish (up to ``timeout`` seconds); True when the thread has ended."""
        with self._lock:
            self._closed = True
            thread = self._thread
            while True:  # queued jobs never start after shutdown
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item[0].cancel()
            self._queue.put(None)
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()


@dataclass
class SyncOutcome:
    """What one scheduled run found: ``report`` is None when the PC is not enrolled."""

    report: SyncReport | None
    enrolled: bool
    interval_min: float


def interval_minutes(store: Store) -> float:
    try:
        value = float(store.meta(INTERVAL_META) or DEFAULT_INTERVAL_MIN)
    except ValueError:
        return DEFAULT_INTERVAL_MIN
    return value if value > 0 else DEFAULT_INTERVAL_MIN


def report_summary(report: SyncReport) -> dict:
    """The parts of a report worth keeping (meta ``last_sync_report``) and showing."""
    return {
        "ok": report.ok, "pushed": report.pushed, "pulled": report.pulled, "rejected": report.rejected,
        "conflicts": report.conflicts, "bytes_up": report.bytes_up, "bytes_down": report.bytes_down,
        "requests": report.requests, "waiting": report.waiting, "stopped": report.stopped,
        "error": report.error.message if report.error else None,
        "error_en": report.error.message_en if report.error else None,
        "at": now_iso(),
        "seconds": round(max(report.finished_ms - report.started_ms, 0) / 1000, 1),
    }


def last_report(store: Store) -> dict | None:
    raw = store.meta(REPORT_META)
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def is_network_failure(report: SyncReport) -> bool:
    from sync.protocol import NetworkError

    return report.error is not None and isinstance(report.error, NetworkError)


class SyncScheduler(QObject):
    """Create it on the GUI thread, after the TaskManager; ``start()`` turns on automatic syncs."""

    started = Signal(bool)  # manual
    progress = Signal(object)  # a SyncReport snapshot (throttled to ~100 ms)
    finished = Signal(object, bool)  # SyncReport (None: not enrolled), manual
    failed = Signal(str, bool)  # a run that raised (disk full, a bug): message, manual
    state_changed = Signal()  # online / enrolled / running / backoff changed
    update_started = Signal(bool)  # manual ("Periksa pembaruan")
    update_finished = Signal(object, bool)  # UpdateReport (None: checked less than 6 h ago), manual

    def __init__(self, manager: TaskManager, *, debounce_ms: int = DEBOUNCE_MS,
                 backoff_seconds: tuple[float, ...] = BACKOFF_SECONDS, parent: QObject | None = None):
        super().__init__(parent)
        self.manager = manager
        self.store = manager.store
        self.backoff_seconds = tuple(backoff_seconds)
        self.pool = NetworkPool()
        self.update_pool = NetworkPool("layan-update")
        self.running = False
        self.manual = False
        self.online: bool | None = None
        self.enrolled: bool | None = None
        self.active = False  # start() was called: timers run
        self.failures = 0  # failed attempts in a row
        self.retry_at = 0.0  # monotonic time before which automatic syncs wait
        self.last_report: SyncReport | None = None
        self.interval_min = DEFAULT_INTERVAL_MIN
        self._again = False  # a trigger arrived while running
        self._stop = threading.Event()
        self.updating = False  # an update check/download is queued or running on the network thread
        self.last_update: UpdateReport | None = None  # the last real check of this session
        self.staged_version: str | None = None  # a version downloaded and staged in this session
        self._update_pause = threading.Event()  # set when a sync waits behind the download
        self._update_resume_forced = False  # a paused "Periksa pembaruan" continues after the sync
        self._touched: set[str] = set()
        self._parent_widget: QWidget | None = None
        self._last_progress = 0.0

        self._periodic = QTimer(self)
        self._periodic.setSingleShot(True)
        self._periodic.timeout.connect(self._on_timer)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._on_saved)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._retry_now)
        manager.changed.connect(self._on_changed)

    # -- control --------------------------------------------------------------------------------

    def start(self) -> None:
        """Automatic syncs from now on: one at once (if enrolled), then on the timers."""
        if self.active or self._stop.is_set():
            return
        self.active = True
        self.request_sync("start")

    def stop(self, timeout: float = 10.0) -> bool:
        """Stops the timers, asks a running sync to stop after its page and an update download to stop
        after its chunk; waits up to ``timeout`` in all."""
        self.active = False
        self._stop.set()
        for timer in (self._periodic, self._debounce, self._retry):
            timer.stop()
        deadline = time.monotonic() + timeout
        synced = self.pool.shutdown(timeout)
        updated = self.update_pool.shutdown(max(deadline - time.monotonic(), 0.0))
        return synced and updated

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def sync_now(self, parent: QWidget | None = None) -> bool:
        """The clerk asked ("Sinkronkan sekarang"): runs now, even while backing off; a failure is
        shown over ``parent``. False when a sync is already running (it continues)."""
        return self._run(manual=True, parent=parent)

    def request_sync(self, reason: str = "auto") -> bool:
        """An automatic sync; waits while backing off after failures, and never shows a dialog."""
        if not self.active:
            return False
        if self.running:
            self._again = True
            return False
        if time.monotonic() < self.retry_at:
            log.debug("sync (%s) skipped: backing off", reason)
            return False
        return self._run(manual=False)

    def _on_timer(self) -> None:
        self.request_sync("timer")

    def _on_saved(self) -> None:
        self.request_sync("saved")

    def _retry_now(self) -> None:
        """The backoff wait is over (a coarse timer may fire a little early: no second check)."""
        if self.active and not self.running:
            self._run(manual=False)

    def set_interval(self, minutes: float) -> None:
        self.interval_min = minutes if minutes > 0 else DEFAULT_INTERVAL_MIN
        if self.active and not self.running:
            self._periodic.start(int(self.interval_min * 60_000))

    def submit(self, fn: Callable[[Store], Any], on_done: Callable[[Future], None]) -> None:
        """Other network work (enrollment) on the same thread, so it never overlaps a sync;
        ``on_done(future)`` runs on the GUI thread."""
        store = self.store
        future = self.pool.submit(lambda: fn(store))
        future.add_done_callback(lambda f: self.manager.run_on_main(lambda: on_done(f)))

    def seconds_until_retry(self) -> float:
        return max(self.retry_at - time.monotonic(), 0.0)

    # -- running --------------------------------------------------------------------------------

    def _run(self, *, manual: bool, parent: QWidget | None = None) -> bool:
        if self._stop.is_set() or self.manager._closed:
            return False
        if self.running:
            if not manual:
                self._again = True
            return False
        self.running = True
        self.manual = manual
        if self.updating:
            self._update_pause.set()  # the download stops at its next chunk; it resumes after the sync
        self._parent_widget = parent
        self._touched = set()
        self._again = False
        self._debounce.stop()
        self._periodic.stop()
        self._retry.stop()
        self._last_progress = 0.0
        store, stop = self.store, self._stop

        def job() -> SyncOutcome:
            from desktop.domain import syncing  # the sync stack loads with the first sync, not at start-up

            minutes = interval_minutes(store)
            if not manual and not syncing.is_enrolled(store):
                return SyncOutcome(None, False, minutes)
            client = syncing.make_client(store)
            try:
                base = (client.bytes_up, client.bytes_down, client.requests)
                report = syncing.run_sync(store, client=client, should_stop=stop.is_set,
                                          on_progress=lambda r: self._progress_from_worker(r, client, base))
            finally:
                client.close()
            with store.transaction() as tx:
                tx.set_meta(REPORT_META, json.dumps(report_summary(report), ensure_ascii=False))
            return SyncOutcome(report, True, minutes)

        self.started.emit(manual)
        self.state_changed.emit()
        future = self.pool.submit(job)
        future.add_done_callback(lambda f: self.manager.run_on_main(lambda: self._done(f, manual)))
        return True

    def _progress_from_worker(self, report: SyncReport, client, base: tuple[int, int, int]) -> None:
        now = time.monotonic()
        if now - self._last_progress < PROGRESS_THROTTLE_SECONDS:
            return
        self._last_progress = now
        snapshot = copy.copy(report)  # the engine fills in the traffic only at the end: take it from the client
        snapshot.bytes_up = client.bytes_up - base[0]
        snapshot.bytes_down = client.bytes_down - base[1]
        snapshot.requests = client.requests - base[2]
        self.manager.run_on_main(lambda: self.progress.emit(snapshot))

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.running:
            self._touched.update(c.collection for c in changes.changes if c.action == "sync")
        if any(c.action in LOCAL_ACTIONS for c in changes.changes) and self.active and self.enrolled is not False:
            self._debounce.start()  # restarts: the sync follows the LAST save

    def _done(self, future: Future, manual: bool) -> None:
        if not shiboken6.isValid(self):
            return
        self.running = False
        parent, self._parent_widget = self._parent_widget, None
        if future.cancelled():
            self.state_changed.emit()
            return
        exc = future.exception()
        if exc is not None:
            self._failed_with_exception(exc, manual, parent)
            return
        outcome: SyncOutcome = future.result()
        self.interval_min = outcome.interval_min
        self.enrolled = outcome.enrolled
        report = outcome.report
        if report is not None:
            self.last_report = report
            if report.ok:
                self.failures = 0
                self.retry_at = 0.0
                self.online = True
            else:
                self.online = not is_network_failure(report)
                self._back_off()
                message = pick(report.error.message, report.error.message_en) if report.error else ""
                if manual:
                    self._show_failure_message(parent, message)
                else:
                    log.warning("automatic sync failed: %s", report.error)
                    self.manager.automatic_failed.emit(message)
            touched = sorted(self._touched | ({"conflicts"} if report.conflicts else set()))
            if touched:
                self.manager.changed.emit(ChangeSet([Change(name, "", "sync") for name in touched]))
        self.finished.emit(report, manual)
        self.state_changed.emit()
        self._schedule_next()
        if report is not None and report.ok and not report.stopped:
            self._start_update(manual=False, force=self._update_resume_forced)

    def _failed_with_exception(self, exc: BaseException, manual: bool, parent: QWidget | None) -> None:
        message = known_message(exc)
        self._back_off()
        if manual and message is not None:
            self._show_failure_message(parent, message)
        elif manual:
            show_failure(parent if parent is None or shiboken6.isValid(parent) else None, exc)  # a bug
        else:
            if message is None:
                log.error("automatic sync failed", exc_info=exc)
            else:
                log.warning("automatic sync failed: %s", message)
            self.manager.automatic_failed.emit(message or str(exc))
        self.failed.emit(message or str(exc), manual)
        self.state_changed.emit()
        self._schedule_next()

    def _back_off(self) -> None:
        self.failures += 1
        if self.backoff_seconds:
            wait = self.backoff_seconds[min(self.failures, len(self.backoff_seconds)) - 1]
            self.retry_at = time.monotonic() + wait

    def _schedule_next(self) -> None:
        if not self.active or self._stop.is_set():
            return
        if self.enrolled is False:
            return  # nothing to do until someone enrolls this PC (enrollment starts a sync)
        if self.retry_at > time.monotonic():
            self._retry.start(max(int(self.seconds_until_retry() * 1000), 1))
        elif self._again:
            self._again = False
            QTimer.singleShot(0, self, self._on_timer)
        self._periodic.start(int(self.interval_min * 60_000))

    # -- application updates --------------------------------------------------------------------

    def check_updates(self) -> bool:
        """"Periksa pembaruan": a real check now (no 6-hour wait), downloading and staging a new
        version; the result comes with ``update_finished``. False when one is already running."""
        return self._start_update(manual=True, force=True)

    def _start_update(self, *, manual: bool, force: bool) -> bool:
        if self._stop.is_set() or self.manager._closed or self.updating:
            return False
        self.updating = True
        self._update_pause.clear()
        self._update_resume_forced = False
        data_dir, stop, pause = self.store.data_dir, self._stop, self._update_pause

        def job():
            from desktop import updates  # TUF and the HTTP stack load with the first check

            return updates.background_update(data_dir, force=force,
                                             should_stop=lambda: stop.is_set() or pause.is_set())

        self.update_started.emit(manual)
        future = self.update_pool.submit(job)
        future.add_done_callback(lambda f: self.manager.run_on_main(lambda: self._update_done(f, manual, force)))
        return True

    def _update_done(self, future: Future, manual: bool, force: bool) -> None:
        if not shiboken6.isValid(self):
            return
        self.updating = False
        if future.cancelled():  # the app is closing
            return
        exc = future.exception()
        if exc is not None:  # e.g. a full disk while unpacking, or a bug: logged, shown on the page, never a dialog
            message = known_message(exc)
            if message is None:
                log.error("update check failed", exc_info=exc)
            from desktop.updates import UpdateReport

            report = UpdateReport(ok=False, state="error", error="exception", message=message or str(exc),
                                  message_en=message or str(exc))
        else:
            report = future.result()
        if report is not None:
            if report.error == "stopped":  # closing, or a sync goes first: the download resumes after it
                log.info("update download paused (%s)", "closing" if self._stop.is_set() else "a sync waits")
                self._update_resume_forced = force
            else:
                self.last_update = report
                if report.state == "error":
                    log.warning("update check failed: %s (%s)", report.message_en, report.error)
            if report.state == "staged":
                self.staged_version = report.version
        self.update_finished.emit(report, manual)

    def _show_failure_message(self, parent: QWidget | None, message: str) -> None:
        # Here: PySide sets a class up on first use, and the first screen needs no message box.
        from PySide6.QtWidgets import QMessageBox

        if parent is not None and not shiboken6.isValid(parent):
            parent = None
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("SyncScheduler", "Sinkronisasi gagal"),
                          message, QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("syncFailedMessage")
        box.setInformativeText(QCoreApplication.translate(
            "SyncScheduler", "Data tetap aman di komputer ini dan akan dikirim pada sinkronisasi berikutnya."))
        from PySide6.QtCore import (
            Qt,  # not with the module: it loads before the first screen (ui/qt_values.py)
        )

        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): no nested event loop inside a finished-signal handler


# -- one scheduler per TaskManager ----------------------------------------------------------------

_schedulers: weakref.WeakKeyDictionary[TaskManager, SyncScheduler] = weakref.WeakKeyDictionary()


def scheduler_for(manager: TaskManager) -> SyncScheduler:
    """The app's scheduler for this store (made on first use, not started: ``start()`` does that)."""
    scheduler = _schedulers.get(manager)
    if scheduler is None or not shiboken6.isValid(scheduler):
        scheduler = SyncScheduler(manager, parent=manager)
        _schedulers[manager] = scheduler
    return scheduler


def stop_for(manager: TaskManager, timeout: float = 10.0) -> None:
    """Stops the manager's scheduler, if it has one (before the manager and the store shut down)."""
    scheduler = _schedulers.get(manager)
    if scheduler is not None and shiboken6.isValid(scheduler):
        scheduler.stop(timeout)

