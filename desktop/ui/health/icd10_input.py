"""ICD-10 diagnoses: a type-ahead input (code or words, "b509", "mal fal", "diare") and the visit's list.

Suggestions come from ``icd10.search`` (an in-memory index: about 1 ms a keystroke, ~3 ms at most),
shown as "B50.9 — Plasmodium falciparum malaria, unspecified". Enter takes the highlighted
suggestion, or the first one when none is highlighted, and adds it to the list; the input is then
empty again for the next diagnosis. With the popup closed, Enter on a complete code adds that code;
Enter on an empty input is left to the form (it saves). The first Down highlights the first suggestion.
A category that has subcategories (J06) is not taken: the input shows its subcategories to choose from.
The office's own most used codes (``usage``, loaded by the form) rank first among equal matches. The
first diagnosis in the list is the main one (utama); Delete removes one, Ctrl+↑/↓ moves it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QListWidget, QListWidgetItem, QWidget

from desktop.domain.health import icd10
from desktop.tasks import current_language

SEPARATOR = " — "
SUGGESTIONS = 15
CODE_ROLE = Qt.ItemDataRole.UserRole + 1


def code_label(code: str) -> str:
    """ "B50.9 — Plasmodium falciparum malaria, unspecified" (the WHO title; the code alone if unknown)."""
    entry = icd10.get(code)
    return f"{entry.code}{SEPARATOR}{entry.title}" if entry else code


def suggestion_label(entry: icd10.Icd10Code) -> str:
    label = f"{entry.code}{SEPARATOR}{entry.title}"
    if current_language() == "id" and entry.terms_id:
        label += f"  [{entry.terms_id[0]}]"  # the everyday word the nakes may have typed
    return label


class Icd10Input(QLineEdit):
    chosen = Signal(str)  # an ICD-10 code
    problem = Signal(str)  # a message for the field (unknown code)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("ketik kode atau kata, mis. b509, malaria, diare — Enter memilih"))
        self.setMaxLength(80)
        self.codes: list[str] = []
        self.usage: dict[str, int] = {}  # this office's counts per code (icd10_usage), set by the form
        self.suggestions = QStringListModel(self)
        self.completer_ = QCompleter(self.suggestions, self)
        # We filter ourselves (codes and words); the completer only shows the list.
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(SUGGESTIONS)
        self.setCompleter(self.completer_)
        self.completer_.activated.connect(self._activated)
        self.textEdited.connect(self._update_suggestions)

    def popup(self):
        return self.completer_.popup()

    def _update_suggestions(self, text: str) -> None:
        entries = icd10.search(text, SUGGESTIONS, self.usage) if text.strip() else []
        self._show(entries)

    def _show(self, entries: list[icd10.Icd10Code]) -> None:
        self.codes = [e.code for e in entries]
        labels = [suggestion_label(e) for e in entries]
        self.suggestions.setStringList(labels)
        if entries:
            # WHO titles are long: the list is as wide as its longest line, up to the window's width,
            # and moves left (over the form) rather than leave the window, so no title is cut short.
            widest = max(self.popup().fontMetrics().horizontalAdvance(label) for label in labels)
            window = self.window().geometry()
            self.popup().setMinimumWidth(max(self.width(), min(widest + 48, window.width() - 16)))
            self.completer_.complete()
            self._place_popup()
        else:
            self.popup().hide()

    def _place_popup(self) -> None:
        """Moves the open list left, over the form, when it would leave the window on the right."""
        popup = self.popup()
        if not popup.isVisible():
            return
        window = self.window().geometry()
        left = self.mapToGlobal(QPoint(0, 0)).x()
        x = max(window.left() + 8, min(left, window.right() - 8 - popup.width()))
        if x != popup.x():
            popup.move(x, popup.y())

    def _activated(self, text: str) -> None:
        self._choose(text.split(SEPARATOR)[0].strip())

    def _choose(self, code: str) -> None:
        if icd10.has_children(code):
            # Not a final diagnosis: offer its subcategories (J06 → J06.0 … J06.9) instead.
            self.setText(code)
            self._show(icd10.children(code))
            self.problem.emit(self.tr("{code} punya subkode: pilih salah satu dari daftar (mis. {example}).")
                              .format(code=code, example=(self.codes or [code])[-1]))
            return
        self.popup().hide()
        self.clear()
        self.codes = []
        self.suggestions.setStringList([])
        self.chosen.emit(code)

    def pending_code(self) -> str | None:
        """A complete, valid code typed but not yet added (the form adds it when saving)."""
        text = self.text().split(SEPARATOR)[0].strip()
        entry = icd10.get(text) if text else None
        return entry.code if entry else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip():
            event.accept()
            popup = self.popup()
            if popup.isVisible() and self.codes:
                current = popup.currentIndex()
                row = current.row() if current.isValid() else 0
                self._choose(self.codes[row] if row < len(self.codes) else self.codes[0])
                return
            code = self.pending_code()
            if code:
                self._choose(code)
            else:
                self.problem.emit(self.tr("Kode ICD-10 tidak dikenal: {text}. Pilih dari daftar saran.")
                                  .format(text=self.text().strip()))
            return
        super().keyPressEvent(event)
        self._place_popup()  # the line edit re-opens the list at its own left edge after each key


class DiagnosisList(QListWidget):
    """The visit's diagnoses, main one first. Focusable only when it has something to act on."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("diagnosisList")
        self.setMaximumHeight(96)
        # A long WHO title wraps within the column instead of hiding behind a sideways scroll bar
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setToolTip(self.tr("Diagnosa pertama adalah diagnosa utama. Delete menghapus, Ctrl+↑/↓ memindah."))
        self._update_focus()

    def codes(self) -> list[str]:
        return [self.item(i).data(CODE_ROLE) for i in range(self.count())]

    def set_codes(self, codes: list[str]) -> None:
        self.clear()
        for code in codes:
            self._append(code)
        self._relabel()

    def add_code(self, code: str) -> bool:
        if code in self.codes():
            return False
        self._append(code)
        self._relabel()
        self.changed.emit()
        return True

    def _append(self, code: str) -> None:
        item = QListWidgetItem()
        item.setData(CODE_ROLE, code)
        self.addItem(item)

    def _relabel(self) -> None:
        for i in range(self.count()):
            item = self.item(i)
            label = code_label(item.data(CODE_ROLE))
            item.setText(self.tr("{label}  (utama)").format(label=label) if i == 0 else label)
        self._update_focus()

    def _update_focus(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if self.count() else Qt.FocusPolicy.NoFocus)

    def remove_current(self) -> None:
        row = self.currentRow()
        if 0 <= row < self.count():
            self.takeItem(row)
            self._relabel()
            self.changed.emit()
            if self.count():
                self.setCurrentRow(min(row, self.count() - 1))

    def move_current(self, step: int) -> None:
        row = self.currentRow()
        target = row + step
        if 0 <= row < self.count() and 0 <= target < self.count():
            item = self.takeItem(row)
            self.insertItem(target, item)
            self._relabel()
            self.setCurrentRow(target)
            self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_current()
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # the form saves
            return
        super().keyPressEvent(event)
