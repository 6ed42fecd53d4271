"""The malaria register: new cases (episodes) by species for each month of a year, and one month's cases,
each with its treatment and follow-up tests (hari ke-3/7/14/28), new or continued from the month before
(names: opening it writes the register's audit entry, ``reports.malaria_register``).

Keys: the year in the spin box; ↑/↓ in the month table, Enter (or double-click) shows that month's cases.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.health import malaria, reports
from desktop.domain.health.malaria_cases import FOLLOW_UP_DAYS
from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, TaskManager, WriteOp, current_language

from ..forms.list_model import DictListModel
from ..i18n import format_date
from .common import method_label, result_label, species_label, today

SPECIES_KEYS = (*malaria.SPECIES, "tidak_diketahui")


def follow_up_text(test: dict | None) -> str:
    """ "13 November 2026: Negatif (Mikroskopis)" for one follow-up test; empty when there is none."""
    if not test:
        return ""
    return f"{format_date(test['tanggal'])}: {result_label(test.get('hasil'))} ({method_label(test.get('pemeriksaan'))})"


def year_rows(by_month: dict) -> list[dict]:
    """One row per month plus the year's total, each with its species counts and their sum."""
    rows = []
    total = dict.fromkeys(SPECIES_KEYS, 0)
    for month in sorted(by_month):
        counts = by_month[month]
        for key in SPECIES_KEYS:
            total[key] += counts.get(key, 0)
        rows.append({"month": month, **counts, "jumlah": sum(counts.get(k, 0) for k in SPECIES_KEYS)})
    rows.append({"month": None, **total, "jumlah": sum(total.values())})
    return rows


