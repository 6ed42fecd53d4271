"""The visit form: kasus baru/lama per diagnosis with an override and its reason; the malaria code advice."""
# ruff: noqa: F811 - pytest fixtures imported from tests.ui.test_health_support

from __future__ import annotations

from PySide6.QtCore import QDate

from desktop.domain.health import visits

from .test_health_support import (  # noqa: F401 - fixtures
    active,
    nakes,
    pkm,
    pkm_dir,
    pkm_manager,
    pkm_template,
    pkm_window,
    users,
)
from .test_health_visit import open_visit_form, returning_patient


def _days_ago(n: int) -> str:
    return QDate.currentDate().addDays(-n).toString("yyyy-MM-dd")


def test_each_diagnosis_shows_its_own_case_type_and_takes_an_override(qtbot, pkm, nakes, pkm_window):
    """Finding 3: a hypertension control with a new ISPA showed one "Otomatis: lama" for the visit."""
    patient = returning_patient(pkm, nakes)
    visits.register_visit(pkm, nakes, {"patient_id": patient["id"], "unit": "dewasa", "diagnosa": ["I10"],
                                       "tanggal": _days_ago(10)})
    page = active(qtbot, pkm_window).show_module("pasien")
    dialog = open_visit_form(qtbot, page, "123")
    dialog.unit.setCurrentIndex(dialog.unit.findData("dewasa"))
    dialog.diagnoses.set_codes(["I10", "J06.9"])
    dialog._diagnoses_changed()
    qtbot.waitUntil(lambda: "Otomatis" in dialog.case_types.row_text("J06.9"))
    assert "Otomatis: lama" in dialog.case_types.row_text("I10") and "kronis" in dialog.case_types.row_text("I10")
    assert "Otomatis: baru" in dialog.case_types.row_text("J06.9")
    # the nurse calls the ISPA an old case: without a reason the domain says why it refuses
    row = dialog.case_types.rows["J06.9"]
    row.choice.setCurrentIndex(row.choice.findData("lama"))
    assert row.reason.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    assert "alasan" in dialog.diagnosis_form.error_text("diagnosa")
    qtbot.keyClicks(row.reason, "berobat di pustu minggu lalu")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    newest = pkm.find("visits", "patient_id = ?", (patient["id"],), order_by="tanggal DESC")[0]
    assert newest["diagnosa"] == [{"kode": "I10", "utama": True},
                                  {"kode": "J06.9", "kasus": "lama", "kasus_alasan": "berobat di pustu minggu lalu"}]


def test_b54_with_a_positive_falciparum_test_shows_the_domains_message(qtbot, pkm, nakes, pkm_window):
    """Finding 1: the hint "Otomatis … B50.9" disappeared and B54 was saved without a word."""
    returning_patient(pkm, nakes)
    page = active(qtbot, pkm_window).show_module("pasien")
    dialog = open_visit_form(qtbot, page, "123")
    dialog.unit.setCurrentIndex(dialog.unit.findData("malaria"))
    dialog.pemeriksaan.setCurrentIndex(dialog.pemeriksaan.findData("rdt"))
    dialog.hasil.setCurrentIndex(dialog.hasil.findData("positif"))
    dialog.spesies.setCurrentIndex(dialog.spesies.findData("falciparum"))
    dialog.diagnoses.add_code("B54")
    assert dialog.case_types.shown_codes() == ["B54"]
    assert dialog.code_advice.isVisibleTo(dialog)
    assert "B50.9" in dialog.code_advice.text.text() and "B54" in dialog.code_advice.text.text()
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    assert pkm.count("visits") == 0
    dialog.code_advice.button.click()  # "Pakai B50.9"
    assert dialog.diagnoses.codes() == ["B50.9"] and not dialog.code_advice.isVisibleTo(dialog)
    assert dialog.case_types.shown_codes() == ["B50.9"]  # B54's row gone at once, not left behind
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    assert [d["kode"] for d in pkm.find("visits")[0]["diagnosa"]] == ["B50.9"]


def test_a_confirmed_code_with_a_negative_test_is_pointed_out(qtbot, pkm, nakes, pkm_window):
    returning_patient(pkm, nakes)
    page = active(qtbot, pkm_window).show_module("pasien")
    dialog = open_visit_form(qtbot, page, "123")
    dialog.pemeriksaan.setCurrentIndex(dialog.pemeriksaan.findData("mikroskopis"))
    dialog.hasil.setCurrentIndex(dialog.hasil.findData("negatif"))
    dialog.diagnoses.add_code("B50.9")
    assert dialog.code_advice.isVisibleTo(dialog) and not dialog.code_advice.button.isVisibleTo(dialog)
    assert "negatif" in dialog.code_advice.text.text() and "B50.9" in dialog.code_advice.text.text()
    with qtbot.waitSignal(dialog.saved):  # a warning, not a refusal: treatment may have started already
        dialog.save()


def test_a_confirmed_code_without_a_test_is_pointed_out(qtbot, pkm, nakes, pkm_window):
    """B50.9 was saved with no malaria test and not a word: a confirmed case in the malaria register."""
    returning_patient(pkm, nakes)
    page = active(qtbot, pkm_window).show_module("pasien")
    dialog = open_visit_form(qtbot, page, "123")
    dialog.diagnoses.add_code("B50.9")
    assert dialog.code_advice.isVisibleTo(dialog) and not dialog.code_advice.button.isVisibleTo(dialog)
    assert "B50.9" in dialog.code_advice.text.text() and "pemeriksaan malaria" in dialog.code_advice.text.text()
    dialog.pemeriksaan.setCurrentIndex(dialog.pemeriksaan.findData("rdt"))
    dialog.hasil.setCurrentIndex(dialog.hasil.findData("positif"))
    dialog.spesies.setCurrentIndex(dialog.spesies.findData("falciparum"))
    assert not dialog.code_advice.isVisibleTo(dialog)  # the test confirms it
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
