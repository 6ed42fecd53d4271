"""Intake of a service request (permohonan layanan) at the counter.

The clerk picks the service (type a few letters: "sktm", "domisili", "usaha"), types the NIK, and
the form fills in what the office already knows about that resident from earlier requests
(``services.known_resident``), plus sex and date of birth read from the NIK itself; the clerk
checks it against the KTP. The service's own fields and its document checklist come from the
catalog (resources/reference/services.json). Ctrl+S or Enter saves, Esc closes (asking first
when something was typed). Errors appear at their field, in the domain's words.

After saving, the form shows the tracking code and offers the receipt at once: the focus is on
"Pratinjau & cetak" (Enter opens the print preview); "Simpan PDF…" writes it to a file.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import nik, services, tracking
from desktop.printing import documents
from desktop.store.db import StoreError
from desktop.store.records import Store, ValidationError
from desktop.tasks import QueryOp, WriteOp, current_language, pick, show_failure
from sync.schema import collection

from ..widgets.amount_field import AmountField
from ..widgets.completion import attach_to_combo
from ..widgets.date_field import DateField
from ..widgets.field_form import FieldForm
from ..widgets.form_base import FormDialog, show_save_failure
from . import labels
from .address_check import AddressCheck
from .members_editor import MembersEditor
from .offices import own_distrik_name
from .print_bar import PrintBar

APPLICANT_ORDER = ("nik", "nama", "no_kk", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "agama",
                   "status_kawin", "pekerjaan", "kewarganegaraan", "alamat", "rt", "rw", "kampung", "distrik",
                   "telepon")
CHOICES = {"jenis_kelamin": services.JENIS_KELAMIN, "agama": services.AGAMA, "status_kawin": services.STATUS_KAWIN}


def set_combo_data(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


class RequestDialog(FormDialog):
    resident_looked_up = Signal(bool)  # after a NIK lookup: True when an earlier request was found

    def __init__(self, store: Store, actor: str, parent: QWidget | None = None, *, service_code: str | None = None,
                 editing: dict | None = None):
        """A new request, or with ``editing`` (an open request) a correction of it (``services.update_request``)."""
        super().__init__(parent)
        self.setObjectName("requestDialog")
        self.store = store
        self.actor = actor
        self.editing = editing
        self.svc: services.Service | None = None
        self.record: dict | None = None
        self.print_bar: PrintBar | None = None
        self._dirty = False
        self._saving = False
        self._filling = False
        self._autofilled: set[str] = set()
        self._lookup_generation = 0
        self._looked_up_nik: str | None = None
        self.detail_widgets: dict[str, QWidget] = {}
        self.document_boxes: dict[str, QCheckBox] = {}
        self.setMinimumSize(900, 560)
        self.resize(1220, 720)  # SKTM and Pengantar Pindah fit side by side on a 1366 × 768 screen

        layout = QVBoxLayout(self)
        self.add_heading(layout, self.tr("Permohonan Layanan Baru"))

        # After saving: the tracking code, the receipt, what next.
        self.done_panel = QFrame()
        self.done_panel.setObjectName("donePanel")
        done_layout = QVBoxLayout(self.done_panel)
        done_layout.setContentsMargins(0, 0, 0, 0)
        self.code_label = QLabel()
        self.code_label.setObjectName("trackingCode")
        self.code_label.setStyleSheet("font-size: 20pt; font-weight: bold; color: #1d5f8c;")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.due_label = QLabel()
        self.due_label.setObjectName("hint")
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_label)
        code_row.addWidget(self.due_label, 1)
        done_layout.addLayout(code_row)
        self.receipt_row = QVBoxLayout()
        done_layout.addLayout(self.receipt_row)
        self.done_panel.hide()
        layout.addWidget(self.done_panel)

        self.body = QWidget()
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        self.top_form = FieldForm()
        self.service = QComboBox()
        self.service.setEditable(True)
        self.service.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.service.lineEdit().setPlaceholderText(self.tr("Ketik untuk mencari: domisili, sktm, usaha…"))
        self.top_form.add_field("service_type", self.tr("Jenis layanan *"), self.service)
        self.tanggal = DateField()
        self.top_form.add_field("tanggal", labels.field_label(services.SERVICE_REQUESTS, "tanggal"), self.tanggal)
        body_layout.addWidget(self.top_form)

        # Applicant beside the service's details; one above the other when the window is narrow.
        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.applicant_box = QGroupBox(self.tr("Pemohon"))
        applicant_layout = QVBoxLayout(self.applicant_box)
        applicant_layout.setContentsMargins(0, 4, 0, 0)
        self.applicant_form = FieldForm()
        self._build_applicant()
        applicant_layout.addWidget(self.applicant_form)
        columns.addWidget(self.applicant_box, 2)

        right = QVBoxLayout()
        self.details_box = QGroupBox(self.tr("Rincian layanan"))
        self.details_layout = QVBoxLayout(self.details_box)
        self.details_layout.setContentsMargins(0, 4, 0, 0)
        self.purpose_form = FieldForm()
        self.purpose_form.layout().setContentsMargins(10, 10, 10, 0)
        self.keperluan = QLineEdit()
        self.keperluan.setMaxLength(500)
        self.keperluan.setPlaceholderText(self.tr("mis. melamar pekerjaan, mendaftar sekolah, bantuan sosial"))
        self.keperluan.textEdited.connect(lambda _t: self._touched("keperluan"))
        self.purpose_form.add_field("keperluan", labels.field_label(services.SERVICE_REQUESTS, "keperluan"),
                                    self.keperluan)
        self.details_layout.addWidget(self.purpose_form)
        self.details_form = FieldForm()
        self.details_layout.addWidget(self.details_form)
        right.addWidget(self.details_box)
        self.documents_box = QGroupBox(self.tr("Dokumen diperiksa"))
        documents_layout = QVBoxLayout(self.documents_box)
        documents_layout.setContentsMargins(0, 4, 0, 0)
        self.documents_form = FieldForm()
        self.documents_list = QWidget()
        QVBoxLayout(self.documents_list).setContentsMargins(0, 0, 0, 0)
        self.documents_form.add_field("dokumen", "", self.documents_list)
        documents_layout.addWidget(self.documents_form)
        right.addWidget(self.documents_box)
        # Scans of the documents, taken before the first save and stored with the request.
        from ..widgets.attachment_strip import intake_strip

        self.attachments_box = QGroupBox(self.tr("Lampiran (pindaian dokumen)"))
        QVBoxLayout(self.attachments_box).setContentsMargins(6, 4, 6, 6)
        self.attachments = intake_strip(store, {"username": actor}, services.SERVICE_REQUESTS)
        self.attachments.changed.connect(lambda _n: self._tick_scanned_documents())
        self.attachments_box.layout().addWidget(self.attachments)
        right.addWidget(self.attachments_box)
        right.addStretch(1)
        columns.addLayout(right, 3)
        body_layout.addLayout(columns)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field, never to the frame
        self.scroll.setWidget(self.body)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # never sideways
        self.scroll.viewport().installEventFilter(self)  # the columns follow the room they have
        self.body.installEventFilter(self)  # and what they hold: a service's own fields can widen the right one
        layout.addWidget(self.scroll, 1)

        self.add_buttons_leading_on(layout, self.tr("Buka permohonan"), self.tr("Permohonan baru (Ctrl+N)"))

        self._load_catalog(editing["service_type"] if editing else service_code)
        self._set_tab_order()
        if editing is not None:
            self._show_editing(editing)
        if self.svc is not None:
            self.nik.setFocus()
        else:
            self.service.setFocus()

    # -- building ---------------------------------------------------------------------------------

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.Resize and obj is self.scroll.viewport()
                or event.type() == QEvent.Type.LayoutRequest and obj is self.body):
            self._arrange_columns()
        return super().eventFilter(obj, event)

    def _arrange_columns(self) -> None:
        """Side by side when both columns fit the window's width, else one above the other."""
        right = max(box.minimumSizeHint().width() for box in (self.details_box, self.documents_box,
                                                              self.attachments_box))
        side_by_side = self.applicant_box.minimumSizeHint().width() + right + self.columns.spacing() + 4
        wanted = (QBoxLayout.Direction.LeftToRight if self.scroll.viewport().width() >= side_by_side
                  else QBoxLayout.Direction.TopToBottom)
        if self.columns.direction() != wanted:
            self.columns.setDirection(wanted)

    def _build_applicant(self) -> None:
        coll = collection(services.SERVICE_REQUESTS)
        lang = current_language()
        for key in APPLICANT_ORDER:
            if key in CHOICES:
                widget = QComboBox()
                widget.addItem("—", None)
                for code, pair in CHOICES[key].items():
                    widget.addItem(pick(*pair), code)
                widget.activated.connect(lambda _i, k=key: self._touched(k))
            elif key == "tanggal_lahir":
                widget = DateField(optional=True)
                widget.dateChanged.connect(lambda _d, k=key: self._touched(k))
            else:
                widget = QLineEdit()
                widget.setMaxLength(int(coll.properties.get(key, {}).get("maxLength", 30)))
                widget.textEdited.connect(lambda _t, k=key: self._touched(k))
            self.applicant_form.add_field(key, coll.label(key, lang), widget)
            if key == "nik":
                self.resident_note = QLabel()
                self.resident_note.setObjectName("hint")
                self.resident_note.setWordWrap(True)
                self.resident_note.hide()
                self.applicant_form.add_widget(self.resident_note)
        self.nik: QLineEdit = self.applicant_form.fields["nik"]
        self.nik.setMaxLength(24)
        self.nik.setPlaceholderText(self.tr("16 digit, dari KTP-el"))
        self.nik.textEdited.connect(self._nik_edited)
        self.nik.editingFinished.connect(self._nik_finished)
        self.applicant_form.fields["no_kk"].setMaxLength(24)
        self.applicant_form.fields["kewarganegaraan"].setPlaceholderText("WNI")
        for key in ("rt", "rw"):
            self.applicant_form.fields[key].setMaxLength(3)
            self.applicant_form.fields[key].setValidator(QIntValidator(0, 999, self))
            self.applicant_form.fields[key].setMaximumWidth(80)
        distrik = self.applicant_form.fields["distrik"]
        QueryOp(self, own_distrik_name,
                success=lambda name: distrik.setText(name) if not distrik.text() else None).run()
        # Kampung from the official list; a word when the address is in another distrik.
        self.address_check = AddressCheck(self.applicant_form, lambda: self.svc, self._touched)

    def _load_catalog(self, service_code: str | None) -> None:
        try:
            catalog = services.catalog(self.store)
        except StoreError as exc:
            self.save_button.setEnabled(False)
            self.top_form.set_error("service_type", pick(exc.message, getattr(exc, "message_en", None)))
            return
        lang = current_language()
        for svc in catalog.services:
            self.service.addItem(svc.name(lang), svc.code)
        completer = attach_to_combo(self.service)
        # A suggestion picked (Enter or click): on to the NIK, once the popup has given the focus back.
        completer.activated.connect(lambda _text: QTimer.singleShot(0, self._service_entered))
        self.service.setCurrentIndex(-1)
        self.service.currentIndexChanged.connect(self._service_changed)
        self.service.lineEdit().returnPressed.connect(self._service_entered)
        if service_code:
            index = self.service.findData(service_code)
            if index >= 0:
                self.service.setCurrentIndex(index)

    def _show_editing(self, record: dict) -> None:
        title = self.tr("Ubah permohonan {code}").format(code=tracking.display(record.get("tracking_code")))
        self.heading.setText(title)
        self.setWindowTitle(title)
        self.service.setEnabled(False)  # another service is another request
        self._filling = True
        try:
            self.tanggal.set_value(record.get("tanggal"))
            for key in APPLICANT_ORDER:
                if self.applicant_form.fields[key].isEnabled():
                    self._set_applicant(key, record.get(key))
            self.keperluan.setText(record.get("keperluan") or "")
            details = record.get("details") or {}
            for name in self.detail_widgets:
                if details.get(name) not in (None, "", []):
                    self._set_detail_value(name, details[name])
            for code, box in self.document_boxes.items():
                box.setChecked(code in (record.get("dokumen") or ()))
        finally:
            self._filling = False
        self._looked_up_nik = record.get("nik")  # the NIK on file: no lookup unless it is changed
        self._dirty = False
        self.save_button.setText(self.tr("Simpan perubahan (Ctrl+S)"))

    def changed_values(self) -> dict:
        """When correcting: only the fields that differ from the record (all of them for a new request)."""
        values = self.values()
        if self.editing is None:
            return values
        old = self.editing
        out = {}
        for key, value in values.items():
            if key == "details":
                if {k: v for k, v in value.items() if v not in (None, "", [])} != (old.get("details") or {}):
                    out[key] = value
            elif key == "dokumen":
                if sorted(value) != sorted(old.get("dokumen") or []):
                    out[key] = value
            elif (value or None) != (old.get(key) or None):
                out[key] = value
        return out

    def _service_entered(self) -> None:
        if self.service_code() is not None:
            self.nik.setFocus()

    def _service_changed(self, index: int) -> None:
        code = self.service.itemData(index) if index >= 0 else None
        try:
            self.svc = services.service(code, self.store) if code else None
        except StoreError as exc:
            self.svc = None
            show_failure(self, exc)
        self.top_form.clear_error("service_type")
        self._rebuild_service_part()
        self.address_check.service_changed(self.detail_widgets)

    def _rebuild_service_part(self) -> None:
        svc = self.svc
        lang = current_language()
        coll = collection(services.SERVICE_REQUESTS)
        required = set(svc.applicant_required) if svc else {"nik", "nama"}
        fixed = dict(svc.applicant_fixed) if svc else {}
        self.applicant_box.setTitle(svc.applicant_role_en if svc and lang == "en" else
                                    (svc.applicant_role_id if svc else self.tr("Pemohon")))
        for key in APPLICANT_ORDER:
            label = coll.label(key, lang)
            self.applicant_form.labels[key].setText(f"{label} *" if key in required else label)
            widget = self.applicant_form.fields[key]
            if key in fixed:
                self._set_applicant(key, fixed[key])
                widget.setEnabled(False)
            else:
                widget.setEnabled(True)
        label = coll.label("keperluan", lang)
        self.purpose_form.labels["keperluan"].setText(f"{label} *" if svc and svc.keperluan_required else label)

        # The service's own fields: a fresh form (a service switch keeps what was typed in same-named fields).
        old_values = {name: self._detail_value(name) for name in self.detail_widgets}
        self.details_layout.removeWidget(self.details_form)
        self.details_form.deleteLater()
        self.details_form = FieldForm()
        self.details_form.layout().setContentsMargins(10, 0, 10, 6)  # right under Keperluan
        self.detail_widgets = {}
        for spec in (svc.fields if svc else ()):
            widget = self._detail_widget(spec)
            self.detail_widgets[spec.name] = widget
            text = spec.label(lang)
            self.details_form.add_field(spec.name, f"{text} *" if spec.required else text, widget)
            if old_values.get(spec.name) not in (None, "", []):
                self._set_detail_value(spec.name, old_values[spec.name])
        self.details_layout.addWidget(self.details_form)

        # The document checklist.
        box_layout = self.documents_list.layout()
        for box in self.document_boxes.values():
            box_layout.removeWidget(box)
            box.deleteLater()
        self.document_boxes = {}
        for doc in (svc.documents if svc else ()):
            text = doc.label(lang) + (self.tr(" (wajib)") if doc.required else "")
            box = QCheckBox(text)
            box.toggled.connect(lambda _c: self._touched("dokumen"))
            box_layout.addWidget(box)
            self.document_boxes[doc.code] = box
        self.documents_box.setVisible(bool(self.document_boxes))
        self.attachments.set_slots({doc.code: doc.label(lang) for doc in (svc.documents if svc else ())})
        self._set_tab_order()

    def _detail_widget(self, spec: services.ServiceField) -> QWidget:
        name = spec.name
        if spec.type == "textarea":
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(70)
            widget.textChanged.connect(lambda: self._touched(name))
        elif spec.type == "date":
            widget = DateField(optional=True)
            widget.dateChanged.connect(lambda _d: self._touched(name))
        elif spec.type == "select":
            widget = QComboBox()
            widget.addItem("—", None)
            for opt in spec.options:
                widget.addItem(opt.label_en if current_language() == "en" else opt.label_id, opt.value)
            widget.activated.connect(lambda _i: self._touched(name))
        elif spec.type == "members":
            widget = MembersEditor()
            widget.edited.connect(lambda: self._touched(name))
        elif spec.type == "integer" and spec.max is None:  # no upper bound: an amount (Rp), grouped 1.500.000
            widget = AmountField()
            widget.textEdited.connect(lambda _t: self._touched(name))
        else:
            widget = QLineEdit()
            if spec.type == "integer":  # a year, an age, a birth order
                widget.setValidator(QIntValidator(spec.min if spec.min is not None else -2**31,
                                                  spec.max if spec.max is not None else 2**31 - 1, widget))
                widget.setMaximumWidth(200)
            if spec.type == "nik":
                widget.setMaxLength(24)
                widget.setPlaceholderText(self.tr("16 digit"))
            else:
                widget.setMaxLength(300)
            widget.textEdited.connect(lambda _t: self._touched(name))
        return widget

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [self.service, self.tanggal]
        chain += [self.applicant_form.fields[k] for k in APPLICANT_ORDER]
        chain.append(self.keperluan)
        for widget in self.detail_widgets.values():
            chain.append(widget.table if isinstance(widget, MembersEditor) else widget)
            if isinstance(widget, MembersEditor):
                chain += [widget.add_button, widget.remove_button]
        chain += list(self.document_boxes.values())
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- the NIK and the known resident ------------------------------------------------------------

    @staticmethod
    def _digits(text: str) -> str:
        return re.sub(r"[\s.\-]", "", text)

    def _nik_edited(self, text: str) -> None:
        self.applicant_form.clear_error("nik")
        digits = self._digits(text)
        if len(digits) == 16 and digits != self._looked_up_nik:
            self._check_nik(digits)

    def _nik_finished(self) -> None:
        digits = self._digits(self.nik.text())
        if digits and len(digits) != 16:
            self._check_nik(digits)

    def _check_nik(self, digits: str) -> None:
        try:
            info = nik.validate_nik(digits)
        except nik.InvalidNik as exc:
            # The same words as the domain's check on saving.
            self.applicant_form.set_error("nik", "NIK: " + pick(exc.message_id, exc.message_en))
            return
        self._looked_up_nik = digits
        self._lookup_generation += 1
        generation = self._lookup_generation
        QueryOp(self, lambda store: services.known_resident(store, digits),
                success=lambda known: self._fill_resident(generation, info, known)).run()

    def _fill_resident(self, generation: int, info: nik.NikInfo, known: dict | None) -> None:
        if generation != self._lookup_generation:
            return  # the clerk typed another NIK meanwhile
        self._filling = True
        try:
            for key in self._autofilled:  # filled for the previous NIK and not touched since
                self._set_applicant(key, None)
            self._autofilled = set()
            values = {k: v for k, v in (known or {}).items() if k != "nik" and v not in (None, "")}
            values.setdefault("jenis_kelamin", info.sex)
            values.setdefault("tanggal_lahir", info.birth_date.isoformat())
            for key, value in values.items():
                if key in self.applicant_form.fields and self._applicant_empty(key) \
                        and self.applicant_form.fields[key].isEnabled():
                    self._set_applicant(key, value)
                    self._autofilled.add(key)
        finally:
            self._filling = False
        if known:
            text = self.tr("Data penduduk diisi dari permohonan sebelumnya. Periksa kembali dengan KTP.")
        else:
            text = self.tr("Belum ada permohonan dengan NIK ini. Jenis kelamin dan tanggal lahir dibaca dari NIK; "
                           "periksa dengan KTP.")
        self.resident_note.setText(text)
        self.resident_note.show()
        self.resident_looked_up.emit(bool(known))

    def _applicant_empty(self, key: str) -> bool:
        widget = self.applicant_form.fields[key]
        if isinstance(widget, QComboBox):
            return widget.currentData() is None
        if isinstance(widget, DateField):
            return widget.is_empty()
        return not widget.text().strip()

    def _set_applicant(self, key: str, value) -> None:
        widget = self.applicant_form.fields[key]
        if isinstance(widget, QComboBox):
            set_combo_data(widget, value)
        elif isinstance(widget, DateField):
            widget.set_value(value)
        else:
            widget.setText("" if value is None else str(value))

    def _touched(self, key: str) -> None:
        if self._filling:
            return
        self._autofilled.discard(key)
        self._dirty = True

    # -- values -----------------------------------------------------------------------------------

    def service_code(self) -> str | None:
        index = self.service.currentIndex()
        if index < 0 or self.service.currentText().strip() != self.service.itemText(index):
            return None  # text typed that names no service
        return self.service.itemData(index)

    def _detail_value(self, name: str):
        widget = self.detail_widgets[name]
        if isinstance(widget, MembersEditor):
            return widget.value()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip() or None
        if isinstance(widget, DateField):
            return widget.value()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, AmountField):
            return widget.value()
        return widget.text().strip() or None

    def _set_detail_value(self, name: str, value) -> None:
        widget = self.detail_widgets[name]
        if isinstance(widget, MembersEditor):
            widget.set_value(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        elif isinstance(widget, DateField):
            widget.set_value(value)
        elif isinstance(widget, QComboBox):
            set_combo_data(widget, value)
        elif isinstance(widget, AmountField):
            widget.set_value(value)
        else:
            widget.setText(str(value))

    def values(self) -> dict:
        """The form as ``services.new_request`` fields (empty → None; details and ticked documents)."""
        out: dict = {"tanggal": self.tanggal.value()}
        for key in APPLICANT_ORDER:
            widget = self.applicant_form.fields[key]
            if isinstance(widget, QComboBox):
                out[key] = widget.currentData()
            elif isinstance(widget, DateField):
                out[key] = widget.value()
            else:
                out[key] = widget.text().strip() or None
        out["keperluan"] = self.keperluan.text().strip() or None
        out["details"] = {name: self._detail_value(name) for name in self.detail_widgets}
        out["dokumen"] = [code for code, box in self.document_boxes.items() if box.isChecked()]
        return out

    def is_dirty(self) -> bool:
        return (self._dirty or bool(self.attachments.waiting)) and self.record is None

    def _tick_scanned_documents(self) -> None:
        """A scan taken for a checklist document means the document was shown: its box is ticked."""
        for waiting in self.attachments.waiting:
            if waiting.slot in self.document_boxes:
                self.document_boxes[waiting.slot].setChecked(True)

    # -- saving -----------------------------------------------------------------------------------

    @property
    def forms(self) -> list[FieldForm]:
        return [self.top_form, self.applicant_form, self.purpose_form, self.details_form, self.documents_form]

    def save(self) -> None:
        if self._saving:
            return
        if self.record is not None:  # saved already: Enter or Ctrl+S prints the receipt
            if self.print_bar is not None:
                self.print_bar.print_button.setFocus()
            return
        code = self.service_code()
        if code is None:
            for form in self.forms:
                form.clear_errors()
            self.top_form.set_error("service_type", self.tr("Pilih jenis layanan dari daftar."))
            self.service.setFocus()
            self.save_failed.emit()
            return
        fields = self.changed_values()
        actor = self.actor
        if self.editing is not None:
            if not fields:
                self.accept()  # nothing changed: Enter simply closes
                return
            request_id = self.editing["id"]
            op = lambda store: services.update_request(store, request_id, fields, actor=actor)  # noqa: E731
            done = self._corrected
        else:
            op = self.attachments.saving_with(lambda store: services.new_request(store, code, fields, actor=actor))
            done = self._saved
        self._saving = True
        self.save_button.setEnabled(False)
        WriteOp(self, op).success(done).failure(self._save_failed) \
            .with_progress(self.tr("Menyimpan permohonan…")).run()

    def _corrected(self, record: dict) -> None:
        self._saving = False
        self._dirty = False
        self.editing = record
        self.saved.emit(record["id"])
        self.accept()

    def _saved(self, record: dict) -> None:
        self._saving = False
        self.record = record
        self._dirty = False
        for form in self.forms:
            form.clear_errors()
        code = tracking.display(record["tracking_code"])
        self.body.setEnabled(False)
        self.save_button.hide()
        self.open_button.show()
        self.another_button.show()
        self.heading.setText(self.tr("Permohonan tersimpan"))
        self.code_label.setText(code)
        sla = self.svc.sla_days if self.svc else 0
        self.due_label.setText(self.tr("Kode lacak untuk warga. Perkiraan selesai: {date} ({days} hari kerja).")
                               .format(date=labels.date(record.get("due_date")), days=sla))
        request_id = record["id"]
        self.print_bar = PrintBar(self.tr("Tanda terima:"),
                                  lambda store, paper: documents.receipt(store, request_id, paper=paper),
                                  lambda: self.tr("Tanda terima {code}").format(code=code), self)
        self.receipt_row.addWidget(self.print_bar)
        self.done_panel.show()
        self.banner.setText(self.tr("Permohonan tersimpan dengan kode lacak {code}. Tekan Enter untuk mencetak "
                                    "tanda terima.").format(code=code))
        self.banner.show()
        self.print_bar.print_button.setFocus()
        self.attachments.saved(request_id)
        self.saved.emit(request_id)

    def _save_failed(self, exc: Exception) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        show_save_failure(self, self.forms, exc)
        focused = self.focusWidget()
        if isinstance(exc, ValidationError) and focused is not None:
            self.scroll.ensureWidgetVisible(focused)
        self.save_failed.emit()

    def enter_pressed(self) -> None:
        focused = self.focusWidget()
        if focused is self.service or focused is self.service.lineEdit():
            if self.service_code() is not None:  # the service is chosen: on to the NIK
                self.nik.setFocus()
            return
        self.save()

    def discard_question(self) -> tuple[str, str]:
        return self.tr("Buang isian?"), self.tr("Permohonan ini belum disimpan. Tutup tanpa menyimpan?")