class MalariaRegisterPanel(QWidget):
    year_loaded = Signal()
    cases_loaded = Signal()

    def __init__(self, store: Store, user: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("malariaRegister")
        self.store = store
        self.user = user
        self._loaded_once = False
        self.cases_month: str | None = None
        layout = QVBoxLayout(self)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Tahun")))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today().year)
        self.year.valueChanged.connect(lambda _v: self.load_year())
        row.addWidget(self.year)
        note = QLabel(self.tr("Kasus baru (positif RDT/mikroskopis di luar masa kontrol 28 hari) menurut spesies. "
                              "Enter pada bulan: daftar kasus."))
        note.setObjectName("hint")
        row.addWidget(note, 1)
        note.setWordWrap(True)  # a narrow window wraps it rather than scroll sideways
        layout.addLayout(row)

        def count(key):
            return lambda r: str(r.get(key, 0) or "") if r["month"] else str(r.get(key, 0))

        columns = [(self.tr("Bulan"), self._month_text)]
        for key in SPECIES_KEYS:
            columns.append((species_label(None if key == "tidak_diketahui" else key), count(key)))
        columns.append((self.tr("Jumlah"), count("jumlah")))
        self.year_model = DictListModel(columns, self)
        self.year_table = self._table(self.year_model)
        self.year_table.setObjectName("malariaYear")
        self.year_table.doubleClicked.connect(lambda index: self.load_cases_at(index.row()))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.year_table, activated=self._load_current,
                      context=Qt.ShortcutContext.WidgetShortcut)
        layout.addWidget(self.year_table, 3)

        cases_row = QHBoxLayout()
        self.cases_title = QLabel(self.tr("Daftar kasus: pilih bulan di atas"))
        self.cases_title.setObjectName("fieldLabel")
        cases_row.addWidget(self.cases_title, 1)
        self.cases_button = QPushButton(self.tr("Tampilkan daftar kasus"))
        self.cases_button.clicked.connect(self._load_current)
        cases_row.addWidget(self.cases_button)
        layout.addLayout(cases_row)

        columns = [
            (self.tr("Kasus"), lambda r: self.tr("Baru") if r.get("status") == "baru" else self.tr("Lanjutan")),
            (self.tr("Tanggal"), lambda r: format_date(r.get("tanggal"))),
            (self.tr("No. RM"), lambda r: r.get("no_rm") or ""),
            (self.tr("Nama"), lambda r: r.get("nama") or ""),
            (self.tr("JK"), lambda r: r.get("jenis_kelamin") or ""),
            (self.tr("Umur"), lambda r: r.get("umur") or ""),
            (self.tr("Kampung"), lambda r: r.get("kampung") or ""),
            (self.tr("Pemeriksaan"), lambda r: method_label(r.get("pemeriksaan"))),
            (self.tr("Spesies"), lambda r: species_label(r.get("spesies"))),
            (self.tr("Pengobatan"), lambda r: r.get("pengobatan") or ""),
            (self.tr("Primakuin"), lambda r: self.tr("ya") if r.get("primakuin") else ""),
            (self.tr("Konfirmasi"), lambda r: "; ".join(follow_up_text(t) for t in r.get("konfirmasi") or [])),
        ]
        for day in FOLLOW_UP_DAYS:  # the register's follow-up columns: hari ke-3/7/14/28
            columns.append((self.tr("Hari ke-{day}").format(day=day),
                            lambda r, day=day: follow_up_text((r.get("kontrol") or {}).get(str(day)))))
        self.cases_model = DictListModel(columns, self)
        self.cases_table = self._table(self.cases_model)
        self.cases_table.setObjectName("malariaCases")
        self.cases_model.modelReset.connect(self._fit_cases)
        layout.addWidget(self.cases_table, 4)
        TaskManager.instance().changed.connect(self.on_changed)

    def _table(self, model) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _month_text(self, row: dict) -> str:
        if row["month"] is None:
            return self.tr("Jumlah {year}").format(year=self.year.value())
        return reports.month_label(row["month"], current_language())

    def _fit_cases(self) -> None:
        self.cases_table.resizeColumnsToContents()

    # -- loading --------------------------------------------------------------------------------

    def ensure_loaded(self) -> None:
        """Loads the year table the first time the register is shown."""
        if not self._loaded_once:
            self._loaded_once = True
            self.load_year()

    def load_year(self) -> None:
        user, year = self.user, self.year.value()

        def done(by_month: dict) -> None:
            if year != self.year.value():
                return
            self.year_model.set_rows(year_rows(by_month))
            self.year_table.resizeColumnsToContents()
            if self.cases_month is None:
                month = today()
                row = month.month - 1 if month.year == year else 0
                self.year_table.selectRow(row)
                self.year_table.scrollTo(self.year_model.index(row, 0))
            self.year_loaded.emit()

        QueryOp(self, lambda store: reports.malaria_by_month(store, user, year), success=done).run()

    def _load_current(self) -> None:
        rows = self.year_table.selectionModel().selectedRows()
        if rows:
            self.load_cases_at(rows[0].row())

    def load_cases_at(self, row: int) -> None:
        if 0 <= row < len(self.year_model.rows) and self.year_model.rows[row]["month"]:
            self.load_cases(self.year_model.rows[row]["month"])

    def load_cases(self, month: str) -> None:
        """The month's cases with their follow-up tests, with names (audited by the domain as a register view)."""
        user = self.user
        self.cases_month = month

        def done(rows: list[dict]) -> None:
            if month != self.cases_month:
                return
            new = sum(1 for r in rows if r.get("status") == "baru")
            self.cases_title.setText(self.tr("Daftar kasus malaria {month}: {new} kasus baru, {old} lanjutan").format(
                month=reports.month_label(month, current_language()), new=new, old=len(rows) - new))
            self.cases_model.set_rows(rows)
            self.cases_loaded.emit()

        WriteOp(self, lambda store: reports.malaria_register(store, user, month), success=done).run()

    def on_changed(self, changes: ChangeSet) -> None:
        if "visits" in changes.collections and self._loaded_once:
            self.load_year()
            if self.cases_month and self.isVisible():
                self.load_cases(self.cases_month)
