"""Login: username and password, checked offline against the scrypt hashes on this PC."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.domain import users
from desktop.store.records import Store

from .widgets.field_form import FieldForm


class LoginDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.store = store
        self.user: dict | None = None
        info = store.office() or {"name": "", "code": ""}
        self.setWindowTitle(self.tr("Layan — masuk"))
        layout = QVBoxLayout(self)
        heading = QLabel(info["name"] or info["code"])
        heading.setObjectName("dialogHeading")
        layout.addWidget(heading)
        self.form = FieldForm()
        self.username = self.form.add_field("username", self.tr("Nama pengguna"), QLineEdit())
        self.password = self.form.add_field("password", self.tr("Kata sandi"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.form)
        buttons = QDialogButtonBox()
        self.login_button = buttons.addButton(self.tr("Masuk"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Keluar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.username.setFocus()

    def try_login(self) -> None:
        username, password = self.username.text(), self.password.text()
        self.login_button.setEnabled(False)
        # scrypt takes a noticeable moment, and a login records its outcome (failed attempts, last
        # login, a stronger hash): on the writer, never on the GUI thread.
        from desktop.tasks import WriteOp  # loaded after the window is painted

        WriteOp(self, lambda store: users.login(store, username, password)).success(self._checked) \
            .failure(self._failed).run()

    def _failed(self, exc: Exception) -> None:
        from desktop.tasks import show_failure

        self.login_button.setEnabled(True)
        show_failure(self, exc)

    def _checked(self, result: users.LoginResult) -> None:
        self.login_button.setEnabled(True)
        if result.user is None:
            self.form.clear_errors()
            if result.wait_seconds:
                message = self.tr("Terlalu banyak percobaan yang salah. Coba lagi dalam {n} detik.").format(
                    n=result.wait_seconds)
            else:
                message = self.tr("Nama pengguna atau kata sandi salah.")
            self.form.set_error("password", message)
            self.password.selectAll()
            self.password.setFocus()
            return
        self.user = result.user
        self.accept()
