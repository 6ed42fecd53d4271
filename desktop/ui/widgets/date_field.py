"""A date input shown as ``27 November 2026`` with a calendar popup, optionally empty.

An optional field shows "—" when empty; Delete or Backspace on the whole field empties it, and
the arrow keys or the calendar start from today rather than from the sentinel date.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from ..i18n import EDIT_DATE_FORMAT

EMPTY = QDate(1900, 1, 1)  # the sentinel that means "no date" (the earliest date allowed)


class DateField(QDateEdit):
    def __init__(self, parent: QWidget | None = None, *, optional: bool = False):
        super().__init__(parent)
        self.optional = optional
        self.setCalendarPopup(True)
        self.setDisplayFormat(EDIT_DATE_FORMAT)
        self.setMaximumDate(QDate(2200, 12, 31))
        if optional:
            self.setMinimumDate(EMPTY)
            self.setSpecialValueText("—")
            self.setDate(EMPTY)
            self.setToolTip(self.tr("Tekan Delete untuk mengosongkan tanggal."))
        else:
            self.setMinimumDate(QDate(1900, 1, 2))
            self.setDate(QDate.currentDate())
        self.calendarWidget().installEventFilter(self)

    def value(self) -> str | None:
        """The date as ISO ``yyyy-MM-dd``, or None when empty."""
        if self.optional and self.date() == EMPTY:
            return None
        return self.date().toString("yyyy-MM-dd")

    def set_value(self, iso: str | None) -> None:
        date = QDate.fromString(iso or "", "yyyy-MM-dd")
        if date.isValid():
            self.setDate(date)
        elif self.optional:
            self.setDate(EMPTY)

    def is_empty(self) -> bool:
        return self.value() is None

    def clear_value(self) -> None:
        if self.optional:
            self.setDate(EMPTY)

    def stepBy(self, steps: int) -> None:
        if self.optional and self.date() == EMPTY:
            self.setDate(QDate.currentDate())
            return
        super().stepBy(steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.optional and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) \
                and (self.lineEdit().selectedText() == self.lineEdit().text() or self.is_empty()):
            self.clear_value()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The calendar opens on the shown date; an empty field should open on today, not 1900.
        if event.type() == QEvent.Type.Show and self.is_empty():
            self.calendarWidget().setSelectedDate(QDate.currentDate())
        return super().eventFilter(watched, event)
