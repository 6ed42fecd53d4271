"""What the visit and patient forms refuse and ask, driven through their widgets against a real store:
dates (never the future, a back-dated day asked once), vital signs (impossible refused at the field,
unusual asked), the unit by age and complaint, the ICD-10 picker's keys, no diagnosis, a second visit
the same day, and the NIK against sex and a typed age."""
# ruff: noqa: F811 - pytest fixtures imported from tests.ui.test_health_support

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.domain import nik as nik_rules
from desktop.domain.health import visit_checks, visits
from desktop.ui.health import visit_questions
from desktop.ui.health.patient_dialog import PatientDialog
from desktop.ui.health.visit_dialog import VisitDialog, remember_unit

from .test_health_support import (  # noqa: F401 - fixtures
    active,
    nakes,
    pkm,
    pkm_dir,
    pkm_manager,
    pkm_template,
    pkm_window,
    register,
    users,
)
from .test_health_visit import answer, question_box


@pytest.fixture(autouse=True)
def fresh_session():
    visit_questions.confirmed_keys.clear()  # a new session: nothing confirmed yet
    yield
    visit_questions.confirmed_keys.clear()


def today() -> dt.date:
    return visit_checks.current_day()


def open_form(qtbot, store, user, patient_id: str) -> VisitDialog:
    dialog = VisitDialog(store, user, patient_id)
    qtbot.addWidget(dialog, before_close_func=lambda d: setattr(d, "_dirty", False))  # no discard question
    with qtbot.waitActive(dialog):  # its shortcuts (Ctrl+S) go to the active window only; a loaded machine is slow to give it
        dialog.show()
    qtbot.waitUntil(lambda: dialog.patient is not None and dialog.isEnabled())
    return dialog


