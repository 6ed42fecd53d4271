"""A form grid whose fields can show their own error: a red border and a message under the field.

Validation errors arrive from the domain as FieldError(field, message, message_en); the form
puts each one under its field and moves focus to the first bad one (in tab order). A field's
error goes away as soon as the clerk changes that field (the message was about the old value;
the next save checks the new one), and a message that needs more room than the window has grows
the window rather than being cut off.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.tasks import pick

from .screen_fit import make_room_when_shown

# The signals by which a field says the clerk changed it (the first one a widget has is used). A line
# edit uses textEdited: connected before the form's own handlers, so a check run on that same
# keystroke (the NIK) may still set a new error.
CHANGE_SIGNALS = ("edited", "textEdited", "textChanged", "dateChanged", "valueChanged", "currentIndexChanged", "toggled")


class FieldForm(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 6)
        self.grid = QGridLayout()
        outer.addLayout(self.grid)
        outer.addStretch(1)  # spare height goes below the fields, not between them
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(2)
        self.grid.setHorizontalSpacing(12)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self._row = 0

    def add_field(self, key: str, label: str, widget: QWidget, *, hint: QWidget | None = None) -> QWidget:
        caption = QLabel(label)
        caption.setBuddy(widget)
        caption.setObjectName("fieldLabel")
        if not label:
            caption.hide()  # an empty caption would still take a line's height
        self.grid.addWidget(caption, self._row, 0)
        self.grid.addWidget(widget, self._row, 1)
        if hint is not None:
            self.grid.addWidget(hint, self._row, 2)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        make_room_when_shown(error)  # a shown message grows a window that is too short for it
        self._clear_on_change(key, widget)
        self.grid.addWidget(error, self._row + 1, 1, 1, 2)
        self._row += 2
        self.fields[key] = widget
        self.labels[key] = caption
        self.errors[key] = error
        if not widget.objectName():  # keep a styling name such as "numberValue"
            widget.setObjectName(f"field_{key}")
        if hasattr(widget, "error_changed"):  # a field that judges itself (DateField): its reason shows here
            widget.error_changed.connect(lambda message, k=key: self.set_error(k, message) if message
                                         else self.clear_error(k))
        return widget

    def add_widget(self, widget: QWidget) -> None:
        self.grid.addWidget(widget, self._row, 0, 1, 3)
        self._row += 1

    def set_error(self, key: str, message: str) -> None:
        widget, error = self.fields[key], self.errors[key]
        own = getattr(widget, "error", None)
        if callable(own) and own():
            message = own()  # a field that judges itself (DateField) knows best why: "Februari 2026 hanya 28 hari."
        widget.setProperty("invalid", True)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
        error.setText(message)
        error.show()

    def clear_error(self, key: str) -> None:
        widget = self.fields[key]
        if widget.property("invalid"):
            widget.setProperty("invalid", False)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.errors[key].hide()
        self.errors[key].clear()

    def clear_errors(self) -> None:
        for key, widget in self.fields.items():
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
            self.errors[key].hide()
            self.errors[key].clear()

    def show_field_errors(self, errors) -> list:
        """Shows each FieldError at its field; returns those that belong to no field here."""
        self.clear_errors()
        unplaced = []
        first = None
        for err in errors:
            if err.field in self.fields:
                self.set_error(err.field, pick(err.message, err.message_en))
                if first is None or self._order(err.field) < self._order(first):
                    first = err.field
            else:
                unplaced.append(err)
        if first is not None:
            self.fields[first].setFocus()
        return unplaced

    def error_text(self, key: str) -> str:
        return self.errors[key].text()

    def _order(self, key: str) -> int:
        return list(self.fields).index(key)

    # -- an error goes when the field changes ---------------------------------------------------------

    def _clear_on_change(self, key: str, widget: QWidget) -> None:
        for name in CHANGE_SIGNALS:
            signal = getattr(widget, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(lambda *_args, k=key: self.clear_error(k) if k in self.errors else None)
                break
        if hasattr(widget, "editTextChanged"):  # an editable combo: typing is a change too
            widget.editTextChanged.connect(lambda *_args, k=key: self.clear_error(k) if k in self.errors else None)

