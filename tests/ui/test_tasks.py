"""The op helpers: where work runs, what comes back, how failures are shown."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.domain import letters
from desktop.store.db import DiskFullError, StoreError
from desktop.tasks import CrashDialog, QueryOp, WriteOp, known_message, report_progress
from desktop.tasks.progress import THROTTLE_SECONDS
from desktop.ui import i18n

INCOMING = {"tanggal_terima": "2026-11-02", "asal": "Dinas Sosial", "perihal": "Uji", "sifat": "biasa"}


def test_query_runs_on_a_worker_and_returns_on_the_gui_thread(qtbot, manager):
    seen = {}

    def op(store):
        seen["op_thread"] = threading.current_thread()
        return store.office()["code"]

    def success(value):
        seen["value"] = value
        seen["success_thread"] = threading.current_thread()

    QueryOp(None, op, success=success).run()
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == "DST-MB"
    assert seen["op_thread"] is not threading.main_thread()
    assert seen["success_thread"] is threading.main_thread()


def test_closures_for_the_gui_thread_always_wait_their_turn(qtbot, manager):
    """Posted from the GUI thread too, a closure runs later, after what was posted before it."""
    ran = []
    worker = threading.Thread(target=lambda: [manager.run_on_main(lambda n=n: ran.append(("worker", n)))
                                              for n in range(50)])
    worker.start()
    worker.join()
    manager.run_on_main(lambda: ran.append(("gui", threading.current_thread())))
    assert ran == []  # queued, not run inside the call
    qtbot.waitUntil(lambda: len(ran) == 51)
    assert ran == [("worker", n) for n in range(50)] + [("gui", threading.main_thread())]


def test_writes_run_on_the_one_writer_thread_and_report_changes(qtbot, manager):
    threads, results = [], []
    emitted = []
    manager.changed.connect(emitted.append)
    for i in range(3):
        op = WriteOp(None, lambda store, i=i: (threads.append(threading.current_thread()),
                                              letters.register_incoming(store, {**INCOMING, "perihal": f"Uji {i}"},
                                                                        actor="admin"))[1])
        op.success(lambda change, op=op: results.append((change, op.changes))).run()
    qtbot.waitUntil(lambda: len(results) == 3)
    assert len(set(threads)) == 1 and threads[0] is not threading.main_thread()
    for change, changes in results:
        assert [c.record_id for c in changes.changes] == [change.record_id]
        assert changes.collections == {"letters"}
    qtbot.waitUntil(lambda: len(emitted) == 3)


def test_a_known_failure_goes_to_the_failure_callback(qtbot, manager):
    failures = []

    def op(store):
        raise DiskFullError("Penyimpanan penuh.", "The disk is full.")

    QueryOp(None, op).failure(failures.append).run()
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], DiskFullError)
    assert known_message(failures[0]) == "Penyimpanan penuh."
    i18n.install_language("en")
    assert known_message(failures[0]) == "The disk is full."


def test_bugs_are_not_known_errors():
    assert known_message(KeyError("x")) is None
    assert known_message(StoreError("Pesan", "Message")) == "Pesan"


def test_automatic_failures_never_pop_up(qtbot, manager):
    messages = []
    manager.automatic_failed.connect(messages.append)

    def op(store):
        raise StoreError("Cadangan gagal ditulis.", "Backup failed.")

    QueryOp(None, op).automatic().run()
    qtbot.waitUntil(lambda: bool(messages))
    assert messages == ["Cadangan gagal ditulis."]
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.inherits("QMessageBox")]


def test_callbacks_are_skipped_when_the_parent_is_gone(qtbot, manager):
    parent = QWidget()
    called = []
    release = threading.Event()
    QueryOp(parent, lambda store: release.wait(5), success=called.append).run()
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _alive(parent))
    release.set()
    done = []
    QueryOp(None, lambda store: None, success=lambda _v: done.append(1)).run()
    qtbot.waitUntil(lambda: bool(done))
    manager.shutdown()  # waits for the first op; its callback must not run
    assert called == []


def _alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_progress_is_throttled(qtbot, manager):
    updates = []
    manager.progress_updated.connect(lambda token, label, value, maximum: updates.append(value))
    started, finished = [], []
    manager.progress_started.connect(lambda token, label: started.append(label))
    manager.progress_finished.connect(finished.append)

    def op(store):
        for i in range(1, 5001):
            report_progress(i, 5000)

    QueryOp(None, op).with_progress("Menghitung…").run()
    qtbot.waitUntil(lambda: bool(finished))
    assert started == ["Menghitung…"]
    assert updates[-1] == 5000
    assert THROTTLE_SECONDS > 0 and len(updates) < 100  # 5000 reports in a few ms: a handful of updates


def test_crash_dialog_copies_details(qtbot):
    try:
        raise ValueError("boom")
    except ValueError as exc:
        dialog = CrashDialog(exc)
    qtbot.addWidget(dialog)
    assert dialog.copy_button.text() == "Salin detail"
    dialog.copy_button.click()
    text = QApplication.clipboard().text()
    assert "ValueError: boom" in text and "Layan" in text


@pytest.mark.parametrize("lang,label", [("id", "Salin detail"), ("en", "Copy details")])
def test_crash_dialog_speaks_the_users_language(qtbot, lang, label):
    i18n.install_language(lang)
    dialog = CrashDialog(RuntimeError("x"))
    qtbot.addWidget(dialog)
    assert dialog.copy_button.text() == label
