"""One service request: its data, the workflow as status events (who/when), and printing.

Only the transitions the domain allows from the current status get a button
(diterima → diverifikasi → diproses → selesai, and ditolak from any open status). Verifying
ticks the documents checked at the counter; rejecting needs a reason (refused at the field
otherwise); "Selesai" issues the certificate — the next outgoing letter number, in the same
transaction — after the clerk confirms, and shows the number. The receipt can be printed again
at any time; the certificate once the request is completed (A4 or F4, preview/print or PDF).

An open request can be forwarded: "Teruskan ke kantor lain" (the same picker as for complaints)
records the forwarding in the history; the request itself moves with the next sync, which the
window says. Until then it can only be forwarded again; once transferred, this office keeps a
read-only stub whose status follows the new office's work, and no action is offered.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import services, tracking
from desktop.printing import documents
from desktop.printing import settings as print_settings
from desktop.store.db import StoreError
from desktop.store.records import Store, ValidationError
from desktop.tasks import current_language, pick

from ..i18n import format_datetime, format_number
from . import labels
from .detail_base import RecordDetailDialog
from .print_bar import PrintBar
from .print_setup_dialog import PrintSetupDialog


def action_label(status: str) -> str:
    texts = {
        "diverifikasi": QCoreApplication.translate("RequestActions", "&Verifikasi (dokumen lengkap)"),
        "diproses": QCoreApplication.translate("RequestActions", "&Proses"),
        "selesai": QCoreApplication.translate("RequestActions", "&Selesai — terbitkan surat"),
        "ditolak": QCoreApplication.translate("RequestActions", "&Tolak"),
    }
    return texts.get(status, status)


def event_note(event: dict) -> str:
    if event.get("nomor_surat"):
        return QCoreApplication.translate("RequestActions", "Surat No. {nomor}").format(nomor=event["nomor_surat"])
    if services.is_forward_event(event):
        text = QCoreApplication.translate("RequestActions", "Diteruskan dari {source} ke {office}").format(
            source=event.get("from_office") or "?", office=event["to_office"])
        return "; ".join(x for x in (text, event.get("reason")) if x)
    return event.get("reason") or ""


def event_status(event: dict) -> str:
    """A forwarding entry keeps the status; the history says "Diteruskan" for it."""
    if services.is_forward_event(event):
        return QCoreApplication.translate("RequestActions", "Diteruskan")
    return labels.request_status(event.get("status"))


class RequestDetailDialog(RecordDetailDialog):
    collection_name = services.SERVICE_REQUESTS
    events_collection = services.SERVICE_EVENTS
    forwards = True

    def __init__(self, store: Store, actor: str, request_id: str, parent: QWidget | None = None):
        self.svc: services.Service | None = None
        self.action_buttons: dict[str, QPushButton] = {}
        self.document_boxes: dict[str, QCheckBox] = {}
        self.today = dt.date.today()
        self.own: str | None = None  # this office's code (read with the record)
        # What printing still lacks (no signatory yet): asked for when the certificate is issued.
        self.print_missing: list[str] = []
        self.print_values: dict[str, str] = {}
        self.print_setup: PrintSetupDialog | None = None
        super().__init__(store, actor, request_id, parent)
        self.setObjectName("requestDetail")
        self.setWindowTitle(self.tr("Permohonan Layanan"))
        self.attachments.changed.connect(lambda _count: self.mark_scanned_documents())

        self.documents_list = QWidget()
        QVBoxLayout(self.documents_list).setContentsMargins(0, 0, 0, 0)
        self.action_form.add_field("dokumen", self.tr("Dokumen diperiksa"), self.documents_list)
        self.reason = QLineEdit()
        self.reason.setMaxLength(1000)
        self.reason.setPlaceholderText(self.tr("wajib diisi bila permohonan ditolak"))
        self.action_form.add_field("reason", self.tr("Alasan penolakan"), self.reason)
        self.reason.returnPressed.connect(lambda: self.advance("ditolak"))  # typed a reason: Enter rejects
        self.forward_note = QLineEdit()
        self.forward_note.setMaxLength(1000)
        self.forward_note.setPlaceholderText(self.tr("mis. pemohon tinggal di wilayah kantor tujuan (tidak wajib)"))
        self.action_form.add_field("catatan", self.tr("Catatan penerusan"), self.forward_note)
        # Who signs the certificate: the head, or a Plh./a.n. signatory (Pengaturan → Cetak).
        self.signer = QComboBox()
        self.signer.setObjectName("signerChoice")
        self.action_form.add_field("signer", self.tr("Penandatangan"), self.signer)
        # A certificate stating residence here for an address in another distrik (residence.py): say so,
        # offer forwarding there, or take a reason to issue it anyway (kept in the history).
        self.residence: services.ResidenceElsewhere | None = None
        self.residence_note = QLabel()
        self.residence_note.setObjectName("residenceNote")
        self.residence_note.setWordWrap(True)
        self.action_form.add_widget(self.residence_note)
        self.residence_reason = QLineEdit()
        self.residence_reason.setMaxLength(500)
        self.residence_reason.setPlaceholderText(self.tr("hanya bila tetap diterbitkan di sini; alasan dicatat"))
        self.residence_forward = QPushButton()
        self.residence_forward.setObjectName("residenceForward")
        self.residence_forward.setAutoDefault(False)
        self.residence_forward.clicked.connect(self.forward_to_residence)
        self.action_form.add_field("domisili", self.tr("Alasan tetap terbit"), self.residence_reason,
                                   hint=self.residence_forward)
        self.add_forward_field(self.tr("Permohonan dipindahkan ke kantor tujuan beserta data dan riwayatnya: akan "
                                       "dikirim saat sinkronisasi berikutnya."))
        for status in ("diverifikasi", "diproses", "selesai", "ditolak"):
            button = QPushButton(action_label(status))
            button.setAutoDefault(False)
            if status == "selesai":
                button.setObjectName("primary")
            button.clicked.connect(lambda _c=False, s=status: self.advance(s))
            button.hide()
            self.buttons_row.addWidget(button)
            self.action_buttons[status] = button
        self.buttons_row.addStretch(1)
        self.edit_button = QPushButton(self.tr("&Ubah data…"))
        self.edit_button.setAutoDefault(False)
        self.edit_button.setToolTip(self.tr("Perbaiki salah ketik selama permohonan belum selesai"))
        self.edit_button.clicked.connect(self.edit_request)
        self.buttons_row.addWidget(self.edit_button)
        self.actions_box.hide()
        self.edit_dialog = None

        self.receipt_bar = PrintBar(self.tr("Tanda terima:"),
                                    lambda st, paper: documents.receipt(st, request_id, paper=paper),
                                    lambda: self.tr("Tanda terima {code}").format(code=self._code()), self)
        self.certificate_bar = PrintBar(self.tr("Surat keterangan:"),
                                        lambda st, paper: documents.certificate(st, request_id, paper=paper),
                                        lambda: self.tr("Surat keterangan {nomor}").format(
                                            nomor=(self.record or {}).get("nomor_surat") or ""), self)
        self.certificate_bar.hide()
        self.print_layout.addWidget(self.receipt_bar)
        self.print_layout.addWidget(self.certificate_bar)

    def _code(self) -> str:
        return tracking.display((self.record or {}).get("tracking_code"))

    # -- loading ------------------------------------------------------------------------------------

    def event_columns(self):
        return [
            (self.tr("Waktu"), lambda e: format_datetime(e.get("created_at"))),
            (self.tr("Status"), event_status),
            (self.tr("Dari"), lambda e: labels.request_status(e.get("from_status"))),
            (self.tr("Oleh"), lambda e: e.get("created_by") or ""),
            (self.tr("Tanggal"), lambda e: labels.date(e.get("tanggal"))),
            (self.tr("Keterangan"), event_note),
        ]

    def load_data(self, store: Store) -> dict:
        record = store.get(services.SERVICE_REQUESTS, self.record_id)
        try:
            svc = services.service(record["service_type"], store)
        except StoreError:
            svc = None  # a service no longer in the catalog: the record still shows
        return {"record": record, "events": services.events(store, self.record_id), "service": svc,
                "own": store.office_id, "signers": services.signers(store),
                "residence": services.residence_elsewhere(record, svc, store.office_id)
                if record.get("status") in services.OPEN_STATUSES else None,
                "print_missing": print_settings.missing_for_certificate(store),
                "print_values": print_settings.print_settings(store)}

    def show_data(self, data: dict) -> None:
        record, svc = data["record"], data["service"]
        self.svc, self.own = svc, data["own"]
        self.print_missing, self.print_values = data["print_missing"], data["print_values"]
        self.residence = data["residence"]
        lang = current_language()
        name = svc.name(lang) if svc else record.get("service_type", "")
        title = self.tr("{service} — {code}").format(service=name, code=self._code())
        self.heading.setText(title)
        self.setWindowTitle(title)
        status = record.get("status")
        self.status_label.setText(self.tr("Status: {status}").format(status=labels.request_status(status)))
        due = labels.date(record.get("due_date"))
        if status == "selesai" and record.get("nomor_surat"):
            self.due_label.setText(self.tr("Surat No. {nomor}, {date}").format(
                nomor=record["nomor_surat"], date=labels.date(record.get("tanggal_selesai"))))
            self.due_label.setObjectName("numberValue")
        elif status == "ditolak":
            self.due_label.setText(self.tr("Alasan: {reason}").format(reason=record.get("alasan_penolakan") or ""))
            self.due_label.setObjectName("hint")
        elif services.is_overdue(record, self.today):
            self.due_label.setText(self.tr("Batas waktu: {date} — terlambat").format(date=due))
            self.due_label.setObjectName("fieldError")
        else:
            self.due_label.setText(self.tr("Batas waktu: {date}").format(date=due) if due else "")
            self.due_label.setObjectName("hint")
        self.due_label.style().unpolish(self.due_label)
        self.due_label.style().polish(self.due_label)
        self.set_rows(self._rows(record, svc))
        self.attachments.set_slots({d.code: d.label(lang) for d in svc.documents} if svc else {})
        self._show_signers(data["signers"], "selesai" in services.TRANSITIONS.get(status, ()))
        self._show_actions(record, svc, self.own)
        self.certificate_bar.setVisible(status == "selesai" and bool(record.get("nomor_surat")))

    def _rows(self, record: dict, svc: services.Service | None) -> list[tuple[str, str]]:
        def label(key: str) -> str:
            return labels.field_label(services.SERVICE_REQUESTS, key)

        applicant = [
            (label("nik"), record.get("nik")), (label("nama"), record.get("nama")),
            (label("no_kk"), record.get("no_kk")),
            (label("jenis_kelamin"), labels.choice(services.JENIS_KELAMIN, record.get("jenis_kelamin"))),
            (label("tempat_lahir"), record.get("tempat_lahir")),
            (label("tanggal_lahir"), labels.date(record.get("tanggal_lahir"))),
            (label("agama"), labels.choice(services.AGAMA, record.get("agama"))),
            (label("status_kawin"), labels.choice(services.STATUS_KAWIN, record.get("status_kawin"))),
            (label("pekerjaan"), record.get("pekerjaan")), (label("kewarganegaraan"), record.get("kewarganegaraan")),
            (label("alamat"), record.get("alamat")),
            (self.tr("RT/RW"), "/".join(x for x in (record.get("rt") or "", record.get("rw") or "") if x)),
            (label("kampung"), record.get("kampung")), (label("distrik"), record.get("distrik")),
            (label("telepon"), record.get("telepon")), (label("keperluan"), record.get("keperluan")),
        ]
        rows = [(label("tracking_code"), self._code()), (label("tanggal"), labels.date(record.get("tanggal"))),
                (label("due_date"), labels.date(record.get("due_date"))), *applicant]
        details = record.get("details") or {}
        lang = current_language()
        for spec in (svc.fields if svc else ()):
            value = details.get(spec.name)
            if spec.type == "members":
                text = "\n".join(" · ".join(x for x in (m.get("nama", ""), m.get("nik", ""),
                                                         labels.choice(services.HUBUNGAN, m.get("hubungan"))) if x)
                                 for m in value or [])
            elif spec.type == "date":
                text = labels.date(value)
            elif spec.type == "select":
                text = spec.option_label(value, lang) if value is not None else ""
            elif spec.type == "integer" and spec.max is None and isinstance(value, int):
                text = format_number(value)  # an amount, as the form shows it: 1.500.000
            else:
                text = "" if value is None else str(value)
            rows.append((spec.label(lang), text))
        if svc is not None:
            checked = set(record.get("dokumen") or ())
            rows.append((label("dokumen"), ", ".join(d.label(lang) for d in svc.documents if d.code in checked)))
        rows += [(label("nomor_surat"), record.get("nomor_surat")),
                 (label("tanggal_selesai"), labels.date(record.get("tanggal_selesai"))),
                 (label("penandatangan"), record.get("penandatangan")),
                 (label("alasan_penolakan"), record.get("alasan_penolakan")),
                 (label("diteruskan_ke"), record.get("diteruskan_ke"))]
        return rows

    def _show_actions(self, record: dict, svc: services.Service | None, own: str | None) -> None:
        status = record.get("status")
        target = record.get("diteruskan_ke")
        if record.get("readonly"):  # a stub: its status follows the office it was transferred to
            office = record.get("office_id") if record.get("office_id") != own else target
            self.show_notice(self.tr("Permohonan ini sudah dialihkan ke kantor {office} dan hanya bisa dibaca di "
                                     "sini. Statusnya diperbarui setiap sinkronisasi.").format(office=office or "?"))
            self.actions_box.hide()
            return
        allowed = services.TRANSITIONS.get(status, ())
        pending = services.forward_pending(record, own)
        if pending:
            self.show_notice(self.tr("Diteruskan ke {office}: akan dikirim saat sinkronisasi. Sampai saat itu "
                                     "permohonan hanya bisa diteruskan ulang ke kantor lain.").format(office=target))
            allowed = ()
        else:
            self.show_notice(None)
        forwarding = status in services.OPEN_STATUSES
        for to_status, button in self.action_buttons.items():
            button.setVisible(to_status in allowed)
        self.edit_button.setVisible(forwarding and not pending)
        self.show_forwarding(forwarding)
        self.action_form.labels["catatan"].setVisible(forwarding)
        self.forward_note.setVisible(forwarding)
        self.actions_box.setVisible(bool(allowed) or forwarding)
        # The checklist matters until verification; afterwards it is shown on the Data tab.
        verifying = status == "diterima" and svc is not None and not pending
        layout = self.documents_list.layout()
        for box in self.document_boxes.values():
            layout.removeWidget(box)
            box.deleteLater()
        self.document_boxes = {}
        if verifying:
            checked = set(record.get("dokumen") or ())
            lang = current_language()
            for doc in svc.documents:
                box = QCheckBox(doc.label(lang) + (self.tr(" (wajib)") if doc.required else ""))
                box.setChecked(doc.code in checked)
                layout.addWidget(box)
                self.document_boxes[doc.code] = box
        self.action_form.labels["dokumen"].setVisible(verifying)
        self.documents_list.setVisible(verifying)
        self.mark_scanned_documents()
        rejecting = "ditolak" in allowed
        self.action_form.labels["reason"].setVisible(rejecting)
        self.reason.setVisible(rejecting)
        self._show_residence(self.residence if forwarding and not pending else None, "selesai" in allowed)

    def _show_residence(self, elsewhere: services.ResidenceElsewhere | None, completing: bool) -> None:
        if elsewhere is not None:
            place = f"{elsewhere.place}, " if elsewhere.place else ""
            self.residence_note.setText(self.tr(
                "Alamat pemohon ada di {place}Distrik {distrik}, bukan di wilayah Distrik {own}: surat ini menyatakan "
                "ia penduduk wilayah kantor ini. Teruskan ke Distrik {distrik}, atau isi alasan bila tetap "
                "diterbitkan di sini.").format(place=place, distrik=elsewhere.distrik, own=elsewhere.own_distrik))
            self.residence_forward.setText(self.tr("Teruskan ke Distrik {distrik}").format(distrik=elsewhere.distrik))
        self.residence_note.setVisible(elsewhere is not None)
        self.residence_forward.setVisible(elsewhere is not None)
        asking = elsewhere is not None and completing
        self.action_form.labels["domisili"].setVisible(asking)
        self.residence_reason.setVisible(asking)

    def forward_to_residence(self) -> None:
        """Forwards to the distrik of the applicant's address, saying why in the note."""
        if self.residence is None:
            return
        self.office.setEditText(self.residence.office_code)
        if not self.forward_note.text().strip():
            place = f"{self.residence.place}, " if self.residence.place else ""
            self.forward_note.setText(self.tr("Alamat pemohon di {place}Distrik {distrik}").format(
                place=place, distrik=self.residence.distrik))
        self.forward()

    # -- the workflow ---------------------------------------------------------------------------------

    def edit_request(self):
        """Opens the intake form on this request to correct it (open requests only)."""
        if self.record is None or self.record.get("status") not in services.OPEN_STATUSES \
                or self.record.get("readonly") or services.forward_pending(self.record, self.own):
            return None
        from .request_form import RequestDialog

        dialog = RequestDialog(self.store, self.actor, self, editing=self.record)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: self.show_banner(self.tr("Perubahan tersimpan.")))
        dialog.open()
        self.edit_dialog = dialog
        return dialog

    def mark_scanned_documents(self) -> None:
        """A checklist tick whose document has a scan attached says so (the scan is on the Lampiran tab)."""
        suffix = self.tr(" — ada pindaian")
        scanned = self.attachments.attached_slots()
        for code, box in self.document_boxes.items():
            box.setText(box.text().removesuffix(suffix) + (suffix if code in scanned else ""))

    def checked_documents(self) -> list[str]:
        return [code for code, box in self.document_boxes.items() if box.isChecked()]

    def advance(self, to_status: str) -> None:
        if self.record is None:
            return
        if to_status == "selesai" and services.META_TTD_NAMA in self.print_missing:
            self.ask_print_setup()
            return
        if to_status == "selesai" and self.residence is not None and not self.residence_reason.text().strip():
            self.action_form.set_error("domisili", pick(*self.residence.message))  # nothing numbered yet
            self.residence_reason.setFocus()
            return
        if to_status == "selesai" and not self.confirm_complete():
            return
        request_id, actor = self.record_id, self.actor
        reason = (self.reason.text().strip() or None) if to_status == "ditolak" else None
        dokumen = self.checked_documents() if to_status == "diverifikasi" else None
        signer = self.signer.currentData() if to_status == "selesai" else None
        residence_reason = self.residence_reason.text().strip() or None if to_status == "selesai" else None
        self.run_action(lambda store: services.advance(store, request_id, to_status, actor=actor, reason=reason,
                                                       dokumen=dokumen, signer=signer,
                                                       residence_reason=residence_reason),
                        self._advanced, self.tr("Menyimpan status…"))

    def ask_print_setup(self) -> PrintSetupDialog:
        """The signatory (and the kop's address when it has none) right here; saved, the issue goes on."""
        dialog = PrintSetupDialog(self.print_values, self.print_missing, self)
        dialog.accepted.connect(self._print_setup_saved)
        dialog.open()
        self.print_setup = dialog
        return dialog

    def _print_setup_saved(self) -> None:
        self.print_missing = []
        self.advance("selesai")

    def _action_failed(self, exc: Exception) -> None:
        """The signatory was removed after this window read the settings: ask for it instead of refusing."""
        if isinstance(exc, ValidationError) and any(e.field == "penandatangan" for e in exc.errors):
            self._busy = False
            self.actions_box.setEnabled(True)
            self.print_missing = sorted(set(self.print_missing) | {services.META_TTD_NAMA})
            self.ask_print_setup()
            return
        super()._action_failed(exc)

    def _show_signers(self, signers: list[services.Signer], completing: bool) -> None:
        """The choice appears only when there is one to make (a Plh./a.n. signatory is set)."""
        chosen = self.signer.currentData()
        self.signer.clear()
        for signer in signers:
            position = " ".join((signer.jabatan or "").split())  # an "a.n." block on one line
            self.signer.addItem(f"{signer.nama} — {position}" if position else signer.nama, signer)
            if signer == chosen:
                self.signer.setCurrentIndex(self.signer.count() - 1)
        visible = completing and len(signers) > 1
        self.signer.setVisible(visible)
        self.action_form.labels["signer"].setVisible(visible)

    def forward(self) -> None:
        if self.record is None:
            return
        request_id, actor, office = self.record_id, self.actor, self.target_office()
        note = self.forward_note.text().strip() or None
        self.run_action(lambda store: services.forward(store, request_id, office, actor=actor, note=note),
                        self._forwarded, self.tr("Meneruskan permohonan…"))

    def _forwarded(self, record: dict) -> None:
        self.forward_note.clear()
        self.show_forwarded(record)

    def confirm_complete(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Terbitkan surat keterangan?"),
                          self.tr("Surat keterangan akan diberi nomor surat keluar berikutnya. Nomor yang sudah "
                                  "terbit tidak bisa dibatalkan. Lanjutkan?"), parent=self)
        issue = box.addButton(self.tr("Ya, terbitkan"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is issue

    def _advanced(self, record: dict) -> None:
        status = record.get("status")
        if status == "selesai":
            text = self.tr("Surat keterangan terbit dengan nomor {nomor}.").format(nomor=record.get("nomor_surat"))
            self.residence_reason.clear()
        elif status == "ditolak":
            text = self.tr("Permohonan ditolak.")
            self.reason.clear()
        else:
            text = self.tr("Status sekarang: {status}.").format(status=labels.request_status(status))
        self.show_banner(text)
