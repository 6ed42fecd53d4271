"""The puskesmas's Laporan page: LB1, visits per unit and the malaria summary of a chosen month, on
screen and as files — PDF (desktop/printing/health_reports.py), XLSX (reports.write_xlsx) and the
SATUSEHAT-ready FHIR bundle (fhir.export_month → write_bundle).

The reports are computed on a worker (LB1 for a busy month takes a few hundred ms); the files are
written from the data on screen, so what is saved is what was checked. The FHIR export carries
personal data: it runs as a write (the domain records an 'export' audit entry).

Keys: ↑/↓ in the month field change the month; Alt+P PDF, Alt+X XLSX, Alt+F FHIR.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.health import fhir, reports
from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, TaskManager, WriteOp, current_language, known_message, pick, show_failure

from ..i18n import format_number
from ..settings import app_settings
from .common import AccessNotice, access_problem, today
from .frozen_table import FrozenColumnTable
from .report_models import LB1_FROZEN, Lb1Model, RowsModel, malaria_table, units_table

RELOAD_DELAY_MS = 250
FOLDER_KEY = "health/report_folder"


def compute(store: Store, user: dict, month: str, level: str) -> dict:
    """Worker thread: the three reports of the month, in reports.monthly's shape."""
    return {"lb1": reports.lb1(store, user, month, level=level),
            "kunjungan": reports.visits_by_unit(store, user, month),
            "malaria": reports.malaria_summary(store, user, month)}


