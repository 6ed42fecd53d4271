"""Starting the GUI: language, store, first start, login, main window — and the way out.

``run_gui(data_dir, lang)`` is what ``layan`` calls. Only what the login window needs is imported
before it shows: on a PC already set up, the login window is painted before the store is even loaded (the
clerk types while it opens); the sync stack, the main window and its pages come after
(tests/ui/test_startup_imports.py). The order matters: the translator is
installed before any widget exists; the store is opened once, with one TaskManager for its
lifetime; the daily backup runs in the background (failures go to the status bar, never a
dialog); the first-start wizard runs only for an office that is not set up.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication

from . import i18n
from .gui_gc import collect_in_gui_thread
from .settings import save_language, saved_language
from .style import apply_style, new_application

if TYPE_CHECKING:  # the store, domain and tasks load after the login window is painted (run_gui)
    from desktop.store.records import Store
    from desktop.tasks import TaskManager

    from .login_dialog import LoginDialog

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
        from .widgets.screen_fit import pause_screen_fit

        pause_screen_fit(QApplication.instance())  # the window installs it again once painted (MainWindow)
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
        stop_sync(self.manager)
        self.manager.shutdown()
        self.store.close()
        from PySide6.QtWidgets import QMessageBox

        from desktop.store import backup
        from desktop.store.db import StoreError
        from desktop.tasks import error_text

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


def stop_sync(manager: TaskManager) -> None:
    """Stops the scheduler's sync, if one was ever started (the sync stack is loaded after login only)."""
    scheduler = sys.modules.get("desktop.tasks.sync_scheduler")
    if scheduler is not None:
        scheduler.stop_for(manager)


def start_daily_backup(manager: TaskManager) -> None:
    # Imported here: the backup code (encryption, blob copies) is not needed for the first window.
    from desktop.store import backup
    from desktop.tasks import QueryOp

    QueryOp(None, backup.daily_backup).using(manager).automatic().run()


def start_upkeep(manager: TaskManager) -> None:
    """The daily backup and PRAGMA optimize at open, both in the background."""
    start_daily_backup(manager)
    start_optimize(manager)


# The first automatic sync (if enrolled) waits this long after the main window shows: loading the sync
# stack (~70 ms of CPU) and the sync itself would otherwise share the CPU and the GIL with the first screen.
FIRST_SYNC_DELAY_MS = 3000

OPTIMIZE_EVERY_MS = 4 * 60 * 60 * 1000  # SQLite's advice: PRAGMA optimize every few hours in a long session


def start_optimize(manager: TaskManager) -> None:
    from desktop.tasks import WriteOp

    WriteOp(None, lambda store: store.optimize()).using(manager).automatic().run()


def start_periodic_optimize(manager: TaskManager, parent: QObject) -> QTimer:
    """The planner's statistics stay current while the app is left open for days (at close too: Store.close)."""
    timer = QTimer(parent)
    timer.setInterval(OPTIMIZE_EVERY_MS)
    timer.timeout.connect(lambda: start_optimize(manager))
    timer.start()
    return timer


def has_users(store: Store) -> bool:
    from desktop.domain import users

    return bool(users.list_users(store))


def prepare_app(lang: str | None = None) -> QApplication:
    """The QApplication with Layan's language, style and app-wide guards (before any widget exists)."""
    app = QApplication.instance()
    style_set = app is None
    if app is None:
        app = new_application(sys.argv)
    app.setApplicationName("Layan")
    app.setOrganizationName("Layan")
    i18n.install_language(lang or saved_language())
    collect_in_gui_thread(app)  # a cycle holding a widget is never freed from a worker thread (gui_gc.py)
    apply_style(app, style_set=style_set)
    # The application-wide event filters (every dialog fits the screen: install_screen_fit; the wheel guard) come
    # once the first window is painted: a Python event filter costs CPU on every event of every widget, and the
    # first object of a Qt-private class it is handed makes PySide set up every class of QtWidgets (~110 enums).
    # The wheel guard (the wheel scrolls the page; it never changes a field that lacks focus) comes with the
    # first window that has such fields, the first start wizard or the main window: an application-wide
    # Python event filter costs CPU on every event of every widget, which the login window need not pay.
    return app


# Loaded while the clerk types the password, one module per turn of the event loop (each under ~20 ms, so a
# key is never held for long): the main window and its first page, which would otherwise load after the
# password is checked. The sync stack and the screen lock come with the main window.
MAIN_WINDOW_MODULES = ("desktop.domain.office", "desktop.tasks.ops",
                       "desktop.ui.registers.rowid_model",  # PySide's Qt namespace with it: the longest, ~18 ms
                       "desktop.ui.widgets.date_field", "desktop.ui.registers.letters_model",
                       "desktop.ui.registers.register_page", "desktop.ui.status_bar", "desktop.ui.main_window",
                       "desktop.tasks.sync_scheduler", "desktop.ui.lock",
                       # what the main window adds once its first screen is painted
                       "desktop.ui.widgets.wheel_guard", "desktop.ui.widgets.register_io")


