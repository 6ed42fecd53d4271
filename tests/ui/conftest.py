"""UI fixtures: a real store on a real SQLite file (copied from a template made once per session),
a TaskManager with its real threads, per-test QSettings in tmp, and the main window."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.store.db import connect as connect_db

ADMIN = {"username": "admin", "password": "rahasia1", "full_name": "Admin Distrik"}
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def shots_dir(tmp_path) -> Path:
    """Where the screenshot tests write: a temporary folder, so a test run leaves git clean; with
    LAYAN_REFRESH_SCREENSHOTS=1, docs/screenshots/ (to refresh the pictures the docs show)."""
    if os.environ.get("LAYAN_REFRESH_SCREENSHOTS") == "1":
        return DOCS_SCREENSHOTS
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def ui_template_dir(tmp_path_factory) -> Path:
    """A migrated, initialized distrik office (DST-MB) with a local admin; made once."""
    from desktop.domain import office, open_store

    folder = tmp_path_factory.mktemp("ui-template")
    store = open_store(folder)
    office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik",
                      admin_username=ADMIN["username"], admin_password=ADMIN["password"],
                      admin_full_name=ADMIN["full_name"])
    store._write_conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return folder


def copy_template(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    conn = connect_db(target / "layan.sqlite3")
    with conn:  # each copy is its own device
        conn.execute("DELETE FROM meta WHERE key IN ('device_id', 'hlc_last')")
    conn.close()
    return target


@pytest.fixture(autouse=True)
def ui_settings(tmp_path, qapp):
    """QSettings in tmp, and Indonesian as the starting language, for every UI test; Python's cyclic garbage
    collected on the GUI thread while it runs, as in the app (desktop/ui/gui_gc.py), and by Python's own
    collector again afterwards, for the non-GUI tests that may follow in this process."""
    from desktop.ui import i18n
    from desktop.ui.gui_gc import collect_in_gui_thread

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    i18n.install_language("id")
    collector = collect_in_gui_thread(qapp)
    yield
    i18n.install_language("id")
    _close_left_message_boxes()
    collector.stop()


def _close_left_message_boxes() -> None:
    """A message box a test opened without answering (the app shows some with ``open()``, which does not
    wait) stays modal in this process and takes the next test's shortcuts: the first-start's "pendaftaran ke
    server gagal" did, and a later test's Ctrl+S and Ctrl+K did nothing (seen under pytest-xdist)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            widget.done(0)
            widget.deleteLater()
    QApplication.processEvents()


@pytest.fixture
def ui_data_dir(ui_template_dir, tmp_path) -> Path:
    return copy_template(ui_template_dir, tmp_path / "data")


@pytest.fixture
def store(ui_data_dir):
    from desktop.domain import open_store

    s = open_store(ui_data_dir)
    yield s
    s.close()


@pytest.fixture
def manager(store, qapp):
    from desktop.tasks import TaskManager

    m = TaskManager(store)
    yield m
    m.shutdown()


@pytest.fixture
def user(store) -> dict:
    from desktop.domain import users

    return next(u for u in users.list_users(store) if u["username"] == ADMIN["username"])


@pytest.fixture
def main_window(qtbot, store, manager, user):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(store, manager, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.app_filters_installed)  # F1 and the wheel guard, once the first rows are painted
    return window


def wait_loaded(qtbot, model) -> None:
    """Waits until the register model has applied its latest query."""
    qtbot.waitUntil(lambda: not model.loading)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed GUI test also says which window had the keyboard, which top-level windows were open
    and which TaskManager was current: a shortcut that "did nothing" is usually one of those."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    from PySide6.QtWidgets import QApplication

    from desktop.tasks import TaskManager

    app = QApplication.instance()
    if app is None:
        return
    windows = [f"{type(w).__name__}({w.objectName()!r}, visible={w.isVisible()}, modal={w.isModal()}"
               f"{', text=' + repr(w.text()) if hasattr(w, 'text') and callable(w.text) else ''})"
               for w in app.topLevelWidgets() if w.isVisible()]
    active = app.activeWindow()
    report.sections.append(("Qt state at the failure", "\n".join([
        f"active window: {type(active).__name__ if active else None}",
        f"modal widget: {app.activeModalWidget()!r} popup: {app.activePopupWidget()!r}",
        f"focus widget: {app.focusWidget()!r}",
        f"current TaskManager: {TaskManager._instance!r} closed={getattr(TaskManager._instance, '_closed', None)}",
        "visible top-level windows:", *windows])))
