"""Cyclic garbage is collected on the GUI thread, never in a worker thread that happens to allocate
(desktop/ui/gui_gc.py): a cycle holding a Qt widget freed off the GUI thread can crash the process."""

from __future__ import annotations

import gc
import threading

from desktop.ui.gui_gc import collect_in_gui_thread


class _Cycle:
    """A reference cycle that says which thread freed it."""

    freed_in: list[int] = []

    def __init__(self):
        self.me = self

    def __del__(self):
        _Cycle.freed_in.append(threading.get_ident())


def _allocate_containers(n: int, kept: list) -> None:
    for _ in range(n):
        kept.append([])  # container allocations still alive are what moves the collector's counters


def test_a_cycle_left_while_a_worker_allocates_is_freed_on_the_gui_thread(qtbot, qapp):
    collect_in_gui_thread(qapp)  # (the UI fixture has installed it already; once is enough)
    assert not gc.isenabled()
    _Cycle.freed_in.clear()
    _Cycle()  # unreachable at once: only a cyclic collection frees it
    kept: list = []
    worker = threading.Thread(target=_allocate_containers, args=(200_000, kept))
    worker.start()
    worker.join()
    assert _Cycle.freed_in == []  # the worker allocated far past the threshold and collected nothing
    qtbot.waitUntil(lambda: bool(_Cycle.freed_in), timeout=5000)
    assert _Cycle.freed_in == [threading.main_thread().ident]


def test_python_collects_by_itself_again_once_stopped(qapp):
    collector = collect_in_gui_thread(qapp)
    collector.stop()
    try:
        assert gc.isenabled()
    finally:
        collect_in_gui_thread(qapp)  # as the UI fixture expects to find it
    assert not gc.isenabled()
