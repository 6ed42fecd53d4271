"""The main window: modules on the left (Ctrl+1 … Ctrl+9), the module's page on the right.

Only the modules of this office's kind are shown (``office.modules_for``). The window's
geometry, the splitter and each register's columns are remembered per PC (QSettings).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import office, roles
from desktop.store.records import Store
from desktop.tasks import TaskManager, pick
from desktop.tasks.sync_scheduler import scheduler_for

from .qt_values import ELIDE_RIGHT, SCROLL_BAR_ALWAYS_OFF
from .registers.register_page import RegisterPage
from .settings import app_settings
from .status_bar import LayanStatusBar
from .updates_panel import UpdateNotice
from .widgets.after_paint import after_next_paint
from .widgets.screen_fit import install_screen_fit
from .widgets.shortcuts import shortcut

if TYPE_CHECKING:  # event classes: not set up before the first paint (QEvent's 179 enum members)
    from PySide6.QtGui import QCloseEvent


def module_title(module: str) -> str:
    titles = {
        "surat_masuk": QCoreApplication.translate("Modules", "Surat Masuk"),
        "surat_keluar": QCoreApplication.translate("Modules", "Surat Keluar"),
        "permohonan": QCoreApplication.translate("Modules", "Permohonan Layanan"),
        "pengaduan": QCoreApplication.translate("Modules", "Pengaduan"),
        "pasien": QCoreApplication.translate("Modules", "Pasien & Kunjungan"),
        "laporan": QCoreApplication.translate("Modules", "Laporan"),
        "sinkronisasi": QCoreApplication.translate("Modules", "Sinkronisasi"),
        "pengaturan": QCoreApplication.translate("Modules", "Pengaturan"),
    }
    return titles.get(module, module)


# Pages with an "Impor/Ekspor" button: (register kind of desktop.domain.register_io, what a clerk calls it).
REGISTER_IO = {
    "surat_masuk": [("surat-masuk", QT_TRANSLATE_NOOP("MainWindow", "surat masuk"))],
    "surat_keluar": [("surat-keluar", QT_TRANSLATE_NOOP("MainWindow", "surat keluar"))],
    "permohonan": [("permohonan", QT_TRANSLATE_NOOP("MainWindow", "permohonan layanan"))],
    "pengaduan": [("pengaduan", QT_TRANSLATE_NOOP("MainWindow", "pengaduan"))],
    "pasien": [("pasien", QT_TRANSLATE_NOOP("MainWindow", "pasien")),
               ("kunjungan", QT_TRANSLATE_NOOP("MainWindow", "kunjungan"))],
}


class MainWindow(QMainWindow):
    language_requested = Signal(str)
    restore_requested = Signal(str)  # path of a checked backup file

    def __init__(self, store: Store, manager: TaskManager, user: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.store = store
        self.manager = manager
        self.user = user
        self._waiting_for_first_screen: list[Callable[[], None]] | None = []  # None once it is painted
        info = store.office() or {"code": "", "name": "", "kind": "distrik"}
        self.setWindowTitle(self.tr("Layan — {office}").format(office=info["name"] or info["code"]))

        # Built from the window down: each container is in its place before its children are made (a finished
        # subtree moved into the window is restyled by the style sheet widget by widget once more).
        self.splitter = QSplitter()  # side by side (Qt's default: naming the orientation builds the Qt namespace)
        self.splitter.setObjectName("mainSplitter")
        self.setCentralWidget(self.splitter)
        side = QWidget()
        side.setObjectName("sidebar")
        self.splitter.addWidget(side)
        self.nav = QListWidget(side)
        self.nav.setObjectName("nav")
        # Module names are short; at 150 % a sideways scroll bar would only hide the last entry.
        # Set as properties: no Qt namespace before the first paint (qt_values).
        self.nav.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
        self.nav.setProperty("textElideMode", ELIDE_RIGHT)
        self.pages = QStackedWidget()
        self.splitter.addWidget(self.pages)
        self.modules = office.modules_for(info["kind"])
        # Pages are built when first shown (or first asked for): start-up builds only the first one.
        self.page_by_module: dict[str, QWidget] = _LazyPages(self._install_page)
        for number, module in enumerate(self.modules, start=1):
            self.pages.addWidget(QWidget())  # stands in until the page is built
            item = QListWidgetItem(module_title(module))
            if number <= 9:
                item.setToolTip(f"Ctrl+{number}")
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._show_page_at)

        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        office_label = QLabel(f"{info['name']}\n{info['code']} · {pick(*office.KIND_LABELS.get(info['kind'], ('', '')))}")
        office_label.setObjectName("officeName")
        office_label.setWordWrap(True)
        side_layout.addWidget(office_label)
        side_layout.addWidget(self.nav, 1)
        self.help_button = QPushButton(self.tr("Bantuan (F1)"))  # the manual, at the task in front
        self.help_button.setObjectName("helpButton")
        self.help_button.clicked.connect(self.show_help)
        side_layout.addWidget(self.help_button)
        self.help_dialog = None
        user_label = QLabel(self.tr("Masuk sebagai {user} ({role})").format(
            user=user.get("full_name") or user["username"], role=pick(*roles.ROLE_LABELS.get(
                user.get("role") or "", (user.get("role") or "", user.get("role") or "")))))
        user_label.setObjectName("userName")
        user_label.setWordWrap(True)
        side_layout.addWidget(user_label)

        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([180, 1000])  # a narrow sidebar leaves the page room on a small screen
        self.nav.setWordWrap(True)
        self.splitter.setChildrenCollapsible(False)
        self.status = LayanStatusBar(manager, self)
        self.setStatusBar(self.status)
        self.status.attach_scheduler(scheduler_for(manager))
        self.update_notice = UpdateNotice(manager, scheduler_for(manager))  # "Versi X siap; …", no popup
        self.status.insertPermanentWidget(0, self.update_notice)
        self.status.conflicts_requested.connect(self.show_conflicts)

        for number in range(1, min(9, len(self.modules)) + 1):
            shortcut(self, f"Ctrl+{number}", lambda n=number: self.show_module_at(n - 1))
        room = self.screen().availableGeometry().size()  # never taller than a 1366×768 screen with a taskbar
        self.resize(min(1200, room.width() - 16), min(760, room.height() - 40))
        self.first_start = not self.restore_state()  # nothing remembered yet: open maximized
        self.show_module_at(self.modules.index(office.first_module(self.modules, user.get("role"))))
        # Application-wide event filters once the first screen is painted: building and painting it need none,
        # and each costs CPU on every event (desktop/ui/app.py prepare_app).
        self.app_filters_installed = False  # F1, the wheel guard, dialogs fitting the screen
        self._when_first_screen_painted(self._first_screen_painted)

    def after_first_screen(self, then: Callable[[], None]) -> None:
        """``then()`` once the first screen is painted (now, when it is already): what a page needs soon but
        its first paint need not wait for."""
        if self._waiting_for_first_screen is None:
            then()
        else:
            self._waiting_for_first_screen.append(then)

    def _when_first_screen_painted(self, then) -> None:
        """``then`` runs once the first page shows its rows (a register's newest rows, loaded in the background;
        whichever comes first of its first screenful and its whole list), after that paint; at the latest after
        a second (a query that failed shows a message and no rows). ``then`` must be safe to call twice."""
        QTimer.singleShot(1000, self, then)
        page = self.current_page()
        model, table = getattr(page, "model", None), getattr(page, "table", None)
        signals = [getattr(model, name) for name in ("first_rows", "loaded") if hasattr(model, name)]
        if not signals or not hasattr(table, "painted"):
            QTimer.singleShot(0, self, then)
            return

        def rows_shown(_rows: int) -> None:
            for signal in signals:
                signal.disconnect(rows_shown)
            # Not a timer started now: it can fire before the rows' paint, which then pays for the filters.
            after_next_paint(table, then)

        for signal in signals:
            signal.connect(rows_shown)

    def _first_screen_painted(self) -> None:
        if self._waiting_for_first_screen is None:
            return
        waiting, self._waiting_for_first_screen = self._waiting_for_first_screen, None
        # Here: PySide sets up the classes it guards (spin boxes, sliders) after the first paint too.
        from .widgets.wheel_guard import install_wheel_guard

        app = QApplication.instance()
        app.installEventFilter(self)  # F1 opens the manual here and in every form (a modal form blocks shortcuts)
        install_wheel_guard(app)
        install_screen_fit(app)

        def next_piece() -> None:  # one per turn of the event loop: a key pressed meanwhile waits for one only
            if waiting:
                waiting.pop(0)()
                QTimer.singleShot(0, self, next_piece)
            else:
                self.app_filters_installed = True  # (and what waited for the first screen is done)

        next_piece()

    def _make_page(self, module: str) -> QWidget:
        page = self._make_module_page(module)
        entries = REGISTER_IO.get(module)
        if entries and getattr(page, "header_row", None) is not None:  # (a health page for a clerk has none)
            # Its code (file dialogs, message boxes: ~5 ms) loads after the first screen is painted.
            self.after_first_screen(lambda: self._add_register_io(page, entries))
        return page

    def _add_register_io(self, page: QWidget, entries: list[tuple[str, str]]) -> None:
        from .widgets.register_io import RegisterIoButton

        names = [(kind, QCoreApplication.translate("MainWindow", name)) for kind, name in entries]
        button = RegisterIoButton(self.manager, self.user, names)
        page.header_row.insertWidget(page.header_row.indexOf(page.new_button), button)
        page.io_button = button

    def _make_module_page(self, module: str) -> QWidget:
        actor = self.user["username"]
        if module == "surat_masuk":
            return RegisterPage(self.store, "masuk", actor)
        if module == "surat_keluar":
            return RegisterPage(self.store, "keluar", actor)
        if module == "pasien":
            from .health.patients_page import PatientsPage

            return PatientsPage(self.store, self.user)
        if module == "laporan":
            from .reports.page import ReportsPage

            return ReportsPage(self.store, self.user)
        if module in ("permohonan", "pengaduan"):
            from .services.register_page import ComplaintRegisterPage, RequestRegisterPage

            page_class = RequestRegisterPage if module == "permohonan" else ComplaintRegisterPage
            return page_class(self.store, actor)
        if module == "pengaturan":
            from .settings_page import SettingsPage

            page = SettingsPage(self.store, self.manager, self.user)
            page.language_requested.connect(self.language_requested)
            page.restore_requested.connect(self.restore_requested)
            return page
        if module == "sinkronisasi":
            from .sync.page import SyncPage

            return SyncPage(self.store, self.manager, self.user, scheduler_for(self.manager))
        raise ValueError(f"unknown module {module!r}")

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        from PySide6.QtCore import QEvent, Qt  # installed once the first screen is painted

        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_F1 and self.isVisible() \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.show_help()
            return True
        return super().eventFilter(obj, event)

    def show_help(self):
        """The manual (docs/PANDUAN.md) in a window of its own, at the task of the page in front."""
        from .help_dialog import HelpDialog

        if self.help_dialog is None:
            self.help_dialog = HelpDialog()  # top-level: usable while a form is open
            from PySide6.QtCore import Qt

            self.help_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.help_dialog.destroyed.connect(lambda _o=None, d=self.help_dialog: self._forget_help(d))
        self.help_dialog.show()
        index = self.pages.currentIndex()
        if 0 <= index < len(self.modules):
            self.help_dialog.show_module(self.modules[index])
        self.help_dialog.raise_()
        self.help_dialog.activateWindow()
        return self.help_dialog

    def _forget_help(self, dialog) -> None:
        if self.help_dialog is dialog:
            self.help_dialog = None

    def show_conflicts(self) -> None:
        if "sinkronisasi" in self.modules:
            self.show_module("sinkronisasi").show_conflicts()

    def _install_page(self, module: str) -> QWidget:
        from .widgets.screen_fit import scroll_area

        index = self.modules.index(module)
        stand_in = self.pages.widget(index)
        # A page taller than a small screen scrolls, so the window always fits (1366×768 with a taskbar).
        # The area is in the window before the page is built and set in it (screen_fit.scroll_area).
        area = scroll_area(last_resort_sideways=True)
        self.pages.insertWidget(index, area)
        try:
            page = self._make_page(module)
        except BaseException:
            self.pages.removeWidget(area)  # the stack keeps one widget per module
            area.deleteLater()
            raise
        area.setWidget(page)
        area.setFocusProxy(page)
        self.pages.removeWidget(stand_in)
        stand_in.deleteLater()
        return page

    def _show_page_at(self, index: int) -> None:
        if 0 <= index < len(self.modules):
            self.page_by_module[self.modules[index]]  # built on first use
            self.pages.setCurrentIndex(index)

    def current_page(self) -> QWidget | None:
        """The module page shown now (the stack holds each page in its scroll area)."""
        index = self.pages.currentIndex()
        return self.page_by_module.get(self.modules[index]) if 0 <= index < len(self.modules) else None

    def show_module(self, module: str) -> QWidget:
        self.show_module_at(self.modules.index(module))
        return self.page_by_module[module]

    def show_module_at(self, index: int) -> None:
        if 0 <= index < len(self.modules):
            self.nav.setCurrentRow(index)
            self.current_page().setFocus()

    # -- remembered layout ------------------------------------------------------------------------

    def restore_state(self) -> bool:
        """The window as it was left on this PC; False when nothing was remembered yet."""
        settings = app_settings()
        geometry = settings.value("main/geometry")
        restored = isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry)
        splitter = settings.value("main/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        return bool(restored)

    def save_state(self) -> None:
        settings = app_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.splitter.saveState())
        settings.sync()
        from .registers.register_base import RegisterBase

        for page in self.page_by_module.values():
            if isinstance(page, RegisterBase):
                page.save_state()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)


class _LazyPages(dict):
    """module -> page, building a page the first time it is asked for."""

    def __init__(self, build):
        super().__init__()
        self._build = build

    def __missing__(self, module: str) -> QWidget:
        page = self[module] = self._build(module)
        return page
