"""The patient form: a new patient (with likely duplicates shown before saving) or a patient's record
(data, visits, "Kunjungan baru").

A new patient: while the clerk types, ``patients.find_duplicates`` runs in the background and the
likely matches appear above the form with the reason (same NIK, same BPJS number, similar name and
same birth date …). "Pakai pasien ini" opens the existing record instead; "Tetap simpan sebagai
pasien baru" saves with ``confirmed_new=True``. A NIK already registered is always refused by the
domain: the form says so and offers only the existing record.

A NIK that does not fit the sex (women's birth day + 40) or the birth date is shown at those fields as
soon as both are filled; saving then asks once ("Simpan juga?") and saves with ``confirmed_nik=True``.
The birth field takes a date or an age ("70", "70 tahun", "70 th").

An existing patient is opened with ``patients.open_patient`` (the 'open' audit entry). Keys: Enter or
Ctrl+S saves, Ctrl+K starts a visit, Esc closes (asking first when something was typed).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.health import patients, units, visits
from desktop.store.records import ChangeSet, Store, ValidationError
from desktop.tasks import (
    QueryOp,
    TaskManager,
    WriteOp,
    current_language,
    error_text,
    known_message,
    pick,
    show_failure,
)

from ..forms.list_model import DictListModel
from ..i18n import format_date
from ..widgets.field_form import FieldForm
from ..widgets.form_base import FormDialog
from .common import (
    FormSections,
    ParseError,
    birth_input_text,
    birth_text,
    field_error,
    kasus_label,
    method_label,
    parse_birth,
    result_label,
    show_note,
    species_label,
)
from .duplicates_panel import DuplicatesPanel
from .question_box import ask_box

DUPLICATE_DELAY_MS = 400
TEXT_FIELDS = {"nama": 200, "nik": 20, "nik_ibu": 20, "no_bpjs": 20, "alamat": 300, "kampung": 100, "distrik": 100,
               "telepon": 20}
FIELD_ORDER = ("nama", "jenis_kelamin", "lahir", "nik", "nik_ibu", "no_bpjs", "penjamin", "alamat", "kampung",
               "distrik", "telepon")
DUPLICATE_FIELDS = ("nama", "lahir", "nik", "nik_ibu", "no_bpjs", "kampung")


def _load_record(store: Store, user: dict, patient_id: str):
    """Writer thread (opening writes the audit entry): the record, its visits, unit names."""
    patient = patients.open_patient(store, user, patient_id)
    return patient, visits.patient_visits(store, user, patient_id), _unit_names(store)


def _unit_names(store: Store) -> dict[str, str]:
    lang = current_language()
    return {u.code: u.name(lang) for u in units.units(store, include_inactive=True)}


def visit_columns(unit_names: dict[str, str]):
    def malaria_text(row: dict) -> str:
        m = row.get("malaria") or {}
        if not m.get("pemeriksaan"):
            return ""
        text = f"{method_label(m.get('pemeriksaan'))} {result_label(m.get('hasil'))}".strip()
        if m.get("hasil") == "positif" and m.get("spesies"):
            text += f" · {species_label(m['spesies'])}"
        return text

    return [
        (QCoreApplication.translate("PatientDialog", "Tanggal"), lambda r: format_date(r.get("tanggal"))),
        (QCoreApplication.translate("PatientDialog", "Unit"), lambda r: unit_names.get(r.get("unit"), r.get("unit") or "")),
        (QCoreApplication.translate("PatientDialog", "Kasus"), lambda r: kasus_label(r.get("kasus"))),
        (QCoreApplication.translate("PatientDialog", "Diagnosa"), lambda r: ", ".join(d["kode"] for d in r.get("diagnosa") or [])),
        (QCoreApplication.translate("PatientDialog", "Malaria"), malaria_text),
        (QCoreApplication.translate("PatientDialog", "Tindakan"), lambda r: r.get("tindakan") or ""),
        (QCoreApplication.translate("PatientDialog", "Petugas"), lambda r: r.get("petugas") or ""),
    ]


class PatientDialog(FormDialog):
    saved = Signal(str)  # patient id
    use_existing = Signal(str)  # the clerk chose an already registered patient
    loaded = Signal()
    duplicates_shown = Signal(int)  # number of likely duplicates now listed

    def __init__(self, store: Store, user: dict, patient_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("patientDialog")
        self.store = store
        self.user = user
        self.patient_id = patient_id
        self.record: dict | None = None
        self.matches: list = []
        self.hard_duplicate = False
        self.confirmed_new = False
        self.confirmed_nik = False
        self._nik_box = None
        self._dup_generation = 0
        self.unit_names: dict[str, str] = {}
        self.visit_dialogs: list = []
        self.setMinimumWidth(720)

        layout = QVBoxLayout(self)
        self.add_heading(layout, "")  # the title follows the patient (_update_heading)
        self.add_message(layout)
        layout.addWidget(self._build_duplicates_panel())

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.form = FieldForm()
        self._build_fields()
        self.tabs.addTab(self.form, self.tr("Data pasien"))
        self.sections = FormSections(self.form, aliases={"tanggal_lahir": "lahir", "umur_tahun": "lahir",
                                                         "umur_tanggal": "lahir"})
        self.visits_model: DictListModel | None = None
        self.visits_table: QTableView | None = None

        self.visit_button, = self.add_buttons(layout, self.tr("Kunjungan baru (Ctrl+K)"))
        self.visit_button.clicked.connect(self.new_visit)
        QShortcut(QKeySequence("Ctrl+K"), self, activated=self.new_visit)

        self._dup_timer = QTimer(self)
        self._dup_timer.setSingleShot(True)
        self._dup_timer.setInterval(DUPLICATE_DELAY_MS)
        self._dup_timer.timeout.connect(self.check_duplicates)

        if patient_id is None:
            self.visit_button.hide()
            self._update_heading()
            self.form.fields["nama"].setFocus()
        else:
            self.setEnabled(False)
            self.heading.setText(self.tr("Membuka data pasien…"))
            WriteOp(self, lambda store: _load_record(store, user, patient_id)) \
                .success(self._show_loaded).failure(self._load_failed).run()

    # -- building -------------------------------------------------------------------------------

    def _build_duplicates_panel(self) -> DuplicatesPanel:
        self.dup_panel = DuplicatesPanel()
        self.dup_title, self.dup_list = self.dup_panel.title, self.dup_panel.list
        self.use_button, self.confirm_button = self.dup_panel.use_button, self.dup_panel.confirm_button
        self.dup_panel.use.connect(self.use_selected)
        self.dup_panel.confirm.connect(self.save_confirmed)
        return self.dup_panel

    def _build_fields(self) -> None:
        labels = {
            "nama": self.tr("&Nama"), "jenis_kelamin": self.tr("&Jenis kelamin"),
            "lahir": self.tr("Tgl &lahir / umur"), "nik": self.tr("NI&K"), "nik_ibu": self.tr("NIK &ibu (bayi)"),
            "no_bpjs": self.tr("No. &BPJS"), "penjamin": self.tr("Pen&jamin"), "alamat": self.tr("&Alamat"),
            "kampung": self.tr("Ka&mpung"), "distrik": self.tr("&Distrik"), "telepon": self.tr("&Telepon"),
        }
        self.birth_hint = QLabel()
        self.birth_hint.setObjectName("hint")
        # Room for the longest answer from the start: the fields no longer narrow as the first one appears
        widest = birth_text({"tanggal_lahir": "1958-09-28"})
        self.birth_hint.setMinimumWidth(self.birth_hint.fontMetrics().horizontalAdvance(widest + "  "))
        for key in FIELD_ORDER:
            if key == "jenis_kelamin":
                widget = QComboBox()
                widget.addItem("—", None)
                widget.addItem(self.tr("L — Laki-laki"), "L")
                widget.addItem(self.tr("P — Perempuan"), "P")
                widget.currentIndexChanged.connect(self._edited)
            elif key == "penjamin":
                widget = QComboBox()
                widget.addItem(self.tr("— (BPJS bila No. BPJS diisi)"), None)
                widget.addItem(self.tr("Umum"), "umum")
                widget.addItem("BPJS", "bpjs")
                widget.currentIndexChanged.connect(self._edited)
            else:
                widget = QLineEdit()
                widget.setMaxLength(TEXT_FIELDS.get(key, 20))
                widget.textEdited.connect(self._edited)
                if key in DUPLICATE_FIELDS:
                    widget.textEdited.connect(self._duplicate_fields_edited)
            self.form.add_field(key, labels[key], widget, hint=self.birth_hint if key == "lahir" else None)
        fields = self.form.fields
        fields["lahir"].setPlaceholderText(self.tr("15-03-1990, atau umur: 40"))
        fields["lahir"].textChanged.connect(self._update_birth_hint)
        fields["nik"].setPlaceholderText(self.tr("16 digit (boleh kosong)"))
        fields["nik_ibu"].setPlaceholderText(self.tr("untuk bayi yang belum punya NIK"))
        fields["no_bpjs"].setPlaceholderText(self.tr("13 digit"))
        fields["jenis_kelamin"].currentIndexChanged.connect(self._duplicate_fields_edited)
        fields["jenis_kelamin"].currentIndexChanged.connect(lambda _i: self.check_nik_fit())
        fields["nik"].editingFinished.connect(self.check_nik_fit)
        fields["lahir"].editingFinished.connect(self.check_nik_fit)
        previous = fields[FIELD_ORDER[0]]
        for key in FIELD_ORDER[1:]:
            QWidget.setTabOrder(previous, fields[key])
            previous = fields[key]

    def _add_record_tabs(self) -> None:
        if self.visits_model is not None:
            return
        self.visits_model = DictListModel(visit_columns(self.unit_names), self)
        self.visits_table = QTableView()
        self.visits_table.setObjectName("patientVisits")
        self.visits_table.setModel(self.visits_model)
        self.visits_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.visits_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.visits_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.visits_table.verticalHeader().hide()
        self.visits_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.visits_table.horizontalHeader().setStretchLastSection(True)
        self.visits_table.doubleClicked.connect(lambda index: self.open_visit(index.row()))
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.visits_table, activated=self._open_current_visit,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.visits_table, activated=self._open_current_visit,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.visits_model.modelReset.connect(self._fit_visit_columns)
        self.tabs.addTab(self.visits_table, self.tr("Kunjungan"))
        from ..widgets.attachment_strip import add_strip_tab

        self.attachments = add_strip_tab(self.tabs, self.store, self.user, "patients", self.patient_id)
        TaskManager.instance().changed.connect(self.on_changed)

    def _fit_visit_columns(self) -> None:
        assert self.visits_table is not None and self.visits_model is not None
        self.visits_table.resizeColumnsToContents()
        header = self.visits_table.horizontalHeader()
        for column in range(self.visits_model.columnCount()):
            header.resizeSection(column, min(max(header.sectionSize(column), 80), 260))
        self.tabs.setTabText(self.tabs.indexOf(self.visits_table), self.tr("Kunjungan ({count})").format(count=self.visits_model.rowCount()))

    def _update_heading(self) -> None:
        if self.record is None:
            text = self.tr("Pasien baru")
        else:
            text = f"{self.record.get('no_rm')} — {self.record.get('nama')}"
        self.heading.setText(text)
        self.setWindowTitle(text)

    # -- loading --------------------------------------------------------------------------------

    def _show_loaded(self, loaded) -> None:
        patient, visit_rows, unit_names = loaded
        self.unit_names.update(unit_names)
        self._show_record(patient)
        self._add_record_tabs()
        assert self.visits_model is not None
        self.visits_model.set_rows(visit_rows)
        self.setEnabled(True)
        self.form.fields["nama"].setFocus()
        self.loaded.emit()

    def _load_failed(self, exc: Exception) -> None:
        message = known_message(exc)
        if message is None:
            show_failure(self, exc)
            message = self.tr("Data pasien tidak dapat dibuka.")
        self.setEnabled(True)
        self.heading.setText(self.tr("Data pasien"))
        self.message.setText(message)
        self.message.show()
        self.form.setEnabled(False)
        self.save_button.setEnabled(False)
        self.visit_button.setEnabled(False)
        self.cancel_button.setFocus()

    def _show_record(self, patient: dict) -> None:
        self.record = patient
        self.patient_id = patient["id"]
        fields = self.form.fields
        for key in FIELD_ORDER:
            widget = fields[key]
            if key == "lahir":
                widget.setText(birth_input_text(patient))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(patient.get(key))))
            else:
                widget.setText(patient.get(key) or "")
        self.visit_button.show()
        self.dup_panel.hide()
        self._dirty = False
        self._update_heading()

    def reload_visits(self) -> None:
        if self.visits_model is None or self.patient_id is None:
            return
        user, patient_id = self.user, self.patient_id
        QueryOp(self, lambda store: visits.patient_visits(store, user, patient_id),
                success=self.visits_model.set_rows).run()

    def on_changed(self, changes: ChangeSet) -> None:
        if any(c.collection == "visits" for c in changes.changes):
            self.reload_visits()

    # -- values ---------------------------------------------------------------------------------

    def _edited(self, *_args) -> None:
        self._dirty = True
        self.banner.hide()

    def check_nik_fit(self) -> list:
        """Shows at the sex and birth fields what disagrees with the NIK (a likely typing error)."""
        values = {k: v for k, v in self.values(strict=False).items() if v is not None}
        doubts = {("lahir" if d.field == "tanggal_lahir" else d.field): d for d in patients.nik_mismatches(values)}
        for key in ("jenis_kelamin", "lahir"):
            doubt = doubts.get(key)
            if doubt is not None or self.form.errors[key].text().startswith("⚠"):
                show_note(self.form, key, pick(doubt.message, doubt.message_en) if doubt else "")
        return list(doubts.values())

    def _duplicate_fields_edited(self, *_args) -> None:
        self.confirmed_new = False  # a confirmation was for the matches shown then
        self.confirmed_nik = False
        if self.record is None:
            self._dup_timer.start()

    def _update_birth_hint(self, text: str) -> None:
        try:
            born, years = parse_birth(text)
        except ParseError:
            self.birth_hint.setText(self.tr("belum lengkap"))
            return
        if born:
            self.birth_hint.setText(birth_text({"tanggal_lahir": born}))
        elif years is not None:
            self.birth_hint.setText(self.tr("umur {years} tahun").format(years=years))
        else:
            self.birth_hint.setText("")

    def values(self, *, strict: bool = True) -> dict:
        """The patient's fields (empty → None). ``strict``: raise ValidationError for the birth/age field."""
        fields = self.form.fields
        out: dict = {}
        for key in FIELD_ORDER:
            widget = fields[key]
            if key == "lahir":
                try:
                    out["tanggal_lahir"], out["umur_tahun"] = parse_birth(widget.text())
                except ParseError as exc:
                    if strict:
                        raise ValidationError([field_error("lahir", exc.message)]) from None
                    out["tanggal_lahir"] = out["umur_tahun"] = None
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentData()
            else:
                out[key] = widget.text().strip() or None
        return out

    def changed_values(self) -> dict:
        values = self.values()
        if self.record is None:
            return values
        changed = {k: v for k, v in values.items() if (self.record.get(k) or None) != v}
        if "tanggal_lahir" in changed or "umur_tahun" in changed:
            changed["tanggal_lahir"], changed["umur_tahun"] = values["tanggal_lahir"], values["umur_tahun"]
        return changed

    def is_dirty(self) -> bool:
        if not self._dirty:
            return False
        try:
            return bool(self.changed_values())
        except ValidationError:
            return True

    # -- duplicates -----------------------------------------------------------------------------

    def check_duplicates(self) -> None:
        """Background: who might this new patient already be? (patients.find_duplicates)"""
        if self.record is not None:
            return
        candidate = {k: v for k, v in self.values(strict=False).items() if v is not None}
        self._dup_generation += 1
        generation = self._dup_generation
        if not (candidate.get("nik") or candidate.get("no_bpjs") or (
                candidate.get("nama") and (candidate.get("tanggal_lahir") or candidate.get("umur_tahun") is not None
                                           or candidate.get("nik_ibu")))):
            self.show_duplicates([], hard=False)
            return
        user = self.user

        def done(matches) -> None:
            if generation == self._dup_generation and self.record is None:
                self.show_duplicates(matches, hard=any(m.hard for m in matches))

        QueryOp(self, lambda store: patients.find_duplicates(store, candidate, user), success=done) \
            .failure(lambda _exc: None).run()

    def show_duplicates(self, matches: list, *, hard: bool, message: str | None = None) -> None:
        self.matches = list(matches)
        self.hard_duplicate = hard
        self.dup_panel.show_matches(self.matches, hard=hard, message=message)
        self.duplicates_shown.emit(len(self.matches))

    def use_selected(self) -> None:
        chosen = self.dup_panel.chosen_id()
        if chosen is None:
            return
        self._dirty = False  # the clerk chose the registered patient: nothing to keep
        self.use_existing.emit(chosen)
        self.done(QDialog.DialogCode.Rejected)

    def save_confirmed(self) -> None:
        if self.hard_duplicate:
            return
        self.confirmed_new = True
        self.save()

    # -- saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        if self._saving or (self.patient_id is not None and self.record is None):
            return
        self.message.hide()
        try:
            fields = self.changed_values()
        except ValidationError as exc:
            self.save_refused(exc)
            return
        if self.record is not None and not fields:
            self.accept()
            return
        user, confirmed, patient_id, nik_ok = self.user, self.confirmed_new, self.patient_id, self.confirmed_nik
        if self.record is None:
            fields = {k: v for k, v in fields.items() if v is not None}
            op = lambda store: patients.register_patient(store, user, fields, confirmed_new=confirmed,  # noqa: E731
                                                         confirmed_nik=nik_ok)
        else:
            op = lambda store: patients.update_patient(store, user, patient_id, fields,  # noqa: E731
                                                       confirmed_nik=nik_ok)
        self.start_saving()
        self._dup_timer.stop()
        self._dup_generation += 1  # a background check still running is now stale
        WriteOp(self, lambda store: (store.get(patients.PATIENTS, op(store).record_id), _unit_names(store))) \
            .success(self._saved).failure(self._save_failed).with_progress(self.tr("Menyimpan pasien…")).run()

    def _saved(self, result) -> None:
        patient, unit_names = result
        self.unit_names.update(unit_names)
        self.end_saving()
        was_new = self.record is None
        self.sections.clear_errors()
        self._show_record(patient)
        if was_new:
            self.banner.setText(self.tr("Tersimpan dengan No. RM {no_rm}. Ctrl+K: kunjungan baru.")
                                .format(no_rm=patient.get("no_rm")))
            self._add_record_tabs()
            self.reload_visits()
        else:
            self.banner.setText(self.tr("Perubahan tersimpan."))
        self.banner.show()
        self.saved.emit(patient["id"])

    def _save_failed(self, exc: Exception) -> None:
        was_confirmed, self.confirmed_new = self.confirmed_new, False
        if isinstance(exc, patients.NeedsConfirmation):
            self.end_saving()
            self.sections.show_errors(exc.errors)
            self._ask_nik(exc.errors, was_confirmed)
        elif isinstance(exc, patients.DuplicatePatients) and self.record is None:
            self.end_saving()
            self.show_duplicates(exc.matches, hard=exc.hard)
            self.dup_list.setFocus()
            self.save_failed.emit()
        elif isinstance(exc, patients.DuplicatePatients):  # an edit that gives a NIK another patient has
            self.save_refused(ValidationError([field_error("nik", error_text(exc))]))
        else:
            self.save_refused(exc)

    def show_field_errors(self, errors: list) -> list:
        return self.sections.show_errors(errors)

    def _ask_nik(self, doubts: list, confirmed_new: bool) -> None:
        """The NIK does not fit: save anyway (the clerk checked the KTP/KK) or go back to the field."""
        def yes() -> None:
            self.confirmed_nik, self.confirmed_new = True, confirmed_new
            self.save()

        self._nik_box = ask_box(self, "nikQuestion", self.tr("NIK tidak cocok"),
                                self.tr("{lines}\n\nSudah dicocokkan dengan KTP/KK? Simpan juga?"), doubts,
                                self.tr("Ya, simpan"), self.tr("Tidak, perbaiki"), yes, self.save_failed.emit,
                                default_yes=False)

    # -- visits ---------------------------------------------------------------------------------

    def new_visit(self):
        if self.record is None:
            return None
        return self._show_visit(None)

    def _open_current_visit(self) -> None:
        assert self.visits_table is not None
        rows = self.visits_table.selectionModel().selectedRows()
        if rows:
            self.open_visit(rows[0].row())

    def open_visit(self, row: int):
        if self.visits_model is None or not 0 <= row < self.visits_model.rowCount():
            return None
        return self._show_visit(self.visits_model.rows[row]["id"])

    def _show_visit(self, visit_id: str | None):
        from .visit_dialog import VisitDialog

        dialog = VisitDialog(self.store, self.user, self.patient_id, visit_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id, text: (self.banner.setText(text), self.banner.show()))
        dialog.finished.connect(lambda _r: self.activateWindow())
        dialog.open()
        dialog.activateWindow()
        return dialog

    def enter_pressed(self) -> None:
        """Enter in the list of likely duplicates uses the chosen patient; in a field it saves."""
        if self.focusWidget() is self.dup_list:
            self.use_selected()
        else:
            self.save()

    def keeps_enter(self, widget) -> bool:
        return widget is not None and widget is self.visits_table  # Enter opens the visit (its shortcut)

    # -- closing --------------------------------------------------------------------------------

    def discard_question(self) -> tuple[str, str]:
        return self.tr("Buang perubahan?"), self.tr("Ada isian yang belum disimpan. Tutup tanpa menyimpan?")
