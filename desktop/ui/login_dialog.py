"""Login: username and password, checked offline against the scrypt hashes on this PC.

The window can be painted before the store is open (desktop/ui/app.py run_gui): the clerk starts typing while
the store loads; ``attach_store`` then names the office. The domain and store code load with it, not before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from .widgets.field_form import FieldForm

if TYPE_CHECKING:
    from desktop.domain.users import LoginResult
    from desktop.store.records import Store


class LoginDialog(QDialog):
    def __init__(self, store: Store | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.store: Store | None = None
        self.user: dict | None = None
        self.office_code = ""
        self._tried_password = ""
        self.setWindowTitle(self.tr("Layan — masuk"))
        layout = QVBoxLayout(self)
        self.heading = QLabel(" ")  # the office's name once the store is open; the line is kept, so nothing moves
        self.heading.setObjectName("dialogHeading")
        layout.addWidget(self.heading)
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
        if store is not None:
            self.attach_store(store)

    def attach_store(self, store: Store) -> None:
        self.store = store
        info = store.office() or {"name": "", "code": ""}
        self.heading.setText(info["name"] or info["code"] or " ")
        self.office_code = info["code"] or ""
        self._offer_last_username()

    def _offer_last_username(self) -> None:
        """The name of who logged in last on this PC, with the cursor in the password: on a desk PC that is
        nearly always the clerk at it. Left alone once something was typed (the window takes keys before the
        store is open)."""
        from .settings import last_username

        name = last_username(self.office_code) if self.office_code else ""
        if name and not self.username.text():
            self.username.setText(name)
            self.password.setFocus()

    def try_login(self) -> None:
        if self.store is None:  # not open yet (run_gui opens it right after the first paint; keys wait for that)
            return
        from desktop.domain import users

        username, password = self.username.text(), self.password.text()
        self._tried_password = password
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

    def _checked(self, result: LoginResult) -> None:
        self.login_button.setEnabled(True)
        if result.user is None:
            self.form.clear_errors()
            if result.wait_seconds:
                message = self.tr("Terlalu banyak percobaan yang salah. Coba lagi dalam {n} detik.").format(
                    n=result.wait_seconds)
            else:
                message = self.tr("Nama pengguna atau kata sandi salah.")
            self.form.set_error("password", message)
            if self.password.text() == self._tried_password:  # ready to be typed over; not what was typed since
                self.password.selectAll()
            self._tried_password = ""  # kept no longer than the check
            self.password.setFocus()
            return
        self.user = result.user
        if self.office_code:
            from .settings import remember_username

            remember_username(self.office_code, result.user["username"])
        self.accept()
