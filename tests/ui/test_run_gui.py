"""Starting the app end to end on a fresh folder: first start → daily backup → login → main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard

from desktop.domain import letters, open_store
from desktop.tasks import TaskManager
from desktop.ui.app import launch
from desktop.ui.first_start import FirstStartWizard
from desktop.ui.login_dialog import LoginDialog


@pytest.fixture
def fresh(tmp_path, qapp):
    store = open_store(tmp_path / "kantor")
    manager = TaskManager(store)
    yield store, manager
    manager.shutdown()
    store.close()


def drive_dialogs(seen: list):
    """Plays the clerk in the modal dialogs (they run their own event loops)."""
    def drive():
        # Only the modal dialog being exec'd: other top-level widgets of earlier tests may be mid-deletion.
        widget = QApplication.activeModalWidget()
        if widget is not None:
            if isinstance(widget, FirstStartWizard) and "wizard" not in seen:
                seen.append("wizard")
                widget.office_page.code.setText("DST-KW")
                widget.office_page.name.setText("Distrik Kwamki Narama")
                widget.office_page.demo.setChecked(True)
                widget.next()
                widget.admin_page.username.setText("yohana")
                widget.admin_page.password.setText("rahasia1")
                widget.admin_page.password2.setText("rahasia1")
                widget.button(QWizard.WizardButton.FinishButton).click()
            elif isinstance(widget, LoginDialog) and "login" not in seen:
                seen.append("login")
                widget.username.setText("yohana")
                widget.password.setText("rahasia1")
                widget.login_button.click()
    timer = QTimer()
    timer.timeout.connect(drive)
    timer.start(50)
    return timer


def test_first_start_to_main_window(qtbot, fresh):
    store, manager = fresh
    seen = []
    timer = drive_dialogs(seen)
    controller = launch(store, manager)
    timer.stop()
    assert seen == ["wizard", "login"]
    window = controller.window
    qtbot.addWidget(window)
    assert window.windowTitle() == "Layan — Distrik Kwamki Narama"
    assert controller.user["username"] == "yohana"
    assert store.office()["code"] == "DST-KW"
    assert store.count(letters.LETTERS) > 0  # demo data
    qtbot.waitUntil(lambda: bool(list((store.data_dir / "backups").glob("daily-*.sqlite3"))))


def test_an_office_without_users_asks_for_an_admin(qtbot, fresh):
    from desktop.domain import office

    store, manager = fresh
    office.initialize(store, code="DST-KW", name="Distrik Kwamki Narama", kind="distrik")
    seen = []
    timer = drive_dialogs(seen)
    controller = launch(store, manager)
    timer.stop()
    qtbot.addWidget(controller.window)
    assert seen == ["wizard", "login"]
    assert controller.user["username"] == "yohana" and controller.user["role"] == "admin"
    assert store.count(letters.LETTERS) == 0  # the admin-only wizard sets up nothing else
