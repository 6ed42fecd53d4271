"""The visit form (kunjungan): date, unit, kasus, anamnesis, vital signs, ICD-10 diagnoses, the malaria
examination, treatment and referral.

Opening it opens the patient's record, so it calls the domain's ``open_patient`` (or ``open_visit``
for an existing visit), which writes the 'open' audit entry. Defaults keep a routine visit short:
today's date (typed dates accepted; never the future), the unit suggested from the patient's age and
complaint (``units.suggest_unit``: the nakes' own last unit only when it serves this age; the hint beside
the unit says why), kasus baru/lama shown per diagnosis from the patient's history (an override needs
a reason), the staff member is the logged-in user, and a positive malaria test adds its B50–B54
diagnosis when saved (the domain does both; the form shows what it will do). For the malaria unit the cursor starts at the malaria test, so a routine
positive RDT is: r Tab p Tab f Tab DHP Enter.

Vital signs are checked by ``vitals.check``: the impossible is refused at its field, the unusual is
noted there and asked before saving, together with the domain's other questions (a back-dated visit,
once per day and session; no diagnosis; a second visit the same day; a unit that does not fit the age).

Keys (the shared ``FormDialog``'s): Enter or Ctrl+S saves, Esc closes (asking first when something was
typed); Alt+letter jumps to a section (the underlined letter of its label).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.health import (
    ages,
    icd10,
    icd10_usage,
    malaria,
    patients,
    units,
    visit_checks,
    visits,
    vitals,
)
from desktop.store.records import Store, ValidationError
from desktop.tasks import QueryOp, WriteOp, known_message, show_failure

from ..i18n import format_date
from ..widgets.date_field import DateField
from ..widgets.field_form import FieldForm
from ..widgets.form_base import FormDialog
from . import visit_questions
from .case_types import CaseTypeList, CodeAdvice, diagnosis_keys
from .common import (
    FormSections,
    field_error,
    method_label,
    patient_line,
    result_label,
    species_label,
)
from .icd10_input import DiagnosisList, Icd10Input, code_label
from .visit_unit import UnitChooser, remember_unit, remembered_unit  # noqa: F401 - remembered_unit for callers
from .visit_vitals import NUMBER_FIELDS, PRESSURE, VitalSigns

TEXT_FIELDS = ("anamnesis", "tindakan", "rujukan_tujuan")


def _load(store: Store, user: dict, patient_id: str | None, visit_id: str | None):
    """Runs on the writer (opening writes the audit entry): the patient, the visit, the unit list."""
    if visit_id is not None:
        visit = visits.open_visit(store, user, visit_id)
        patient = store.get(patients.PATIENTS, visit["patient_id"])
    else:
        patient = patients.open_patient(store, user, patient_id)
        visit = None
    return patient, visit, units.units(store, include_inactive=visit is not None)


class VisitDialog(FormDialog):
    saved = Signal(str, str)  # visit id, a one-line summary for the register's message
    loaded = Signal()

    def __init__(self, store: Store, user: dict, patient_id: str | None, visit_id: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("visitDialog")
        self.store = store
        self.user = user
        self.patient_id = patient_id
        self.visit_id = visit_id
        self.patient: dict | None = None
        self.visit: dict | None = None
        self._kasus_generation = 0
        self._questions_box = None
        self.setMinimumWidth(980)

        layout = QVBoxLayout(self)
        self.add_heading(layout, self.tr("Kunjungan baru") if visit_id is None else self.tr("Kunjungan"))
        self.patient_label = QLabel(self.tr("Membuka data pasien…"))
        self.patient_label.setObjectName("numberValue")
        self.patient_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.patient_label)
        self.add_message(layout)

        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns, 1)

        # -- the visit --------------------------------------------------------------------------
        self.visit_form = FieldForm()
        self.tanggal = DateField()
        self.unit = QComboBox()
        self.anamnesis = QLineEdit()
        self.anamnesis.setMaxLength(5000)
        self.anamnesis.setPlaceholderText(self.tr("keluhan, mis. demam 3 hari, menggigil"))
        self.visit_form.add_field("tanggal", self.tr("Tanggal"), self.tanggal)
        self.unit_hint = QLabel()
        self.unit_hint.setObjectName("hint")
        unit_box = QWidget()  # the hint under the unit, so the fields keep their width
        unit_box.setFocusProxy(self.unit)
        unit_column = QVBoxLayout(unit_box)
        unit_column.setContentsMargins(0, 0, 0, 0)
        unit_column.setSpacing(0)
        unit_column.addWidget(self.unit)
        unit_column.addWidget(self.unit_hint)
        self.visit_form.add_field("unit", self.tr("&Unit/Klaster"), unit_box)
        self.visit_form.labels["unit"].setBuddy(self.unit)
        self.units = UnitChooser(self.unit, self.unit_hint, user)
        self.visit_form.add_field("anamnesis", self.tr("&Anamnesis"), self.anamnesis)
        left.addWidget(self._group(self.tr("Kunjungan"), self.visit_form))

        # -- vital signs -------------------------------------------------------------------------
        self.vitals_form = VitalSigns()
        self.berat, self.tinggi, self.suhu, self.tensi, self.nadi = (
            self.vitals_form.berat, self.vitals_form.tinggi, self.vitals_form.suhu, self.vitals_form.tensi,
            self.vitals_form.nadi)
        left.addWidget(self._group(self.tr("Tanda vital"), self.vitals_form))

        # -- treatment, referral, staff ----------------------------------------------------------
        self.action_form = FieldForm()
        self.tindakan = QLineEdit()
        self.tindakan.setMaxLength(2000)
        self.tindakan.setPlaceholderText(self.tr("terapi/tindakan, mis. paracetamol 3x500 mg"))
        self.rujukan = QCheckBox(self.tr("Dirujuk"))
        self.rujukan_tujuan = QLineEdit()
        self.rujukan_tujuan.setMaxLength(200)
        self.rujukan_tujuan.setPlaceholderText(self.tr("tujuan rujukan, mis. RSUD Mimika"))
        self.petugas = QLabel(user.get("full_name") or user.get("username") or "")
        self.action_form.add_field("tindakan", self.tr("&Tindakan"), self.tindakan)
        self.action_form.add_field("rujukan", self.tr("&Rujukan"), self.rujukan)
        self.action_form.add_field("rujukan_tujuan", self.tr("Tujuan rujukan"), self.rujukan_tujuan)
        self.action_form.add_field("petugas", self.tr("Petugas"), self.petugas)
        left.addWidget(self._group(self.tr("Tindakan dan rujukan"), self.action_form))
        left.addStretch(1)

        # -- diagnoses ---------------------------------------------------------------------------
        self.diagnosis_form = FieldForm()
        self.icd = Icd10Input()
        self.diagnoses = DiagnosisList()
        self.auto_hint = QLabel()
        self.auto_hint.setObjectName("hint")
        self.auto_hint.setWordWrap(True)
        self.diagnosis_form.add_field("diagnosa", self.tr("&Diagnosa"), self.icd)
        self.diagnosis_form.add_field("diagnosa_list", "", self.diagnoses)
        self.diagnosis_form.add_field("diagnosa_auto", "", self.auto_hint)
        self.code_advice = CodeAdvice()
        self.diagnosis_form.add_field("diagnosa_malaria", "", self.code_advice)
        self.case_types = CaseTypeList()  # kasus baru/lama per diagnosis, with an override and its reason
        self.diagnosis_form.add_field("kasus", self.tr("&Kasus"), self.case_types)
        right.addWidget(self._group(self.tr("Diagnosa (ICD-10)"), self.diagnosis_form))

        # -- malaria -----------------------------------------------------------------------------
        self.malaria_form = FieldForm()
        self.pemeriksaan = QComboBox()
        self.pemeriksaan.addItem("—", None)
        for value in malaria.METHODS:
            self.pemeriksaan.addItem(method_label(value), value)
        self.hasil = QComboBox()
        self.hasil.addItem("—", None)
        for value in malaria.RESULTS:
            self.hasil.addItem(result_label(value), value)
        self.spesies = QComboBox()
        self.spesies.addItem("—", None)
        for value in malaria.SPECIES:
            self.spesies.addItem(species_label(value), value)
        self.pengobatan = QLineEdit()
        self.pengobatan.setMaxLength(200)
        self.pengobatan.setPlaceholderText(self.tr("mis. DHP"))
        self.primakuin = QCheckBox(self.tr("Diberi primakuin"))
        self.kontrol = DateField(optional=True)
        self.malaria_form.add_field("pemeriksaan", self.tr("Pemeriksaan &malaria"), self.pemeriksaan)
        self.malaria_form.add_field("hasil", self.tr("&Hasil"), self.hasil)
        self.malaria_form.add_field("spesies", self.tr("S&pesies"), self.spesies)
        self.malaria_form.add_field("pengobatan", self.tr("Pen&gobatan"), self.pengobatan)
        self.malaria_form.add_field("primakuin", self.tr("Primakuin"), self.primakuin)
        self.malaria_form.add_field("tanggal_kontrol", self.tr("Tanggal kontrol"), self.kontrol)
        right.addWidget(self._group(self.tr("Malaria"), self.malaria_form))
        right.addStretch(1)

        self.sections = FormSections(self.visit_form, self.vitals_form, self.diagnosis_form, self.malaria_form,
                                     self.action_form,
                                     aliases={"sistolik": "tensi", "diastolik": "tensi", "malaria": "pemeriksaan",
                                              "patient_id": "tanggal"})

        self.add_buttons(layout)
        from ..widgets.attachment_strip import add_attachments_button

        # Scans of a saved visit (lab slips, referral letters) open in a window of their own.
        self.attach_button = add_attachments_button(self.buttons, store, user, "visits", lambda: self.visit_id)
        self.attach_button.setVisible(visit_id is not None)
        self.save_from_popup(self.icd.popup())

        self._set_tab_order()
        self._connect_signals()
        self._update_malaria_state()
        self.setEnabled(False)
        # The ICD-10 index is built on first use (~0.1–0.2 s): on a worker, while the record opens; with
        # this office's own counts per code, so its common diagnoses come first.
        QueryOp(self, lambda store: (len(icd10.all_codes()), icd10_usage.usage_counts(store))[1]) \
            .success(self._set_usage).failure(lambda _exc: None).run()
        WriteOp(self, lambda store: _load(store, user, patient_id, visit_id)) \
            .success(self._show_loaded).failure(self._load_failed).run()

    # -- building -------------------------------------------------------------------------------

    def _group(self, title: str, form: FieldForm) -> QGroupBox:
        box = QGroupBox(title)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(form)
        return box

    def _set_tab_order(self) -> None:
        chain = [self.tanggal, self.unit, self.anamnesis, self.berat[0], self.tinggi[0], self.suhu[0],
                 self.tensi[0], self.nadi[0], self.icd, self.diagnoses, self.pemeriksaan, self.hasil, self.spesies,
                 self.pengobatan, self.primakuin, self.kontrol, self.tindakan, self.rujukan, self.rujukan_tujuan,
                 self.save_button, self.cancel_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _connect_signals(self) -> None:
        for line in (self.anamnesis, *self.vitals_form.lines(), self.pengobatan, self.tindakan):
            line.textEdited.connect(self._mark_dirty)
        self.anamnesis.textEdited.connect(lambda _text: self._suggest_unit())
        self.rujukan_tujuan.textEdited.connect(self._referral_typed)
        for combo in (self.unit, self.spesies):
            combo.currentIndexChanged.connect(self._mark_dirty)
        self.spesies.currentIndexChanged.connect(self._diagnoses_changed)
        self.pemeriksaan.currentIndexChanged.connect(self._malaria_changed)
        self.hasil.currentIndexChanged.connect(self._malaria_changed)
        self.tanggal.dateChanged.connect(self._diagnoses_changed)
        self.tanggal.dateChanged.connect(lambda _d: self._suggest_unit())
        self.tanggal.dateChanged.connect(self._mark_dirty)
        self.kontrol.dateChanged.connect(self._mark_dirty)
        for box in (self.primakuin, self.rujukan):
            box.toggled.connect(self._mark_dirty)
        self.rujukan.toggled.connect(self._update_referral_state)
        self.icd.chosen.connect(self._diagnosis_chosen)
        self.icd.problem.connect(lambda text: self.diagnosis_form.set_error("diagnosa", text))
        self.icd.textEdited.connect(lambda _t: self.diagnosis_form.errors["diagnosa"].hide())
        self.diagnoses.changed.connect(self._diagnoses_changed)
        self.case_types.changed.connect(self._mark_dirty)
        self.code_advice.use_code.connect(self._use_malaria_code)

    # -- loading --------------------------------------------------------------------------------

    def _show_loaded(self, loaded) -> None:
        patient, visit, unit_list = loaded
        self.patient, self.visit = patient, visit
        self.patient_id = patient["id"]
        self.patient_label.setText(patient_line(patient))
        self.units.set_units(unit_list)
        if visit is None:
            self._suggest_unit()
        else:
            self.units.keep()
            self._fill(visit)
            self.heading.setText(self.tr("Kunjungan {date}").format(date=format_date(visit.get("tanggal"))))
            self.setWindowTitle(self.heading.text())
        self.setEnabled(True)
        self._dirty = False
        self._diagnoses_changed()
        self.first_field().setFocus()
        self.loaded.emit()

    def _load_failed(self, exc: Exception) -> None:
        message = known_message(exc)
        if message is None:  # a bug: the crash dialog, and the form stays closed
            show_failure(self, exc)
            message = self.tr("Data pasien tidak dapat dibuka.")
        self.patient_label.setText("")
        self.message.setText(message)
        self.message.show()
        self.setEnabled(True)
        for widget in self.findChildren(QWidget):
            if isinstance(widget, (QLineEdit, QComboBox, QCheckBox, DateField)):
                widget.setEnabled(False)
        self.save_button.setEnabled(False)
        self.cancel_button.setFocus()

    def _set_usage(self, usage: dict) -> None:
        self.icd.usage = usage

    def patient_age(self) -> ages.Age | None:
        return ages.age_on(self.patient or {}, self.tanggal.value() or "")

    def _suggest_unit(self) -> None:
        """A new visit's unit from the patient's age and complaint, until the nakes picks one."""
        if self.patient is None:
            return
        age = self.patient_age()
        self.vitals_form.age_years = age.years if age else None
        self.units.suggest(age, self.anamnesis.text())

    def first_field(self) -> QWidget:
        """Where typing starts: the malaria test for the malaria unit, else the complaint."""
        if self.visit is None and self.unit.currentData() == "malaria":
            return self.pemeriksaan
        return self.anamnesis

    def _fill(self, visit: dict) -> None:
        self.tanggal.set_value(visit.get("tanggal"))
        index = self.unit.findData(visit.get("unit"))
        if index < 0:
            self.unit.addItem(visit.get("unit") or "?", visit.get("unit"))
            index = self.unit.count() - 1
        self.unit.setCurrentIndex(index)
        self.anamnesis.setText(visit.get("anamnesis") or "")
        self.vitals_form.fill(visit)
        self.diagnoses.set_codes([d["kode"] for d in visit.get("diagnosa") or []])
        self.case_types.set_diagnoses(visit.get("diagnosa") or [])
        m = visit.get("malaria") or {}
        self.pemeriksaan.setCurrentIndex(max(0, self.pemeriksaan.findData(m.get("pemeriksaan"))))
        self.hasil.setCurrentIndex(max(0, self.hasil.findData(m.get("hasil"))))
        self.spesies.setCurrentIndex(max(0, self.spesies.findData(m.get("spesies"))))
        self.pengobatan.setText(m.get("pengobatan") or "")
        self.primakuin.setChecked(bool(m.get("primakuin")))
        self.kontrol.set_value(m.get("tanggal_kontrol"))
        self.tindakan.setText(visit.get("tindakan") or "")
        self.rujukan.setChecked(bool(visit.get("rujukan")))
        self.rujukan_tujuan.setText(visit.get("rujukan_tujuan") or "")
        self.petugas.setText(visit.get("petugas") or "")

    # -- live state -----------------------------------------------------------------------------

    def _referral_typed(self, text: str) -> None:
        self._dirty = True
        if text.strip() and not self.rujukan.isChecked():
            self.rujukan.setChecked(True)

    def _update_referral_state(self, checked: bool) -> None:
        if not checked:
            self.action_form.errors["rujukan_tujuan"].hide()

    def _malaria_changed(self, *_args) -> None:
        self._dirty = True
        self._update_malaria_state()
        self._diagnoses_changed()

    def _update_malaria_state(self) -> None:
        tested = self.pemeriksaan.currentData() is not None
        if not tested and self.hasil.currentIndex() != 0:
            self.hasil.setCurrentIndex(0)
        self.hasil.setEnabled(tested)
        positive = tested and self.hasil.currentData() == "positif"
        for widget in (self.spesies, self.pengobatan, self.primakuin, self.kontrol):
            widget.setEnabled(positive)
        if not positive and self.spesies.currentIndex() != 0:
            self.spesies.setCurrentIndex(0)

    def _diagnosis_chosen(self, code: str) -> None:
        self.diagnosis_form.errors["diagnosa"].hide()
        self._dirty = True
        self.diagnoses.add_code(code)

    def malaria_value(self) -> dict | None:
        value = {"pemeriksaan": self.pemeriksaan.currentData(), "hasil": self.hasil.currentData()}
        if value["hasil"] == "positif":
            value.update(spesies=self.spesies.currentData(), pengobatan=self.pengobatan.text().strip() or None,
                         primakuin=self.primakuin.isChecked() or None, tanggal_kontrol=self.kontrol.value())
        value = {k: v for k, v in value.items() if v is not None}
        return value or None

    def automatic_codes(self) -> list[str]:
        """The diagnosis the domain will add when saving (a positive test without a B50–B54 code)."""
        present = [{"kode": c} for c in self.diagnoses.codes()]
        return [d["kode"] for d in malaria.add_diagnosis(present, self.malaria_value())[len(present):]]

    def _diagnoses_changed(self, *_args) -> None:
        auto = self.automatic_codes()
        if auto:
            self.auto_hint.setText(self.tr("Otomatis saat disimpan (malaria positif): {label}")
                                   .format(label=code_label(auto[0])))
        else:
            self.auto_hint.setText("")
        codes = self.diagnoses.codes() + auto
        self.case_types.set_codes(codes)
        test = malaria.clean(self.malaria_value())
        errors, warnings = malaria.agreement([{"kode": c} for c in codes], test)
        self.code_advice.show_problems(errors, warnings, malaria.proposed_code(test))
        self._suggest_kasus(codes)

    def _use_malaria_code(self, code: str) -> None:
        """The advice's button: the code the test calls for replaces the disagreeing malaria codes."""
        codes: list[str] = []
        for c in self.diagnoses.codes():
            c = code if c[:3] in malaria.MALARIA_CATEGORIES else c
            if c not in codes:
                codes.append(c)
        self.diagnoses.set_codes(codes)
        self._dirty = True
        self._diagnoses_changed()

    def _suggest_kasus(self, codes: list[str]) -> None:
        """Shows each diagnosis's "Otomatis: baru/lama": the domain's rules over this patient's other visits."""
        if self.patient_id is None or self.patient is None or not codes:
            return
        self._kasus_generation += 1
        generation = self._kasus_generation
        patient_id, day, exclude = self.patient_id, self.tanggal.value(), self.visit_id
        if not day:
            return

        def done(cases: list) -> None:
            if generation == self._kasus_generation:
                self.case_types.set_preview(cases)

        QueryOp(self, lambda store: visits.case_preview(store, patient_id, codes, day, exclude_id=exclude),
                success=done).failure(lambda _exc: None).run()

    # -- values ---------------------------------------------------------------------------------

    def values(self) -> dict:
        """The visit's fields; raises ValidationError (form-level problems, at their fields)."""
        errors = []
        out: dict = {"tanggal": self.tanggal.value(), "unit": self.unit.currentData()}
        for key in TEXT_FIELDS[:2]:
            out[key] = getattr(self, key).text().strip() or None
        errors += visit_checks.date_errors(out["tanggal"])
        vital_values, problems = self.vitals_form.values()
        errors += problems + vitals.hard_errors(vital_values)
        out.update({k: vital_values.get(k) for k in (*NUMBER_FIELDS, *PRESSURE)})
        codes = self.diagnoses.codes()
        pending = self.icd.pending_code()
        if pending and icd10.has_children(pending):
            errors.append(field_error("diagnosa", self.tr("{code} punya subkode: pilih salah satu dari daftar "
                                                          "(Enter).").format(code=pending)))
        elif pending and pending not in codes:
            codes.append(pending)
        elif self.icd.text().strip() and not pending:
            errors.append(field_error("diagnosa", self.tr("Pilih diagnosa dari daftar saran (Enter), atau kosongkan.")))
        out["diagnosa"] = self.case_types.entries(codes)
        out["malaria"] = self.malaria_value()
        out["rujukan"] = self.rujukan.isChecked()
        out["rujukan_tujuan"] = self.rujukan_tujuan.text().strip() or None
        if errors:
            raise ValidationError(errors)
        return out

    def changed_values(self, values: dict) -> dict:
        """For an existing visit: only what changed (the history lists exactly those fields)."""
        if self.visit is None:
            return values
        old = self.visit
        changed = {}
        for key, value in values.items():
            if key == "diagnosa":
                if diagnosis_keys(value) != diagnosis_keys(old.get("diagnosa")):
                    changed[key] = value
            elif key == "malaria":
                if (value or None) != (old.get("malaria") or None):
                    changed[key] = value
            elif key == "rujukan":
                if bool(value) != bool(old.get("rujukan")):
                    changed[key] = value
            elif (value if value not in ("", None) else None) != old.get(key):
                changed[key] = value
        if "malaria" in changed or "diagnosa" in changed:
            # the domain rebuilds the diagnoses from both: send them together
            changed["malaria"], changed["diagnosa"] = values["malaria"], values["diagnosa"]
        return changed

    # -- saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        if self._saving or self.patient is None:
            return
        self.message.hide()
        try:
            fields = self.values()
        except ValidationError as exc:
            self.save_refused(exc)
            return
        if self.visit_id is not None:
            fields = self.changed_values(fields)
            if not fields:
                self.accept()
                return
        self.start_saving()
        # On a worker: a new visit's domain rules first (their problems show at the fields before any
        # question), then this patient's other visits that day; then ask.
        user, patient_id, visit_id = self.user, self.patient_id, self.visit_id
        day = fields.get("tanggal") if "tanggal" in fields else None

        def check(store: Store) -> int:
            if visit_id is None:
                visits.prepare_visit(store, user, {"patient_id": patient_id, **fields})
            return visit_checks.same_day_visits(store, patient_id, day, exclude_id=visit_id) if day else 0

        QueryOp(self, check, success=lambda same_day: self._ask(fields, same_day)).failure(self.save_refused).run()

    def _ask(self, fields: dict, same_day: int) -> None:
        checked = dict(fields)
        if "diagnosa" in checked:
            checked["diagnosa"] = list(checked["diagnosa"] or []) + self.automatic_codes()
        asked = visit_questions.pending(visit_checks.questions(checked, self.patient, self.units.unit_list,
                                                               same_day=same_day))
        if not asked:
            self._write(fields)
            return
        self._questions_box = visit_questions.ask(self, asked, lambda: self._write(fields), self._not_confirmed)

    def _not_confirmed(self, field: str) -> None:
        self.end_saving()
        key = {"sistolik": "tensi", "diastolik": "tensi"}.get(field, field)
        widget = self.sections.field(key) if any(key in f.fields for f in self.sections.forms) else None
        if widget is not None:  # after the box has given the focus back
            QTimer.singleShot(0, widget.setFocus)
        self.save_failed.emit()

    def _write(self, fields: dict) -> None:
        user, patient_id, visit_id = self.user, self.patient_id, self.visit_id
        if visit_id is None:
            fields = {"patient_id": patient_id, **fields}
            op = lambda store: visits.register_visit(store, user, fields).record_id  # noqa: E731
        else:
            op = lambda store: visits.update_visit(store, user, visit_id, fields).record_id  # noqa: E731
        WriteOp(self, lambda store: store.get(visits.VISITS, op(store))) \
            .success(self._saved).failure(self.save_refused).with_progress(self.tr("Menyimpan kunjungan…")).run()

    def _saved(self, visit: dict) -> None:
        self.end_saving()
        self.sections.clear_errors()
        self._dirty = False
        if self.visit_id is None and visit.get("unit"):
            remember_unit(self.user, visit["unit"])
        self.visit_id = visit["id"]
        self.visit = visit
        codes = ", ".join(d["kode"] for d in visit.get("diagnosa") or [])
        summary = self.tr("Kunjungan tersimpan: {patient}").format(patient=patient_line(self.patient or {}))
        if codes:
            summary += f" — {codes}"
        self.saved.emit(visit["id"], summary)
        self.accept()

    def show_field_errors(self, errors: list) -> list:
        return self.sections.show_errors(errors)

    def discard_question(self) -> tuple[str, str]:
        return self.tr("Buang isian?"), self.tr("Kunjungan ini belum disimpan. Tutup tanpa menyimpan?")
