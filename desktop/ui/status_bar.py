"""The status bar: connection, changes waiting to sync, last sync, and background work in progress.

A PC clock that is off (domain/wall_clock.py) shows as a permanent item, with a notice once per
session (clock_notice.py); each refresh also makes the process's default dates the corrected ones.

Refreshed from the app-wide ``changed`` signal (a save adds to the outbox) with a small read on a
worker; background failures appear here for a while instead of as dialogs. With a sync scheduler
attached it also shows Daring/Luring (the last attempt's result), a running sync's records and
bytes, and the open conflicts (a click opens them).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from desktop.domain import wall_clock
from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, TaskManager

from . import clock_notice
from .i18n import format_datetime, format_number
from .sync.formatting import format_bytes

AUTOMATIC_FAILURE_MS = 15000


def sync_status(store: Store) -> dict:
    return {
        "server": store.meta("server_url"),
        "waiting": store.outbox_size(),
        "last_sync": store.meta("last_sync_at"),
        "last_error": store.meta("last_sync_error"),
        "conflicts": store.read().execute(
            "SELECT count(*) FROM conflicts WHERE deleted = 0 AND coalesce(resolved, 0) = 0").fetchone()[0],
        "clock": wall_clock.read(store),
    }


class LayanStatusBar(QStatusBar):
    conflicts_requested = Signal()

    def __init__(self, manager: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.manager = manager
        self.scheduler = None
        self._status: dict | None = None
        self.sync_progress = QLabel()
        self.sync_progress.setObjectName("syncProgress")
        self.sync_progress.hide()
        self.conflicts = QPushButton()
        self.conflicts.setObjectName("conflictsButton")
        self.conflicts.setFlat(True)
        self.conflicts.hide()
        self.conflicts.clicked.connect(self.conflicts_requested)
        self.connection = QLabel()
        self.connection.setObjectName("connection")
        self.waiting = QLabel()
        self.last_sync = QLabel()
        self.clock = QLabel()
        self.clock.setObjectName("clockWrong")  # red and bold: resources/qss
        self.clock.hide()
        self.clock_notice = None  # the notice shown this session, if any
        self._clock_reading: wall_clock.Reading | None = None
        self._clock_timer = QTimer(self)  # the times shown move on between refreshes
        self._clock_timer.setInterval(30_000)
        self._clock_timer.timeout.connect(self._tick_clock)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress_label = QLabel()
        self.progress_label.hide()
        self._running: dict[int, str] = {}
        self.addPermanentWidget(self.clock)
        self.addPermanentWidget(self.progress_label)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.sync_progress)
        self.addPermanentWidget(self.conflicts)
        self.addPermanentWidget(self.connection)
        self.addPermanentWidget(self.waiting)
        self.addPermanentWidget(self.last_sync)
        manager.changed.connect(self.on_changed)
        manager.progress_started.connect(self._progress_started)
        manager.progress_updated.connect(self._progress_updated)
        manager.progress_finished.connect(self._progress_finished)
        manager.automatic_failed.connect(self._automatic_failed)  # a bound slot: disconnected with this bar
        # A few meta reads, before any form opens: its default date is then already the corrected one.
        wall_clock.adopt(wall_clock.read(manager.store))
        self.refresh()

    def on_changed(self, _changes: ChangeSet) -> None:
        self.refresh()

    def refresh(self) -> None:
        QueryOp(self, sync_status, success=self.show_status).using(self.manager).automatic().run()

    def attach_scheduler(self, scheduler) -> None:
        """Shows the scheduler's syncs: started, progress (records, bytes), finished."""
        self.scheduler = scheduler
        scheduler.started.connect(self._sync_started)
        scheduler.progress.connect(self._sync_progress)
        scheduler.finished.connect(self._sync_finished)
        scheduler.failed.connect(self._sync_failed)
        scheduler.state_changed.connect(self._show_connection)
        if scheduler.running:
            self._sync_started(scheduler.manual)

    def show_status(self, status: dict) -> None:
        self._status = status
        self._show_connection()
        self._show_clock(status["clock"])
        count = status.get("conflicts", 0)
        self.conflicts.setText(self.tr("{count} konflik data").format(count=format_number(count)))
        self.conflicts.setToolTip(self.tr("Nilai yang tertimpa suntingan dari komputer lain: klik untuk melihat "
                                          "dan memulihkannya."))
        self.conflicts.setVisible(count > 0)
        self.waiting.setText(self.tr("{count} perubahan menunggu sinkronisasi").format(
            count=format_number(status["waiting"])))
        if status["last_sync"]:
            self.last_sync.setText(self.tr("Sinkronisasi terakhir: {when}").format(
                when=format_datetime(status["last_sync"])))
        else:
            self.last_sync.setText(self.tr("Belum pernah sinkronisasi"))
        # The labels' new widths now, not on the layout request Qt posts: the window's next paint (often the first,
        # with the register's rows) may come before that request is handled, with the texts cut to a sliver.
        self.layout().activate()

    def _show_connection(self) -> None:
        status = self._status
        if status is None:
            return
        online = self.scheduler.online if self.scheduler is not None else None
        if not status["server"]:
            self.connection.setText(self.tr("Belum terdaftar"))
            self.connection.setToolTip(self.tr("PC ini belum didaftarkan ke server: buka Sinkronisasi."))
            return
        if online is None:  # not tried in this session yet: the last known result
            online = not status["last_error"]
        if online:
            self.connection.setText(self.tr("Daring"))
            self.connection.setToolTip(self.tr("Server dapat dihubungi pada percobaan terakhir."))
        else:
            self.connection.setText(self.tr("Luring"))
            self.connection.setToolTip(status["last_error"] or self.tr("Server tidak dapat dihubungi."))

    def _show_clock(self, reading: wall_clock.Reading) -> None:
        wall_clock.adopt(reading)
        self._clock_reading = reading
        self.clock.setVisible(reading.is_wrong)
        if not reading.is_wrong:
            self._clock_timer.stop()
            return
        self._clock_timer.start()
        self.clock.setText(clock_notice.status_text(reading))
        self.clock.setToolTip(clock_notice.how_to_fix())
        if clock_notice.should_notice(reading):
            self.clock_notice = clock_notice.show_notice(self.window(), reading)

    def _tick_clock(self) -> None:
        if self._clock_reading is not None:
            self.clock.setText(clock_notice.status_text(self._clock_reading.at(wall_clock.pc_now())))

    def _sync_started(self, _manual: bool) -> None:
        self.sync_progress.setText(self.tr("Menyinkronkan…"))
        self.sync_progress.show()

    def _sync_progress(self, report) -> None:
        records = report.pushed + report.pulled
        size = format_bytes(report.bytes_up + report.bytes_down)
        self.sync_progress.setText(self.tr("Menyinkronkan… {records} data, {size}").format(
            records=format_number(records), size=size))

    def _sync_finished(self, _report, _manual: bool) -> None:
        self.sync_progress.hide()
        self.refresh()

    def _sync_failed(self, _message: str, _manual: bool) -> None:
        self._sync_finished(None, _manual)

    def _automatic_failed(self, text: str) -> None:
        self.showMessage(text, AUTOMATIC_FAILURE_MS)

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
