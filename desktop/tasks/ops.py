"""The two helpers every database or network action from the GUI goes through.

Modelled on Anki's ``qt/aqt/operations/__init__.py``::

    QueryOp(parent, lambda store: find_ids(store, query), success=model.set_ids).run()
    WriteOp(parent, lambda store: letters.register_incoming(store, fields, actor=user)) \
        .success(on_saved).failure(show_at_fields).with_progress(tr("Menyimpan…")).run()

* ``QueryOp`` runs a read on a worker thread (the store gives each thread its own connection).
* ``WriteOp`` runs on the single writer thread; its success callback receives the op's return
  value, and ``.changes`` holds the ChangeSet the write committed (the app-wide
  ``TaskManager.changed`` signal has already been emitted by then).
* Callbacks always run on the GUI thread, and are skipped when ``parent`` has been deleted.
* Without ``.failure(cb)``, a known error (StoreError, disk full, read-only, validation,
  network) is shown as a short message in the user's language, and a bug as a crash dialog.
  An op marked ``.automatic()`` never shows a dialog: its failure goes to the log and to
  ``TaskManager.automatic_failed``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtWidgets import QWidget

from desktop.store.records import ChangeSet, Store

from .errors import known_message, show_failure
from .manager import TaskManager
from .progress import ProgressReporter, run_with_reporter

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Op(Generic[T]):
    def __init__(self, parent: QWidget | None, op: Callable[[Store], T],
                 success: Callable[[T], Any] | None = None):
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[Exception], Any] | None = None
        self._progress_label: str | None = None
        self._automatic = False
        self._manager: TaskManager | None = None

    def success(self, callback: Callable[[T], Any]) -> _Op[T]:
        self._success = callback
        return self

    def failure(self, callback: Callable[[Exception], Any]) -> _Op[T]:
        self._failure = callback
        return self

    def with_progress(self, label: str) -> _Op[T]:
        self._progress_label = label
        return self

    def automatic(self) -> _Op[T]:
        """Background work the user did not ask for: failures never pop up a dialog."""
        self._automatic = True
        return self

    def using(self, manager: TaskManager) -> _Op[T]:
        """Runs on ``manager`` instead of the app's (tests with two stores, mostly)."""
        self._manager = manager
        return self

    def run(self) -> None:
        manager = self._manager or TaskManager.instance()
        store = manager.store
        reporter = None
        if self._progress_label is not None:
            token = manager.new_token()
            reporter = ProgressReporter(manager, token, self._progress_label)
            manager.progress_started.emit(token, self._progress_label)

        def work():
            return run_with_reporter(reporter, lambda: self._op(store))

        def done(future: Future):
            if reporter is not None:
                manager.progress_finished.emit(reporter.token)
            self._finish(future)

        self._submit(manager, work, done)

    def _submit(self, manager: TaskManager, work, done) -> None:
        raise NotImplementedError

    def _finish(self, future: Future) -> None:
        raise NotImplementedError

    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _deliver_failure(self, exc: BaseException) -> None:
        if not isinstance(exc, Exception):
            raise exc
        if self._automatic:
            message = known_message(exc)
            if message is None:
                log.error("automatic task failed", exc_info=exc)
            else:
                log.warning("automatic task failed: %s", message)
            manager = self._manager or TaskManager._instance
            if manager is not None:
                manager.automatic_failed.emit(message or str(exc))
            return
        if not self._parent_alive():
            log.error("task failed after its window closed", exc_info=exc)
            return
        if self._failure is not None:
            self._failure(exc)
        else:
            show_failure(self._parent, exc)

    def _deliver_success(self, value) -> None:
        if self._success is not None and self._parent_alive():
            self._success(value)


class QueryOp(_Op[T]):
    """A read on a worker thread: ``QueryOp(parent, op, success).run()``."""

    def _submit(self, manager, work, done):
        manager.run_read(work, done)

    def _finish(self, future: Future) -> None:
        exc = future.exception()
        if exc is not None:
            self._deliver_failure(exc)
        else:
            self._deliver_success(future.result())


class WriteOp(_Op[T]):
    """A write on the one writer thread; ``.changes`` is the ChangeSet it committed."""

    changes: ChangeSet | None = None

    def _submit(self, manager, work, done):
        manager.run_write(work, done)

    def _finish(self, future: Future) -> None:
        exc = future.exception()
        if exc is not None:
            self._deliver_failure(exc)
            return
        value, self.changes = future.result()
        self._deliver_success(value)
