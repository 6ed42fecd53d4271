"""First start: which office this PC belongs to, its local administrator, and what printing needs.

The printing page (kop surat and the signatory of certificates) may be skipped: "Selesai" on the
administrator's page finishes without it, and whatever is still missing is asked for when the first
certificate is issued (desktop/ui/services/print_setup_dialog.py).

A QWizard so a later issue can add a page (e.g. "read a provisioning file") without touching
these. Each page checks its own fields and shows messages at the field; nothing is written
until the last page is accepted, and then everything is written by one op.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop import provisioning
from desktop.domain import demo, office, users
from desktop.printing import settings as print_settings
from desktop.store.records import Store
from desktop.tasks import WriteOp, error_text, pick

from .print_setup_form import PrintSetupForm
from .widgets.field_form import FieldForm
from .widgets.screen_fit import centre_on_screen

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
        # IT's provisioning file fills everything in (office, server, enrollment): no URL to type. Its button
        # is at the top but made last, so it comes last on Tab: the cursor starts in "Kode kantor".
        self.plan: provisioning.Plan | None = None
        self.provision_button = QPushButton(self.tr("Baca berkas provisioning dari IT…"))
        self.provision_button.clicked.connect(self._choose_provisioning_file)
        layout.insertWidget(0, self.provision_button)
        self.provision_status = QLabel()
        self.provision_status.setWordWrap(True)
        layout.insertWidget(1, self.provision_status)

    def _choose_provisioning_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Berkas provisioning"), str(Path.home()),
                                              self.tr("Berkas provisioning Layan (*.json)"))
        if path:
            self.use_provisioning_file(path)

    def use_provisioning_file(self, path: str | Path) -> bool:
        """Reads and checks the file; on success the office fields come from it and are locked."""
        try:
            plan = provisioning.load(path)
        except provisioning.ProvisioningError as exc:
            self.provision_status.setObjectName("fieldError")
            self.provision_status.setText(error_text(exc))
            self.plan = None
            return False
        self.plan = plan
        self.code.setText(plan.office["code"])
        self.name.setText(plan.office["name"])
        self.kind.setCurrentIndex(self.kind.findData(plan.office["kind"]))
        for widget in (self.code, self.name, self.kind, self.demo):
            widget.setEnabled(False)
        self.provision_status.setObjectName("hint")
        self.provision_status.setText(self.tr("Dari berkas IT: kantor {code}, server {server}. PC ini akan "
                                              "didaftarkan saat pengaturan selesai.").format(
            code=plan.office["code"], server=plan.server_url))
        return True

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


class PrintingPage(QWizardPage):
    """The letterhead and the signatory; prefilled with the defaults, saved only where they differ."""

    def __init__(self, store: Store, office_page: OfficePage):
        super().__init__()
        self.store = store
        self.office_page = office_page
        self.setObjectName("printingPage")
        self.setTitle(self.tr("Kop surat dan penandatangan"))
        self.setSubTitle(self.tr("Untuk surat keterangan, tanda terima dan surat keluar. Boleh dilewati: bisa diisi "
                                 "nanti di Pengaturan → Cetak, atau saat surat keterangan pertama diterbitkan."))
        self.setMinimumWidth(720)  # an address and an e-mail line are long; the subtitle stays on two lines
        layout = QVBoxLayout(self)
        self.form = PrintSetupForm()
        layout.addWidget(self.form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def defaults(self) -> dict[str, str]:
        return print_settings.defaults_for_office(self.office_page.values()["name"] or self.store.meta("office_name")
                                                  or "")

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        """The office's name may have changed on the first page: defaults follow, typed values stay."""
        defaults = self.defaults()
        previous = getattr(self, "_shown_defaults", {})
        for key, edit in self.form.inputs.items():
            if not edit.text().strip() or edit.text().strip() == previous.get(key):
                edit.setText(defaults.get(key) or "")
        self._shown_defaults = defaults

    def changed(self) -> dict[str, str]:
        """What the clerk filled in beyond the defaults (nothing when the page was skipped)."""
        defaults = self.defaults()
        return {k: v for k, v in self.form.values().items() if v and v != (defaults.get(k) or "")}

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        _, errors = print_settings.check_print_settings(self.store.data_dir, self.changed())
        self.form.clear_errors()
        rest = self.form.show_errors(errors)
        self.error.setText("\n".join(pick(e.message, e.message_en) for e in rest))
        return not errors


