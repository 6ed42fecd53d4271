"""Running something once a view has painted what it was asked to.

Qt paints a window when the window gets its update request, which on most platforms comes from a timer of the
window's own, a few milliseconds after the widgets asked for the paint. A zero timer started when new rows
arrive fires before that, and whatever it starts (a long query on a worker, the application's event filters)
then slows the paint the clerk is waiting for. So: wait for the view's own paint of its rows (its ``painted``
signal: registers/register_base.py RegisterTable) and go on after it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget


def _shows_no_rows(view: QWidget) -> bool:
    """A register's table knows its paints from the cells it is asked for (RegisterTable): one with no rows asks
    for none, so what waits for its paint runs on a zero timer."""
    model = view.model() if hasattr(view, "model") else None
    return model is not None and model.rowCount() == 0


class _AfterNextPaint(QObject):
    def __init__(self, view: QWidget, then: Callable[[], None]):
        super().__init__(view)  # gone with the view: ``then`` never runs on a deleted one
        self._view = view
        self._then: Callable[[], None] | None = then
        view.painted.connect(self.run)  # emitted once the paint and its flush are done

    def run(self) -> None:
        then, self._then = self._then, None
        if then is None:
            return
        self._view.painted.disconnect(self.run)
        self.deleteLater()
        then()


def after_next_paint(view: QWidget, then: Callable[[], None], at_latest_ms: int = 500) -> None:
    """``then()`` once, after the next paint of ``view`` (a widget with a ``painted`` signal), or after
    ``at_latest_ms`` if it is not painted by then (a minimized window); on a zero timer if it is not shown."""
    if not view.isVisible() or _shows_no_rows(view):
        QTimer.singleShot(0, view, then)
        return
    waiting = _AfterNextPaint(view, then)
    QTimer.singleShot(at_latest_ms, waiting, waiting.run)


def when_painted(view: QWidget, then: Callable[[], None]) -> None:
    """``then()`` once, after the next paint of ``view``, however long that takes (a page built before its window
    is shown waits for it; a page never shown never needs it)."""
    _AfterNextPaint(view, then)


def after_rows_painted(view: QWidget, model, then: Callable[[], None]) -> None:
    """``then()`` once, after the paint of ``view`` that shows ``model``'s first rows (a register model: its
    ``first_rows`` or ``loaded``, whichever comes first). Not an earlier paint: when the window shows before the
    query returns, the view first paints empty, and what waits would run before the rows are on screen."""
    signals = (model.first_rows, model.loaded)

    def arrived(rows: int) -> None:
        for signal in signals:
            signal.disconnect(arrived)
        if rows == 0:  # no rows to paint: the table asks for no cells (_shows_no_rows)
            QTimer.singleShot(0, view, then)
        else:
            when_painted(view, then)

    for signal in signals:
        signal.connect(arrived)
