"""Opens Layan's main window and letter form with demo data and saves screenshots.

Run by test_screenshots.py in a child process under Xvfb (the test process itself runs Qt
offscreen): ``python -m tests.ui.screenshot_app OUT_DIR``. Writes main-window.png,
letter-form.png, letter-dispositions.png, letter-form-errors.png and main-window-en.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QDate, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication


def wait_until(app: QApplication, condition, limit_ms: int = 10000) -> None:
    from PySide6.QtCore import QElapsedTimer

    timer = QElapsedTimer()
    timer.start()
    while not condition():
        app.processEvents()
        if timer.elapsed() > limit_ms:
            raise SystemExit("timed out waiting for the window")


def settle(app: QApplication, ms: int = 300) -> None:
    from PySide6.QtCore import QElapsedTimer

    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        app.processEvents()


def shoot(widget, path: Path) -> None:
    """The real window from the X server when possible (what a user sees), else a render."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    pixmap = screen.grabWindow(widget.winId()) if screen is not None else None
    if pixmap is None or pixmap.isNull():
        pixmap = widget.grab()
    pixmap.save(str(path))


def start_app(out_dir: str, prefix: str):
    """The child process's QApplication with throwaway settings, Indonesian and the app's style:
    (app, the output folder, a scratch folder for data)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings"))
    app = QApplication(sys.argv[:1])

    from desktop.ui import i18n
    from desktop.ui.style import apply_style
    from desktop.ui.widgets.screen_fit import install_screen_fit
    from desktop.ui.widgets.wheel_guard import install_wheel_guard

    i18n.install_language("id")
    apply_style(app)
    install_wheel_guard(app)
    install_screen_fit(app)
    return app, out, scratch


def main(out_dir: str) -> int:
    app, out, scratch = start_app(out_dir, "layan-shots-")

    from desktop.domain import demo, letters, office, open_store, users
    from desktop.tasks import TaskManager
    from desktop.ui.app import LayanApp

    store = open_store(scratch / "data")
    office.initialize(store, code="DST-MB", name="Distrik Mimika Baru", kind="distrik",
                      admin_username="admin", admin_password="rahasia1", admin_full_name="Yohana Kogoya")
    demo.fill(store, actor="admin", count=80)
    newest = store.find(letters.LETTERS, "direction = 'masuk'", order_by="seq DESC", limit=1)[0]
    letters.add_disposition(store, newest["id"], {"kepada": "Sekretaris Distrik", "instruksi": "Hadiri dan laporkan",
                                                  "batas_waktu": QDate.currentDate().addDays(5).toString("yyyy-MM-dd")},
                            actor="admin")
    manager = TaskManager(store)
    user = next(u for u in users.list_users(store))
    controller = LayanApp(store, manager, user)
    window = controller.show_main_window()
    window.resize(1366, 768)
    page = window.show_module("surat_masuk")
    wait_until(app, lambda: not page.model.loading and page.model.rowCount() > 0)
    page.table.selectRow(0)
    page.table.setFocus()
    settle(app)
    shoot(window, out / "main-window.png")

    dialog = page.open_letter(0)
    wait_until(app, lambda: dialog.record is not None)
    dialog.resize(720, 640)
    settle(app)
    shoot(dialog, out / "letter-form.png")
    dialog.tabs.setCurrentWidget(dialog.dispositions)
    wait_until(app, lambda: dialog.dispositions.model.rowCount() > 0)
    settle(app)
    shoot(dialog, out / "letter-dispositions.png")
    dialog.close()

    new = page.new_letter()
    new.resize(720, 640)
    new.form.fields["asal"].setText("Dinas Sosial")
    new.form.fields["klasifikasi"].setText("4o0")
    failed = []
    new.save_failed.connect(lambda: failed.append(1))
    new.save()
    wait_until(app, lambda: bool(failed))
    settle(app)
    shoot(new, out / "letter-form-errors.png")
    new.done(0)

    controller.switch_language("en")
    english = controller.window
    english.resize(1366, 768)
    register = english.show_module("surat_masuk")
    wait_until(app, lambda: not register.model.loading and register.model.rowCount() > 0)
    settle(app)
    shoot(english, out / "main-window-en.png")

    english.close()
    manager.shutdown()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
