"""First start: which office this PC belongs to, and its local administrator.

A QWizard so a later issue can add a page (e.g. "read a provisioning file") without touching
these. Each page checks its own fields and shows messages at the field; nothing is written
until the last page is accepted, and then everything is written by one op.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage

from desktop.domain import demo, office, users
from desktop.store.records import Store
from desktop.tasks import WriteOp, error_text, pick

from .widgets.field_form import FieldForm

DEMO_OFFICE = ("DST-DEMO", "Distrik Demo (data contoh)")


class OfficePage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Kantor"))
        self.setSubTitle(self.tr("Komputer ini dipakai oleh kantor mana? Kode kantor diberikan oleh Diskominfo."))
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        self.code = self.form.add_field("code", self.tr("Kode kantor"), QLineEdit())
        self.code.setPlaceholderText(self.tr("mis. DST-MB"))
        self.code.setMaxLength(20)
        self.name = self.form.add_field("name", self.tr("Nama kantor"), QLineEdit())
        self.name.setPlaceholderText(self.tr("mis. Distrik Mimika Baru"))
        self.kind = self.form.add_field("kind", self.tr("Jenis kantor"), QComboBox())
        for kind in office.KINDS:
            self.kind.addItem(pick(*office.KIND_LABELS[kind]), kind)
        layout.addWidget(self.form)
        self.demo = QCheckBox(self.tr("Buka kantor demo dengan data contoh"))
        self.demo.toggled.connect(self._demo_toggled)
        layout.addWidget(self.demo)
        hint = QLabel(self.tr("Kantor demo untuk latihan: berisi surat-surat contoh. Jangan dipakai untuk data sungguhan."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)

    def _demo_toggled(self, on: bool) -> None:
        if on and not self.code.text().strip():
            self.code.setText(DEMO_OFFICE[0])
            self.name.setText(DEMO_OFFICE[1])
            self.kind.setCurrentIndex(self.kind.findData("distrik"))

    def values(self) -> dict:
        return {"code": self.code.text().strip().upper(), "name": self.name.text().strip(),
                "kind": self.kind.currentData()}

    def validatePage(self) -> bool:
        values = self.values()
        self.code.setText(values["code"])
        self.form.clear_errors()
        problems = office.validate_office(**values)
        for field, message, message_en in problems:
            self.form.set_error(field, pick(message, message_en))
        if problems:
            self.form.fields[problems[0][0]].setFocus()
        return not problems


class AdminPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Administrator lokal"))
        self.setSubTitle(self.tr("Akun untuk masuk di komputer ini sampai komputer didaftarkan ke server."))
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        self.username = self.form.add_field("username", self.tr("Nama pengguna"), QLineEdit())
        self.full_name = self.form.add_field("full_name", self.tr("Nama lengkap"), QLineEdit())
        self.password = self.form.add_field("password", self.tr("Kata sandi"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = self.form.add_field("password2", self.tr("Ulangi kata sandi"), QLineEdit())
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        self.form.clear_errors()
        bad = None
        if not self.username.text().strip():
            self.form.set_error("username", self.tr("Nama pengguna wajib diisi."))
            bad = bad or self.username
        if len(self.password.text()) < users.MIN_PASSWORD:
            self.form.set_error("password", self.tr("Kata sandi minimal {n} karakter.").format(n=users.MIN_PASSWORD))
            bad = bad or self.password
        elif self.password.text() != self.password2.text():
            self.form.set_error("password2", self.tr("Kedua kata sandi tidak sama."))
            bad = bad or self.password2
        if bad is not None:
            bad.setFocus()
        return bad is None


def add_local_admin(store: Store, admin: dict) -> None:
    """An office set up headless (``layan init`` without --admin) still needs someone to log in."""
    with store.transaction() as tx:
        users.create_local_admin(tx, office_id=store.office_id, username=admin["username"],
                                 password=admin["password"], full_name=admin["full_name"] or admin["username"])


def set_up_office(store: Store, office_values: dict, admin: dict, with_demo: bool) -> None:
    office.initialize(store, admin_username=admin["username"], admin_password=admin["password"],
                      admin_full_name=admin["full_name"] or admin["username"], **office_values)
    if with_demo:
        demo.fill(store, actor=admin["username"].strip().lower())


class FirstStartWizard(QWizard):
    def __init__(self, store: Store, parent=None, *, admin_only: bool = False):
        super().__init__(parent)
        self.setObjectName("firstStart")
        self.store = store
        self.admin_only = admin_only
        self.setWindowTitle(self.tr("Layan — pengaturan awal"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Selesai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Batal"))
        self.office_page = OfficePage()
        self.admin_page = AdminPage()
        if not admin_only:
            self.addPage(self.office_page)
        self.addPage(self.admin_page)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.admin_page.layout().addWidget(self.error)
        self._done = False

    def accept(self) -> None:
        """Writes the office (one op) and closes only when it worked."""
        if self._done:
            super().accept()
            return
        if not self.validateCurrentPage():  # QWizard.accept would; this override must too
            return
        admin = {"username": self.admin_page.username.text().strip(),
                 "full_name": self.admin_page.full_name.text().strip(),
                 "password": self.admin_page.password.text()}
        values = self.office_page.values()
        with_demo = self.office_page.demo.isChecked()
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        if self.admin_only:
            op = lambda store: add_local_admin(store, admin)  # noqa: E731
        else:
            op = lambda store: set_up_office(store, values, admin, with_demo)  # noqa: E731
        WriteOp(self, op) \
            .success(self._finished).failure(self._failed) \
            .with_progress(self.tr("Menyiapkan kantor…")).run()

    def _finished(self, _result) -> None:
        self._done = True
        self.admin_username = self.admin_page.username.text().strip().lower()
        super().accept()

    def _failed(self, exc: Exception) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        from desktop.tasks import known_message, show_failure

        if known_message(exc) is None:
            show_failure(self, exc)
        else:
            self.error.setText(error_text(exc))
