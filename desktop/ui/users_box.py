"""Pengaturan → Pengguna (office admin and kepala): the office's users with their last login; add a
user with a role, reset a password, disable and enable. The rules live in desktop/domain/users.py;
hashing runs on the writer (WriteOp), never on the GUI thread. Works before the PC is enrolled;
afterwards the changes reach the centre and the office's other PCs by sync.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import users
from desktop.store.records import ChangeSet, Store, ValidationError
from desktop.tasks import QueryOp, TaskManager, WriteOp, error_text, pick, show_failure

from .i18n import format_datetime
from .widgets.field_form import FieldForm

USERNAME, FULL_NAME, ROLE, STATUS, LAST_LOGIN = range(5)


def load(store: Store) -> dict:
    return {"users": users.list_users(store), "roles": users.roles_here(store)}


class _PasswordFields:
    """The password and its repetition, checked at the fields before anything is hashed."""

    def __init__(self, form: FieldForm):
        self.form = form
        self.password = form.add_field("password", QCoreApplication.translate("UsersBox", "Kata sandi"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(QCoreApplication.translate("UsersBox", "minimal {n} karakter").format(n=users.MIN_PASSWORD))
        self.password2 = form.add_field("password2", QCoreApplication.translate("UsersBox", "Ulangi kata sandi"), QLineEdit())
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)

    def check(self) -> QWidget | None:
        """The first bad field (its error shown), or None."""
        if len(self.password.text()) < users.MIN_PASSWORD:
            self.form.set_error("password", QCoreApplication.translate("UsersBox", "Kata sandi minimal {n} karakter.").format(n=users.MIN_PASSWORD))
            return self.password
        if self.password.text() != self.password2.text():
            self.form.set_error("password2", QCoreApplication.translate("UsersBox", "Kedua kata sandi tidak sama."))
            return self.password2
        return None


class _UserDialog(QDialog):
    """Shared by "Tambah pengguna" and "Atur ulang kata sandi": runs ``write`` on the writer and shows
    the domain's refusals at the fields."""

    def __init__(self, manager: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.manager = manager
        self.layout_ = QVBoxLayout(self)
        self.form = FieldForm()
        self.layout_.addWidget(self.form)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(QCoreApplication.translate("UsersBox", "Simpan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QCoreApplication.translate("UsersBox", "Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def check(self) -> QWidget | None:
        raise NotImplementedError

    def write(self, store: Store):
        raise NotImplementedError

    def save(self) -> None:
        self.form.clear_errors()
        self.message.hide()
        bad = self.check()
        if bad is not None:
            bad.setFocus()
            return
        self.ok_button.setEnabled(False)
        WriteOp(self, self.write).using(self.manager).success(lambda _r: self.accept()) \
            .failure(self._failed).with_progress(QCoreApplication.translate("UsersBox", "Menyimpan…")).run()

    def _failed(self, exc: Exception) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            for err in self.form.show_field_errors(exc.errors):
                self._say(pick(err.message, err.message_en))
            return
        if hasattr(exc, "message"):
            self._say(error_text(exc))
            return
        show_failure(self, exc)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


class AddUserDialog(_UserDialog):
    def __init__(self, manager: TaskManager, actor: dict, roles: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(manager, parent)
        self.setObjectName("addUserDialog")
        self.setWindowTitle(self.tr("Tambah pengguna"))
        self.actor = actor
        self.username = self.form.add_field("username", self.tr("Nama pengguna"), QLineEdit())
        self.username.setPlaceholderText(self.tr("huruf kecil, mis. bidan.maria"))
        self.full_name = self.form.add_field("full_name", self.tr("Nama lengkap"), QLineEdit())
        self.role = self.form.add_field("role", self.tr("Peran"), QComboBox())
        for role in roles:
            self.role.addItem(pick(*users.ROLE_LABELS[role]), role)
        self.passwords = _PasswordFields(self.form)
        self.finish_layout()
        self.username.setFocus()

    def check(self) -> QWidget | None:
        bad = None
        if not self.username.text().strip():
            self.form.set_error("username", self.tr("Nama pengguna wajib diisi."))
            bad = self.username
        password_bad = self.passwords.check()
        return bad or password_bad

    def write(self, store: Store) -> str:
        return users.add_user(store, self.actor, username=self.username.text(), full_name=self.full_name.text(),
                              role=self.role.currentData(), password=self.passwords.password.text())


class ResetPasswordDialog(_UserDialog):
    def __init__(self, manager: TaskManager, actor: dict, target: dict, parent: QWidget | None = None):
        super().__init__(manager, parent)
        self.setObjectName("resetPasswordDialog")
        self.setWindowTitle(self.tr("Atur ulang kata sandi"))
        self.actor = actor
        self.target = target
        intro = QLabel(self.tr("Kata sandi baru untuk {name} ({username}). Berikan kepadanya secara langsung.")
                       .format(name=target.get("full_name") or target["username"], username=target["username"]))
        intro.setWordWrap(True)
        self.form.add_widget(intro)
        self.passwords = _PasswordFields(self.form)
        self.finish_layout()
        self.passwords.password.setFocus()

    def check(self) -> QWidget | None:
        return self.passwords.check()

    def write(self, store: Store) -> None:
        users.set_password(store, self.actor, self.target["id"], self.passwords.password.text())


class OwnPasswordDialog(_UserDialog):
    """Kata sandi saya: anyone changes their own password, knowing the current one."""

    def __init__(self, manager: TaskManager, user: dict, parent: QWidget | None = None):
        super().__init__(manager, parent)
        self.setObjectName("ownPasswordDialog")
        self.setWindowTitle(self.tr("Ganti kata sandi saya"))
        self.user = user
        self.current = self.form.add_field("current", self.tr("Kata sandi sekarang"), QLineEdit())
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.passwords = _PasswordFields(self.form)
        self.finish_layout()
        self.current.setFocus()

    def check(self) -> QWidget | None:
        return self.passwords.check()

    def write(self, store: Store) -> None:
        users.change_own_password(store, self.user, self.current.text(), self.passwords.password.text())


class OwnPasswordBox(QGroupBox):
    """Pengaturan → Kata sandi saya, for every user."""

    def __init__(self, manager: TaskManager, user: dict, parent: QWidget | None = None):
        super().__init__(self.tr("Kata sandi saya"), parent)
        self.setObjectName("ownPassword")
        self.manager = manager
        self.user = user
        row = QHBoxLayout(self)
        self.button = QPushButton(self.tr("Ganti kata sandi saya…"))
        self.button.clicked.connect(self.change)
        self.result = QLabel()
        self.result.setObjectName("hint")
        row.addWidget(self.button)
        row.addWidget(self.result, 1)

    def change(self) -> OwnPasswordDialog:
        dialog = OwnPasswordDialog(self.manager, self.user, self)
        dialog.accepted.connect(lambda: self.result.setText(self.tr("Kata sandi Anda diganti.")))
        dialog.open()
        return dialog


class UsersBox(QGroupBox):
    def __init__(self, manager: TaskManager, user: dict, parent: QWidget | None = None):
        super().__init__(self.tr("Pengguna"), parent)
        self.setObjectName("usersSettings")
        self.manager = manager
        self.user = user
        self.rows: list[dict] = []
        self.roles: tuple[str, ...] = ()
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Orang yang boleh masuk di kantor ini. Pengguna yang dinonaktifkan tidak dapat masuk "
                               "di PC mana pun milik kantor ini setelah PC itu sinkron."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels([self.tr("Nama pengguna"), self.tr("Nama lengkap"), self.tr("Peran"),
                                              self.tr("Status"), self.tr("Terakhir masuk di PC ini")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column in (USERNAME, ROLE, STATUS, LAST_LOGIN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FULL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(180)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Tambah pengguna…"))
        self.add_button.clicked.connect(self.add_user)
        self.reset_button = QPushButton(self.tr("Atur ulang kata sandi…"))
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button = QPushButton(self.tr("Nonaktifkan"))
        self.toggle_button.clicked.connect(self.toggle_active)
        for button in (self.add_button, self.reset_button, self.toggle_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = QLabel()
        self.result.setObjectName("hint")
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        manager.changed.connect(self._changed)
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        QueryOp(self, load, success=self._show).using(self.manager).run()

    def _changed(self, changes: ChangeSet) -> None:
        if "users" in changes.collections:
            self.refresh()

    def _show(self, data: dict) -> None:
        selected = self.selected()
        self.rows, self.roles = data["users"], data["roles"]
        self.table.setRowCount(len(self.rows))
        for i, u in enumerate(self.rows):
            role = users.ROLE_LABELS.get(u["role"], (u["role"], u["role"]))
            cells = (u["username"], u["full_name"] or "", pick(*role),
                     self.tr("aktif") if u["active"] else self.tr("nonaktif"), format_datetime(u["last_login_at"]))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, u["id"])
                self.table.setItem(i, col, item)
            if selected and u["id"] == selected["id"]:
                self.table.selectRow(i)
        self._update_buttons()

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def select_username(self, username: str) -> None:
        for i, u in enumerate(self.rows):
            if u["username"] == username:
                self.table.selectRow(i)
                return

    def _update_buttons(self) -> None:
        target = self.selected()
        self.reset_button.setEnabled(target is not None)
        self.toggle_button.setEnabled(target is not None and target["id"] != self.user.get("id"))
        self.toggle_button.setText(self.tr("Aktifkan") if target is not None and not target["active"]
                                   else self.tr("Nonaktifkan"))

    def add_user(self) -> AddUserDialog:
        dialog = AddUserDialog(self.manager, self.user, self.roles, self)

        def added() -> None:
            self.result.setText(self.tr("Pengguna {username} ditambahkan.").format(
                username=dialog.username.text().strip().lower()))
            self.refresh()

        dialog.accepted.connect(added)
        dialog.open()
        return dialog

    def reset_password(self) -> ResetPasswordDialog | None:
        target = self.selected()
        return None if target is None else self.reset_password_of(target)

    def reset_password_of(self, target: dict) -> ResetPasswordDialog:
        dialog = ResetPasswordDialog(self.manager, self.user, target, self)
        dialog.accepted.connect(lambda: self.result.setText(
            self.tr("Kata sandi {username} diganti.").format(username=target["username"])))
        dialog.open()
        return dialog

    def toggle_active(self) -> QMessageBox | None:
        """Enables at once; asks before disabling (the question is returned, open)."""
        target = self.selected()
        if target is None:
            return None
        if target["active"]:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Nonaktifkan pengguna?"),
                              self.tr("{name} tidak dapat masuk lagi di PC ini, dan di PC lain kantor ini setelah "
                                      "sinkron. Datanya tetap ada; akun dapat diaktifkan kembali.").format(
                                  name=target.get("full_name") or target["username"]), parent=self)
            box.setObjectName("disableUserQuestion")
            yes = box.addButton(self.tr("Nonaktifkan"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
            box.buttonClicked.connect(lambda button: self._set_active(target, False) if button is yes else None)
            box.open()
            return box
        self._set_active(target, True)
        return None

    def _set_active(self, target: dict, enable: bool) -> None:
        username = target["username"]
        done = self.tr("{username} diaktifkan.") if enable else self.tr("{username} dinonaktifkan.")

        def finished(needs_password: bool) -> None:
            self.result.setText(done.format(username=username))
            self.refresh()
            if needs_password:  # a disabled user's password left this PC: give a new one now
                self.result.setText(self.tr("{username} diaktifkan. Kata sandinya tidak tersimpan di PC ini; "
                                            "berikan kata sandi baru.").format(username=username))
                self.reset_password_of(target)

        WriteOp(self, lambda store: users.set_active(store, self.user, target["id"], enable)).using(self.manager) \
            .success(finished).run()
