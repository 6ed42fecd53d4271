"""Daftarkan PC ini: the server's address and a one-time enrollment code from IT.

The exchange runs on the scheduler's network thread (never two network jobs at once, and the GUI
never waits); a refusal is shown in the dialog in plain words. When the OS has no keyring the
device token goes to a protected file, and the dialog says so (``Enrollment.token_warning``).
"""

from __future__ import annotations

from concurrent.futures import Future

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.domain import syncing
from desktop.tasks import known_message, pick, show_failure
from desktop.tasks.sync_scheduler import SyncScheduler

from ..widgets.field_form import FieldForm


class EnrollDialog(QDialog):
    enrolled = Signal(object)  # syncing.Enrollment

    def __init__(self, scheduler: SyncScheduler, server_url: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("enrollDialog")
        self.scheduler = scheduler
        self.enrollment: syncing.Enrollment | None = None
        self.busy = False
        self.setWindowTitle(self.tr("Daftarkan PC ini"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Minta kode pendaftaran ke petugas TI (Diskominfo). Kode hanya berlaku sekali. "
                               "Pendaftaran memerlukan sambungan ke server; setelah itu PC ini tetap bisa "
                               "bekerja tanpa jaringan."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = FieldForm()
        self.server = self.form.add_field("server", self.tr("Alamat server"), QLineEdit())
        self.server.setPlaceholderText("https://layan.mimikakab.go.id")
        self.server.setText(server_url or "")
        self.code = self.form.add_field("code", self.tr("Kode pendaftaran"), QLineEdit())
        layout.addWidget(self.form)
        self.status = QLabel()
        self.status.setObjectName("enrollStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)
        self.warning = QLabel()
        self.warning.setObjectName("tokenWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        layout.addWidget(self.warning)
        self.buttons = QDialogButtonBox()
        self.enroll_button = self.buttons.addButton(self.tr("Daftarkan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.enroll_button.setDefault(True)
        self.enroll_button.clicked.connect(self.start_enroll)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.code if server_url else self.server).setFocus()

    def start_enroll(self) -> None:
        if self.enrollment is not None:
            self.accept()  # the button now reads "Selesai"
            return
        if self.busy:
            return
        url, code = self.server.text().strip(), self.code.text().strip()
        self.form.clear_errors()
        if not url:
            self.form.set_error("server", self.tr("Alamat server wajib diisi."))
            self.server.setFocus()
            return
        if not code:
            self.form.set_error("code", self.tr("Kode pendaftaran wajib diisi."))
            self.code.setFocus()
            return
        self.busy = True
        self.enroll_button.setEnabled(False)
        self.server.setEnabled(False)
        self.code.setEnabled(False)
        self._say(self.tr("Menghubungi server…"))
        self.scheduler.submit(lambda store: syncing.enroll(store, url, code), self._done)

    def _done(self, future: Future) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.enroll_button.setEnabled(True)
        exc = future.exception()
        if exc is not None:
            self.server.setEnabled(True)
            self.code.setEnabled(True)
            message = known_message(exc)
            if message is None:
                self.status.hide()
                show_failure(self, exc)  # a bug: the crash dialog
                return
            self._say(self.tr("Pendaftaran gagal: {reason}").format(reason=message))
            self.code.selectAll()
            self.code.setFocus()
            return
        self.enrollment = enrollment = future.result()
        office = enrollment.office
        self._say(self.tr("PC ini terdaftar untuk kantor {name} ({code}). Sinkronisasi pertama dimulai.").format(
            name=office.get("name") or "", code=office.get("code") or ""))
        if enrollment.token_warning:
            self.warning.setText(pick(*enrollment.token_warning))
            self.warning.show()
        self.enroll_button.setText(self.tr("Selesai"))
        self.close_button.hide()
        self.enroll_button.setFocus()
        self.enrolled.emit(enrollment)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def reject(self) -> None:
        if self.busy:
            return  # the exchange is running; its answer decides (the code is single-use)
        super().reject()
