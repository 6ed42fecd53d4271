"""Application updates in the GUI: the quiet status-bar notice and the "Pembaruan aplikasi" tab of the
Sinkronisasi page.

The checks themselves run on the sync scheduler's network thread (``SyncScheduler.check_updates``
and after every successful sync); these widgets only show what the scheduler reports and what
the app folder says (installed and pending version, when the last check succeeded), read on a
worker. Nothing here ever opens a dialog: a failed check is a line on the page.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.tasks import QueryOp, TaskManager, pick
from desktop.tasks.sync_scheduler import SyncScheduler

from .i18n import format_datetime


def update_overview(data_dir: Path | str) -> dict:
    """Installed and pending version (the launcher's state.ini) and the last successful check."""
    from desktop import updates

    home = updates.app_home()
    installed = updates.installed_version(home)
    pending = (home.state().get("pending") or None) if home is not None else None
    stamp = updates.updates_dir(data_dir) / updates.LAST_CHECK
    last_check_at, last_check = None, None
    if stamp.is_file():
        last_check_at = dt.datetime.fromtimestamp(stamp.stat().st_mtime, dt.UTC).isoformat().replace("+00:00", "Z")
        try:
            last_check = json.loads(stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            last_check = None
    return {"installed": installed, "pending": pending if pending != installed else None,
            "app_home": str(home.root) if home is not None else None,
            "last_check_at": last_check_at, "last_check": last_check}


STARTUP_DELAY_MS = 3000  # the notice of a version staged in an earlier session waits for the app to start


class UpdateNotice(QLabel):
    """Status bar: "Versi X siap; aktif saat Layan dibuka lagi" once a new version is staged (in this
    session, or earlier and not yet started). Hidden otherwise; never a popup."""

    def __init__(self, manager: TaskManager, scheduler: SyncScheduler, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("updateNotice")
        self.hide()
        self.version: str | None = None
        scheduler.update_finished.connect(self._update_finished)
        if scheduler.staged_version:
            self.show_version(scheduler.staged_version)
        else:
            # After the first screenful: the update code (TUF metadata paths, tar/xz) is not needed to start.
            QTimer.singleShot(STARTUP_DELAY_MS, lambda: QueryOp(
                self, lambda store: update_overview(store.data_dir), success=self._overview)
                .using(manager).automatic().run())

    def _overview(self, overview: dict) -> None:
        if overview["pending"] and self.version is None:
            self.show_version(overview["pending"])

    def _update_finished(self, report, _manual: bool) -> None:
        if report is not None and report.state == "staged" and report.version:
            self.show_version(report.version)

    def show_version(self, version: str) -> None:
        self.version = version
        self.setText(self.tr("Versi {version} siap; aktif saat Layan dibuka lagi").format(version=version))
        self.setToolTip(self.tr("Layan {version} sudah diunduh dan diperiksa. Pekerjaan tidak terganggu; versi baru "
                                "dipakai saat Layan ditutup lalu dibuka lagi.").format(version=version))
        self.show()


class UpdatesPanel(QWidget):
    """Sinkronisasi page, tab "Pembaruan aplikasi": versions, the last check, "Periksa pembaruan"
    (office admins only)."""

    def __init__(self, manager: TaskManager, user: dict, scheduler: SyncScheduler, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("updatesPanel")
        self.manager = manager
        self.scheduler = scheduler
        self.is_admin = user.get("role") == "admin"
        self.overview: dict | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.installed = QLabel("—")
        self.installed.setObjectName("installedVersion")
        self.pending = QLabel("—")
        self.pending.setObjectName("pendingVersion")
        self.last_check = QLabel("—")
        self.result = QLabel("—")
        self.result.setObjectName("updateResult")
        self.result.setWordWrap(True)
        form.addRow(self.tr("Versi terpasang"), self.installed)
        form.addRow(self.tr("Versi baru"), self.pending)
        form.addRow(self.tr("Pemeriksaan terakhir"), self.last_check)
        form.addRow(self.tr("Hasil"), self.result)
        row = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Peri&ksa pembaruan"))
        self.check_button.setObjectName("checkUpdatesButton")
        self.check_button.clicked.connect(self.check_now)
        row.addWidget(self.check_button)
        self.busy = QLabel()
        self.busy.setObjectName("hint")
        row.addWidget(self.busy, 1)
        layout.addLayout(row)
        hint = QLabel(self.tr("Layan memeriksa pembaruan sendiri sesudah sinkronisasi berhasil (paling sering 6 jam "
                              "sekali), mengunduhnya di latar belakang, dan memakainya saat Layan dibuka lagi."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        if not self.is_admin:
            note = QLabel(self.tr("Hanya Admin Kantor yang dapat memeriksa pembaruan dari sini."))
            note.setObjectName("hint")
            layout.addWidget(note)
        layout.addStretch(1)

        scheduler.update_started.connect(self._update_started)
        scheduler.update_finished.connect(self._update_finished)
        if scheduler.last_update is not None:
            self.result.setText(self.describe(scheduler.last_update))
        self._set_busy(scheduler.updating)
        self.reload()

    # -- showing --------------------------------------------------------------------------------

    def reload(self) -> None:
        QueryOp(self, lambda store: update_overview(store.data_dir), success=self.show_overview) \
            .using(self.manager).automatic().run()

    def show_overview(self, overview: dict) -> None:
        self.overview = overview
        self.installed.setText(overview["installed"])
        staged = overview["pending"] or self.scheduler.staged_version
        self.pending.setText(self.tr("{version} — aktif saat Layan dibuka lagi").format(version=staged)
                             if staged else self.tr("Tidak ada"))
        self.last_check.setText(format_datetime(overview["last_check_at"]) or self.tr("Belum pernah"))
        if self.scheduler.last_update is None and overview["last_check"]:
            last = overview["last_check"]
            self.result.setText(pick(last.get("message") or "", last.get("message_en")) or "—")

    def describe(self, report) -> str:
        if report.state == "staged":
            return self.tr("Versi {version} sudah diunduh dan diperiksa; aktif saat Layan dibuka lagi.").format(
                version=report.version)
        if report.state == "up_to_date":
            return self.tr("Layan {version} sudah versi terbaru.").format(version=report.current)
        if report.state == "available":
            return self.tr("Versi {version} tersedia, tetapi hanya dipasang bila Layan dibuka lewat "
                           "peluncurnya.").format(version=report.version)
        if report.error == "stopped":
            return self.tr("Unduhan dijeda selama sinkronisasi; dilanjutkan sesudahnya.")
        return self.tr("Gagal: {reason}").format(reason=pick(report.message, report.message_en))

    def _set_busy(self, busy: bool) -> None:
        self.check_button.setEnabled(self.is_admin and not busy)
        self.busy.setText(self.tr("Memeriksa pembaruan…") if busy else "")

    # -- the scheduler --------------------------------------------------------------------------

    def check_now(self) -> None:
        if self.is_admin:
            self.scheduler.check_updates()

    def _update_started(self, _manual: bool) -> None:
        self._set_busy(True)

    def _update_finished(self, report, _manual: bool) -> None:
        self._set_busy(False)
        if report is not None:
            self.result.setText(self.describe(report))
        self.reload()
