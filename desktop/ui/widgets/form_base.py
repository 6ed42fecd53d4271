"""What every record form does the same way, once: Enter saves from any field (a focused button
clicks itself instead), Esc closes but asks first when something was typed, a refused save shows
each error at its field, and after saving, "Buka …" and "… baru (Ctrl+N)" lead on.

A form inherits ``FormDialog`` and gives ``save()`` and ``discard_question()``; ``is_dirty()`` is
``_dirty``, set by ``_mark_dirty`` from the fields' change signals, unless the form refines it. The
shared parts it may use: ``add_heading`` / ``add_message`` / ``add_buttons`` build the frame;
``start_saving`` / ``end_saving`` guard one save at a time; ``save_refused(exc)`` shows a refused
save (errors at their fields through ``show_field_errors``, the rest in the message line or a box).
Hooks: ``enter_pressed()`` (what Enter in a field does) and ``keeps_enter(widget)`` (a widget that
handles its own Enter, e.g. a list that opens its row). A form that offers the saved record
(permohonan, pengaduan) sets ``self.record`` and emits ``open_requested`` / ``new_requested``
through ``open_saved()`` / ``another()``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from desktop.store.records import ValidationError
from desktop.tasks import error_text, show_failure

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
    message: QLabel | None = None  # add_message: errors that belong to no field
    save_button: QPushButton | None = None
    _dirty = False
    _saving = False

    # -- per form (override) ------------------------------------------------------------------------

    def save(self) -> None:
        raise NotImplementedError

    def is_dirty(self) -> bool:
        return self._dirty

    def show_field_errors(self, errors: list) -> list:
        """Shows each error at its field (the first bad field gets the focus); returns the errors no
        field holds. By default the form's one ``self.form``; a form of several sections overrides."""
        return self.form.show_field_errors(errors)

    def has_unsaved_input(self) -> bool:
        """What Esc asks about: by default the form's own fields (a letter adds its disposisi being typed)."""
        return self.is_dirty()

    def discard_question(self) -> tuple[str, str]:
        """(title, text) of the question Esc asks when something was typed."""
        return self.tr("Buang isian?"), self.tr("Isian ini belum disimpan. Tutup tanpa menyimpan?")

    def enter_pressed(self) -> None:
        """Enter in a field (not on a button): saves."""
        self.save()

    def keeps_enter(self, widget: QWidget | None) -> bool:
        """True for a focused widget that handles Enter itself (the event then goes the usual way)."""
        return False

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

    def add_message(self, layout) -> None:
        """The line that shows what a refused save could not put at a field (hidden until then)."""
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

    def add_buttons(self, layout, *actions: str) -> list[QPushButton]:
        """"Simpan (Ctrl+S)", a button for each of ``actions`` (returned, for the form to connect) and
        "Tutup (Esc)". Enter never goes to a default button: ``keyPressEvent`` decides."""
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Simpan (Ctrl+S)"), QDialogButtonBox.ButtonRole.AcceptRole)
        extra = [self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole) for text in actions]
        self.cancel_button = self.buttons.addButton(self.tr("Tutup (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.save_button, *extra, self.cancel_button):
            button.setAutoDefault(False)
        self.save_button.clicked.connect(lambda: self.save())
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        # Only once the button is in the dialog does the dialog take it as its default; set before, the dialog had
        # none, and Qt made the first auto-default button of the form its default (drawn as the main action).
        self.save_button.setDefault(True)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=lambda: self.save())
        return extra

    def add_buttons_leading_on(self, layout, open_text: str, new_text: str) -> None:
        """``add_buttons`` with "Buka …" (``open_saved``) and "… baru (Ctrl+N)" (``another``), both
        shown by the form once the record is saved."""
        self.open_button, self.another_button = self.add_buttons(layout, open_text, new_text)
        self.open_button.hide()
        self.another_button.hide()
        self.open_button.clicked.connect(self.open_saved)
        self.another_button.clicked.connect(self.another)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.another)

    def save_from_popup(self, popup: QWidget) -> None:
        """Ctrl+S also in a suggestions popup (a window of its own): closes it and saves."""
        QShortcut(QKeySequence.StandardKey.Save, popup, activated=lambda: (popup.hide(), self.save()),
                  context=Qt.ShortcutContext.WidgetShortcut)

    def _mark_dirty(self, *_args) -> None:
        self._dirty = True

    # -- saving -------------------------------------------------------------------------------------

    def start_saving(self) -> None:
        """A save is under way: a second Enter or Ctrl+S does nothing until it ends."""
        self._saving = True
        if self.save_button is not None:
            self.save_button.setEnabled(False)

    def end_saving(self) -> None:
        self._saving = False
        if self.save_button is not None:
            self.save_button.setEnabled(True)

    def save_refused(self, exc: Exception) -> None:
        """A save that failed: each field's error at its field, the others in the message line (or
        a box when the form has none); another failure in the failure box. Emits ``save_failed``."""
        self.end_saving()
        if isinstance(exc, ValidationError):
            rest = self.show_field_errors(exc.errors)
            if rest and self.message is not None:
                self.message.setText("\n".join(error_text(e) for e in rest))
                self.message.show()
            elif rest:
                show_failure(self, ValidationError(rest))
        else:
            show_failure(self, exc)
        self.save_failed.emit()

    # -- keys and closing ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if self.keeps_enter(focused):
                super().keyPressEvent(event)
                return
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
