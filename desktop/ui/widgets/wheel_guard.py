"""The mouse wheel never changes a field the clerk is not in.

Scrolling down a page with the wheel used to change whatever combo box, number or date field
passed under the pointer (Ukuran kertas went from A4 to F4). One application-wide event filter
stops that: a wheel turned over such a field without keyboard focus scrolls the page instead.
A field that has focus (the clerk clicked or tabbed into it) still takes the wheel, as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QSlider, QWidget

GUARDED = (QComboBox, QAbstractSpinBox, QSlider)  # QAbstractSpinBox covers spin boxes and date fields


class WheelGuard(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.Wheel or not isinstance(obj, GUARDED):
            return False
        field: QWidget = obj
        if field.hasFocus() or (field.focusProxy() is not None and field.focusProxy().hasFocus()):
            return False
        area = _scroll_area_of(field)
        if area is not None:
            # The page scrolls as if the pointer were over an empty part of it.
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True  # the field itself never sees it


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QComboBox):
            return parent
        parent = parent.parentWidget()
    return None


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Installs the guard once on ``app`` (a second call returns the first guard)."""
    guard = getattr(app, "_layan_wheel_guard", None)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        app._layan_wheel_guard = guard
    return guard