def pick_ispa(qtbot, dialog: VisitDialog) -> None:
    dialog.icd.setFocus()
    qtbot.keyClicks(dialog.icd, "ispa")
    qtbot.waitUntil(dialog.icd.popup().isVisible)
    qtbot.keyClick(dialog.icd.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(dialog.icd.popup(), Qt.Key.Key_Return)
    # The list closes and the form gets the keyboard back through queued events: until then a
    # shortcut such as Ctrl+S would go to the closing list (seen on a loaded machine).
    qtbot.waitUntil(lambda: not dialog.icd.popup().isVisible() and QApplication.activeWindow() is dialog)


def no_question_open() -> bool:
    return not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_ispa_down_enter_takes_the_subcategory_and_a_parent_shows_its_children(qtbot, pkm, nakes, pkm_manager):
    patient = register(pkm, nakes, nama="Yance", jenis_kelamin="L", tanggal_lahir="1985-05-05")
    dialog = open_form(qtbot, pkm, nakes, patient["id"])
    pick_ispa(qtbot, dialog)
    assert dialog.diagnoses.codes() == ["J06.9"]  # not J06
    qtbot.keyClicks(dialog.icd, "j06")
    qtbot.waitUntil(dialog.icd.popup().isVisible)
    qtbot.keyClick(dialog.icd.popup(), Qt.Key.Key_Return)  # J06, the first: a category with subcategories
    assert dialog.diagnoses.codes() == ["J06.9"]
    assert dialog.icd.codes == ["J06.0", "J06.8", "J06.9"] and dialog.icd.popup().isVisible()
    assert "J06 punya subkode" in dialog.diagnosis_form.error_text("diagnosa")
    for _ in range(2):
        qtbot.keyClick(dialog.icd.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(dialog.icd.popup(), Qt.Key.Key_Return)
    # The list closes and the form gets the keyboard back through queued events: until then a
    # shortcut such as Ctrl+S would go to the closing list (seen on a loaded machine).
    qtbot.waitUntil(lambda: not dialog.icd.popup().isVisible() and QApplication.activeWindow() is dialog)
    assert dialog.diagnoses.codes() == ["J06.9", "J06.8"]
    qtbot.keyClicks(dialog.icd, "flu")
    qtbot.waitUntil(dialog.icd.popup().isVisible)
    assert not dialog.icd.codes[0].startswith("I48")  # not atrial flutter
    # The list is wide enough to read the longest title offered.
    popup = dialog.icd.popup()
    widest = max(popup.fontMetrics().horizontalAdvance(t) for t in dialog.icd.suggestions.stringList())
    assert popup.minimumWidth() >= min(widest + 40, popup.screen().availableGeometry().width() - 16)


def test_a_back_dated_visit_asks_once_per_day_and_a_future_one_is_refused(qtbot, pkm, nakes, pkm_manager):
    first = register(pkm, nakes, nama="Yance", jenis_kelamin="L", tanggal_lahir="1985-05-05")
    second = register(pkm, nakes, nama="Marthen", jenis_kelamin="L", tanggal_lahir="1979-02-02")
    dialog = open_form(qtbot, pkm, nakes, first["id"])
    dialog.tanggal.set_value((today() + dt.timedelta(days=3)).isoformat())  # the finding: 10 Dec on 7 Dec
    pick_ispa(qtbot, dialog)
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    assert "masa depan" in dialog.visit_form.error_text("tanggal")
    assert pkm.count(visits.VISITS) == 0

    day = today() - dt.timedelta(days=2)
    dialog.tanggal.set_value(day.isoformat())
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
        text = answer(qtbot)
    assert f"Kunjungan tanggal {visit_checks.date_text(day)} (2 hari lalu)? Ya untuk pusling / input susulan." in text
    assert pkm.find(visits.VISITS)[0]["tanggal"] == day.isoformat()

    # The next pusling visit of that day is not asked again in this session.
    other = open_form(qtbot, pkm, nakes, second["id"])
    other.tanggal.set_value(day.isoformat())
    pick_ispa(qtbot, other)
    with qtbot.waitSignal(other.saved):
        other.save()
    assert no_question_open()
    assert sorted(v["tanggal"] for v in pkm.find(visits.VISITS)) == [day.isoformat()] * 2


def test_impossible_vital_signs_are_refused_at_the_field_and_unusual_ones_asked(qtbot, pkm, nakes, pkm_manager):
    patient = register(pkm, nakes, nama="Yance", jenis_kelamin="L", tanggal_lahir="1985-05-05")
    dialog = open_form(qtbot, pkm, nakes, patient["id"])
    pick_ispa(qtbot, dialog)
    qtbot.keyClicks(dialog.suhu[0], "45")
    qtbot.keyClicks(dialog.tensi[0], "300/20")
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    assert "45 °C tidak mungkin" in dialog.vitals_form.error_text("suhu_c")
    assert "300 mmHg tidak mungkin" in dialog.vitals_form.error_text("tensi")
    assert dialog.suhu[0].hasFocus()
    dialog.suhu[0].setText("25")
    dialog.tensi[0].setText("120/80")
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    assert "25 °C tidak mungkin" in dialog.vitals_form.error_text("suhu_c")

    dialog.suhu[0].setText("")
    dialog.suhu[0].setFocus()
    qtbot.keyClicks(dialog.suhu[0], "39,5")
    dialog.nadi[0].setFocus()  # leaving the field shows what is unusual
    assert "demam tinggi" in dialog.vitals_form.error_text("suhu_c")
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
        assert "demam tinggi" in answer(qtbot, yes=False)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.suhu[0])  # back at the field the question was about
    assert pkm.count(visits.VISITS) == 0
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
        answer(qtbot)
    assert pkm.find(visits.VISITS)[0]["suhu_c"] == 39.5


def test_the_unit_follows_age_and_complaint_not_the_last_patient(qtbot, pkm, nakes, pkm_manager):
    old = register(pkm, nakes, nama="Opa Yakobus", jenis_kelamin="L", umur_tahun=70, tanggal_lahir=None)
    born = (today() - dt.timedelta(days=300)).isoformat()
    baby = register(pkm, nakes, nama="By. Herlina", jenis_kelamin="P", tanggal_lahir=born)
    remember_unit(nakes, "mtbs")  # the last patient was a sick under-five
    dialog = open_form(qtbot, pkm, nakes, old["id"])
    assert dialog.unit.currentData() == "lansia" and dialog.unit_hint.text() == "saran: sesuai umur"
    dialog.unit.setFocus()
    qtbot.keyClick(dialog.unit, Qt.Key.Key_B)  # "Balita Sakit (MTBS)", chosen by hand
    assert dialog.unit.currentData() == "mtbs" and "tidak sesuai umur (0–4 tahun)" in dialog.unit_hint.text()
    pick_ispa(qtbot, dialog)
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
        text = answer(qtbot, yes=False)
    assert "Balita Sakit (MTBS) untuk umur 0–4 tahun; pasien ini 70 tahun" in text
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.unit)
    assert pkm.count(visits.VISITS) == 0

    remember_unit(nakes, "malaria")
    form = open_form(qtbot, pkm, nakes, baby["id"])
    assert form.unit.currentData() == "malaria"  # the nakes's own unit serves babies too
    qtbot.keyClicks(form.anamnesis, "diare 2 hari")
    assert form.unit.currentData() == "mtbs" and form.unit_hint.text() == "saran: keluhan “diare”"


