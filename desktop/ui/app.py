"""Starting the GUI: language, store, first start, login, main window — and the way out.

``run_gui(data_dir, lang)`` is what ``layan`` calls. The order matters: the translator is
installed before any widget exists; the store is opened once, with one TaskManager for its
lifetime; the daily backup runs in the background (failures go to the status bar, never a
dialog); the first-start wizard runs only for an office that is not set up.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.domain import office, open_store, users
from desktop.store import backup
from desktop.store.db import StoreError
from desktop.store.records import Store
from desktop.tasks import QueryOp, TaskManager, error_text, sync_scheduler

from . import i18n
from .lock import ScreenLock
from .settings import save_language, saved_language
from .style import apply_style
from .widgets.screen_fit import install_screen_fit
from .widgets.wheel_guard import install_wheel_guard

log = logging.getLogger(__name__)


class LayanApp(QObject):
    """Holds the open store, its TaskManager, the logged-in user and the main window."""

    def __init__(self, store: Store, manager: TaskManager, user: dict):
        super().__init__()
        self.store = store
        self.manager = manager
        self.user = user
        self.window = None
        self.restarting_for_restore: str | None = None

    def show_main_window(self):
        from .main_window import MainWindow

        window = MainWindow(self.store, self.manager, self.user)
        window.language_requested.connect(self.switch_language)
        window.restore_requested.connect(self.restore_and_quit)
        old, self.window = self.window, window
        if old is not None:
            old.save_state()
            window.restoreGeometry(old.saveGeometry())
            old.close()
            old.deleteLater()
        if window.first_start:
            window.showMaximized()  # the first time: the whole screen; later, as the clerk left it
        else:
            window.show()
        return window

    def switch_language(self, lang: str) -> None:
        """Live: the translator changes and the main window is rebuilt in the new language."""
        save_language(lang)
        i18n.install_language(lang)
        self.show_main_window()

    def restore_and_quit(self, path: str) -> None:
        """A restore replaces the database file: stop every thread and close the store first."""
        self.restarting_for_restore = path
        if self.window is not None:
            self.window.save_state()
        sync_scheduler.stop_for(self.manager)
        self.manager.shutdown()
        self.store.close()
        try:
            safety = backup.restore_from(self.store.data_dir, path)
        except StoreError as exc:
            QMessageBox.warning(self.window, QCoreApplication.translate("App", "Pemulihan gagal"),
                                QCoreApplication.translate("App", "Data tidak diubah.") + "\n" + error_text(exc))
        else:
            QMessageBox.information(self.window, QCoreApplication.translate("App", "Data dipulihkan"),
                                    QCoreApplication.translate("App", "Data dipulihkan. Data sebelumnya disimpan di:\n{path}\n\n"
                                        "Buka Layan lagi untuk melanjutkan.").format(path=safety))
        QApplication.quit()


def start_daily_backup(manager: TaskManager) -> None:
    QueryOp(None, backup.daily_backup).using(manager).automatic().run()


def has_users(store: Store) -> bool:
    return bool(users.list_users(store))


def run_gui(data_dir: Path | str, lang: str | None = None) -> int:
    from desktop.domain.attachments import copies as attachment_copies

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Layan")
    app.setOrganizationName("Layan")
    i18n.install_language(lang or saved_language())
    apply_style(app)
    install_wheel_guard(app)  # the wheel scrolls the page; it never changes a field that lacks focus
    install_screen_fit(app)  # every dialog fits the screen (1366×768 with a taskbar, 125 %/150 % scaling)

    try:
        store = open_store(data_dir)
    except StoreError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Layan tidak dapat dibuka"), error_text(exc))
        return 1
    manager = TaskManager(store)
    try:
        controller = launch(store, manager)
        return app.exec() if controller is not None else 0
    finally:
        sync_scheduler.stop_for(manager)  # asks a running sync to stop after its page
        attachment_copies.sweep(store.data_dir, older_than=0)  # decrypted copies opened in other apps
        if not manager._closed:
            manager.shutdown()
            store.close()


def launch(store: Store, manager: TaskManager) -> LayanApp | None:
    """First start (if needed), the daily backup, login, and the main window; None if the user quit."""
    from .first_start import FirstStartWizard
    from .login_dialog import LoginDialog

    if not office.is_initialized(store):
        if FirstStartWizard(store).exec() != FirstStartWizard.DialogCode.Accepted:
            return None
    elif not has_users(store):
        if FirstStartWizard(store, admin_only=True).exec() != FirstStartWizard.DialogCode.Accepted:
            return None
    start_daily_backup(manager)
    login = LoginDialog(store)
    if login.exec() != LoginDialog.DialogCode.Accepted or login.user is None:
        return None
    controller = LayanApp(store, manager, login.user)
    controller.show_main_window()
    sync_scheduler.scheduler_for(manager).start()  # syncs now (if enrolled), then on its timers
    controller.screen_lock = ScreenLock(manager, login.user, parent=controller)  # minutes from meta; Ctrl+L
    return controller
