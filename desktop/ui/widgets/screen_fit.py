"""Every window fits the screen it opens on: a 1366×768 laptop with a taskbar (1366×728 usable),
at 125 % or 150 % scaling too.

One application-wide event filter: when a dialog or wizard is about to show, its minimum and
maximum size are capped to the screen's available area (less the title bar and frame), and a
dialog opened larger than that, or partly off the screen, is brought inside it. Forms that can
be taller than the screen scroll vertically (``scrollable``); none scrolls sideways.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, QTimer
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..qt_values import SCROLL_BAR_ALWAYS_OFF

if TYPE_CHECKING:  # QEvent is not set up before the first paint (179 enum members); the filters come after it
    from PySide6.QtCore import QEvent

FRAME = QSize(16, 40)  # the window frame and title bar Windows adds around a dialog


def available_size(widget: QWidget) -> QSize:
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry().size() - FRAME


def fit_to_screen(window: QWidget) -> None:
    """Caps ``window``'s minimum/maximum size to the screen and moves it inside the screen; a dialog
    whose content needs more height (or width) than the screen has gets that content in a scroll area."""
    # Here, as QDialogButtonBox below: PySide sets up a class and its enums on first use (~1 ms each), and the
    # main window's first paint needs neither.
    from PySide6.QtWidgets import QWizard

    room = available_size(window)
    layout = window.layout()
    if isinstance(window, QDialog) and not isinstance(window, QWizard) and layout is not None \
            and not getattr(window, "_layan_scrolls", False):
        needed = layout.totalMinimumSize()
        if needed.height() > room.height() or needed.width() > room.width():
            _scroll_content(window, layout)
    if window.minimumWidth() > room.width() or window.minimumHeight() > room.height():
        window.setMinimumSize(min(window.minimumWidth(), room.width()), min(window.minimumHeight(), room.height()))
    if window.maximumWidth() > room.width() or window.maximumHeight() > room.height():
        window.setMaximumSize(min(window.maximumWidth(), room.width()), min(window.maximumHeight(), room.height()))
    if window.width() > room.width() or window.height() > room.height():
        window.resize(min(window.width(), room.width()), min(window.height(), room.height()))
    screen = (window.screen() or QApplication.primaryScreen()).availableGeometry()
    frame = window.frameGeometry()
    if window.isVisible() and not screen.contains(frame):
        x = min(max(frame.x(), screen.x()), screen.right() - frame.width())
        y = min(max(frame.y(), screen.y()), screen.bottom() - frame.height())
        window.move(max(x, screen.x()), max(y, screen.y()))


def centre_on_screen(window: QWidget) -> None:
    """Moves ``window`` (its frame) to the middle of its screen's available area, inside it."""
    screen = (window.screen() or QApplication.primaryScreen()).availableGeometry()
    frame = window.frameGeometry()
    x = screen.x() + max(0, (screen.width() - frame.width()) // 2)
    y = screen.y() + max(0, (screen.height() - frame.height()) // 2)
    window.move(x, y)


def _scroll_content(dialog: QDialog, layout) -> None:
    """Moves the dialog's layout (and so its widgets) into a scroll area; the row of buttons at the
    bottom stays outside it, always in view."""
    from PySide6.QtWidgets import QDialogButtonBox

    focused = dialog.focusWidget()  # moving the widgets takes the focus away: given back below
    buttons = None
    last = layout.itemAt(layout.count() - 1) if layout.count() else None
    if last is not None and isinstance(last.widget(), QDialogButtonBox):
        buttons = last.widget()
        layout.removeWidget(buttons)
    body = QWidget()
    body.setObjectName("dialogBody")
    body.setLayout(layout)  # Qt takes the layout off the dialog; its widgets follow it
    outer = QVBoxLayout(dialog)
    margins = layout.contentsMargins()
    outer.setContentsMargins(0, 0, margins.right(), margins.bottom())
    layout.setContentsMargins(margins.left(), margins.top(), margins.right(), 0)
    area = scrollable(body)
    outer.addWidget(area, 1)
    if buttons is not None:
        outer.addWidget(buttons)
    if dialog.isVisible():  # moved while open (content grew): new children must be shown
        area.show()
    dialog._layan_scrolls = True
    if focused is not None and body.isAncestorOf(focused):
        # The next step the form had put the cursor on (a detail's first action) keeps it, and is scrolled to
        focused.setFocus()
        QTimer.singleShot(0, lambda: area.ensureWidgetVisible(focused))


def grow_window_for(widget: QWidget) -> None:
    """Grows ``widget``'s window, when it must, so that what was just shown in it is read in full: a
    dialog or wizard keeps the height it opened with, and a wrapped message would be cut off. Inside
    a scroll area the area scrolls instead; the window never grows past the screen."""
    window = widget.window()
    if window is widget or window.isMaximized() or window.isFullScreen():
        return
    deficit = 0
    current: QWidget | None = widget
    while current is not None:
        holder = current.parentWidget()
        if holder is not None and (isinstance(holder, QAbstractScrollArea)
                                   or isinstance(holder.parentWidget(), QAbstractScrollArea)):
            return  # the scroll area makes room
        layout = current.layout()
        if layout is not None:
            layout.activate()
            needed = (layout.totalHeightForWidth(current.width()) if layout.hasHeightForWidth()
                      else layout.totalMinimumSize().height())
            deficit = max(deficit, needed - current.height())
        if current is window:
            break
        current = holder
    if deficit > 0:
        room = available_size(window).height()
        window.resize(window.width(), min(window.height() + deficit, room))


class _RoomWhenShown(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget):
            grow_window_for(obj)
        return False


_room_when_shown: _RoomWhenShown | None = None


def make_room_when_shown(widget: QWidget) -> None:
    """Each time ``widget`` (a message label) appears, its window grows if it must (``grow_window_for``)."""
    global _room_when_shown
    if _room_when_shown is None:
        _room_when_shown = _RoomWhenShown()
    widget.installEventFilter(_room_when_shown)


class ScreenFit(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        from PySide6.QtCore import QEvent

        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(obj, QDialog) and obj.isWindow():  # (a QWizard is one)
            fit_to_screen(obj)
        elif kind == QEvent.Type.LayoutRequest and isinstance(obj, QDialog) and obj.isWindow() and obj.isVisible():
            # Content added after opening (a record loaded, a service's fields) may no longer fit.
            QTimer.singleShot(0, lambda d=obj: _refit(d))
        return False


def _refit(dialog: QDialog) -> None:
    try:
        if dialog.isVisible() and not getattr(dialog, "_layan_scrolls", False):
            fit_to_screen(dialog)
    except RuntimeError:  # the dialog was closed and deleted meanwhile
        pass


def install_screen_fit(app: QApplication) -> ScreenFit:
    fit = getattr(app, "_layan_screen_fit", None)
    if fit is None:
        fit = ScreenFit(app)
        app.installEventFilter(fit)
        app._layan_screen_fit = fit
    return fit


def pause_screen_fit(app: QApplication) -> None:
    """Takes the filter off while a window is built (install_screen_fit puts it back once it is painted)."""
    fit = getattr(app, "_layan_screen_fit", None)
    if fit is not None:
        app.removeEventFilter(fit)
        app._layan_screen_fit = None


class FormScroll(QScrollArea):
    """A frameless area that scrolls vertically only, and asks for its body's full width."""

    sideways = False  # True: may scroll sideways, and asks for no more than a scroll area does

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        body = self.widget()
        if body is None or self.sideways:
            return hint
        return QSize(body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width(), hint.height())


def scroll_area(*, last_resort_sideways: bool = False) -> QScrollArea:
    """An empty frameless area for ``scrollable``'s body. Put it in its place before the body is built and set
    (``setWidget``): a body moved with the area into a window is restyled widget by widget a second time."""
    area = FormScroll()
    area.setObjectName("formScroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.sideways = last_resort_sideways
    if not last_resort_sideways:
        # A property, not setHorizontalScrollBarPolicy: naming the policy builds PySide's Qt namespace (qt_values).
        area.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
    return area


def scrollable(body: QWidget, *, last_resort_sideways: bool = False) -> QScrollArea:
    """``body`` in a frameless area that scrolls vertically when the window is short, never sideways:
    the body is as wide as the area (its rows wrap or shrink rather than run off to the right), and
    the area asks for the body's width, so the window opens wide enough for it.

    ``last_resort_sideways`` (the main window's pages): rather than push the window past the screen,
    a page wider than the screen scrolls sideways — the screenshot tests report it as a fault."""
    area = scroll_area(last_resort_sideways=last_resort_sideways)
    area.setWidget(body)
    area.setFocusProxy(body)
    return area
