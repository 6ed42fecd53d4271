"""Login: username and password, checked offline against the scrypt hashes on this PC."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.domain import users
from desktop.store.records import Store
from desktop.tasks import QueryOp

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
        # scrypt takes a noticeable moment: off the GUI thread like any other store work.
        QueryOp(self, lambda store: users.authenticate(store, username, password), success=self._checked).run()

    def _checked(self, user: dict | None) -> None:
        self.login_button.setEnabled(True)
        if user is None:
            self.form.clear_errors()
            self.form.set_error("password", self.tr("Nama pengguna atau kata sandi salah."))
            self.password.selectAll()
            self.password.setFocus()
            return
        self.user = user
        self.accept()