class HealthReportsPage(QWidget):
    loaded = Signal()
    saved = Signal(str)  # path of a file written
    failed = Signal(str)  # message shown

    def __init__(self, store: Store, user: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("healthReports")
        self.store = store
        self.user = user
        self.data: dict | None = None
        self.loading = False
        self._generation = 0
        self._stale = False
        self.notice: AccessNotice | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        problem = access_problem(user, store)
        if problem is not None:
            self.notice = AccessNotice(self.tr("Laporan"), problem)
            layout.addWidget(self.notice)
            self.setFocusProxy(self.notice)
            return
        self._build(layout)
        self.load()

    def _build(self, outer: QVBoxLayout) -> None:
        body = QWidget()
        outer.addWidget(body)
        layout = QVBoxLayout(body)
        title = QLabel(self.tr("Laporan Bulanan Puskesmas"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        controls = QHBoxLayout()
        month_label = QLabel(self.tr("&Bulan"))
        controls.addWidget(month_label)
        self.month = QDateEdit()
        self.month.setObjectName("reportMonth")
        self.month.setDisplayFormat("MMMM yyyy")
        self.month.setMinimumDate(QDate(2000, 1, 1))
        self.month.setMaximumDate(QDate(2100, 12, 1))
        day = today()
        self.month.setDate(QDate(day.year, day.month, 1))
        self.month.setMinimumWidth(170)
        # ↑/↓ change the month (or the year, on the year); ‹ › and the calendar are for the mouse
        self.month.setCalendarPopup(True)
        self.month.setCurrentSection(QDateTimeEdit.Section.MonthSection)
        month_label.setBuddy(self.month)
        self.previous_month = QToolButton()
        self.previous_month.setText("‹")
        self.previous_month.setToolTip(self.tr("Bulan sebelumnya"))
        self.previous_month.clicked.connect(lambda: self.month.setDate(self.month.date().addMonths(-1)))
        self.next_month = QToolButton()
        self.next_month.setText("›")
        self.next_month.setToolTip(self.tr("Bulan berikutnya"))
        self.next_month.clicked.connect(lambda: self.month.setDate(self.month.date().addMonths(1)))
        for button in (self.previous_month, self.next_month):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        controls.addWidget(self.previous_month)
        controls.addWidget(self.month)
        controls.addWidget(self.next_month)
        level_label = QLabel(self.tr("&Tingkat LB1"))
        controls.addWidget(level_label)
        self.level = QComboBox()
        self.level.addItem(self.tr("Kode ICD-10 (mis. B50.9)"), "code")
        self.level.addItem(self.tr("Kategori 3 karakter (mis. B50)"), "category")
        level_label.setBuddy(self.level)
        controls.addWidget(self.level)
        controls.addStretch(1)
        layout.addLayout(controls)
        controls = QHBoxLayout()  # the buttons on a row of their own: the page fits a small screen
        controls.addStretch(1)
        self.pdf_button = QPushButton(self.tr("Simpan &PDF"))
        self.xlsx_button = QPushButton(self.tr("Simpan &XLSX"))
        self.fhir_button = QPushButton(self.tr("Ekspor &FHIR (SATUSEHAT)"))
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.xlsx_button.clicked.connect(self.choose_xlsx)
        self.fhir_button.clicked.connect(self.choose_fhir)
        for button in (self.pdf_button, self.xlsx_button, self.fhir_button):
            button.setEnabled(False)
            controls.addWidget(button)
        layout.addLayout(controls)

        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.lb1_model = Lb1Model(self)
        # the code and diagnosis stay in view when the 33 columns scroll sideways
        self.lb1_table = self._table(self.lb1_model, "lb1Table", FrozenColumnTable(LB1_FROZEN))
        lb1_page = QWidget()
        lb1_layout = QVBoxLayout(lb1_page)
        lb1_layout.addWidget(self.lb1_table, 1)
        self.lb1_notes = QLabel()
        self.lb1_notes.setObjectName("hint")
        self.lb1_notes.setWordWrap(True)
        lb1_layout.addWidget(self.lb1_notes)
        self.tabs.addTab(lb1_page, "LB1")
        self.units_model = RowsModel(self)
        self.units_table = self._table(self.units_model, "unitsTable")
        self.tabs.addTab(self.units_table, self.tr("Kunjungan per unit"))
        self.malaria_model = RowsModel(self)
        self.malaria_table = self._table(self.malaria_model, "malariaSummary")
        self.tabs.addTab(self.malaria_table, self.tr("Malaria"))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RELOAD_DELAY_MS)
        self._timer.timeout.connect(self.load)
        self.month.dateChanged.connect(lambda _d: self._timer.start())
        self.level.currentIndexChanged.connect(lambda _i: self.load())
        TaskManager.instance().changed.connect(self.on_changed)
        self.setFocusProxy(self.month)

    def _table(self, model, name: str, table: QTableView | None = None) -> QTableView:
        table = table if table is not None else QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        model.modelReset.connect(lambda: self._fit(table))
        return table

    def _fit(self, table: QTableView) -> None:
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        for column in range(table.model().columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 320))

    # -- the month ------------------------------------------------------------------------------

    def selected_month(self) -> str:
        return self.month.date().toString("yyyy-MM")

    def set_month(self, month: str) -> None:
        """"2026-10": shows that month (and loads it)."""
        year, mon = (int(x) for x in month.split("-"))
        self.month.setDate(QDate(year, mon, 1))
        self.load()

    def load(self) -> None:
        if self.notice is not None:
            return
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        self.loading = True
        self._stale = False
        for button in (self.pdf_button, self.xlsx_button, self.fhir_button):
            button.setEnabled(False)
        month, level, user = self.selected_month(), self.level.currentData(), self.user
        self.status.setObjectName("hint")
        self._repolish()
        self.status.setText(self.tr("Menghitung laporan {month}…").format(
            month=reports.month_label(month, current_language())))
        QueryOp(self, lambda store: compute(store, user, month, level)) \
            .success(lambda data: self._show(generation, data)) \
            .failure(lambda exc: self._load_failed(generation, exc)) \
            .with_progress(self.tr("Menghitung laporan…")).run()

    def _show(self, generation: int, data: dict) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.data = data
        self.lb1_model.set_report(data["lb1"])
        self.units_model.set_rows(*units_table(data["kunjungan"]))
        self.malaria_model.set_rows(*malaria_table(data["malaria"]))
        lb1 = data["lb1"]
        notes = [self.tr("Kolom golongan umur menghitung kasus baru. Kunjungan tanpa diagnosa: {n}.")
                 .format(n=format_number(lb1["visits_without_diagnosis"]))]
        for item in lb1["excluded"]:
            notes.append(self.tr("Tidak dihitung ({reason}): {n} diagnosa.").format(
                reason=pick(item["id"], item["en"]), n=format_number(item["diagnoses"])))
        self.lb1_notes.setText(" ".join(notes))
        self.status.setText(self.tr("{month}: {diagnoses} diagnosa, {visits} kunjungan, {positive} kasus malaria baru.")
                            .format(month=lb1["month_label"][current_language()],
                                    diagnoses=format_number(lb1["totals"]["total"]),
                                    visits=format_number(data["kunjungan"]["totals"]["total"]),
                                    positive=format_number(data["malaria"]["positive"])))
        for button in (self.pdf_button, self.xlsx_button, self.fhir_button):
            button.setEnabled(True)
        self.loaded.emit()

    def _load_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._report_failure(exc)

    def on_changed(self, changes: ChangeSet) -> None:
        if changes.collections & {"visits", "patients"}:
            if self.isVisible():
                self._timer.start()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.notice is None:
            self.load()

    # -- files ----------------------------------------------------------------------------------

    def _file_stem(self, kind: str) -> str:
        office = (self.data or {}).get("lb1", {}).get("office", {}).get("code") or "puskesmas"
        month = (self.data or {}).get("lb1", {}).get("month") or self.selected_month()
        return f"{kind}-{office}-{month}"

    def _choose(self, kind: str, suffix: str, filter_text: str) -> str | None:
        folder = app_settings().value(FOLDER_KEY) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan laporan"),
                                              str(Path(folder) / f"{self._file_stem(kind)}.{suffix}"), filter_text)
        if not path:
            return None
        if not path.lower().endswith(f".{suffix}"):
            path += f".{suffix}"
        settings = app_settings()
        settings.setValue(FOLDER_KEY, str(Path(path).parent))
        settings.sync()
        return path

    def choose_pdf(self) -> None:
        path = self._choose(self.tr("Laporan-bulanan"), "pdf", self.tr("PDF (*.pdf)"))
        if path:
            self.save_pdf(path)

    def choose_xlsx(self) -> None:
        path = self._choose(self.tr("Laporan-bulanan"), "xlsx", self.tr("Excel (*.xlsx)"))
        if path:
            self.save_xlsx(path)

    def choose_fhir(self) -> None:
        path = self._choose("FHIR", "json", self.tr("FHIR JSON (*.json)"))
        if path:
            self.export_fhir(path)

    def save_pdf(self, path: str | Path) -> None:
        """The three reports on screen as one A4 landscape PDF (Qt rendering: on this thread, no SQL)."""
        from desktop.printing.health_reports import write_pdf

        if self.data is None:
            return
        try:
            write_pdf(self.data, path, lang=current_language())
        except Exception as exc:  # noqa: BLE001 - shown: known errors as a message, bugs as the crash dialog
            self._report_failure(exc)
            return
        self._report_saved(str(path))

    def save_xlsx(self, path: str | Path) -> None:
        """The reports on screen as a workbook (sheets LB1, Kunjungan, Malaria), written on a worker."""
        if self.data is None:
            return
        data, lang, target = self.data, current_language(), str(path)
        self.status.setText(self.tr("Menyimpan {path}…").format(path=target))
        QueryOp(self, lambda _store: reports.write_xlsx(data, target, lang=lang)) \
            .success(lambda _r: self._report_saved(target)).failure(self._report_failure).run()

    def export_fhir(self, path: str | Path) -> None:
        """The month's visits as a FHIR R4 bundle for SATUSEHAT (audited by the domain as an export)."""
        if self.data is None:
            return
        user, month, target = self.user, self.data["lb1"]["month"], str(path)

        def op(store: Store) -> dict:
            bundle = fhir.export_month(store, user, month)
            fhir.write_bundle(bundle, target)
            return fhir.counts(bundle)

        self.status.setText(self.tr("Menyusun FHIR {month}…").format(month=month))
        WriteOp(self, op).success(lambda counts: self._report_saved(target, counts)) \
            .failure(self._report_failure).with_progress(self.tr("Ekspor FHIR…")).run()

    def _report_saved(self, path: str, counts: dict | None = None) -> None:
        text = self.tr("Tersimpan: {path}").format(path=path)
        if counts:
            text += " (" + ", ".join(f"{k} {format_number(v)}" for k, v in sorted(counts.items())) + ")"
        self.status.setObjectName("banner")
        self._repolish()
        self.status.setText(text)
        self.saved.emit(path)

    def _report_failure(self, exc: Exception) -> None:
        message = known_message(exc)
        if message is None:
            show_failure(self, exc)
            message = self.tr("Tidak berhasil.")
        self.status.setObjectName("fieldError")
        self._repolish()
        self.status.setText(message)
        self.failed.emit(message)

    def _repolish(self) -> None:
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
