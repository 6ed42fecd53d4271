"""The threads behind every GUI action: reads on a small pool, writes on ONE writer thread.

Modelled on Anki's ``qt/aqt/taskman.py``: work runs on plain Python threads and its result is
handed back to the GUI thread through a queued Qt signal, so no widget is ever touched from a
worker. The store's write connection is used only from the writer thread, which makes
"one writer at a time" a property of the design rather than of a lock (DESIGN.md, How the GUI
does work).

Every committed write the store reports (``Store.subscribe``) is re-emitted as the one app-wide
signal ``changed(ChangeSet)``, delivered on the GUI thread; views refresh from it.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.store.records import ChangeSet, Store

log = logging.getLogger(__name__)

READ_WORKERS = 4


class TaskManager(QObject):
    """Owns the worker threads of one open store. Create it on the GUI thread."""

    changed = Signal(object)  # ChangeSet: something was committed (by us, sync, or an import)
    progress_started = Signal(int, str)  # token, label
    progress_updated = Signal(int, str, int, int)  # token, label, value, maximum
    progress_finished = Signal(int)  # token
    automatic_failed = Signal(str)  # a background job failed: shown quietly, never as a dialog
    # One emission per closure queued by a worker. Emitted on a worker thread, it reaches the GUI thread queued
    # (the receiver lives there), behind whatever was queued before it. Not a posted QEvent subclass: any Python
    # event class sets up QEvent's 179 enum members (~12M instructions of a cold start, docs/BENCHMARKS.md
    # "The cold main window, a sixth pass"); nor a queued connection named as such: Qt.ConnectionType builds
    # PySide's whole Qt namespace.
    _closure_queued = Signal()

    _instance: TaskManager | None = None

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._reads = ThreadPoolExecutor(max_workers=READ_WORKERS, thread_name_prefix="layan-read")
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="layan-writer")
        self._writer_thread: threading.Thread | None = None
        self._collecting: list[ChangeSet] | None = None  # the running write op's ChangeSets
        self._closed = False
        self._next_token = 0
        self._closures: deque[Callable[[], None]] = deque()  # run on the GUI thread, in the order queued
        self._gui_thread = threading.get_ident()
        self._closure_queued.connect(self._run_next_closure)
        store.subscribe(self._on_store_changed)
        TaskManager._instance = self

    @classmethod
    def instance(cls) -> TaskManager:
        if cls._instance is None:
            raise RuntimeError("no TaskManager: the app creates one after opening the store")
        return cls._instance

    # -- running work ---------------------------------------------------------------------------

    def run_read(self, fn: Callable[[], Any], on_done: Callable[[Future], None]) -> None:
        """Runs ``fn`` on a read thread; ``on_done(future)`` runs on the GUI thread."""
        self._submit(self._reads, fn, on_done)

    def run_write(self, fn: Callable[[], Any], on_done: Callable[[Future], None]) -> None:
        """Runs ``fn`` on the writer thread; the future's result is ``(value, ChangeSet)``."""

        def write():
            self._writer_thread = threading.current_thread()
            self._collecting = []
            try:
                value = fn()
                merged = ChangeSet([c for cs in self._collecting for c in cs.changes])
                return value, merged
            finally:
                self._collecting = None

        self._submit(self._writer, write, on_done)

    def run_on_main(self, closure: Callable[[], None]) -> None:
        """Queues ``closure`` to run on the GUI thread (safe to call from any thread)."""
        # Always queued, even from the GUI thread: a future that finished before its done-callback
        # was attached calls back on the GUI thread, and must still wait behind what the worker posted.
        if self._closed:
            return
        self._closures.append(closure)
        if threading.get_ident() == self._gui_thread:
            QTimer.singleShot(0, self, self._run_next_closure)  # (a signal emitted here would run it at once)
        else:
            self._closure_queued.emit()

    def new_token(self) -> int:
        self._next_token += 1
        return self._next_token

    def is_writer_thread(self) -> bool:
        return threading.current_thread() is self._writer_thread

    def shutdown(self) -> None:
        """Lets running work finish, then stops the threads (their read connections go with them)."""
        self._closed = True
        self._reads.shutdown(wait=True, cancel_futures=True)
        self._writer.shutdown(wait=True)
        if TaskManager._instance is self:
            TaskManager._instance = None

    # -- internals ------------------------------------------------------------------------------

    def _submit(self, pool: ThreadPoolExecutor, fn: Callable[[], Any], on_done: Callable[[Future], None]) -> None:
        if self._closed:
            log.warning("task submitted after shutdown; ignored")
            return
        future = pool.submit(fn)
        future.add_done_callback(lambda f: self.run_on_main(lambda: on_done(f)))

    def _run_next_closure(self) -> None:
        # One closure per call, the oldest: each queued closure has its own call (a signal or a zero timer), and
        # whichever call comes first runs the closure queued first.
        closure = self._closures.popleft()
        if not self._closed:
            closure()

    def _on_store_changed(self, changes: ChangeSet) -> None:
        # Called on whichever thread committed. Emitted on the GUI thread through the same queue
        # as op results, so views have refreshed before a write op's success callback runs.
        if self._collecting is not None and self.is_writer_thread():
            self._collecting.append(changes)
        self.run_on_main(lambda: self.changed.emit(changes))
