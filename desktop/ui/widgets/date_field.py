"""A date typed as people write it, shown as ``5 Desember 2026``, with a calendar at hand.

The clerk types ``5/12/2026``, ``05-12-26``, ``5.12.2026``, ``5 des 2026``, ``2026-12-05``,
``05122026``, ``5/12`` (this year) or ``5`` (this month); the parsing is the domain's
(domain/dates.py), the same the importers use. Leaving the field shows the long form; one Tab
leaves it, empty or filled. A date that cannot be (``31/02/2026``) keeps its text so it can be
mended, and the field says why (``Februari 2026 hanya 28 hari``): a red border, the reason in
``error()`` and ``error_changed`` (a FieldForm shows it under the field), and Enter does not
save past it. ``value()`` then gives the typed text back, so a save that goes ahead anyway is
refused by the record's date check rather than storing another date.

Keys: Up/Down a day, PageUp/PageDown a month, ``+`` and ``-`` a day (``-`` only when not in
the middle of typing: it also separates the parts), Alt+Down or F4 the calendar, Delete on the
selected text empties an optional field. "Today" is the corrected today (domain/wall_clock.py):
a PC whose clock is years off still starts on the right day.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QPoint, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLineEdit, QVBoxLayout, QWidget

from desktop.domain import dates, wall_clock
from desktop.tasks import pick
from sync.schema import resources_dir

from ..i18n import format_date

if TYPE_CHECKING:  # event classes: not set up before the first paint (QEvent's 179 enum members)
    from PySide6.QtGui import QFocusEvent, QKeyEvent


def _qdate(day: dt.date | None) -> QDate:
    return QDate(day.year, day.month, day.day) if day is not None else QDate()


def _pydate(day: QDate) -> dt.date | None:
    return dt.date(day.year(), day.month(), day.day()) if day.isValid() else None


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, dates.days_in_month(year, month + 1)))


class DateField(QLineEdit):
    dateChanged = Signal(QDate)  # the committed date changed (an invalid QDate: emptied)
    error_changed = Signal(str)  # the reason the text is not a date, "" once it is fine

    def __init__(self, parent: QWidget | None = None, *, optional: bool = False):
        super().__init__(parent)
        self.optional = optional
        self._value: dt.date | None = None
        self._error: tuple[str, str] | None = None
        self._minimum: dt.date | None = None
        self._maximum: dt.date | None = None
        self._popup: CalendarPopup | None = None
        self.setMaxLength(40)
        self.setPlaceholderText(self.tr("mis. 5/12/2026"))
        tip = self.tr("Ketik tanggal, mis. 5/12/2026 atau 5 des 2026. Panah atas/bawah: sehari; "
                      "Alt+Panah bawah atau F4: kalender.")
        if optional:
            tip += " " + self.tr("Tekan Delete untuk mengosongkan tanggal.")
        self.setToolTip(tip)
        self._tip = tip
        self.calendar_action = QAction(QIcon(str(resources_dir() / "icons" / "calendar.svg")),
                                       self.tr("Kalender (Alt+Panah bawah)"), self)
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.textEdited.connect(self._edited)
        if not optional:
            self._commit_date(wall_clock.today(), notify=False)

    # -- the public API forms use --------------------------------------------------------------

    def value(self) -> str | None:
        """The date as ISO ``yyyy-MM-dd``; None when empty; the typed text itself when it is no date."""
        text = self.text().strip()
        if not text:
            return None
        if self._value is not None and text == self._display(self._value):
            return self._value.isoformat()
        try:
            day = self._parse(text)
        except dates.DateError:
            return text
        return day.isoformat() if day is not None else None

    def set_value(self, iso: str | None) -> None:
        try:
            day = dt.date.fromisoformat((iso or "")[:10])
        except ValueError:
            day = None
        if day is not None:
            self._commit_date(day)
        elif self.optional:
            self.clear_value()

    def is_empty(self) -> bool:
        return not self.text().strip()

    def clear_value(self) -> None:
        if self.optional:
            self.setText("")
            self._set_error(None)
            self._store(None)

    def valid(self) -> bool:
        """False while the text is not a date, or is outside the allowed range."""
        return self._check() is None

    def error(self) -> str:
        """Why the text is not a usable date ("" when it is)."""
        problem = self._check()
        return pick(*problem) if problem else ""

    def set_minimum(self, iso: str | None) -> None:
        self._minimum = dt.date.fromisoformat(iso) if iso else None

    def set_maximum(self, iso: str | None) -> None:
        self._maximum = dt.date.fromisoformat(iso) if iso else None

    # QDateEdit's names, for code written against it.
    def date(self) -> QDate:
        value = self.value()
        try:
            return _qdate(dt.date.fromisoformat(value)) if value else QDate()
        except ValueError:
            return QDate()

    def setDate(self, day: QDate) -> None:  # noqa: N802 (Qt's name)
        if day.isValid():
            self._commit_date(_pydate(day))
        else:
            self.clear_value()

    # -- committing ----------------------------------------------------------------------------

    def commit(self) -> bool:
        """Takes what was typed: shows the long form, or keeps the text and says why not. True if fine."""
        text = self.text().strip()
        problem = self._check()
        if problem is not None:
            self._set_error(problem)
            return False
        if not text:
            self._set_error(None)
            self._store(None)
            return True
        self._commit_date(self._parse(text))
        return True

    def _check(self) -> tuple[str, str] | None:
        """(Indonesian, English) reason the text is not a usable date, or None."""
        text = self.text().strip()
        if not text:
            return None
        if self._value is not None and text == self._display(self._value):
            day = self._value
        else:
            try:
                day = self._parse(text)
            except dates.DateError as exc:
                return exc.message, exc.message_en
        if self._minimum is not None and day < self._minimum:
            return (f"Tanggal tidak boleh sebelum {dates.format_long(self._minimum)}.",
                    f"The date may not be before {dates.format_long(self._minimum, 'en')}.")
        if self._maximum is not None and day > self._maximum:
            return (f"Tanggal tidak boleh setelah {dates.format_long(self._maximum)}.",
                    f"The date may not be after {dates.format_long(self._maximum, 'en')}.")
        return None

    @staticmethod
    def _parse(text: str) -> dt.date | None:
        return dates.parse_typed(text, wall_clock.today())

    @staticmethod
    def _display(day: dt.date) -> str:
        return format_date(day)

    def _commit_date(self, day: dt.date, *, notify: bool = True) -> None:
        self.setText(self._display(day))
        self._set_error(self._check())
        self._store(day, notify=notify)

    def _store(self, day: dt.date | None, *, notify: bool = True) -> None:
        if day != self._value:
            self._value = day
            if notify:
                self.dateChanged.emit(_qdate(day))

    def _set_error(self, problem: tuple[str, str] | None) -> None:
        if problem == self._error:
            return
        self._error = problem
        self.setProperty("invalid", problem is not None)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setToolTip(pick(*problem) if problem else self._tip)
        self.error_changed.emit(pick(*problem) if problem else "")

    def _edited(self, _text: str) -> None:
        # An error shown goes as soon as the text is a date; a new one waits until the field is left.
        if self._error is not None and self._check() is None:
            self._set_error(None)

    # -- keys, focus, calendar -----------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        if self._error is not None:
            return  # the text to mend keeps its cursor
        # Qt where a focus, a key or the calendar needs it: the filter row's fields are on the first screen, which
        # names no Qt enum before it is painted (qt_values).
        from PySide6.QtCore import Qt

        if event.reason() == Qt.FocusReason.MouseFocusReason:
            QTimer.singleShot(0, self.selectAll)  # after the click has placed the cursor
        else:
            self.selectAll()  # typing replaces the date shown

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if self._popup is None or not self._popup.isVisible():
            self.commit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        from PySide6.QtCore import Qt  # see focusInEvent

        key, mods = event.key(), event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.open_calendar()
            return
        steps = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0), Qt.Key.Key_PageUp: (0, 1),
                 Qt.Key.Key_PageDown: (0, -1)}
        if key in steps and not alt:
            self.step(*steps[key])
            return
        if event.text() == "+" or (event.text() == "-" and self._not_typing()):
            if self._check() is None:
                self.step(1 if event.text() == "+" else -1)
                return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.commit():
            event.accept()  # a date that cannot be is not saved past: mend it first
            return
        super().keyPressEvent(event)

    def _not_typing(self) -> bool:
        text = self.text().strip()
        return not text or (self._value is not None and text == self._display(self._value)) \
            or self.selectedText() == self.text()

    def step(self, days: int, months: int = 0) -> None:
        """A day or a month on from the date shown (from today when empty)."""
        try:
            base = self._parse(self.text()) if self._check() is None else None
        except dates.DateError:
            base = None
        day = base or wall_clock.today()
        if base is not None:
            day = _add_months(day + dt.timedelta(days=days), months)
        if self._minimum is not None:
            day = max(day, self._minimum)
        if self._maximum is not None:
            day = min(day, self._maximum)
        self._commit_date(day)
        self.selectAll()

    def open_calendar(self) -> None:
        if self._popup is None:
            self._popup = CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        try:
            shown = self._parse(self.text()) if self._check() is None else None
        except dates.DateError:
            shown = None
        self._popup.open_at(self, shown or wall_clock.today(), self._minimum, self._maximum)

    def _picked(self, day: QDate) -> None:
        self._commit_date(_pydate(day))
        self.setFocus()
        self.selectAll()


class CalendarPopup(QFrame):
    """The month calendar under a DateField: arrows move, Enter takes the day, Esc closes."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget):
        from PySide6.QtCore import Qt  # see DateField.focusInEvent

        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.Box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._take)  # Enter or a double click
        self.calendar.clicked.connect(self._take)

    def open_at(self, field: QWidget, day: dt.date, minimum: dt.date | None, maximum: dt.date | None) -> None:
        self.calendar.setMinimumDate(_qdate(minimum) if minimum else QDate(1900, 1, 1))
        self.calendar.setMaximumDate(_qdate(maximum) if maximum else QDate(2200, 12, 31))
        self.calendar.setSelectedDate(_qdate(day))
        self.adjustSize()
        self.move(field.mapToGlobal(QPoint(0, field.height())))
        self.show()
        self.calendar.setFocus()

    def _take(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(day)
