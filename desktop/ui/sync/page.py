"""Sinkronisasi: is this PC enrolled, when did it last sync and what happened, "Sinkronkan
sekarang" (F5), sync by USB stick, and the lists a clerk must not miss — values overwritten by
another PC (conflicts, restorable), changes the server refused (with the reasons), changes a server
sent that this PC refused, app updates and the configuration published centrally.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, TaskManager, WriteOp, pick
from desktop.tasks.sync_scheduler import INTERVAL_META, SyncScheduler, report_summary, scheduler_for

from ..i18n import format_datetime, format_number
from ..updates_panel import UpdatesPanel
from . import queries
from .central_config_view import CentralConfigView
from .conflicts_view import ConflictsView, RejectedView
from .enroll_dialog import EnrollDialog
from .formatting import format_bytes
from .number_clash_view import NumberClashView
from .refused_view import RefusedByPcView
from .usb_box import UsbSyncBox


def selectable(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class SyncPage(QWidget):
    def __init__(self, store: Store, manager: TaskManager, user: dict, scheduler: SyncScheduler | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncPage")
        self.store = store
        self.manager = manager
        self.user = user
        self.scheduler = scheduler or scheduler_for(manager)
        self.info: dict | None = None
        self.enroll_dialog: EnrollDialog | None = None

        outer = QVBoxLayout(self)
        title = QLabel(self.tr("Sinkronisasi"))
        title.setObjectName("pageTitle")
        outer.addWidget(title)
        top = QHBoxLayout()
        outer.addLayout(top)

        # Enrollment
        box = QGroupBox(self.tr("Pendaftaran PC ini"))
        form = QFormLayout(box)
        self.enrollment_state = selectable()
        self.enrollment_state.setObjectName("enrollmentState")
        self.server_label = selectable()
        self.office_label = selectable()
        self.device_label = selectable()
        self.device_label.setObjectName("hint")
        self.enrolled_at = selectable()
        form.addRow(self.tr("Status"), self.enrollment_state)
        form.addRow(self.tr("Server"), self.server_label)
        form.addRow(self.tr("Kantor"), self.office_label)
        form.addRow(self.tr("ID perangkat"), self.device_label)
        form.addRow(self.tr("Terdaftar sejak"), self.enrolled_at)
        self.token_warning = selectable()
        self.token_warning.setObjectName("tokenWarning")
        self.token_warning.hide()
        form.addRow(self.token_warning)
        self.enroll_button = QPushButton(self.tr("&Daftarkan PC ini…"))
        self.enroll_button.setObjectName("enrollButton")
        self.enroll_button.clicked.connect(self.open_enroll_dialog)
        form.addRow(self.enroll_button)
        top.addWidget(box, 1)

        # The last sync
        box = QGroupBox(self.tr("Sinkronisasi"))
        form = QFormLayout(box)
        buttons = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("&Sinkronkan sekarang (F5)"))
        self.sync_button.setObjectName("syncNowButton")
        self.sync_button.clicked.connect(self.sync_now)
        buttons.addWidget(self.sync_button)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setMaximumWidth(120)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        buttons.addWidget(self.progress_bar)
        self.running_label = QLabel()
        self.running_label.setObjectName("syncRunning")
        buttons.addWidget(self.running_label, 1)
        form.addRow(buttons)
        self.last_success = selectable()
        self.last_attempt = selectable()
        self.last_error = selectable()
        self.last_error.setObjectName("syncError")
        self.report_label = selectable()
        self.report_label.setObjectName("syncReport")
        self.traffic_label = selectable()
        self.waiting_label = selectable()
        self.schedule_label = selectable()
        self.schedule_label.setObjectName("hint")
        form.addRow(self.tr("Terakhir berhasil"), self.last_success)
        form.addRow(self.tr("Percobaan terakhir"), self.last_attempt)
        form.addRow(self.tr("Kesalahan terakhir"), self.last_error)
        form.addRow(self.tr("Hasil terakhir"), self.report_label)
        form.addRow(self.tr("Lalu lintas data"), self.traffic_label)
        form.addRow(self.tr("Menunggu dikirim"), self.waiting_label)
        self.attachments_label = selectable()  # attachment bytes (desktop/domain/attachment_sync.py)
        self.attachments_label.setObjectName("syncAttachments")
        form.addRow(self.tr("Lampiran"), self.attachments_label)
        form.addRow(self.schedule_label)
        top.addWidget(box, 1)

        self.usb = UsbSyncBox(manager)  # desktop/ui/sync/usb_box.py: sync by stick
        outer.addWidget(self.usb)

        # Conflicts and refusals
        self.tabs = QTabWidget()
        self.conflicts = ConflictsView(manager, user)
        self.rejected = RejectedView(manager, user)
        self.tabs.addTab(self.conflicts, self.tr("Konflik data"))
        self.tabs.addTab(self.rejected, self.tr("Ditolak server"))
        self.clashes = NumberClashView(manager, user)  # desktop/ui/sync/number_clash_view.py
        self.tabs.addTab(self.clashes, self.tr("Nomor ganda"))
        self.clashes.count_changed.connect(lambda n: self._set_tab_count(self.clashes, self.tr("Nomor ganda"), n))
        self.refused = RefusedByPcView(manager, user)  # desktop/ui/sync/refused_view.py
        self.tabs.addTab(self.refused, self.tr("Ditolak PC ini"))
        self.updates = UpdatesPanel(manager, user, self.scheduler)  # desktop/ui/updates_panel.py
        self.tabs.addTab(self.updates, self.tr("Pembaruan aplikasi"))
        self.central_config = CentralConfigView(manager)  # desktop/ui/sync/central_config_view.py
        self.tabs.addTab(self.central_config, self.tr("Konfigurasi pusat"))
        self.central_config.refused_changed.connect(
            lambda n: self._set_tab_count(self.central_config, self.tr("Konfigurasi pusat"), n))
        self.conflicts.count_changed.connect(lambda n: self._set_tab_count(self.conflicts, self.tr("Konflik data"), n))
        self.rejected.count_changed.connect(lambda n: self._set_tab_count(self.rejected, self.tr("Ditolak server"), n))
        self.refused.count_changed.connect(lambda n: self._set_tab_count(self.refused, self.tr("Ditolak PC ini"), n))
        outer.addWidget(self.tabs, 1)
        self.usb.imported.connect(self.rejected.reload)
        self.usb.imported.connect(self.refused.reload)
        self.usb.imported.connect(self.clashes.reload)

        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.sync_now,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.scheduler.started.connect(self._sync_started)
        self.scheduler.progress.connect(self._sync_progress)
        self.scheduler.finished.connect(self._sync_finished)
        self.scheduler.failed.connect(self._sync_failed)
        manager.changed.connect(self.on_changed)
        if self.scheduler.running:
            self._sync_started(self.scheduler.manual)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.reload()

    # -- loading --------------------------------------------------------------------------------

    def reload(self) -> None:
        QueryOp(self, queries.overview, success=self.show_info).using(self.manager).automatic().run()

    def on_changed(self, _changes: ChangeSet) -> None:
        if not self.scheduler.running:  # during a sync its progress says more; it reloads when done
            self.reload()  # the waiting count follows every save

    def show_info(self, info: dict) -> None:
        self.info = info
        office = info["office"]
        if info["enrolled"]:
            self.enrollment_state.setText(self.tr("Terdaftar"))
            self.enroll_button.setText(self.tr("&Daftarkan ulang…"))
        elif info["server"]:
            self.enrollment_state.setText(self.tr("Token perangkat tidak ditemukan: daftarkan ulang PC ini."))
            self.enroll_button.setText(self.tr("&Daftarkan ulang…"))
        else:
            self.enrollment_state.setText(self.tr("Belum terdaftar: semua data tersimpan aman di komputer ini, "
                                                  "tetapi belum dikirim ke server."))
            self.enroll_button.setText(self.tr("&Daftarkan PC ini…"))
        self.server_label.setText(info["server"] or "—")
        self.office_label.setText(f"{office.get('name') or ''} ({office.get('code') or ''})")
        self.device_label.setText(info["device_id"] or info["local_device_id"])
        self.enrolled_at.setText(format_datetime(info["enrolled_at"]) or "—")
        self.token_warning.setText(info["token_warning"] or "")
        self.token_warning.setVisible(bool(info["token_warning"]))
        self.sync_button.setEnabled(bool(info["server"]) and not self.scheduler.running)
        self.last_success.setText(format_datetime(info["last_sync_at"]) or self.tr("Belum pernah"))
        self.last_attempt.setText(format_datetime(info["last_attempt_at"]) or "—")
        self.last_error.setText(info["last_error"] or self.tr("Tidak ada"))
        self._show_report(info["report"])
        self.waiting_label.setText(self.tr("{count} perubahan").format(count=format_number(info["waiting"])))
        self._show_attachments(info["attachments"])
        self.schedule_label.setText(self.tr(
            "Sinkronisasi otomatis saat aplikasi dibuka, setiap {minutes} menit, dan sebentar setelah data "
            "disimpan.").format(minutes=format_number(round(info["interval_min"]))) if info["enrolled"] else "")

    def _show_attachments(self, state) -> None:
        parts = [self.tr("{count} menunggu unggah, {size}").format(
            count=format_number(state.waiting), size=format_bytes(state.waiting_bytes))
            if state.waiting else self.tr("semua sudah terkirim")]
        if state.missing_here:
            parts.append(self.tr("{count} belum diunduh ke PC ini").format(count=format_number(state.missing_here)))
        if state.last_error and all(msg != state.last_error for _, msg, _ in state.refused):
            parts.append(pick(state.last_error, state.last_error_en))
        lines = [self.tr("Tidak terkirim: {name} — {reason}").format(name=name, reason=pick(msg, msg_en))
                 for name, msg, msg_en in state.refused]  # one line per refused upload, with the server's reason
        self.attachments_label.setText("\n".join(["; ".join(parts), *lines]))

    def _show_report(self, report: dict | None) -> None:
        if not report:
            self.report_label.setText("—")
            self.traffic_label.setText("—")
            return
        parts = [self.tr("{n} terkirim").format(n=format_number(report["pushed"])),
                 self.tr("{n} diterima").format(n=format_number(report["pulled"])),
                 self.tr("{n} ditolak").format(n=format_number(report["rejected"])),
                 self.tr("{n} konflik").format(n=format_number(report["conflicts"]))]
        text = ", ".join(parts)
        if not report.get("ok"):
            text = self.tr("Gagal: {reason}").format(reason=pick(report.get("error") or "", report.get("error_en"))) \
                + "\n" + text
        elif report.get("stopped"):
            text = self.tr("Dihentikan sebelum selesai.") + "\n" + text
        self.report_label.setText(text)
        self.traffic_label.setText(self.tr("{requests} permintaan · terkirim {up} · diterima {down}").format(
            requests=format_number(report["requests"]), up=format_bytes(report["bytes_up"]),
            down=format_bytes(report["bytes_down"])))

    def _set_tab_count(self, tab: QWidget, title: str, count: int) -> None:
        self.tabs.setTabText(self.tabs.indexOf(tab), f"{title} ({format_number(count)})" if count else title)

    # -- actions --------------------------------------------------------------------------------

    def sync_now(self) -> None:
        if self.scheduler.sync_now(self):
            return
        if self.scheduler.running:
            self.running_label.setText(self.tr("Sinkronisasi sedang berjalan…"))

    def open_enroll_dialog(self) -> EnrollDialog:
        info = self.info or {}
        dialog = EnrollDialog(self.scheduler, info.get("server"), self, enrolled=bool(info.get("enrolled")),
                              waiting=info.get("waiting") or 0)
        dialog.enrolled.connect(self._enrolled)
        self.enroll_dialog = dialog
        dialog.open()
        return dialog

    def _enrolled(self, _enrollment) -> None:
        self.scheduler.enrolled = True
        self.reload()
        self.scheduler.sync_now(self)  # the first sync: numbers, users, the office's data

    def show_conflicts(self) -> None:
        self.tabs.setCurrentWidget(self.conflicts)
        self.conflicts.table.setFocus()

    # -- the scheduler's signals ----------------------------------------------------------------

    def _sync_started(self, _manual: bool) -> None:
        self.sync_button.setEnabled(False)
        self.progress_bar.show()
        self.running_label.setText(self.tr("Menyinkronkan…"))

    def _sync_progress(self, report) -> None:
        self.running_label.setText(self.tr("Menyinkronkan… {sent} terkirim, {received} diterima, {size}").format(
            sent=format_number(report.pushed), received=format_number(report.pulled),
            size=format_bytes(report.bytes_up + report.bytes_down)))

    def _sync_finished(self, report, _manual: bool) -> None:
        self.progress_bar.hide()
        self.sync_button.setEnabled(True)
        if report is None:
            self.running_label.setText("")
        elif report.ok:
            self.running_label.setText(self.tr("Selesai."))
            self._show_report(report_summary(report))
        else:
            reason = pick(report.error.message, report.error.message_en) if report.error else ""
            self.running_label.setText(self.tr("Gagal: {reason}").format(reason=reason))
        self.reload()
        self.rejected.reload()
        self.refused.reload()
        self.clashes.reload()  # letters from other PCs may use a number twice (desktop/domain/number_clashes.py)

    def _sync_failed(self, message: str, _manual: bool) -> None:
        self.progress_bar.hide()
        self.sync_button.setEnabled(True)
        self.running_label.setText(self.tr("Gagal: {reason}").format(reason=message))
        self.reload()


class SyncSettingsBox(QGroupBox):
    """The Sinkronisasi section of Pengaturan: how often automatic syncs run, and the way to the page."""

    def __init__(self, manager: TaskManager, parent: QWidget | None = None):
        super().__init__(self.tr("Sinkronisasi"), parent)
        self.setObjectName("syncSettings")
        self.manager = manager
        form = QFormLayout(self)
        self.interval = QDoubleSpinBox()
        self.interval.setDecimals(0)
        self.interval.setRange(1, 24 * 60)
        self.interval.setSuffix(self.tr(" menit"))
        self.interval.setEnabled(False)
        form.addRow(self.tr("Sinkronisasi otomatis setiap"), self.interval)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Simpan jadwal"))
        self.save_button.clicked.connect(self.save)
        self.open_button = QPushButton(self.tr("Buka halaman Sinkronisasi"))
        self.open_button.clicked.connect(self.open_sync_page)
        row.addWidget(self.save_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        form.addRow(row)
        hint = QLabel(self.tr("Pendaftaran PC, sinkronisasi manual, konflik data, dan data yang ditolak server "
                              "ada di halaman Sinkronisasi."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow(hint)
        self.result = QLabel()
        self.result.setObjectName("hint")
        form.addRow(self.result)
        QueryOp(self, queries.overview, success=self._show).using(manager).automatic().run()

    def _show(self, info: dict) -> None:
        self.interval.setValue(info["interval_min"])
        self.interval.setEnabled(True)

    def save(self) -> None:
        minutes = int(self.interval.value())

        def write(store: Store) -> None:
            store.set_meta(INTERVAL_META, str(minutes))

        def saved(_value) -> None:
            scheduler_for(self.manager).set_interval(minutes)
            self.result.setText(self.tr("Jadwal tersimpan."))

        WriteOp(self, write).using(self.manager).success(saved).run()

    def open_sync_page(self) -> None:
        window = self.window()
        if hasattr(window, "show_module"):
            window.show_module("sinkronisasi")
