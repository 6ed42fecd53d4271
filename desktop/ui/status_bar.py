"""The status bar: connection, changes waiting to sync, last sync, and background work in progress.

Refreshed from the app-wide ``changed`` signal (a save adds to the outbox) with a small read on a
worker; background failures appear here for a while instead of as dialogs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, TaskManager

from .i18n import format_datetime, format_number

AUTOMATIC_FAILURE_MS = 15000


def sync_status(store: Store) -> dict:
    return {
        "server": store.meta("server_url"),
        "waiting": store.outbox_size(),
        "last_sync": store.meta("last_sync_at"),
        "last_error": store.meta("last_sync_error"),
    }


class LayanStatusBar(QStatusBar):
    def __init__(self, manager: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.manager = manager
        self.connection = QLabel()
        self.connection.setObjectName("connection")
        self.waiting = QLabel()
        self.last_sync = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress_label = QLabel()
        self.progress_label.hide()
        self._running: dict[int, str] = {}
        self.addPermanentWidget(self.progress_label)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.connection)
        self.addPermanentWidget(self.waiting)
        self.addPermanentWidget(self.last_sync)
        manager.changed.connect(self.on_changed)
        manager.progress_started.connect(self._progress_started)
        manager.progress_updated.connect(self._progress_updated)
        manager.progress_finished.connect(self._progress_finished)
        manager.automatic_failed.connect(lambda text: self.showMessage(text, AUTOMATIC_FAILURE_MS))
        self.refresh()

    def on_changed(self, _changes: ChangeSet) -> None:
        self.refresh()

    def refresh(self) -> None:
        QueryOp(self, sync_status, success=self.show_status).using(self.manager).automatic().run()

    def show_status(self, status: dict) -> None:
        if not status["server"]:
            self.connection.setText(self.tr("Belum terhubung ke server"))
        elif status["last_error"]:
            self.connection.setText(self.tr("Luring — sinkronisasi terakhir gagal"))
        else:
            self.connection.setText(self.tr("Daring — terhubung ke server"))
        self.waiting.setText(self.tr("{count} perubahan menunggu sinkronisasi").format(
            count=format_number(status["waiting"])))
        if status["last_sync"]:
            self.last_sync.setText(self.tr("Sinkronisasi terakhir: {when}").format(
                when=format_datetime(status["last_sync"])))
        else:
            self.last_sync.setText(self.tr("Belum pernah sinkronisasi"))

    def _progress_started(self, token: int, label: str) -> None:
        self._running[token] = label
        self.progress.setRange(0, 0)  # busy until the op reports real progress
        self.progress_label.setText(label)
        self.progress.show()
        self.progress_label.show()

    def _progress_updated(self, token: int, label: str, value: int, maximum: int) -> None:
        if token in self._running:
            self.progress.setRange(0, max(1, maximum))
            self.progress.setValue(value)
            self.progress_label.setText(label)

    def _progress_finished(self, token: int) -> None:
        self._running.pop(token, None)
        if self._running:
            self.progress_label.setText(next(iter(self._running.values())))
        else:
            self.progress.hide()
            self.progress_label.hide()
