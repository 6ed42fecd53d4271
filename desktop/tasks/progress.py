"""Progress reports from inside a running op, throttled so the GUI thread is not flooded.

An op's function calls ``report_progress(value, maximum)`` as often as it likes; at most one
update per ``THROTTLE_SECONDS`` reaches the GUI (plus the final one).
"""

from __future__ import annotations

import threading
import time

THROTTLE_SECONDS = 0.1

_current = threading.local()


class ProgressReporter:
    def __init__(self, manager, token: int, label: str):
        self.manager = manager
        self.token = token
        self.label = label
        self._last = 0.0

    def report(self, value: int, maximum: int, label: str | None = None) -> None:
        now = time.monotonic()
        if now - self._last < THROTTLE_SECONDS and value < maximum:
            return
        self._last = now
        args = (self.token, label or self.label, int(value), int(maximum))
        # Through the same queue as the op's result, so no update arrives after "finished".
        self.manager.run_on_main(lambda: self.manager.progress_updated.emit(*args))


def report_progress(value: int, maximum: int, label: str | None = None) -> None:
    """Called from an op's function; does nothing when the op was started without progress."""
    reporter = getattr(_current, "reporter", None)
    if reporter is not None:
        reporter.report(value, maximum, label)


def run_with_reporter(reporter: ProgressReporter | None, fn):
    _current.reporter = reporter
    try:
        return fn()
    finally:
        _current.reporter = None
