"""Screen lock: after some minutes without keyboard or mouse input, Layan hides its windows behind
a lock that asks for the logged-in user's password.

Office PCs are shared and clerks step away; letters and (at a puskesmas) patient data must not
stay on the screen for whoever walks by. Nothing is closed when the lock comes on: every window
(the main window and any open form or dialog) gets an opaque cover over its content, and an
application-modal lock dialog takes all input, so a half-typed form is still there after
unlocking. The only ways on are the right password (checked offline with ``users.authenticate``,
on a worker: scrypt is slow) or closing the app — which asks first and needs a login to come back.

``lock_after_min`` in the store's meta sets the minutes (default 10; 0 turns the lock off).
Ctrl+L locks at once.
"""

from __future__ import annotations

import time
import weakref

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import users
from desktop.store.records import Store
from desktop.tasks import QueryOp, TaskManager, WriteOp

from .widgets.screen_fit import make_room_when_shown

LOCK_META = "lock_after_min"
DEFAULT_MINUTES = 10
ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


def lock_minutes(store: Store) -> int:
    try:
        value = int(float(store.meta(LOCK_META) or DEFAULT_MINUTES))
    except ValueError:
        return DEFAULT_MINUTES
    return max(value, 0)


class LockCover(QWidget):
    """An opaque sheet over one window's content while the screen is locked."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockCover { background: #2b3a4a; } #lockCover QLabel { color: white; font-size: 16pt; }")
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Layan terkunci"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        return False


class LockDialog(QDialog):
    """The password prompt over the covers. Esc and the close button do nothing."""

    unlocked = Signal()

    def __init__(self, manager: TaskManager, user: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self.manager = manager
        self.user = user
        self.checking = False
        self.setWindowTitle(self.tr("Layan terkunci"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        name = user.get("full_name") or user["username"]
        intro = QLabel(self.tr("Layar dikunci karena tidak ada kegiatan. Masukkan kata sandi {name} untuk "
                               "melanjutkan; isian yang belum disimpan tetap ada.").format(name=name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.username = QLabel(user["username"])
        form.addRow(self.tr("Nama pengguna"), self.username)
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Kata sandi"), self.password)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        make_room_when_shown(self.error)  # "Kata sandi salah." never squeezes the text above it
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton(self.tr("Buka kunci"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = buttons.addButton(self.tr("Tutup aplikasi…"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button.clicked.connect(self.ask_quit)
        self.password.returnPressed.connect(self.try_unlock)
        layout.addWidget(buttons)
        self.password.setFocus()

    def try_unlock(self) -> None:
        if self.checking:
            return
        username, password = self.user["username"], self.password.text()
        self.checking = True
        self.unlock_button.setEnabled(False)
        WriteOp(self, lambda store: users.login(store, username, password), success=self._checked) \
            .using(self.manager).run()

    def _checked(self, result: users.LoginResult) -> None:
        self.checking = False
        self.unlock_button.setEnabled(True)
        user = result.user
        if user is None or user["username"] != self.user["username"]:
            if result.wait_seconds:
                self.error.setText(self.tr("Terlalu banyak percobaan yang salah. Coba lagi dalam {n} detik.").format(
                    n=result.wait_seconds))
            else:
                self.error.setText(self.tr("Kata sandi salah."))
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return
        self.unlocked.emit()

    def ask_quit(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Tutup aplikasi?"),
                          self.tr("Isian yang belum disimpan akan hilang. Tutup Layan sekarang?"), parent=self)
        close = box.addButton(self.tr("Ya, tutup"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Tidak"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is close:
            QApplication.quit()

    def reject(self) -> None:
        pass  # Esc never unlocks

    def closeEvent(self, event) -> None:
        event.ignore()


class ScreenLock(QObject):
    """Watches input application-wide; locks after ``timeout_ms`` without any."""

    locked_changed = Signal(bool)

    def __init__(self, manager: TaskManager, user: dict, *, minutes: float | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.manager = manager
        self.user = user
        self.timeout_ms = 0
        self.locked = False
        self.dialog: LockDialog | None = None
        self.covers: list[LockCover] = []
        self._last = time.monotonic()
        self._check = QTimer(self)
        self._check.timeout.connect(self._tick)
        app = QApplication.instance()
        app.installEventFilter(self)
        _locks.add(self)
        if minutes is None:
            QueryOp(None, lock_minutes, success=self.set_minutes).using(manager).automatic().run()
        else:
            self.set_minutes(minutes)

    def set_minutes(self, minutes: float) -> None:
        self.set_timeout_ms(int(minutes * 60_000))

    def set_timeout_ms(self, ms: int) -> None:
        """0 turns the lock off."""
        if not shiboken6.isValid(self):
            return
        self.timeout_ms = max(int(ms), 0)
        self._last = time.monotonic()
        if self.timeout_ms:
            self._check.start(max(min(self.timeout_ms // 4, 5000), 20))
        else:
            self._check.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and not self.locked:
            self._last = time.monotonic()
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_L \
                    and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
                self.lock()  # in the filter, not a QShortcut: it works in every window and dialog
                return True
        return False

    def _tick(self) -> None:
        if not self.locked and self.timeout_ms and (time.monotonic() - self._last) * 1000 >= self.timeout_ms:
            self.lock()

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        for _ in range(10):  # completer lists and open menus would float above the covers
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and not isinstance(window, LockDialog) \
                    and window.windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
                self.covers.append(LockCover(window))
        parent = QApplication.activeWindow()
        if isinstance(parent, LockDialog):
            parent = None
        self.dialog = LockDialog(self.manager, self.user, parent)
        self.dialog.unlocked.connect(self.unlock)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        if not self.locked:
            return
        for cover in self.covers:
            if shiboken6.isValid(cover):
                cover.hide()
                cover.deleteLater()
        self.covers = []
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.hide()
            self.dialog.deleteLater()
        self.dialog = None
        self.locked = False
        self._last = time.monotonic()
        self.locked_changed.emit(False)

    def uninstall(self) -> None:
        self._check.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


_locks: weakref.WeakSet[ScreenLock] = weakref.WeakSet()


def current_locks() -> list[ScreenLock]:
    return [lock for lock in _locks if shiboken6.isValid(lock)]


class LockSettingsBox(QGroupBox):
    """Pengaturan → Kunci layar: minutes without activity before the lock (0 = never)."""

    def __init__(self, manager: TaskManager, parent: QWidget | None = None):
        super().__init__(self.tr("Kunci layar"), parent)
        self.setObjectName("lockSettings")
        self.manager = manager
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 240)
        self.minutes.setSuffix(self.tr(" menit"))
        self.minutes.setSpecialValueText(self.tr("tidak pernah"))
        self.minutes.setEnabled(False)
        self.save_button = QPushButton(self.tr("Simpan"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.minutes)
        row.addWidget(self.save_button)
        row.addStretch(1)
        form.addRow(self.tr("Kunci layar setelah tidak ada kegiatan selama"), row)
        hint = QLabel(self.tr("Layar terkunci meminta kata sandi pengguna yang sedang masuk. Ctrl+L mengunci "
                              "layar seketika."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow(hint)
        self.result = QLabel()
        self.result.setObjectName("hint")
        form.addRow(self.result)
        QueryOp(self, lock_minutes, success=self._show).using(manager).automatic().run()

    def _show(self, minutes: int) -> None:
        self.minutes.setValue(minutes)
        self.minutes.setEnabled(True)

    def save(self) -> None:
        minutes = self.minutes.value()

        def saved(_value) -> None:
            for lock in current_locks():
                lock.set_minutes(minutes)
            self.result.setText(self.tr("Tersimpan."))

        WriteOp(self, lambda store: store.set_meta(LOCK_META, str(minutes))).using(self.manager) \
            .success(saved).run()
