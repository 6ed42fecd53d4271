"""Guards against a PySide6 build that corrupts reference counts when Python emits a signal.

PySide6 6.12.0 (CPython 3.11) drops one reference to ``True`` on every ``Signal.emit`` from
Python; after a few hundred emits the interpreter aborts with "bool_dealloc". pyproject.toml
excludes it; this test names the cause if such a build is ever installed again.
"""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    ping = Signal(object)


def test_emitting_a_signal_keeps_reference_counts(qapp):
    emitter = Emitter()
    received = []
    emitter.ping.connect(received.append)
    before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for i in range(50):
        emitter.ping.emit(i)
    after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    assert received == list(range(50))
    assert after == before, f"PySide6 {PySide6.__version__} corrupts refcounts on emit: {before} -> {after}"
