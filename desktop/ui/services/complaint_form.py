"""Intake of a complaint (pengaduan): walk-in, phone, letter, the centre (Mimika Center) or online.

"Anonim" hides the reporter's name and contact, and they are not sent at all: the domain drops
them before saving, so they are in neither the record, the outbox nor the audit log. Ctrl+S saves
(Enter too, except in the description, where it starts a new line); Esc closes. After saving,
the tracking code and the complaint receipt are offered at once, as for a service request.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import complaints, reference, tracking
from desktop.printing import documents
from desktop.store.records import Store
from desktop.tasks import QueryOp, WriteOp, pick

from ..widgets import form_base
from ..widgets.completion import attach_to_combo
from ..widgets.date_field import DateField
from ..widgets.field_form import FieldForm
from ..widgets.kampung_completer import KampungCompleter
from . import labels
from .offices import own_distrik_name
from .print_bar import PrintBar

ORDER = ("tanggal", "channel", "anonim", "pelapor_nama", "pelapor_kontak", "kategori", "kampung", "distrik",
         "lokasi", "uraian")


class ComplaintDialog(form_base.FormDialog):
    def __init__(self, store: Store, actor: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("complaintDialog")
        self.store = store
        self.actor = actor
        self.record: dict | None = None
        self.print_bar: PrintBar | None = None
        self._dirty = False
        self._saving = False
        self.setMinimumWidth(680)
        self.resize(760, 720)  # room for the photos' strip (a smaller screen scrolls: screen_fit)

        layout = QVBoxLayout(self)
        self.add_heading(layout, self.tr("Pengaduan Baru"))
        self.code_label = QLabel()
        self.code_label.setObjectName("trackingCode")
        self.code_label.setStyleSheet("font-size: 20pt; font-weight: bold; color: #1d5f8c;")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.hide()
        layout.addWidget(self.code_label)
        self.receipt_row = QHBoxLayout()
        layout.addLayout(self.receipt_row)

        self.form = FieldForm()
        f = self.form
        self.tanggal = f.add_field("tanggal", self._label("tanggal"), DateField())
        self.channel = QComboBox()
        for code, pair in complaints.CHANNELS.items():
            self.channel.addItem(pick(*pair), code)
        f.add_field("channel", self._label("channel") + " *", self.channel)
        self.anonim = QCheckBox(self.tr("Pelapor minta identitasnya dirahasiakan (nama dan kontak tidak dicatat)"))
        f.add_field("anonim", self._label("anonim"), self.anonim)
        self.pelapor_nama = f.add_field("pelapor_nama", self._label("pelapor_nama") + " *", QLineEdit())
        self.pelapor_nama.setMaxLength(200)
        self.pelapor_kontak = f.add_field("pelapor_kontak", self._label("pelapor_kontak"), QLineEdit())
        self.pelapor_kontak.setMaxLength(200)
        self.pelapor_kontak.setPlaceholderText(self.tr("nomor HP atau alamat; tidak dicetak di tanda terima"))
        self.kategori = QComboBox()
        self.kategori.setEditable(True)
        self.kategori.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.kategori.addItems(list(complaints.KATEGORI))
        attach_to_combo(self.kategori)  # "jalan" finds "Infrastruktur (jalan, jembatan …)"
        self.kategori.setCurrentIndex(-1)
        self.kategori.lineEdit().setMaxLength(100)
        self.kategori.lineEdit().setPlaceholderText(self.tr("pilih atau ketik"))
        f.add_field("kategori", self._label("kategori") + " *", self.kategori)
        self.kampung = f.add_field("kampung", self._label("kampung"), QLineEdit())
        self.kampung.setMaxLength(100)
        self.distrik = QComboBox()
        self.distrik.setEditable(True)
        self.distrik.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.distrik.addItems([d.name for d in reference.distrik_list()])
        attach_to_combo(self.distrik)
        self.distrik.setCurrentIndex(-1)
        self.distrik.lineEdit().setMaxLength(100)
        QueryOp(self, own_distrik_name,
                success=lambda name: self.distrik.setCurrentText(name) if not self.distrik.currentText() else None).run()
        f.add_field("distrik", self._label("distrik"), self.distrik)
        self.kampung_completer = KampungCompleter(self.kampung, self.distrik.setCurrentText)  # the official list
        self.lokasi = f.add_field("lokasi", self._label("lokasi"), QLineEdit())
        self.lokasi.setMaxLength(300)
        self.uraian = QPlainTextEdit()
        self.uraian.setTabChangesFocus(True)
        self.uraian.setMinimumHeight(120)
        self.uraian.setPlaceholderText(self.tr("Apa yang terjadi, di mana, sejak kapan, siapa yang terdampak"))
        f.add_field("uraian", self._label("uraian") + " *", self.uraian)
        from ..widgets.attachment_strip import intake_strip

        self.attachments = intake_strip(store, {"username": actor}, complaints.COMPLAINTS)  # photos of the problem
        f.add_field("lampiran", self.tr("Foto/berkas"), self.attachments)
        layout.addWidget(self.form, 1)

        for widget in (self.pelapor_nama, self.pelapor_kontak, self.kampung, self.lokasi):
            widget.textEdited.connect(self._mark_dirty)
        self.uraian.textChanged.connect(self._mark_dirty)
        self.kategori.editTextChanged.connect(self._mark_dirty)
        self.anonim.toggled.connect(self._anonymous_toggled)
        order = [f.fields[k] for k in ORDER]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self.add_buttons_leading_on(layout, self.tr("Buka pengaduan"), self.tr("Pengaduan baru (Ctrl+N)"))
        self.channel.setFocus()

    @staticmethod
    def _label(key: str) -> str:
        return labels.field_label(complaints.COMPLAINTS, key)

    def _anonymous_toggled(self, anonymous: bool) -> None:
        for key in complaints.REPORTER_FIELDS:
            self.form.labels[key].setVisible(not anonymous)
            self.form.fields[key].setVisible(not anonymous)
            if anonymous:
                self.form.errors[key].hide()
        self._dirty = True

    def values(self) -> dict:
        anonymous = self.anonim.isChecked()
        out = {
            "tanggal": self.tanggal.value(),
            "channel": self.channel.currentData(),
            "anonim": anonymous,
            "kategori": self.kategori.currentText().strip() or None,
            "kampung": self.kampung.text().strip() or None,
            "distrik": self.distrik.currentText().strip() or None,
            "lokasi": self.lokasi.text().strip() or None,
            "uraian": self.uraian.toPlainText().strip() or None,
        }
        if not anonymous:  # hidden fields are not sent at all
            out["pelapor_nama"] = self.pelapor_nama.text().strip() or None
            out["pelapor_kontak"] = self.pelapor_kontak.text().strip() or None
        return out

    def is_dirty(self) -> bool:
        return (self._dirty or bool(self.attachments.waiting)) and self.record is None

    def save(self) -> None:
        if self._saving:
            return
        if self.record is not None:
            if self.print_bar is not None:
                self.print_bar.print_button.setFocus()
            return
        fields = self.values()
        self._saving = True
        self.save_button.setEnabled(False)
        actor = self.actor
        WriteOp(self, self.attachments.saving_with(lambda store: complaints.new_complaint(store, fields, actor=actor))) \
            .success(self._saved).failure(self._save_failed).with_progress(self.tr("Menyimpan pengaduan…")).run()

    def _saved(self, record: dict) -> None:
        self._saving = False
        self.record = record
        self._dirty = False
        self.form.clear_errors()
        self.form.setEnabled(False)
        code = tracking.display(record["tracking_code"])
        self.heading.setText(self.tr("Pengaduan tersimpan"))
        self.code_label.setText(code)
        self.code_label.show()
        complaint_id = record["id"]
        self.print_bar = PrintBar(self.tr("Tanda terima:"),
                                  lambda store, paper: documents.complaint_receipt(store, complaint_id, paper=paper),
                                  lambda: self.tr("Tanda terima pengaduan {code}").format(code=code), self)
        self.receipt_row.addWidget(self.print_bar)
        self.save_button.hide()
        self.open_button.show()
        self.another_button.show()
        self.banner.setText(self.tr("Pengaduan tersimpan dengan kode lacak {code}; batas tanggapan {date}. Tekan "
                                    "Enter untuk mencetak tanda terima.").format(
            code=code, date=labels.date(record.get("due_date"))))
        self.banner.show()
        self.print_bar.print_button.setFocus()
        self.attachments.saved(complaint_id)
        self.saved.emit(complaint_id)

    def _save_failed(self, exc: Exception) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        form_base.show_save_failure(self, self.form, exc)
        self.save_failed.emit()

    def discard_question(self) -> tuple[str, str]:
        return self.tr("Buang isian?"), self.tr("Pengaduan ini belum disimpan. Tutup tanpa menyimpan?")
