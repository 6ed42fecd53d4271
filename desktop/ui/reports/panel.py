"""The office's reports (Surat, Layanan, Pengaduan) for a chosen period, one tab each, and the
report on screen saved as PDF (with the kop) or XLSX.

The numbers are computed on a worker (QueryOp); the files are written from the data on screen, so
what is saved is what was checked. Keys: Alt+P PDF, Alt+X XLSX, Alt+← / Alt+→ the period.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop.domain import nik, office_reports
from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, TaskManager, current_language, known_message, show_failure

from ..settings import app_settings
from .period_picker import PeriodPicker
from .views import VIEWS

RELOAD_DELAY_MS = 250
FOLDER_KEY = "reports/folder"
SOURCES = {"surat": {"letters", "dispositions"}, "layanan": {"service_requests", "service_events"},
           "pengaduan": {"complaints", "complaint_events"}}


class OfficeReportsPanel(QWidget):
    loaded = Signal()
    saved = Signal(str)  # path of a file written
    failed = Signal(str)  # message shown

    def __init__(self, store: Store, kinds: tuple[str, ...] = tuple(VIEWS), parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("officeReports")
        self.store = store
        self.kinds = kinds
        self.data: dict | None = None
        self.loading = False
        self._generation = 0
        self._stale = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        controls = QHBoxLayout()
        period_label = QLabel(self.tr("P&eriode"))
        self.picker = PeriodPicker(nik.effective_today())
        period_label.setBuddy(self.picker.kind)
        controls.addWidget(period_label)
        controls.addWidget(self.picker)
        controls.addStretch(1)
        layout.addLayout(controls)
        # The save buttons sit beside the report tabs, not beside the period: at 150 % scaling on a
        # 1366-pixel screen one row cannot hold the period picker and both buttons.
        self.pdf_button = QPushButton(self.tr("Simpan &PDF"))
        self.xlsx_button = QPushButton(self.tr("Simpan &XLSX"))
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.xlsx_button.clicked.connect(self.choose_xlsx)
        save_buttons = QWidget()
        save_row = QHBoxLayout(save_buttons)
        save_row.setContentsMargins(0, 0, 0, 2)
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(False)
            save_row.addWidget(button)

        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("officeReportTabs")
        titles = {"surat": self.tr("Surat"), "layanan": self.tr("Layanan"), "pengaduan": self.tr("Pengaduan")}
        self.views = {}
        for kind in kinds:
            self.views[kind] = VIEWS[kind]()
            self.tabs.addTab(self.views[kind], titles[kind])
        self.tabs.setCornerWidget(save_buttons, Qt.Corner.TopRightCorner)
        layout.addWidget(self.tabs, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RELOAD_DELAY_MS)
        self._timer.timeout.connect(self.load)
        self.picker.changed.connect(lambda _p: self._timer.start())
        TaskManager.instance().changed.connect(self.on_changed)
        self.setFocusProxy(self.picker)
        self.load()

    def period(self) -> office_reports.Period:
        return self.picker.period()

    def set_period(self, period: office_reports.Period) -> None:
        self.picker.set_period(period)
        self.load()

    def current_kind(self) -> str:
        return self.kinds[self.tabs.currentIndex()]

    def load(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        self.loading = True
        self._stale = False
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(False)
        period, kinds, today = self.period(), self.kinds, nik.effective_today()
        self._set_status("hint", self.tr("Menghitung laporan {period}…").format(period=period.label(current_language())))
        QueryOp(self, lambda store: office_reports.all_reports(store, period, today=today, kinds=kinds)) \
            .success(lambda data: self._show(generation, data)) \
            .failure(lambda exc: self._load_failed(generation, exc)) \
            .with_progress(self.tr("Menghitung laporan…")).run()

    def _show(self, generation: int, data: dict) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.data = data
        for kind, view in self.views.items():
            view.show_data(data[kind])
        self._set_status("hint", self.tr("Laporan {period}, dihitung menurut hari kerja (tanpa Sabtu, Minggu, libur "
                                         "nasional dan cuti bersama).")
                         .format(period=self.period().label(current_language())))
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(True)
        self.loaded.emit()

    def _load_failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.loading = False
            self._report_failure(exc)

    def on_changed(self, changes: ChangeSet) -> None:
        if changes.collections & set().union(*(SOURCES[k] for k in self.kinds)):
            if self.isVisible():
                self._timer.start()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.load()

    # -- files ----------------------------------------------------------------------------------

    def _choose(self, suffix: str, filter_text: str) -> str | None:
        kind = self.current_kind()
        office = (self.store.office() or {}).get("code") or "kantor"
        folder = app_settings().value(FOLDER_KEY) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"laporan-{kind}-{office}-{self.period().key}.{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan laporan"), str(Path(folder) / name), filter_text)
        if not path:
            return None
        if not path.lower().endswith(f".{suffix}"):
            path += f".{suffix}"
        settings = app_settings()
        settings.setValue(FOLDER_KEY, str(Path(path).parent))
        settings.sync()
        return path

    def choose_pdf(self) -> None:
        path = self._choose("pdf", self.tr("PDF (*.pdf)"))
        if path:
            self.save_pdf(path)

    def choose_xlsx(self) -> None:
        path = self._choose("xlsx", self.tr("Excel (*.xlsx)"))
        if path:
            self.save_xlsx(path)

    def save_pdf(self, path: str | Path, kind: str | None = None) -> None:
        """The report on screen (the current tab's) as a PDF on the office's kop. The kop and the
        templates are read on a worker; Qt lays out and writes the PDF on this thread (no SQL)."""
        from desktop.printing import office_reports as printing
        from desktop.printing.render import save_pdf

        if self.data is None:
            return
        data, lang, target = self.data[kind or self.current_kind()], current_language(), str(path)
        self._set_status("hint", self.tr("Menyimpan {path}…").format(path=target))

        def write(printable) -> None:
            try:
                save_pdf(printable, target)
            except Exception as exc:  # noqa: BLE001 - known errors as a message, bugs as the crash dialog
                self._report_failure(exc)
                return
            self._report_saved(target)

        QueryOp(self, lambda store: printing.printable(store, data, lang=lang)).success(write) \
            .failure(self._report_failure).run()

    def save_xlsx(self, path: str | Path, kind: str | None = None) -> None:
        """The report on screen as a workbook with the kop lines, written on a worker."""
        from desktop.printing import office_reports as printing

        if self.data is None:
            return
        data, lang, target = self.data[kind or self.current_kind()], current_language(), str(path)
        self._set_status("hint", self.tr("Menyimpan {path}…").format(path=target))
        QueryOp(self, lambda store: printing.write_xlsx(store, data, target, lang=lang)) \
            .success(lambda _r: self._report_saved(target)).failure(self._report_failure).run()

    def _report_saved(self, path: str) -> None:
        self._set_status("banner", self.tr("Tersimpan: {path}").format(path=path))
        self.saved.emit(path)

    def _report_failure(self, exc: Exception) -> None:
        message = known_message(exc)
        if message is None:
            show_failure(self, exc)
            message = self.tr("Tidak berhasil.")
        self._set_status("fieldError", message)
        self.failed.emit(message)

    def _set_status(self, style: str, text: str) -> None:
        self.status.setObjectName(style)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text)
