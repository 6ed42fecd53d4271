"""The klasifikasi code input: type a code or words of its name, pick "400.12 — Kependudukan".

Suggestions come from desktop.domain.reference.search_klasifikasi (an in-memory list, fast
enough for every keystroke). Choosing a suggestion puts only the code in the field; the name
of the current code is shown beside it, so a mistyped code is noticed at once.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop.domain import reference

from .completion import make_completer

SEPARATOR = " — "
SUGGESTIONS = 15


def _code_and_name(item) -> tuple[str, str]:
    if isinstance(item, dict):
        return item["code"], item["name"]
    return item.code, item.name


class KlasifikasiInput(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit()
        self.line.setPlaceholderText(self.tr("mis. 400.12 atau kata"))
        self.line.setMaxLength(40)
        # The example reads in full: the field was 2/5 of the row, and a longer example was cut off
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance(self.line.placeholderText()) + 24)
        self.name_label = QLabel()
        self.name_label.setObjectName("hint")
        self.suggestions = QStringListModel(self)
        # We filter ourselves (codes and words anywhere in the name); the completer only shows the list.
        self.completer = make_completer(self.suggestions, self, filtered_by_caller=True)
        self.completer.setMaxVisibleItems(SUGGESTIONS)
        self.line.setCompleter(self.completer)
        self.completer.activated.connect(self._chosen)
        self.line.textEdited.connect(self._update_suggestions)
        self.line.textChanged.connect(self._update_name)
        self.line.textEdited.connect(lambda _t: self.edited.emit())
        layout.addWidget(self.line, 2)
        layout.addWidget(self.name_label, 3)
        self.setFocusProxy(self.line)

    def text(self) -> str:
        return self.line.text().split(SEPARATOR)[0].strip()

    def setText(self, text: str) -> None:
        self.line.setText(text or "")

    def _update_suggestions(self, text: str) -> None:
        items = reference.search_klasifikasi(text.split(SEPARATOR)[0], SUGGESTIONS) if text.strip() else []
        self.suggestions.setStringList([SEPARATOR.join(_code_and_name(i)) for i in items])
        if items:
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def _chosen(self, text: str) -> None:
        self.line.setText(text.split(SEPARATOR)[0])
        self.edited.emit()

    def _update_name(self, _text: str) -> None:
        code = self.text()
        name = reference.klasifikasi_name(code) if code else None
        if code and name is None:
            self.name_label.setText(self.tr("kode tidak ada di daftar"))
        else:
            self.name_label.setText(name or "")
