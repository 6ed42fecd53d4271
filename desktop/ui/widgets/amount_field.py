"""A field for an amount of money (rupiah): digits grouped as the house writes numbers ("1.500.000") once the
clerk leaves the field, so a zero too many or too few shows. It takes the digits with or without the dots a clerk
types out of habit; ``value()`` is the whole number, whatever the interface's language groups with."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from ..i18n import format_number


class AmountField(QLineEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # up to 15 digits (a thousand trillion rupiah; Qt formats numbers to 18), each may be followed by a group
        # mark of either language: 1.500.000 or 1,500,000
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"(?:[0-9][.,]?){0,15}"), self))
        self.setMaximumWidth(200)
        self.editingFinished.connect(self._group)

    def value(self) -> int | None:
        digits = "".join(ch for ch in self.text() if ch.isdigit())
        return int(digits) if digits else None

    def set_value(self, value) -> None:
        number = None if value in (None, "") else int(str(value).replace(".", "").replace(",", ""))
        self.setText("" if number is None else format_number(number))

    def _group(self) -> None:
        self.set_value(self.value())
