"""The patients register and the patient form, driven through their widgets against a real puskesmas store."""
# ruff: noqa: F811 - pytest fixtures imported from tests.ui.test_health_support

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop.domain.health import patients
from desktop.ui.health.common import AccessNotice, ParseError, parse_birth
from desktop.ui.health.patient_dialog import PatientDialog
from desktop.ui.health.patients_model import RECORD_ID_ROLE, PatientTableModel
from desktop.ui.health.patients_page import PatientsPage
from desktop.ui.health.reports_page import HealthReportsPage
from desktop.ui.main_window import MainWindow

from .conftest import wait_loaded
from .test_health_support import (  # noqa: F401 - fixtures
    NIK_MARIA,
    NIK_YANCE,
    active,
    audit_opens,
    nakes,
    operator,
    pkm,
    pkm_dir,
    pkm_manager,
    pkm_template,
    pkm_window,
    register,
    users,
)


def seed(pkm, nakes) -> dict:
    return {
        "maria": register(pkm, nakes, nama="Maria Magal", nik=NIK_MARIA, no_bpjs="0001234567890"),
        "yance": register(pkm, nakes, nama="Yance Beanal", jenis_kelamin="L", tanggal_lahir="1985-05-05",
                          nik=NIK_YANCE, kampung="Kwamki Narama"),
        "yosina": register(pkm, nakes, nama="Yosina Kogoya", tanggal_lahir="2001-03-03", kampung="Timika Jaya"),
    }


def names(model) -> list[str]:
    column = model.columns.index("nama")
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def search(qtbot, page, text: str) -> None:
    wait_loaded(qtbot, page.model)  # the previous query is in: the next `loaded` is this search's
    page.search.clear()
    with qtbot.waitSignal(page.model.loaded):
        qtbot.keyClicks(page.search, text)


def test_the_pasien_module_is_the_patients_register_for_nakes(pkm_window):
    page = pkm_window.show_module("pasien")
    assert isinstance(page, PatientsPage) and page.model is not None
    assert isinstance(pkm_window.show_module("laporan").health, HealthReportsPage)


def test_a_nakes_starts_on_the_patients_and_a_clerk_on_the_letters(qtbot, pkm, pkm_manager, pkm_window, operator):
    assert pkm_window.current_page() is pkm_window.page_by_module["pasien"]  # pkm_window: a nakes
    clerk = MainWindow(pkm, pkm_manager, operator)
    qtbot.addWidget(clerk)
    assert clerk.current_page() is clerk.page_by_module["surat_masuk"]


def test_a_distrik_laporan_is_not_the_health_reports(main_window):
    assert "pasien" not in main_window.modules
    assert main_window.show_module("laporan").health is None


def test_returning_patient_found_by_rm_nik_bpjs_and_name(qtbot, pkm, nakes, pkm_window):
    people = seed(pkm, nakes)
    page = pkm_window.show_module("pasien")
    page.model.refresh()
    wait_loaded(qtbot, page.model)
    assert names(page.model) == ["Maria Magal", "Yance Beanal", "Yosina Kogoya"]  # by name

    search(qtbot, page, "2")  # RM number without prefix or zeros: RM-000002
    assert names(page.model) == ["Yance Beanal"]
    assert page.model.data(page.model.index(0, 0)) == "RM-000002"
    search(qtbot, page, NIK_MARIA)
    assert names(page.model) == ["Maria Magal"]
    search(qtbot, page, "0001234567890")  # BPJS number
    assert names(page.model) == ["Maria Magal"]
    search(qtbot, page, "yo")  # a name prefix
    assert names(page.model) == ["Yosina Kogoya"]
    search(qtbot, page, "y")
    assert names(page.model) == ["Yance Beanal", "Yosina Kogoya"]
    search(qtbot, page, "yan bea")  # word prefixes, any order of typing
    assert names(page.model) == ["Yance Beanal"]
    row = {key: page.model.data(page.model.index(0, c)) for c, key in enumerate(page.model.columns)}
    assert row["jenis_kelamin"] == "L" and row["nik"] == NIK_YANCE and row["kampung"] == "Kwamki Narama"
    assert row["lahir"].startswith("5 Mei 1985 (")
    assert page.model.data(page.model.index(0, 0), RECORD_ID_ROLE) == people["yance"]["id"]

    # Enter opens the patient found, and the opening is audited.
    assert audit_opens(pkm, people["yance"]["id"]) == 0
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    dialog = page.findChild(PatientDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.record is not None)
    assert dialog.record["id"] == people["yance"]["id"]
    assert dialog.form.fields["nama"].text() == "Yance Beanal"
    assert dialog.form.fields["lahir"].text() == "05-05-1985"
    assert audit_opens(pkm, people["yance"]["id"]) == 1


