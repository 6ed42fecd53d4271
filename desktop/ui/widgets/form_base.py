"""What every record form does the same way, once: Enter saves from any field (a focused button
clicks itself instead), Esc closes but asks first when something was typed, a refused save shows
each error at its field, and after saving, "Buka …" and "… baru (Ctrl+N)" lead on.

A form inherits ``FormDialog`` and gives ``save()``, ``is_dirty()`` and ``discard_question()`` (the
letter form, whose Enter also adds a disposisi, keeps its own key handling); a
form that offers the saved record (permohonan, pengaduan) sets ``self.record`` and emits
``open_requested`` / ``new_requested`` through ``open_saved()`` / ``another()``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QWidget

from desktop.store.records import ValidationError
from desktop.tasks import show_failure

from .discard import ask_to_discard
from .field_form import FieldForm


def show_errors(forms: Iterable[FieldForm], errors: list) -> list:
    """Shows each error at its field in whichever form has it; focuses the first bad field in the
    order of ``forms``; returns the errors no form has a field for."""
    rest = list(errors)
    for form in reversed(list(forms)):  # the last call focuses: so the first form's field wins
        rest = form.show_field_errors(rest)
    return rest


def show_save_failure(parent: QWidget, forms: FieldForm | Iterable[FieldForm], exc: Exception) -> None:
    """A refused save: each field's error under its field (``show_errors``); errors no form has a
    field for, and other failures, in a message."""
    if not isinstance(exc, ValidationError):
        show_failure(parent, exc)
        return
    rest = show_errors([forms] if isinstance(forms, FieldForm) else forms, exc.errors)
    if rest:
        show_failure(parent, ValidationError(rest))


class FormDialog(QDialog):
    saved = Signal(str)  # record id
    save_failed = Signal()
    open_requested = Signal(str)  # "Buka …" after saving
    new_requested = Signal()  # Ctrl+N after saving: another one

    record: dict | None = None

    # -- per form (override) ------------------------------------------------------------------------

    def save(self) -> None:
        raise NotImplementedError

    def is_dirty(self) -> bool:
        return False

    def has_unsaved_input(self) -> bool:
        """What Esc asks about: by default the form's own fields (a letter adds its disposisi being typed)."""
        return self.is_dirty()

    def discard_question(self) -> tuple[str, str]:
        """(title, text) of the question Esc asks when something was typed."""
        return self.tr("Buang isian?"), self.tr("Isian ini belum disimpan. Tutup tanpa menyimpan?")

    def enter_pressed(self) -> None:
        """Enter in a field (not on a button): saves."""
        self.save()

    # -- shared -------------------------------------------------------------------------------------

    def add_heading(self, layout, text: str) -> None:
        """The form's title and, under it, the banner that says what was saved (hidden until then)."""
        self.setWindowTitle(text)
        self.heading = QLabel(text)
        self.heading.setObjectName("dialogHeading")
        layout.addWidget(self.heading)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            event.accept()
            if isinstance(focused, QPushButton):
                focused.click()
            else:
                self.enter_pressed()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self.has_unsaved_input() and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        return ask_to_discard(self, *self.discard_question())

    def open_saved(self) -> None:
        if self.record is not None:
            self.open_requested.emit(self.record["id"])
            self.accept()

    def another(self) -> None:
        if self.record is not None:
            self.new_requested.emit()
            self.accept()
