"""`layan` on a PC already set up: the login window is painted before the store opens, then names the office,
loads the main window's code while it waits, takes the password and opens the main window (desktop/ui/app.py run_gui, show_login_early). In a child
process: run_gui sets the application's style and translator, which the test session's QApplication must
not get."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.domain import office, open_store

ROOT = Path(__file__).resolve().parents[2]

DRIVEN = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.ui import app as ui_app
from desktop.ui.login_dialog import LoginDialog

app = ui_app.prepare_app("id")
seen = []
painted = ui_app.show_login_early  # the window as first painted, before the store is opened


def first_paint(data_dir):
    login = painted(data_dir)
    seen.append(["painted", login.store is None, login.heading.text(), login.username.hasFocus()])
    return login


ui_app.show_login_early = first_paint


def drive():
    modal = QApplication.activeModalWidget()
    if isinstance(modal, LoginDialog) and modal.store is not None and len(seen) == 1:
        if "desktop.ui.main_window" not in sys.modules:
            return  # loaded while the login window waits for the password (ui_app.MAIN_WINDOW_MODULES)
        seen.append(["login", modal.heading.text()])
        modal.username.setText("admin")
        modal.password.setText("rahasia1")
        modal.login_button.click()
    shown = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible()]
    if shown and len(seen) == 2:
        seen.append(["main", shown[0].windowTitle()])
        shown[0].close()
        QApplication.quit()


timer = QTimer()
timer.timeout.connect(drive)
timer.start(20)
code = ui_app.run_gui(sys.argv[1], "id")
print(json.dumps([code, seen]))
"""


def test_the_login_window_comes_before_the_store_and_leads_to_the_main_window(tmp_path):
    folder = tmp_path / "data"
    store = open_store(folder)
    office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik", admin_username="admin",
                      admin_password="rahasia1", admin_full_name="Yohana Kogoya")
    store.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", DRIVEN, str(folder)], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    code, seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert code == 0
    assert seen == [["painted", True, " ", True],  # no store yet; the heading's line is kept for the name
                    ["login", "Distrik Mimika Baru"],
                    ["main", "Layan — Distrik Mimika Baru"]]


def test_the_early_window_looks_for_the_store_s_own_database_file():
    from desktop.store.db import DB_FILENAME
    from desktop.ui.app import DATABASE_FILE

    assert DATABASE_FILE == DB_FILENAME


def test_a_first_start_has_no_early_login_window(tmp_path):
    """No database yet: the wizard comes first, not a login window for an office that does not exist."""
    code = "import sys; from desktop.ui import app as ui_app; ui_app.prepare_app('id'); " \
           "print(ui_app.show_login_early(sys.argv[1]) is None)"
    (tmp_path / "new").mkdir()  # a folder alone (logs, settings) is not a PC already set up
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "new")], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "True"
