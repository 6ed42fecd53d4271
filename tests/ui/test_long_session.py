"""A long session keeps the planner's statistics current: PRAGMA optimize every few hours, on the writer."""

from __future__ import annotations

import uuid6
from PySide6.QtCore import QObject

from desktop.ui.app import OPTIMIZE_EVERY_MS, start_periodic_optimize


def test_the_periodic_optimize_refreshes_statistics(qtbot, store, manager):
    with store.transaction() as tx:
        tx.execute("ANALYZE")  # statistics from before the letters below
        rows = [(str(uuid6.uuid7()), store.office_id, "masuk", 2031, i + 1, f"Surat {i}", "biasa") for i in range(2500)]
        tx.conn.executemany("INSERT INTO letters(id, office_id, direction, year, seq, perihal, sifat) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    total = store.read().execute("SELECT count(*) FROM letters").fetchone()[0]

    def statistics() -> str:
        row = store.read().execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'letters_number'").fetchone()
        return row[0] if row else ""

    assert not statistics().startswith(f"{total} ")
    owner = QObject()
    timer = start_periodic_optimize(manager, owner)
    assert timer.isActive() and timer.interval() == OPTIMIZE_EVERY_MS == 4 * 60 * 60 * 1000
    timer.timeout.emit()  # as after four hours
    qtbot.waitUntil(lambda: statistics().startswith(f"{total} "))
    timer.stop()
