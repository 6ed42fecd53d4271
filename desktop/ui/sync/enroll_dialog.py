"""Daftarkan PC ini: the server's address and a one-time enrollment code from IT.

The exchange runs on the scheduler's network thread (never two network jobs at once, and the GUI
never waits); a refusal is shown in the dialog in plain words. When the OS has no keyring the
device token goes to a protected file, and the dialog says so (``Enrollment.token_warning``).

"Daftarkan ulang…" on an enrolled PC: moving it to ANOTHER server shows the old and the new server
and how many changes are not yet sent, asks for an admin's login and a USB folder, and the domain
(``syncing.move_to_server``) writes those changes to a USB sync file before enrolling anew.
"""

from __future__ import annotations

from concurrent.futures import Future

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import syncing
from desktop.tasks import known_message, pick, show_failure
from desktop.tasks.sync_scheduler import SyncScheduler

from ..widgets.field_form import FieldForm


class EnrollDialog(QDialog):
    enrolled = Signal(object)  # syncing.Enrollment

    def __init__(self, scheduler: SyncScheduler, server_url: str | None = None, parent: QWidget | None = None,
                 *, enrolled: bool = False, waiting: int = 0):
        super().__init__(parent)
        self.old_server = server_url if enrolled else None
        self.waiting = waiting
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
        # Moving to another server (only shown for an enrolled PC whose address is changed).
        self.move_info = QLabel()
        self.move_info.setObjectName("moveInfo")
        self.move_info.setWordWrap(True)
        self.admin = QLineEdit()
        self.admin_password = QLineEdit()
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.usb_folder = QLineEdit()
        browse = QPushButton(self.tr("Pilih…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.usb_folder, 1)
        row.addWidget(browse)
        self.form.add_field("admin", self.tr("Admin (nama pengguna)"), self.admin)
        self.form.add_field("admin_password", self.tr("Kata sandi admin"), self.admin_password)
        self.form.add_field("usb_folder", self.tr("Folder USB untuk perubahan yang belum terkirim"), folder_row)
        layout.addWidget(self.form)
        layout.addWidget(self.move_info)
        self.server.textChanged.connect(self._update_move)
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
        self._update_move()

    def moving(self) -> bool:
        new = self.server.text().strip().rstrip("/")
        return bool(self.old_server) and bool(new) and new != self.old_server

    def _update_move(self) -> None:
        moving = self.moving()
        for name in ("admin", "admin_password", "usb_folder"):
            self.form.labels[name].setVisible(moving)
            self.form.fields[name].setVisible(moving)
        self.move_info.setVisible(moving)
        if moving:
            self.move_info.setText(self.tr(
                "Pindah server. Server lama: {old}. Server baru: {new}. Perubahan belum terkirim: {n}; "
                "perubahan itu ditulis dulu ke berkas USB untuk server lama. Perlu login admin.").format(
                old=self.old_server, new=self.server.text().strip(), n=f"{self.waiting:,}".replace(",", ".")))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Pilih folder USB"))
        if folder:
            self.usb_folder.setText(folder)

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
        moving = self.moving()
        if moving and not (self.admin.text().strip() and self.admin_password.text()):
            self.form.set_error("admin", self.tr("Pindah server memerlukan login admin."))
            self.admin.setFocus()
            return
        if moving and self.waiting and not self.usb_folder.text().strip():
            self.form.set_error("usb_folder", self.tr("Pilih folder USB: perubahan yang belum terkirim ditulis "
                                                      "dulu ke sana."))
            self.usb_folder.setFocus()
            return
        self.busy = True
        self.enroll_button.setEnabled(False)
        self.server.setEnabled(False)
        self.code.setEnabled(False)
        self._say(self.tr("Menghubungi server…"))
        if moving:
            admin, password, folder = self.admin.text().strip(), self.admin_password.text(), self.usb_folder.text().strip()
            self.admin_password.clear()
            self.scheduler.submit(lambda store: syncing.move_to_server(
                store, url, code, username=admin, password=password, usb_folder=folder or None), self._done)
            return
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
        result = future.result()
        moved = result if isinstance(result, syncing.Move) else None
        self.enrollment = enrollment = moved.enrollment if moved else result
        office = enrollment.office
        text = self.tr("PC ini terdaftar untuk kantor {name} ({code}). Sinkronisasi pertama dimulai.").format(
            name=office.get("name") or "", code=office.get("code") or "")
        if moved and moved.exported is not None:
            text += " " + self.tr("Perubahan untuk server lama tersimpan di {path}; serahkan ke petugas TI.").format(
                path=str(moved.exported.path))
        self._say(text)
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
