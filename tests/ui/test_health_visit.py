"""The visit form, driven through its widgets like a nakes would (keys sent where Qt sends them: the open
popup or the focused widget), against a real puskesmas store."""
# ruff: noqa: F811 - pytest fixtures imported from tests.ui.test_health_support

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.exceptions import TimeoutError as QtWaitTimeout

from desktop.domain.health import units, visits
from desktop.ui.health.icd10_input import SEPARATOR
from desktop.ui.health.patient_dialog import PatientDialog
from desktop.ui.health.visit_dialog import VisitDialog, remember_unit, remembered_unit
from desktop.ui.registers.register_base import header_titles

from .conftest import wait_loaded
from .test_health_support import (  # noqa: F401 - fixtures
    NIK_YANCE,
    active,
    audit_opens,
    nakes,
    pkm,
    pkm_dir,
    pkm_manager,
    pkm_template,
    pkm_window,
    register,
    users,
)

# A returning patient's routine malaria visit (RDT positive, P. falciparum, DHP), from the Pasien page
# with the cursor in the search box; docs/HEALTH.md "Keystrokes" lists the same sequence.
ROUTINE_KEYS = ["1", "2", "3", "Ctrl+K", "r", "Tab", "p", "Tab", "f", "Tab", "D", "H", "P", "Enter"]
# The same with the temperature (Alt+S jumps to Suhu, Alt+G back to Pengobatan) and primaquine.
ROUTINE_WITH_VITALS_KEYS = ["1", "2", "3", "Ctrl+K", "r", "Tab", "p", "Tab", "f", "Alt+S", "3", "8", ",", "5",
                            "Alt+G", "D", "H", "P", "Tab", "Space", "Enter"]

KEYS = {"Tab": Qt.Key.Key_Tab, "Enter": Qt.Key.Key_Return, "Space": Qt.Key.Key_Space, "Down": Qt.Key.Key_Down}


class Keyboard:
    """Presses keys one at a time where Qt delivers them (the open popup, else the focused widget) and
    counts them. Waits (never asserts on time) when the next key's target is not there yet."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.count = 0

    def press(self, key: str) -> None:
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().isEnabled())
        target = QApplication.activePopupWidget() or QApplication.focusWidget()
        modifier = Qt.KeyboardModifier.NoModifier
        if key.startswith(("Ctrl+", "Alt+")):
            name, key = key.split("+", 1)
            modifier = Qt.KeyboardModifier.ControlModifier if name == "Ctrl" else Qt.KeyboardModifier.AltModifier
            self.qtbot.keyClick(target, getattr(Qt.Key, f"Key_{key.upper()}"), modifier)
        elif key in KEYS:
            self.qtbot.keyClick(target, KEYS[key])
        else:
            self.qtbot.keyClicks(target, key)
        self.count += 1

    def type(self, keys: list[str], *, before=None) -> None:
        for key in keys:
            if before is not None:
                before(key)
            self.press(key)


def returning_patient(pkm, nakes) -> dict:
    register(pkm, nakes, nama="Maria Magal")
    return register(pkm, nakes, nama="Yance Beanal", jenis_kelamin="L", tanggal_lahir="1985-05-05", nik=NIK_YANCE,
                    no_rm="RM-000123")


def open_visit_form(qtbot, page, text: str) -> VisitDialog:
    wait_loaded(qtbot, page.model)
    qtbot.keyClicks(page.search, text)
    qtbot.keyClick(page.search, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    try:
        qtbot.waitUntil(lambda: page.findChild(VisitDialog) is not None)
    except QtWaitTimeout as exc:  # say what the page was doing, so a rare failure can be read
        model = page.model
        raise AssertionError(
            f"no visit form: loading={model.loading} pending={page._pending!r} "
            f"timer={page._search_timer.isActive()} rows={model.rowCount()} filter={model.filter.text!r} "
            f"selected={page.current_row()} record0={model.record(0) is not None if model.rowCount() else None} "
            f"tab={page.tabs.currentIndex()} label={page.count_label.text()!r}") from exc
    dialog = page.findChild(VisitDialog)
    qtbot.waitUntil(lambda: dialog.patient is not None)
    return active(qtbot, dialog)


def question_box(qtbot) -> QMessageBox:
    """The visit form's "Periksa sebelum menyimpan" box, once it is shown."""
    def shown():
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QMessageBox) and w.objectName() == "visitQuestions" and w.isVisible()), None)
    qtbot.waitUntil(lambda: shown() is not None)
    return shown()