def test_enter_typed_before_the_result_arrives_still_opens_it(qtbot, pkm, nakes, pkm_window):
    people = seed(pkm, nakes)
    page = pkm_window.show_module("pasien")
    wait_loaded(qtbot, page.model)
    qtbot.keyClicks(page.search, "3")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # no waiting for the debounce or the query
    qtbot.waitUntil(lambda: page.findChild(PatientDialog) is not None)
    dialog = page.findChild(PatientDialog)
    qtbot.waitUntil(lambda: dialog.record is not None)
    assert dialog.record["id"] == people["yosina"]["id"]


def test_several_hits_go_to_the_list_first(qtbot, pkm, nakes, pkm_window):
    seed(pkm, nakes)
    page = pkm_window.show_module("pasien")
    page.model.refresh()  # a nakes's window opens on this page: it was loaded before the seed
    search(qtbot, page, "y")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.findChild(PatientDialog) is None  # two patients: the clerk chooses
    assert page.table.hasFocus() and page.current_row() == 0
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.findChild(PatientDialog)
    qtbot.waitUntil(lambda: dialog.record is not None)
    assert dialog.record["nama"] == "Yosina Kogoya"


def test_new_patient_shows_likely_duplicates_before_saving(qtbot, pkm, nakes, pkm_window):
    people = seed(pkm, nakes)
    page = active(qtbot, pkm_window).show_module("pasien")
    wait_loaded(qtbot, page.model)
    # The shortcut reaches only the active window's focused widget: wait for both (a rare flake otherwise).
    active(qtbot, pkm_window)
    page.search.setFocus()
    qtbot.waitUntil(page.search.hasFocus)
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.findChild(PatientDialog) is not None)
    dialog = page.findChild(PatientDialog)
    assert dialog.record is None
    fields = dialog.form.fields
    with qtbot.waitSignal(dialog.duplicates_shown, check_params_cb=lambda n: n > 0):
        qtbot.keyClicks(fields["nama"], "Yanse Beanal")  # old spelling
        qtbot.keyClick(fields["jenis_kelamin"], Qt.Key.Key_L)
        qtbot.keyClicks(fields["lahir"], "05-05-1985")
    assert dialog.dup_panel.isVisibleTo(dialog)
    assert dialog.dup_list.count() == 1
    assert "RM-000002" in dialog.dup_list.item(0).text() and "Yance Beanal" in dialog.dup_list.item(0).text()
    assert "tanggal lahir sama" in dialog.dup_list.item(0).text()
    assert dialog.confirm_button.isVisibleTo(dialog)

    # Saving anyway is refused by the domain until the clerk confirms: nothing saved.
    with qtbot.waitSignal(dialog.save_failed):
        qtbot.keyClick(fields["lahir"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert patients.count(pkm) == 3
    # "Tetap simpan sebagai pasien baru": saved with confirmed_new.
    with qtbot.waitSignal(dialog.saved):
        dialog.confirm_button.click()
    assert patients.count(pkm) == 4
    new = pkm.find("patients", "nama = ?", ("Yanse Beanal",))[0]
    assert new["no_rm"] == "RM-000004" and new["tanggal_lahir"] == "1985-05-05" and new["jenis_kelamin"] == "L"
    assert "RM-000004" in dialog.banner.text()
    assert people["yance"]["nama"] == "Yance Beanal"  # the other patient is untouched


def test_use_this_patient_opens_the_registered_one(qtbot, pkm, nakes, pkm_window):
    people = seed(pkm, nakes)
    page = pkm_window.show_module("pasien")
    dialog = page.new_patient()
    with qtbot.waitSignal(dialog.duplicates_shown, check_params_cb=lambda n: n > 0):
        qtbot.keyClicks(dialog.form.fields["no_bpjs"], "0001234567890")
    dialog.use_button.click()
    qtbot.waitUntil(lambda: any(d.record for d in page.findChildren(PatientDialog)))
    opened = next(d for d in page.findChildren(PatientDialog) if d.record)
    assert opened.record["id"] == people["maria"]["id"]
    assert audit_opens(pkm, people["maria"]["id"]) == 1
    assert patients.count(pkm) == 3


def test_the_same_nik_is_always_refused(qtbot, pkm, nakes, pkm_window):
    seed(pkm, nakes)
    page = pkm_window.show_module("pasien")
    dialog = page.new_patient()
    fields = dialog.form.fields
    qtbot.keyClicks(fields["nama"], "Mariana Magai")
    fields["jenis_kelamin"].setCurrentIndex(2)
    qtbot.keyClicks(fields["lahir"], "01-01-1990")
    qtbot.keyClicks(fields["nik"], NIK_MARIA)
    dialog.confirmed_new = True  # even a confirmed new patient: one NIK, one patient
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    assert "NIK ini sudah terdaftar" in dialog.dup_title.text()
    assert not dialog.confirm_button.isVisibleTo(dialog)  # only "Pakai pasien ini" is offered
    assert patients.count(pkm) == 3


DAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(("typed", "born"), [
    ("3/4/95", "1995-04-03"),  # as a nurse types it; the field said "belum lengkap"
    ("3-4-1995", "1995-04-03"), ("03.04.1995", "1995-04-03"), ("030495", "1995-04-03"), ("03041995", "1995-04-03"),
    ("3 Apr 1995", "1995-04-03"), ("3 april 95", "1995-04-03"), ("1995-04-03", "1995-04-03"),
    ("5/12/26", "2026-12-05"), ("5/12/27", "1927-12-05"),  # a two-digit year is never in the future
    ("1/1/10", "2010-01-01"), ("5/12", "2026-12-05"),  # a baby born this year
])
def test_the_birth_field_takes_a_date_as_the_date_fields_do(typed, born):
    assert parse_birth(typed, DAY) == (born, None)


@pytest.mark.parametrize(("typed", "reason"), [
    ("31-02-1990", "Februari 1990 hanya 28 hari"), ("3/13/95", "Bulan 13 tidak ada"), ("kemarin", "15-03-1990"),
])
def test_a_birth_date_that_cannot_be_says_why(typed, reason):
    with pytest.raises(ParseError) as caught:
        parse_birth(typed, DAY)
    assert reason in caught.value.message and "15-03-1990" in caught.value.message


def test_ages_stay_ages():
    assert parse_birth("40", DAY) == (None, 40) and parse_birth("7 th", DAY) == (None, 7)
    assert parse_birth("", DAY) == (None, None)


def test_invalid_input_is_shown_at_the_field(qtbot, pkm, nakes, pkm_window):
    page = pkm_window.show_module("pasien")
    dialog = page.new_patient()
    fields = dialog.form.fields
    qtbot.keyClicks(fields["nama"], "Paulus Kum")
    fields["jenis_kelamin"].setCurrentIndex(1)
    qtbot.keyClicks(fields["lahir"], "31-02-1990")
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    assert "15-03-1990" in dialog.form.error_text("lahir")
    fields["lahir"].setText("40")
    qtbot.keyClicks(fields["nik"], "1234")
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    assert dialog.form.error_text("nik") != ""  # the domain's NIK rule, at the NIK field
    assert patients.count(pkm) == 0
    fields["nik"].clear()
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    saved = pkm.find("patients")[0]
    assert saved["umur_tahun"] == 40 and saved["tanggal_lahir"] is None and saved["umur_tanggal"]


def test_a_birth_date_typed_with_a_two_digit_year_is_saved(qtbot, pkm, nakes, pkm_window):
    page = pkm_window.show_module("pasien")
    dialog = page.new_patient()
    fields = dialog.form.fields
    qtbot.keyClicks(fields["nama"], "Yosina Kogoya")
    fields["jenis_kelamin"].setCurrentIndex(2)
    qtbot.keyClicks(fields["lahir"], "3/4/95")
    assert dialog.birth_hint.text().startswith("3 April 1995 (")  # and the age
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    assert pkm.find("patients")[0]["tanggal_lahir"] == "1995-04-03"


def test_the_fields_keep_their_width_as_the_birth_date_is_read_back(qtbot, nakes, pkm_window):
    """The read-back ("3 April 1995 (31 tahun)") took its room from the fields: every field of the form narrowed
    by ~150 px as the nurse typed the date, and widened again when she cleared it."""
    page = pkm_window.show_module("pasien")
    dialog = page.new_patient()
    qtbot.waitExposed(dialog)
    fields = dialog.form.fields
    width = fields["nama"].width()
    qtbot.keyClicks(fields["lahir"], "28/9/58")
    assert dialog.birth_hint.text().startswith("28 September 1958 (")
    qtbot.wait(50)  # the layout settles
    assert fields["nama"].width() == width
    assert dialog.birth_hint.width() >= dialog.birth_hint.sizeHint().width()  # and the whole read-back shows


def test_name_typed_in_the_search_goes_into_a_new_patient(qtbot, pkm_window):
    page = pkm_window.show_module("pasien")
    qtbot.keyClicks(page.search, "agustina wenda")
    dialog = page.new_patient()
    assert dialog.form.fields["nama"].text() == "Agustina Wenda"
    dialog.close()
    # The typed search is still on its delay: let it run now, while the TaskManager is there (at teardown it is not).
    page.apply_filter()
    qtbot.waitUntil(lambda: not page.model.loading)


def test_operator_cannot_open_patients(qtbot, pkm, nakes, operator, pkm_manager):
    seed(pkm, nakes)
    window = MainWindow(pkm, pkm_manager, operator)
    qtbot.addWidget(window)
    window.show()
    page = window.show_module("pasien")
    assert page.model is None and page.notice is not None
    assert isinstance(page.notice, AccessNotice)
    assert "Hanya pengguna dengan peran nakes atau kepala" in page.notice.reason.text()
    assert page.findChild(PatientTableModel) is None
    shown = " ".join(w.text() for w in page.findChildren(type(page.notice.reason)))
    assert "Maria" not in shown and "Yance" not in shown
    reports_page = window.show_module("laporan").health
    assert reports_page.notice is not None and reports_page.data is None
    assert pkm.read().execute("SELECT count(*) FROM audit WHERE action = 'open'").fetchone()[0] == 0


def test_patients_model_passes_the_model_tester(qtbot, qtmodeltester, pkm, nakes, pkm_manager):
    seed(pkm, nakes)
    register(pkm, nakes, nama="By. Ny. Maria", tanggal_lahir="2026-10-01", nik_ibu=NIK_MARIA)
    model = PatientTableModel(pkm, nakes)
    model.refresh()
    wait_loaded(qtbot, model)
    assert model.rowCount() == 4
    qtmodeltester.check(model)
    baby = names(model).index("By. Ny. Maria")
    assert model.data(model.index(baby, model.columns.index("nik"))) == f"ibu: {NIK_MARIA}"
    assert model.data(model.index(baby, model.columns.index("lahir"))).startswith("1 Oktober 2026 (")
    model.sort(model.columns.index("no_rm"), Qt.SortOrder.DescendingOrder)
    wait_loaded(qtbot, model)
    assert model.data(model.index(0, 0)) == "RM-000004"
    model.set_filter(model.filter.with_(text=NIK_MARIA))  # the mother's NIK finds her baby too
    wait_loaded(qtbot, model)
    assert sorted(names(model)) == ["By. Ny. Maria", "Maria Magal"]
    qtmodeltester.check(model)
