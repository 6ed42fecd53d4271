"""The screen lock: it comes on after the (test-short) idle time, covers every window without closing
any, and only the logged-in user's right password takes it off."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.tasks import sync_scheduler
from desktop.ui.forms.letter_dialog import LetterDialog
from desktop.ui.lock import LOCK_META, LockCover, LockDialog, LockSettingsBox, ScreenLock

from .conftest import ADMIN

LOCK_WAIT = 30_000  # ms: generous; the lock itself is set to a fraction of a second


def covers_of(widget) -> list[LockCover]:
    return [c for c in widget.findChildren(LockCover, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if c.isVisible()]


def unlock_with(qtbot, lock: ScreenLock, password: str) -> None:
    dialog = lock.dialog
    dialog.password.setText(password)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: not dialog.checking, timeout=LOCK_WAIT)


def test_locks_after_idle_time_and_unlocks_only_with_the_right_password(qtbot, main_window, manager, user):
    dialog = LetterDialog(main_window.store, "masuk", user["username"], parent=main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.fields["perihal"].setText("Undangan rapat koordinasi")  # typed, not saved
    lock = ScreenLock(manager, user, minutes=0)
    try:
        assert lock.timeout_ms == 0 and not lock.locked
        lock.set_timeout_ms(300)
        qtbot.waitUntil(lambda: lock.locked, timeout=LOCK_WAIT)
        # Every window is covered, nothing was closed, and the lock dialog takes all input.
        assert dialog.isVisible() and main_window.isVisible()
        assert len(covers_of(main_window)) == 1 and len(covers_of(dialog)) == 1
        assert covers_of(main_window)[0].geometry() == main_window.rect()
        assert isinstance(lock.dialog, LockDialog) and lock.dialog.isVisible()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is lock.dialog)
        # Esc and closing do nothing.
        lock.dialog.reject()
        lock.dialog.close()
        assert lock.locked and lock.dialog.isVisible()
        # A wrong password: a message, still locked.
        unlock_with(qtbot, lock, "salah-sekali")
        assert lock.locked
        assert lock.dialog.error.isVisible() and lock.dialog.error.text() == "Kata sandi salah."
        assert lock.dialog.password.text() == ""
        # The right one: covers gone, the half-typed form is still there.
        with qtbot.waitSignal(lock.locked_changed, timeout=LOCK_WAIT):
            unlock_with(qtbot, lock, ADMIN["password"])
        assert not lock.locked and lock.dialog is None
        assert covers_of(main_window) == [] and covers_of(dialog) == []
        assert dialog.isVisible() and dialog.form.fields["perihal"].text() == "Undangan rapat koordinasi"
    finally:
        lock.set_timeout_ms(0)
        lock.unlock()
        lock.uninstall()
        lock.deleteLater()


def test_input_counts_as_activity_and_ctrl_l_locks_at_once(qtbot, main_window, manager, user):
    lock = ScreenLock(manager, user, minutes=60)
    try:
        lock._last = 0.0  # as if idle since long ago (the timer checks only every few seconds)
        qtbot.keyClick(main_window.nav, "a")
        assert lock._last > 0.0  # a key press anywhere in the app is activity
        assert not lock.locked
        qtbot.waitUntil(lambda: main_window.isActiveWindow())
        qtbot.keyClick(main_window.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert lock.locked and len(covers_of(main_window)) == 1
        unlock_with(qtbot, lock, "bukan-ini")
        assert lock.locked
        unlock_with(qtbot, lock, ADMIN["password"])
        qtbot.waitUntil(lambda: not lock.locked)
    finally:
        lock.unlock()
        lock.uninstall()
        lock.deleteLater()


def test_minutes_come_from_meta_and_the_settings_box_changes_them(qtbot, store, manager, user):
    store.set_meta(LOCK_META, "2")
    lock = ScreenLock(manager, user)
    try:
        qtbot.waitUntil(lambda: lock.timeout_ms == 120_000)
        box = LockSettingsBox(manager)
        qtbot.addWidget(box)
        qtbot.waitUntil(lambda: box.minutes.isEnabled())
        assert box.minutes.value() == 2
        box.minutes.setValue(0)
        assert box.minutes.text() == "tidak pernah"
        box.save_button.click()
        qtbot.waitUntil(lambda: box.result.text() == "Tersimpan.")
        assert store.meta(LOCK_META) == "0"
        assert lock.timeout_ms == 0 and not lock._check.isActive()  # 0 turns the lock off
    finally:
        lock.uninstall()
        lock.deleteLater()


def test_launch_starts_the_scheduler_and_the_lock(qtbot, store, manager, monkeypatch):
    from desktop.ui import app
    from desktop.ui.app import launch

    monkeypatch.setattr(app, "FIRST_SYNC_DELAY_MS", 0)  # the scheduler starts after the first screen
    from desktop.ui.login_dialog import LoginDialog

    def log_in():
        widget = QApplication.activeModalWidget()
        if isinstance(widget, LoginDialog) and not widget.username.text():
            widget.username.setText(ADMIN["username"])
            widget.password.setText(ADMIN["password"])
            widget.login_button.click()

    timer = QTimer()
    timer.timeout.connect(log_in)
    timer.start(50)
    controller = launch(store, manager)
    timer.stop()
    try:
        qtbot.addWidget(controller.window)
        scheduler = sync_scheduler.scheduler_for(manager)
        assert not scheduler.active  # not while the first screen is being built
        qtbot.waitUntil(lambda: scheduler.active)
        # Not enrolled: the start-up check finds nothing to do, and no automatic sync is scheduled.
        qtbot.waitUntil(lambda: scheduler.enrolled is False, timeout=LOCK_WAIT)
        assert not scheduler._periodic.isActive() and not scheduler.running
        assert isinstance(controller.screen_lock, ScreenLock)
        qtbot.waitUntil(lambda: controller.screen_lock.timeout_ms == 10 * 60_000)  # the default
    finally:
        sync_scheduler.stop_for(manager)
        controller.screen_lock.uninstall()
