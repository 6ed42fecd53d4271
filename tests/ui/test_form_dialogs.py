"""The visit, patient and letter forms take Enter, Ctrl+S, Esc and refused saves from the one form base
(``FormDialog``), driven through their widgets against a real store."""
# ruff: noqa: F811 - pytest fixtures imported from tests.ui.test_health_support

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.domain import letters
from desktop.domain.health import visits
from desktop.ui.forms.letter_dialog import LetterDialog
from desktop.ui.health.patient_dialog import PatientDialog
from desktop.ui.health.visit_dialog import VisitDialog
from desktop.ui.widgets.form_base import FormDialog

from .test_health_support import (  # noqa: F401 - fixtures
    nakes,
    pkm,
    pkm_dir,
    pkm_manager,
    pkm_template,
    register,
    users,
)
from .test_health_visit_checks import fresh_session, open_form, pick_ispa  # noqa: F401 - a fresh session each


def answer_later(button_text: str, seen: list) -> None:
    """Clicks ``button_text`` in the question box the next key opens, noting the question."""
    def click():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, click)


@pytest.mark.parametrize("form", [VisitDialog, PatientDialog, LetterDialog])
def test_the_forms_keep_no_key_or_closing_handling_of_their_own(form):
    assert issubclass(form, FormDialog)
    own = {"keyPressEvent", "reject", "confirm_discard", "has_unsaved_input"} & set(vars(form))
    assert own <= {"has_unsaved_input"} if form is LetterDialog else not own  # a letter adds its disposisi


def test_enter_in_a_visit_field_saves_when_valid(qtbot, pkm, nakes, pkm_manager):
    patient = register(pkm, nakes, nama="Yance", jenis_kelamin="L", tanggal_lahir="1985-05-05")
    dialog = open_form(qtbot, pkm, nakes, patient["id"])
    pick_ispa(qtbot, dialog)
    dialog.anamnesis.setFocus()
    qtbot.keyClicks(dialog.anamnesis, "batuk pilek")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.anamnesis, Qt.Key.Key_Return)
    [visit] = pkm.find(visits.VISITS)
    assert visit["anamnesis"] == "batuk pilek" and [d["kode"] for d in visit["diagnosa"]] == ["J06.9"]


def test_a_refused_visit_shows_the_error_at_its_field_until_it_is_changed(qtbot, pkm, nakes, pkm_manager):
    patient = register(pkm, nakes, nama="Yance", jenis_kelamin="L", tanggal_lahir="1985-05-05")
    dialog = open_form(qtbot, pkm, nakes, patient["id"])
    pick_ispa(qtbot, dialog)
    dialog.suhu[0].setFocus()
    qtbot.keyClicks(dialog.suhu[0], "45")
    with qtbot.waitSignal(dialog.save_failed):
        qtbot.keyClick(dialog.suhu[0], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "45 °C tidak mungkin" in dialog.vitals_form.error_text("suhu_c") and dialog.save_button.isEnabled()
    qtbot.keyClick(dialog.suhu[0], Qt.Key.Key_Backspace)
    assert dialog.vitals_form.error_text("suhu_c") == ""
    assert pkm.count(visits.VISITS) == 0


def test_escape_on_a_typed_in_visit_form_asks_first(qtbot, pkm, nakes, pkm_manager):
    patient = register(pkm, nakes, nama="Yance", jenis_kelamin="L", tanggal_lahir="1985-05-05")
    dialog = open_form(qtbot, pkm, nakes, patient["id"])
    qtbot.keyClicks(dialog.anamnesis, "demam")
    seen: list = []
    answer_later("Tidak, kembali", seen)
    qtbot.keyClick(dialog.anamnesis, Qt.Key.Key_Escape)
    assert seen == ["Kunjungan ini belum disimpan. Tutup tanpa menyimpan?"] and dialog.isVisible()
    answer_later("Ya, buang", seen)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.anamnesis, Qt.Key.Key_Escape)
    assert pkm.count(visits.VISITS) == 0


def test_patient_form_enter_refuses_at_the_field_and_escape_asks(qtbot, pkm, nakes, pkm_manager):
    dialog = PatientDialog(pkm, nakes)
    qtbot.addWidget(dialog, before_close_func=lambda d: setattr(d, "_dirty", False))
    dialog.show()
    lahir = dialog.form.fields["lahir"]
    qtbot.keyClicks(dialog.form.fields["nama"], "Maria")
    qtbot.keyClicks(lahir, "31-02-19")
    lahir.setFocus()
    with qtbot.waitSignal(dialog.save_failed):
        qtbot.keyClick(lahir, Qt.Key.Key_Return)
    assert dialog.form.error_text("lahir") and dialog.focusWidget() is lahir
    seen: list = []
    answer_later("Tidak, kembali", seen)
    qtbot.keyClick(lahir, Qt.Key.Key_Escape)
    assert seen == ["Ada isian yang belum disimpan. Tutup tanpa menyimpan?"] and dialog.isVisible()


def test_enter_on_a_focused_button_clicks_that_button(qtbot, store, manager):  # the app always has one
    dialog = LetterDialog(store, "masuk", "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.cancel_button.setFocus()
    with qtbot.waitSignal(dialog.rejected):  # nothing typed: "Tutup" closes without asking, and saves nothing
        qtbot.keyClick(dialog.cancel_button, Qt.Key.Key_Return)
    assert store.find(letters.LETTERS) == []
