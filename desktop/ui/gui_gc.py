"""Python's cyclic garbage collected on the GUI thread only.

Python collects reference cycles in whichever thread happens to allocate past the collector's threshold. When a
cycle holds a Qt object (a closed form and a slot or lambda that refers to it), collecting it in a worker thread
destroys that object off the GUI thread, and Qt may crash the process: seen in the test suite as a segmentation
fault while a TaskManager worker built the ICD-10 index ("Garbage-collecting" in the worker's stack). So the
automatic collector is switched off and the GUI thread collects on a timer, by the same thresholds. This is the
pattern of pyqtgraph's ``util.garbage_collector``; that module is not imported because importing pyqtgraph
costs start-up time the first screen does not need.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500  # between checks: cyclic garbage made meanwhile waits at most this long


class GuiThreadCollector(QObject):
    """Collects generation 0 (and older ones when their thresholds are passed) from the GUI thread's event loop."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self.start()

    def start(self) -> None:
        gc.disable()
        self._timer.start(INTERVAL_MS)

    def check(self) -> None:
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)

    def stop(self) -> None:
        """Back to Python's own collector (after a full collection here)."""
        self._timer.stop()
        gc.collect()
        gc.enable()


_installed: GuiThreadCollector | None = None


def collect_in_gui_thread(app: QObject) -> GuiThreadCollector:
    """Installs the collector on ``app`` (the QApplication: its thread is the GUI thread), once; a stopped one
    starts again."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
    elif not _installed._timer.isActive():
        _installed.start()
    return _installed