def load_in_idle_time(modules: tuple[str, ...], parent: QObject) -> None:
    pending = list(modules)

    def next_module() -> None:
        if pending:
            importlib.import_module(pending.pop(0))
            QTimer.singleShot(0, parent, next_module)

    QTimer.singleShot(0, parent, next_module)


# desktop.store.db.DB_FILENAME, named here so the login window need not load the store (a test checks they agree).
DATABASE_FILE = "layan.sqlite3"


def show_login_early(data_dir: Path | str) -> LoginDialog | None:
    """On a PC already set up (its database exists), the login window, painted before the store is loaded and
    opened (~40 ms): the clerk can type meanwhile. None on a first start, which begins with the wizard."""
    if not (Path(data_dir) / DATABASE_FILE).is_file():
        return None
    from .login_dialog import LoginDialog

    login = LoginDialog()
    login.setModal(True)  # as exec() will show it
    login.show()
    QApplication.processEvents()  # its first paint
    return login


def run_gui(data_dir: Path | str, lang: str | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = prepare_app(lang)
    login = show_login_early(data_dir)

    from desktop.domain import open_store
    from desktop.store.db import StoreError
    from desktop.tasks import TaskManager, error_text

    try:
        store = open_store(data_dir)
    except StoreError as exc:
        if login is not None:
            login.close()
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, QCoreApplication.translate("App", "Layan tidak dapat dibuka"), error_text(exc))
        return 1
    manager = TaskManager(store)
    try:
        controller = launch(store, manager, login)
        return app.exec() if controller is not None else 0
    finally:
        stop_sync(manager)  # asks a running sync to stop after its page
        from desktop.domain.attachments import copies as attachment_copies  # loaded only at close

        attachment_copies.sweep(store.data_dir, older_than=0)  # decrypted copies opened in other apps
        if not manager._closed:
            manager.shutdown()
            store.close()


def launch(store: Store, manager: TaskManager, login: LoginDialog | None = None) -> LayanApp | None:
    """First start (if needed), the daily backup, login, and the main window; None if the user quit.
    ``login``: the login window already on screen (show_login_early), still without its store."""
    from desktop.domain import office

    from .first_start import FirstStartWizard
    from .login_dialog import LoginDialog
    from .widgets.screen_fit import install_screen_fit

    if not office.is_initialized(store):
        wizard = FirstStartWizard(store)
    elif not has_users(store):
        wizard = FirstStartWizard(store, admin_only=True)
    else:
        wizard = None
    if wizard is not None:
        if login is not None:  # a folder with no office in it yet (a first start left half way): the wizard first
            login.close()
            login = None
        from .widgets.wheel_guard import install_wheel_guard

        install_wheel_guard(QApplication.instance())  # a stray wheel must not change the wizard's choices
        install_screen_fit(QApplication.instance())
        if wizard.exec() != FirstStartWizard.DialogCode.Accepted:
            return None
        code = (store.office() or {}).get("code")
        if code:
            from .settings import remember_username

            remember_username(code, wizard.admin_username)  # the login then asks only for the password just set
    if login is None:
        login = LoginDialog()
    login.attach_store(store)
    # Once the login window is on screen (its first paint does not wait for them), the daily backup and
    # PRAGMA optimize run in the background while the clerk types.
    QTimer.singleShot(0, login, lambda: start_upkeep(manager))
    QTimer.singleShot(0, login, lambda: install_screen_fit(QApplication.instance()))  # the next dialogs fit
    load_in_idle_time(MAIN_WINDOW_MODULES, login)
    if login.exec() != LoginDialog.DialogCode.Accepted or login.user is None:
        return None
    from desktop.tasks import sync_scheduler  # the sync stack: not needed before the login window

    from .lock import ScreenLock

    controller = LayanApp(store, manager, login.user)
    controller.show_main_window()
    # Syncs once the first screen is up (if enrolled), then on its timers.
    QTimer.singleShot(FIRST_SYNC_DELAY_MS, controller, sync_scheduler.scheduler_for(manager).start)
    controller.screen_lock = ScreenLock(manager, login.user, parent=controller)  # minutes from meta; Ctrl+L
    controller.optimize_timer = start_periodic_optimize(manager, controller)
    return controller