def test_no_diagnosis_and_a_second_visit_the_same_day_are_asked(qtbot, pkm, nakes, pkm_manager):
    patient = register(pkm, nakes, nama="Yance", jenis_kelamin="L", tanggal_lahir="1985-05-05")
    visits.register_visit(pkm, nakes, {"patient_id": patient["id"], "unit": "dewasa", "diagnosa": ["I10"]})
    dialog = open_form(qtbot, pkm, nakes, patient["id"])
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
        text = answer(qtbot, yes=False)
    assert "sudah punya 1 kunjungan" in text and "Belum ada diagnosa" in text
    assert pkm.count(visits.VISITS) == 1
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
        answer(qtbot)
    assert pkm.count(visits.VISITS) == 2


def test_patient_form_nik_length_sex_and_a_typed_age(qtbot, pkm, nakes, pkm_manager):
    dialog = PatientDialog(pkm, nakes)
    qtbot.addWidget(dialog, before_close_func=lambda d: setattr(d, "_dirty", False))
    dialog.show()
    fields = dialog.form.fields
    qtbot.keyClicks(fields["nama"], "Maria Wenda")
    fields["jenis_kelamin"].setCurrentIndex(fields["jenis_kelamin"].findData("P"))
    qtbot.keyClicks(fields["lahir"], "70 tahun")
    assert dialog.birth_hint.text() == "umur 70 tahun"
    qtbot.keyClicks(fields["nik"], "940401050585000")  # 15 digits
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    assert "harus 16 digit" in dialog.form.error_text("nik") and "tertulis 15" in dialog.form.error_text("nik")
    fields["nik"].setText("9404010505850002")  # coded male (day 05, not 45)
    fields["nik"].editingFinished.emit()
    assert "berkode laki-laki" in dialog.form.error_text("jenis_kelamin")
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
        box = question_box_named(qtbot, "nikQuestion")
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the default: back to the form
    assert pkm.count("patients") == 0
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
        box = question_box_named(qtbot, "nikQuestion")
        yes = next(b for b in box.buttons() if b.text() == "Ya, simpan")
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    saved = pkm.find("patients")[0]
    assert saved["jenis_kelamin"] == "P" and saved["nik"] == "9404010505850002" and saved["umur_tahun"] == 70


def question_box_named(qtbot, name: str) -> QMessageBox:
    def shown():
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()), None)
    qtbot.waitUntil(lambda: shown() is not None)
    return shown()


def test_today_never_before_the_clock_floor():
    assert today() >= nik_rules.CLOCK_FLOOR
    assert question_box is not None  # (imported helper used by the visit tests)
