"""Sinkronisasi → "Lewat USB": for an office without a link, the two steps of a sync by stick
(desktop/domain/usb_sync.py): write the waiting changes to the stick for IT, and apply the
server's reply IT brings back. Both run on the writer thread; the result is a line on the page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.domain import attachment_usb, usb_sync
from desktop.store.db import StoreError
from desktop.tasks import QueryOp, TaskManager, WriteOp, pick, show_failure

from ..i18n import format_number
from .formatting import format_bytes


class UsbSyncBox(QGroupBox):
    imported = Signal()  # a reply was applied: the page reloads its lists of refusals

    def __init__(self, manager: TaskManager, parent: QWidget | None = None):
        super().__init__(self.tr("Lewat USB (tanpa jaringan)"), parent)
        self.setObjectName("usbSync")
        self.manager = manager
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr(
            "1. Ekspor ke USB, bawa USB ke IT di Timika. 2. IT mengimpornya ke server; balasannya ditulis ke USB "
            "yang sama. 3. Di sini: Impor balasan. Berkasnya ditandatangani: USB yang hilang atau diubah tidak "
            "bisa dipakai kantor lain."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("&Ekspor ke USB…"))
        self.export_button.setObjectName("usbExportButton")
        self.export_button.clicked.connect(self.choose_export)
        self.import_button = QPushButton(self.tr("&Impor balasan dari USB…"))
        self.import_button.setObjectName("usbImportButton")
        self.import_button.clicked.connect(self.choose_import)
        self.result = QLabel()  # beside the buttons: the box stays short
        self.result.setObjectName("usbResult")
        self.result.setWordWrap(True)
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addWidget(self.result, 1)
        layout.addLayout(row)

    # -- dialogs --------------------------------------------------------------------------------

    def choose_export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Pilih USB (atau folder) untuk ekspor"))
        if folder:
            self.export_to(Path(folder))

    def choose_import(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Pilih USB (atau folder) berisi balasan server"))
        if folder:
            self.import_from(Path(folder))

    # -- work -----------------------------------------------------------------------------------

    def _busy(self, busy: bool, text: str = "") -> None:
        self.export_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)
        if text:
            self.result.setText(text)

    def export_to(self, where: Path) -> None:
        self._busy(True, self.tr("Menulis ke USB…"))
        WriteOp(self, lambda store: usb_sync.export_request(store, where)).using(self.manager) \
            .success(self._exported).failure(self._failed).run()

    def import_from(self, where: Path) -> None:
        self._busy(True, self.tr("Membaca balasan…"))
        WriteOp(self, lambda store: usb_sync.import_replies(store, where)).using(self.manager) \
            .success(self._imported).failure(self._failed).run()

    def _exported(self, result: usb_sync.ExportResult) -> None:
        self._busy(False)
        text = self.tr("{changes} perubahan ditulis ke {file}. Bawa USB ke IT.").format(
            changes=format_number(result.changes), file=result.path.name)
        if result.left_out:
            text += " " + self.tr("{n} perubahan lagi ikut ekspor berikutnya.").format(n=format_number(result.left_out))
        self.result.setText(text)
        QueryOp(self, attachment_usb.last_export).using(self.manager).success(self._blobs_exported).run()

    def _blobs_exported(self, blobs) -> None:
        """Attachment bytes on the stick, and plainly what did not fit (desktop/domain/attachment_usb.py)."""
        if blobs is None or not (blobs.carried or blobs.left_out):
            return
        text = "\n" + self.tr("{n} lampiran ikut ({size}).").format(n=format_number(blobs.carried),
                                                                   size=format_bytes(blobs.carried_bytes))
        if blobs.left_out:
            text += "\n" + self.tr("Tidak muat di USB ini (ikut ekspor berikutnya): {files}").format(
                files=", ".join(f"{name} ({format_bytes(size)})" for name, size in blobs.left_out))
        self.result.setText(self.result.text() + text)

    def _imported(self, report: usb_sync.ImportReport) -> None:
        self._busy(False)
        self.imported.emit()
        if not report.files:
            text = self.tr("Tidak ada balasan server untuk PC ini di sana.")
        else:
            text = self.tr("Balasan diterapkan: {sent} perubahan diterima server ({refused} ditolak), {received} data "
                           "baru, {blocks} blok nomor.").format(
                sent=format_number(report.acknowledged), refused=format_number(report.rejected),
                received=format_number(report.pulled), blocks=format_number(report.blocks))
        for path, message_id, message_en in report.skipped:
            text += "\n" + self.tr("{file} dilewati: {reason}").format(file=path.name, reason=pick(message_id, message_en))
        if report.transferred:
            text += "\n" + self.tr("{n} pengaduan/permohonan yang diteruskan sudah pindah ke kantor tujuannya.").format(
                n=format_number(report.transferred))
        for refusal in report.transfer_refusals:
            text += "\n" + self.tr("Penerusan ditolak server: {reason}").format(reason=pick(*refusal))
        if report.forwards_waiting:
            text += "\n" + self.tr("{n} pengaduan/permohonan yang diteruskan belum pindah: ekspor lagi dan bawa ke IT.") \
                .format(n=format_number(report.forwards_waiting))
        if report.error:
            text += "\n" + self.tr("Server menghentikan berkas: {reason}").format(reason=pick(*report.error))
        if report.files and (report.more or report.waiting):
            text += "\n" + self.tr("Masih ada yang perlu dipertukarkan: ekspor lagi.")
        self.result.setText(text)

    def _failed(self, exc: Exception) -> None:
        self._busy(False, " ")
        if isinstance(exc, StoreError):  # not enrolled, no key yet, the stick is full or locked…
            self.result.setText(pick(exc.message, exc.message_en))
        else:
            show_failure(self, exc)
