"""The mouse wheel never changes a field the clerk is not in.

Scrolling down a page with the wheel used to change whatever combo box, number or date field
passed under the pointer (Ukuran kertas went from A4 to F4). One application-wide event filter
stops that: a wheel turned over such a field without keyboard focus scrolls the page instead.
A field that has focus (the clerk clicked or tabbed into it) still takes the wheel, as usual.

Qt gives a combo box or spin box the focus when a real wheel turns over it (their focus policy is
WheelFocus), before any event filter sees the wheel: the field then "has focus" and took the wheel
anyway. So the guard also makes these fields take focus only by click or Tab (StrongFocus), those made
later as they are polished, those already there when it is installed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QSlider, QWidget

GUARDED = (QComboBox, QAbstractSpinBox, QSlider)  # QAbstractSpinBox covers spin boxes and date fields


class WheelGuard(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.Polish:
            if isinstance(obj, GUARDED):
                _no_wheel_focus(obj)
            return False
        if kind != QEvent.Type.Wheel or not isinstance(obj, GUARDED):
            return False
        field: QWidget = obj
        if field.hasFocus() or (field.focusProxy() is not None and field.focusProxy().hasFocus()):
            return False
        area = _scroll_area_of(field)
        if area is not None:
            # The page scrolls as if the pointer were over an empty part of it.
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True  # the field itself never sees it


def _no_wheel_focus(field: QWidget) -> None:
    if field.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


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
        for window in app.topLevelWidgets():  # the fields made before the guard (the main window's first screen)
            for kind in GUARDED:
                for field in window.findChildren(kind):
                    _no_wheel_focus(field)
    return guard
