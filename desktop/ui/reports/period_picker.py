"""Choosing the report period: a month, a quarter or a year, all from the keyboard.

Tab moves between the three fields, ↑/↓ change the one that has focus, Alt+← / Alt+→ step to the
previous / next period of the same kind; ‹ and › do the same for the mouse.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QToolButton, QWidget

from desktop.domain.office_reports import MONTHS_EN, MONTHS_ID, ROMAN, Period
from desktop.tasks import current_language


class PeriodPicker(QWidget):
    changed = Signal(object)  # the new Period

    def __init__(self, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self._quiet = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        self.kind.setObjectName("periodKind")
        self.kind.addItem(self.tr("Bulan"), "month")
        self.kind.addItem(self.tr("Triwulan"), "quarter")
        self.kind.addItem(self.tr("Tahun"), "year")
        self.unit = QComboBox()
        self.unit.setObjectName("periodUnit")
        self.unit.setMinimumContentsLength(16)
        self.year = QSpinBox()
        self.year.setObjectName("periodYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.previous = QToolButton()
        self.previous.setText("‹")
        self.previous.setToolTip(self.tr("Periode sebelumnya (Alt+←)"))
        self.next = QToolButton()
        self.next.setText("›")
        self.next.setToolTip(self.tr("Periode berikutnya (Alt+→)"))
        for button in (self.previous, self.next):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for widget in (self.previous, self.kind, self.unit, self.year, self.next):
            layout.addWidget(widget)
        self._fill_units()
        self.unit.setCurrentIndex(today.month - 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.unit.currentIndexChanged.connect(lambda _i: self._emit())
        self.year.valueChanged.connect(lambda _v: self._emit())
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        for keys, delta in (("Alt+Left", -1), ("Alt+Right", 1)):
            shortcut = QShortcut(QKeySequence(keys), self, activated=lambda d=delta: self.step(d))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setFocusProxy(self.kind)

    def _fill_units(self) -> None:
        kind = self.kind.currentData()
        months = MONTHS_EN if current_language() == "en" else MONTHS_ID
        self.unit.clear()
        if kind == "month":
            self.unit.addItems(list(months))
        elif kind == "quarter":
            self.unit.addItems([f"{ROMAN[q]} ({months[3 * q][:3]}–{months[3 * q + 2][:3]})" for q in range(4)])
        self.unit.setVisible(kind != "year")

    def _kind_changed(self) -> None:
        current = self.period_of_before_change()
        self._quiet = True
        self._fill_units()
        kind = self.kind.currentData()
        if kind == "quarter":
            self.unit.setCurrentIndex((current.start.month - 1) // 3)
        elif kind == "month":
            self.unit.setCurrentIndex(current.start.month - 1)
        self._quiet = False
        self._emit()

    def period_of_before_change(self) -> Period:
        """The start of what was shown, so switching Bulan → Triwulan keeps the same part of the year."""
        count = self.unit.count()
        index = max(0, self.unit.currentIndex())
        if count == 12:
            return Period.month(self.year.value(), index + 1)
        if count == 4:
            return Period.quarter(self.year.value(), index + 1)
        return Period.month(self.year.value(), 1)

    def period(self) -> Period:
        kind = self.kind.currentData()
        if kind == "month":
            return Period.month(self.year.value(), self.unit.currentIndex() + 1)
        if kind == "quarter":
            return Period.quarter(self.year.value(), self.unit.currentIndex() + 1)
        return Period.whole_year(self.year.value())

    def set_period(self, period: Period) -> None:
        self._quiet = True
        self.kind.setCurrentIndex(self.kind.findData(period.kind))
        self._fill_units()
        self.year.setValue(period.year)
        if period.kind != "year":
            self.unit.setCurrentIndex(period.number - 1)
        self._quiet = False
        self._emit()

    def step(self, delta: int) -> None:
        period = self.period()
        if period.kind == "year":
            self.year.setValue(period.year + delta)
            return
        size = 12 if period.kind == "month" else 4
        index = period.year * size + period.number - 1 + delta
        year, number = divmod(index, size)
        if 2000 <= year <= 2100:
            self.set_period(Period(period.kind, year, number + 1))

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit(self.period())