def add_local_admin(store: Store, admin: dict) -> None:
    """An office set up headless (``layan init`` without --admin) still needs someone to log in."""
    with store.transaction() as tx:
        users.create_local_admin(tx, office_id=store.office_id, username=admin["username"],
                                 password=admin["password"], full_name=admin["full_name"] or admin["username"])


def provision_office(store: Store, plan: provisioning.Plan, admin: dict) -> list[tuple[str, str]]:
    """Office, settings and enrollment from IT's file. A failed enrollment (no link today) leaves the
    office set up and is reported, not raised: the clerk can enroll later on the Sinkronisasi page."""
    try:
        result = provisioning.apply(plan, store, admin_username=admin["username"], admin_password=admin["password"])
    except provisioning.ProvisioningError as exc:
        if store.office() is None:
            raise
        return [(exc.message, exc.message_en)]
    return result.notes


def set_up_office(store: Store, office_values: dict, admin: dict, with_demo: bool) -> None:
    office.initialize(store, admin_username=admin["username"], admin_password=admin["password"],
                      admin_full_name=admin["full_name"] or admin["username"], **office_values)
    if with_demo:
        demo.fill(store, actor=admin["username"].strip().lower())


def _then_print_settings(op, printing: dict):
    """The office first (the defaults need its name), then what the printing page changed."""
    def run(store: Store):
        result = op(store)
        print_settings.update_print_settings(store, printing)
        return result
    return run


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
        self.print_page = PrintingPage(store, self.office_page)
        if not admin_only:
            self.addPage(self.office_page)
        self.addPage(self.admin_page)
        if not admin_only:
            self.admin_page.setFinalPage(True)  # "Selesai" here skips the printing page
            self.addPage(self.print_page)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.admin_page.layout().addWidget(self.error)
        self._done = False
        # A later page may be larger (the printing page is): Qt grows the wizard from its top-left corner,
        # which on a 768-pixel screen pushes the buttons off the bottom. Centred again when a page changes its size.
        self._page_size = None
        self.currentIdChanged.connect(self._centre_if_resized)

    def _centre_if_resized(self, _page_id: int) -> None:
        resized = self._page_size is not None and self.size() != self._page_size  # Qt has resized it already
        self._page_size = self.size()
        if resized and self.isVisible():
            QTimer.singleShot(0, self._centre)  # once the frame follows the new size

    def _centre(self) -> None:
        centre_on_screen(self)

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
        printing = {} if self.admin_only else self.print_page.changed()
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        plan = self.office_page.plan
        if self.admin_only:
            op = lambda store: add_local_admin(store, admin)  # noqa: E731
        elif plan is not None:
            op = lambda store: provision_office(store, plan, admin)  # noqa: E731
        else:
            op = lambda store: set_up_office(store, values, admin, with_demo)  # noqa: E731
        if printing:
            op = _then_print_settings(op, printing)
        WriteOp(self, op) \
            .success(self._finished).failure(self._failed) \
            .with_progress(self.tr("Menyiapkan kantor…")).run()

    def _finished(self, result) -> None:
        self._done = True
        self.provisioning_notes = result if isinstance(result, list) else []
        if self.provisioning_notes:  # not modal: the login follows; the box stays until read
            self.notes_box = QMessageBox(QMessageBox.Icon.Information, self.tr("Provisioning"),
                                         "\n".join(pick(*note) for note in self.provisioning_notes))
            self.notes_box.show()
        self.admin_username = self.admin_page.username.text().strip().lower()
        super().accept()

    def _failed(self, exc: Exception) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        from desktop.tasks import known_message, show_failure

        label = self.print_page.error if self.currentPage() is self.print_page else self.error
        if known_message(exc) is None:
            show_failure(self, exc)
        else:
            label.setText(error_text(exc))