def answer(qtbot, yes: bool = True) -> str:
    """Answers the questions box (Enter = yes, Esc = back) and returns its text."""
    box = question_box(qtbot)
    text = box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return if yes else Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible())
    return text


def choose_suggestion(qtbot, dialog: VisitDialog, typed: str, code: str) -> None:
    """Types in the ICD-10 field, then moves down the suggestions to ``code`` and presses Enter."""
    qtbot.keyClicks(dialog.icd, typed)
    popup = dialog.icd.popup()
    qtbot.waitUntil(popup.isVisible)
    labels = dialog.icd.suggestions.stringList()
    row = next(i for i, label in enumerate(labels) if label.split(SEPARATOR)[0] == code)
    for _ in range(row + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_malaria_visit_through_the_form(qtbot, pkm, nakes, pkm_window):
    patient = returning_patient(pkm, nakes)
    page = active(qtbot, pkm_window).show_module("pasien")
    dialog = open_visit_form(qtbot, page, "123")
    assert "RM-000123 · Yance Beanal · L · 41 tahun" in dialog.patient_label.text()
    assert audit_opens(pkm, patient["id"]) == 1  # opening the form opened the record
    assert dialog.tanggal.value() == QDate.currentDate().toString("yyyy-MM-dd")
    assert dialog.petugas.text() == "Bidan"

    dialog.unit.setFocus()
    qtbot.keyClick(dialog.unit, Qt.Key.Key_M)
    assert dialog.unit.currentData() == "malaria"
    qtbot.keyClicks(dialog.anamnesis, "demam 3 hari, menggigil")
    qtbot.keyClicks(dialog.berat[0], "60")
    qtbot.keyClicks(dialog.suhu[0], "38,5")
    qtbot.keyClicks(dialog.tensi[0], "110/70")
    qtbot.keyClicks(dialog.nadi[0], "96")

    dialog.icd.setFocus()
    choose_suggestion(qtbot, dialog, "mal fal", "B50.9")
    assert dialog.diagnoses.codes() == ["B50.9"]
    assert dialog.diagnoses.item(0).text() == "B50.9 — Plasmodium falciparum malaria, unspecified  (utama)"
    assert dialog.icd.text() == ""  # ready for the next diagnosis
    qtbot.keyClicks(dialog.icd, "r509")
    qtbot.waitUntil(dialog.icd.popup().isVisible)
    qtbot.keyClick(dialog.icd.popup(), Qt.Key.Key_Return)  # Enter takes the first suggestion
    assert dialog.diagnoses.codes() == ["B50.9", "R50.9"]

    qtbot.keyClick(dialog.pemeriksaan, Qt.Key.Key_R)
    qtbot.keyClick(dialog.hasil, Qt.Key.Key_P)
    assert dialog.spesies.isEnabled()
    qtbot.keyClick(dialog.spesies, Qt.Key.Key_F)
    qtbot.keyClicks(dialog.pengobatan, "DHP")
    dialog.primakuin.setChecked(True)
    dialog.kontrol.set_value("2099-01-01")
    qtbot.keyClicks(dialog.tindakan, "paracetamol 3x500 mg")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.tindakan, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    saved = pkm.find("visits", "patient_id = ?", (patient["id"],))
    assert len(saved) == 1
    visit = saved[0]
    assert visit["unit"] == "malaria" and visit["kasus"] == "baru" and visit["petugas"] == "Bidan"
    assert visit["anamnesis"] == "demam 3 hari, menggigil" and visit["tindakan"] == "paracetamol 3x500 mg"
    assert (visit["berat_kg"], visit["suhu_c"], visit["sistolik"], visit["diastolik"], visit["nadi"]) == \
        (60, 38.5, 110, 70, 96)
    assert visit["diagnosa"] == [{"kode": "B50.9", "utama": True}, {"kode": "R50.9"}]
    assert visit["malaria"] == {"pemeriksaan": "rdt", "hasil": "positif", "spesies": "falciparum",
                                "pengobatan": "DHP", "primakuin": True, "tanggal_kontrol": "2099-01-01"}
    assert not visit["rujukan"]
    assert remembered_unit(nakes) == "malaria"  # the next visit starts in this unit
    qtbot.waitUntil(lambda: "Kunjungan tersimpan: RM-000123 · Yance Beanal" in page.banner.text())
    assert "B50.9, R50.9" in page.banner.text()


def test_a_long_diagnosis_wraps_within_its_list(qtbot, pkm, nakes, pkm_window):
    """A15.0's WHO title ("Tuberculosis of lung, confirmed by sputum microscopy with or without culture") ran past
    the list's edge: the nurse had to scroll it sideways to read which diagnosis she had taken."""
    returning_patient(pkm, nakes)
    page = pkm_window.show_module("pasien")
    dialog = open_visit_form(qtbot, page, "123")
    choose_suggestion(qtbot, dialog, "tuberkulosis", "A15.0")
    qtbot.waitUntil(lambda: dialog.diagnoses.codes() == ["A15.0"])
    listed = dialog.diagnoses
    qtbot.wait(50)  # the list lays its item out
    shown = listed.visualItemRect(listed.item(0))
    assert listed.horizontalScrollBar().maximum() == 0
    assert listed.viewport().rect().contains(shown)
    assert shown.height() > 1.5 * listed.fontMetrics().height()  # wrapped onto a second line


def test_routine_malaria_visit_in_fourteen_keystrokes(qtbot, pkm, nakes, pkm_window):
    patient = returning_patient(pkm, nakes)
    remember_unit(nakes, "malaria")  # this nakes's last visit was in the malaria unit
    page = active(qtbot, pkm_window).show_module("pasien")
    wait_loaded(qtbot, page.model)
    page.focus_search()
    keyboard = Keyboard(qtbot)

    def wait_for_form(key: str) -> None:
        if key == "r":  # the form opens with the cursor at the malaria test
            qtbot.waitUntil(lambda: page.findChild(VisitDialog) is not None)
            dialog = page.findChild(VisitDialog)
            qtbot.waitUntil(lambda: dialog.patient is not None and QApplication.focusWidget() is dialog.pemeriksaan)

    with qtbot.waitSignal(pkm_window.manager.changed):
        keyboard.type(ROUTINE_KEYS, before=wait_for_form)
    assert keyboard.count == len(ROUTINE_KEYS) == 14
    qtbot.waitUntil(lambda: page.findChild(VisitDialog) is None)  # saved and closed
    visit = pkm.find("visits", "patient_id = ?", (patient["id"],))[0]
    assert visit["unit"] == "malaria" and visit["petugas"] == "Bidan" and visit["kasus"] == "baru"
    assert visit["tanggal"] == QDate.currentDate().toString("yyyy-MM-dd")
    assert visit["malaria"] == {"pemeriksaan": "rdt", "hasil": "positif", "spesies": "falciparum", "pengobatan": "DHP"}
    assert visit["diagnosa"] == [{"kode": "B50.9", "utama": True}]  # added by the domain from the positive RDT
    qtbot.waitUntil(lambda: page.search.hasFocus())  # ready for the next patient


def test_routine_visit_with_temperature_and_primaquine(qtbot, pkm, nakes, pkm_window):
    patient = returning_patient(pkm, nakes)
    remember_unit(nakes, "malaria")
    page = active(qtbot, pkm_window).show_module("pasien")
    page.model.refresh()  # a nakes's window opens on this page: it was loaded before the patient was written
    wait_loaded(qtbot, page.model)
    page.focus_search()
    keyboard = Keyboard(qtbot)

    def wait_for_form(key: str) -> None:
        if key == "r":
            qtbot.waitUntil(lambda: page.findChild(VisitDialog) is not None)
            dialog = page.findChild(VisitDialog)
            qtbot.waitUntil(lambda: dialog.patient is not None and QApplication.focusWidget() is dialog.pemeriksaan)
            active(qtbot, dialog)

    with qtbot.waitSignal(pkm_window.manager.changed):
        keyboard.type(ROUTINE_WITH_VITALS_KEYS, before=wait_for_form)
    assert keyboard.count == 21
    visit = pkm.find("visits", "patient_id = ?", (patient["id"],))[0]
    assert visit["suhu_c"] == 38.5
    assert visit["malaria"]["primakuin"] is True and visit["malaria"]["pengobatan"] == "DHP"


def test_vital_signs_out_of_range_are_shown_at_the_field(qtbot, pkm, nakes, pkm_window):
    patient = returning_patient(pkm, nakes)
    page = active(qtbot, pkm_window).show_module("pasien")
    dialog = open_visit_form(qtbot, page, "123")
    qtbot.keyClicks(dialog.suhu[0], "385")  # the comma forgotten
    qtbot.keyClicks(dialog.tensi[0], "120")
    qtbot.keyClicks(dialog.nadi[0], "8o")
    with qtbot.waitSignal(dialog.save_failed):
        qtbot.keyClick(dialog.nadi[0], Qt.Key.Key_Return)
    assert "385 °C tidak mungkin" in dialog.vitals_form.error_text("suhu_c")
    assert "120/80" in dialog.vitals_form.error_text("tensi")
    assert dialog.vitals_form.error_text("nadi") != ""
    assert dialog.suhu[0].hasFocus()  # the first bad field
    qtbot.keyClicks(dialog.icd, "zzz")
    dialog.suhu[0].setText("38,5")
    dialog.tensi[0].setText("80/120")
    dialog.nadi[0].setText("80")
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    assert "sistolik harus lebih besar dari diastolik" in dialog.vitals_form.error_text("tensi")
    assert "daftar saran" in dialog.diagnosis_form.error_text("diagnosa")
    assert pkm.find("visits", "patient_id = ?", (patient["id"],)) == []


def test_domain_rules_show_at_the_field(qtbot, pkm, nakes, pkm_window):
    returning_patient(pkm, nakes)
    page = active(qtbot, pkm_window).show_module("pasien")
    dialog = open_visit_form(qtbot, page, "123")
    dialog.rujukan.setChecked(True)  # referred, but where to?
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    assert "tujuan rujukan" in dialog.action_form.error_text("rujukan_tujuan")
    qtbot.keyClicks(dialog.rujukan_tujuan, "RSUD Mimika")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
        assert "Belum ada diagnosa" in answer(qtbot)
    visit = pkm.find("visits")[0]
    assert visit["rujukan"] is True and visit["rujukan_tujuan"] == "RSUD Mimika"


def test_the_form_shows_what_the_domain_will_fill(qtbot, pkm, nakes, pkm_window):
    patient = returning_patient(pkm, nakes)
    visits.register_visit(pkm, nakes, {"patient_id": patient["id"], "unit": "malaria", "diagnosa": ["B50.9"],
                                       "tanggal": QDate.currentDate().addDays(-10).toString("yyyy-MM-dd")})
    remember_unit(nakes, "malaria")
    page = active(qtbot, pkm_window).show_module("pasien")
    dialog = open_visit_form(qtbot, page, "123")
    assert dialog.first_field() is dialog.pemeriksaan  # the nakes's last unit was malaria
    qtbot.keyClick(dialog.pemeriksaan, Qt.Key.Key_R)
    qtbot.keyClick(dialog.hasil, Qt.Key.Key_N)
    assert not dialog.spesies.isEnabled() and not dialog.pengobatan.isEnabled()
    assert dialog.auto_hint.text() == ""
    # (a combo box joins letters typed quickly into one search: change the choice directly)
    dialog.hasil.setCurrentIndex(dialog.hasil.findData("positif"))
    qtbot.keyClick(dialog.spesies, Qt.Key.Key_V)
    assert "B51.9" in dialog.auto_hint.text()  # vivax
    dialog.spesies.setCurrentIndex(dialog.spesies.findData("falciparum"))
    assert "B50.9 — Plasmodium falciparum malaria, unspecified" in dialog.auto_hint.text()
    # a B50 visit 10 days ago: the rules will call this diagnosis kasus lama
    qtbot.waitUntil(lambda: "lama" in dialog.case_types.row_text("B50.9"))
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    newest = pkm.find("visits", "patient_id = ?", (patient["id"],), order_by="tanggal DESC")[0]
    assert newest["kasus"] == "lama" and newest["diagnosa"] == [{"kode": "B50.9", "utama": True}]


def test_edit_a_visit_from_the_patient_record(qtbot, qtmodeltester, pkm, nakes, pkm_window):
    patient = returning_patient(pkm, nakes)
    visits.register_visit(pkm, nakes, {"patient_id": patient["id"], "unit": "dewasa", "diagnosa": ["J06.9"],
                                       "anamnesis": "batuk pilek"})
    page = active(qtbot, pkm_window).show_module("pasien")
    record = page.open_patient(patient["id"])
    qtbot.waitUntil(lambda: record.record is not None)
    assert record.visits_model.rowCount() == 1
    qtmodeltester.check(record.visits_model)
    assert record.visits_model.data(record.visits_model.index(0, 3)) == "J06.9"
    record.tabs.setCurrentWidget(record.visits_table)
    record.visits_table.selectRow(0)
    record.visits_table.setFocus()
    qtbot.keyClick(record.visits_table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: record.findChild(VisitDialog) is not None)
    dialog = record.findChild(VisitDialog)
    qtbot.waitUntil(lambda: dialog.visit is not None)
    assert dialog.anamnesis.text() == "batuk pilek" and dialog.diagnoses.codes() == ["J06.9"]
    assert dialog.unit.currentData() == "dewasa"
    assert audit_opens(pkm, patient["id"]) == 2  # the record, then the visit
    dialog.anamnesis.setText("batuk pilek 2 hari")
    dialog._mark_dirty()
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    visit = pkm.find("visits")[0]
    assert visit["anamnesis"] == "batuk pilek 2 hari" and visit["diagnosa"] == [{"kode": "J06.9", "utama": True}]
    changes = [h for h in pkm.history("visits", visit["id"]) if h["action"] == "update"]
    assert list(changes[-1]["changes"]) == ["anamnesis"]  # only what changed
    qtbot.waitUntil(lambda: "Kunjungan tersimpan" in record.banner.text())
    # Ctrl+K in the record starts a new visit for this patient
    active(qtbot, record)
    qtbot.keyClick(record.form.fields["nama"], Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(d.visit_id is None for d in record.findChildren(VisitDialog)))
    assert isinstance(record, PatientDialog)


def test_the_health_screens_speak_english(qtbot, pkm, nakes, pkm_window):
    from desktop.ui import i18n
    from desktop.ui.health.patients_model import PatientTableModel

    assert i18n.install_language("en")
    patient = returning_patient(pkm, nakes)
    dialog = VisitDialog(pkm, nakes, patient["id"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.patient is not None)
    assert dialog.heading.text() == "New visit"
    assert dialog.malaria_form.labels["pemeriksaan"].text() == "&Malaria test"
    assert dialog.hasil.itemText(dialog.hasil.findData("positif")) == "Positive"
    assert dialog.unit.currentText() in {u.name_en for u in units.units(pkm)}
    assert "41 years" in dialog.patient_label.text()
    model = PatientTableModel(pkm, nakes)
    assert header_titles(model, None).headerData(0, Qt.Orientation.Horizontal) == "MR no."  # what its header shows
