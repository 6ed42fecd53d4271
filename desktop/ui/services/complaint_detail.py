"""One complaint: its data, the status flow as events (who/when), the first-response SLA, forwarding.

Buttons exist only for the transitions the domain allows (masuk → diverifikasi → diteruskan →
ditindaklanjuti → selesai, or bukan_wewenang with a note). "Teruskan ke kantor lain" records the
``diteruskan`` event with the target office; the record itself moves on the next sync (the server
transfers it), which the window says. Until then only re-targeting is possible; once transferred,
this office keeps a read-only stub: its status is shown, and no action is offered.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from desktop.domain import complaints, tracking
from desktop.printing import documents
from desktop.store.records import Store

from ..i18n import format_datetime
from . import labels
from .detail_base import RecordDetailDialog
from .print_bar import PrintBar


def action_label(status: str) -> str:
    texts = {
        "diverifikasi": QCoreApplication.translate("ComplaintActions", "&Verifikasi"),
        "ditindaklanjuti": QCoreApplication.translate("ComplaintActions", "&Tindak lanjuti"),
        "selesai": QCoreApplication.translate("ComplaintActions", "&Selesai"),
        "bukan_wewenang": QCoreApplication.translate("ComplaintActions", "&Bukan wewenang"),
    }
    return texts.get(status, status)


def event_note(event: dict) -> str:
    parts = []
    if event.get("to_office"):
        parts.append(QCoreApplication.translate("ComplaintActions", "ke {office}").format(office=event["to_office"]))
    if event.get("catatan"):
        parts.append(event["catatan"])
    return "; ".join(parts)


class ComplaintDetailDialog(RecordDetailDialog):
    collection_name = complaints.COMPLAINTS
    events_collection = complaints.COMPLAINT_EVENTS
    forwards = True

    def __init__(self, store: Store, actor: str, complaint_id: str, parent: QWidget | None = None):
        self.action_buttons: dict[str, QPushButton] = {}
        self.today = dt.date.today()
        super().__init__(store, actor, complaint_id, parent)
        self.setObjectName("complaintDetail")
        self.setWindowTitle(self.tr("Pengaduan"))

        self.note = QLineEdit()
        self.note.setMaxLength(1000)
        self.note.setPlaceholderText(self.tr("tindakan yang diambil; wajib bila bukan wewenang kantor"))
        self.action_form.add_field("catatan", self.tr("Catatan"), self.note)
        self.add_forward_field(self.tr("Pengaduan dipindahkan ke kantor tujuan beserta riwayatnya: akan dikirim "
                                       "saat sinkronisasi berikutnya."))
        for status in ("diverifikasi", "ditindaklanjuti", "selesai", "bukan_wewenang"):
            button = QPushButton(action_label(status))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, s=status: self.advance(s))
            button.hide()
            self.buttons_row.addWidget(button)
            self.action_buttons[status] = button
        self.buttons_row.addStretch(1)
        self.actions_box.hide()

        self.receipt_bar = PrintBar(self.tr("Tanda terima:"),
                                    lambda st, paper: documents.complaint_receipt(st, complaint_id, paper=paper),
                                    lambda: self.tr("Tanda terima pengaduan {code}").format(code=self._code()), self)
        self.print_layout.addWidget(self.receipt_bar)

    def _code(self) -> str:
        return tracking.display((self.record or {}).get("tracking_code"))

    # -- loading ------------------------------------------------------------------------------------

    def event_columns(self):
        return [
            (self.tr("Waktu"), lambda e: format_datetime(e.get("created_at"))),
            (self.tr("Status"), lambda e: labels.complaint_status(e.get("status"))),
            (self.tr("Dari"), lambda e: labels.complaint_status(e.get("from_status"))),
            (self.tr("Oleh"), lambda e: e.get("created_by") or ""),
            (self.tr("Tanggal"), lambda e: labels.date(e.get("tanggal"))),
            (self.tr("Catatan"), event_note),
        ]

    def load_data(self, store: Store) -> dict:
        return {"record": store.get(complaints.COMPLAINTS, self.record_id),
                "events": complaints.events(store, self.record_id), "own": store.office_id}

    def show_data(self, data: dict) -> None:
        record = data["record"]
        title = self.tr("Pengaduan {code}").format(code=self._code())
        self.heading.setText(title)
        self.setWindowTitle(title)
        status = record.get("status")
        self.status_label.setText(self.tr("Status: {status}").format(status=labels.complaint_status(status)))
        due = labels.date(record.get("due_date"))
        flag = "" if record.get("readonly") else complaints.sla_flag(record, self.today)
        if flag == "merah":
            self.due_label.setText(self.tr("Batas tanggapan: {date} — terlambat, belum ditanggapi").format(date=due))
            self.due_label.setStyleSheet("color: #9b1c1c; font-weight: bold;")
        elif flag == "kuning":
            self.due_label.setText(self.tr("Batas tanggapan: {date} — segera tanggapi").format(date=due))
            self.due_label.setStyleSheet("color: #8a4b00; font-weight: bold;")
        else:
            self.due_label.setText(self.tr("Batas tanggapan: {date}").format(date=due) if due else "")
            self.due_label.setStyleSheet("color: #52606d;")
        self.set_rows(self._rows(record))
        self._show_actions(record, data["own"])

    def _rows(self, record: dict) -> list[tuple[str, str]]:
        def label(key: str) -> str:
            return labels.field_label(complaints.COMPLAINTS, key)

        reporter = self.tr("Anonim") if record.get("anonim") else record.get("pelapor_nama")
        return [
            (label("tracking_code"), self._code()), (label("tanggal"), labels.date(record.get("tanggal"))),
            (label("channel"), labels.channel(record.get("channel"))), (label("pelapor_nama"), reporter),
            (label("pelapor_kontak"), record.get("pelapor_kontak")), (label("kategori"), record.get("kategori")),
            (label("lokasi"), record.get("lokasi")), (label("kampung"), record.get("kampung")),
            (label("distrik"), record.get("distrik")), (label("uraian"), record.get("uraian")),
            (label("due_date"), labels.date(record.get("due_date"))),
            (label("tanggal_tanggapan"), labels.date(record.get("tanggal_tanggapan"))),
            (label("diteruskan_ke"), record.get("diteruskan_ke")),
            (label("tanggal_selesai"), labels.date(record.get("tanggal_selesai"))),
        ]

    def is_editable(self) -> bool:
        return self.actions_box.isVisible()

    def _show_actions(self, record: dict, own: str | None) -> None:
        status = record.get("status")
        target = record.get("diteruskan_ke")
        if record.get("readonly"):
            office = record.get("office_id") if record.get("office_id") != own else target
            self.show_notice(self.tr("Pengaduan ini sudah dialihkan ke kantor {office} dan hanya bisa dibaca di "
                                     "sini. Statusnya diperbarui setiap sinkronisasi.").format(office=office or "?"))
            self.actions_box.hide()
            return
        pending = status == "diteruskan" and bool(target) and target != own
        allowed = complaints.TRANSITIONS.get(status, ())
        if pending:
            self.show_notice(self.tr("Diteruskan ke {office}: akan dikirim saat sinkronisasi. Sampai saat itu "
                                     "pengaduan hanya bisa diteruskan ulang ke kantor lain.").format(office=target))
            allowed = ("diteruskan",)
        else:
            self.show_notice(None)
        for status_to, button in self.action_buttons.items():
            button.setVisible(status_to in allowed)
        self.show_forwarding("diteruskan" in allowed)
        self.actions_box.setVisible(bool(allowed))

    # -- actions --------------------------------------------------------------------------------------

    def advance(self, to_status: str) -> None:
        complaint_id, actor, note = self.record_id, self.actor, self.note.text().strip() or None
        self.run_action(lambda store: complaints.advance(store, complaint_id, to_status, actor=actor, note=note),
                        self._advanced, self.tr("Menyimpan status…"))

    def forward(self) -> None:
        complaint_id, actor, note, office = self.record_id, self.actor, self.note.text().strip() or None, \
            self.target_office()
        self.run_action(lambda store: complaints.forward(store, complaint_id, office, actor=actor, note=note),
                        self._advanced, self.tr("Meneruskan pengaduan…"))

    def _advanced(self, record: dict) -> None:
        self.note.clear()
        if record.get("status") == "diteruskan":
            self.show_forwarded(record)
        else:
            self.show_banner(self.tr("Status sekarang: {status}.").format(
                status=labels.complaint_status(record.get("status"))))
