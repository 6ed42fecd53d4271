"""A wrong PC clock on screen, and the letter form's dates: the status bar and the one-time notice,
a new surat keluar dated and numbered in the corrected year, the question before numbering in
another year, warnings for unlikely dates, and a date that cannot be refused at its field.

The PC's clock is replaced through wall_clock.set_pc_now (never the system's); the offset is
stored by the real StoreReplica.observe_server_time, as a sync stores it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain import letters, wall_clock
from desktop.domain.syncing import replica_for
from desktop.ui import clock_notice
from desktop.ui.forms.letter_dialog import LetterDialog

from .conftest import wait_loaded
from .test_services_screens import answer_next_box

TEN_YEARS = dt.timedelta(days=3652)


@pytest.fixture(autouse=True)
def clean_clock():
    """Autouse, so it is torn down last: after the windows are closed and the worker threads have
    stopped, no late status refresh can adopt this test's wrong clock for the next test."""
    clock_notice.forget_notices()
    yield
    wall_clock.set_pc_now(None)
    wall_clock.adopt(None)
    clock_notice.forget_notices()


@pytest.fixture
def pc_clock():
    def set_to(moment: dt.datetime) -> None:
        wall_clock.set_pc_now(lambda: moment)
    return set_to


def ms(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


def open_new_letter(qtbot, main_window, module: str) -> LetterDialog:
    page = main_window.show_module(module)
    wait_loaded(qtbot, page.model)
    main_window.activateWindow()  # back from a notice (offscreen hands activation back late)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.findChildren(LetterDialog)[-1]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def fill_outgoing(qtbot, dialog: LetterDialog) -> None:
    fields = dialog.form.fields
    qtbot.keyClicks(fields["tujuan"], "Bupati Mimika")
    qtbot.keyClicks(fields["perihal"], "Laporan bulanan")
    qtbot.keyClicks(fields["klasifikasi"].line, "400.12")


def test_a_clock_ten_years_ahead_after_a_sync(qtbot, pc_clock, store, manager, user):
    from desktop.ui.main_window import MainWindow

    real = dt.datetime.now(dt.UTC)
    pc = real + TEN_YEARS
    pc_clock(pc)
    replica_for(store).observe_server_time(ms(real), ms(pc) - 200, ms(pc) + 200)  # what the sync stores
    window = MainWindow(store, manager, user)
    qtbot.addWidget(window)
    window.show()
    bar = window.status
    qtbot.waitUntil(lambda: bar.clock.isVisible())
    assert bar.clock.text() == (f"Jam komputer: {clock_notice.short_moment(pc)} — "
                                f"seharusnya {clock_notice.short_moment(real)}")
    assert str(pc.year) in bar.clock.text() and str(real.year) in bar.clock.text()
    assert "Set time automatically" in bar.clock.toolTip()
    notice = bar.clock_notice
    assert notice is not None and notice.isVisible() and not notice.isModal()
    assert "Set time automatically" in notice.text() and "Sync now" in notice.text()
    assert "menurut server" in notice.text()
    notice.close()

    # A new surat keluar: dated by the corrected today, numbered in the corrected year; no question.
    dialog = open_new_letter(qtbot, window, "surat_keluar")
    corrected_today = wall_clock.local(real).date()
    assert dialog.form.fields["tanggal_surat"].value() == corrected_today.isoformat()
    fill_outgoing(qtbot, dialog)
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.form.fields["klasifikasi"].line, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    letter = store.find(letters.LETTERS, "direction = 'keluar'")[0]
    assert letter["tanggal_surat"] == corrected_today.isoformat() and letter["year"] == real.year
    assert letter["nomor_surat"] == f"400.12/0001/DST-MB/{real.year}"

    # The notice came once: a refresh (every save makes one) does not bring it back.
    bar.refresh()
    qtbot.waitUntil(lambda: bar.clock.isVisible())
    assert bar.clock_notice is notice or bar.clock_notice is None or not bar.clock_notice.isVisible()
    assert not clock_notice.should_notice(wall_clock.read(store))


def test_before_any_contact_a_clock_behind_the_newest_record_shows(qtbot, pc_clock, store, manager, user):
    from desktop.ui.main_window import MainWindow

    letters.register_incoming(store, {"tanggal_terima": dt.date.today().isoformat(), "asal": "Dinas Sosial",
                                      "perihal": "Undangan", "sifat": "biasa"}, actor="admin")
    newest = wall_clock.newest_stamp(store)
    pc_clock(newest - TEN_YEARS)  # the CMOS battery died overnight
    window = MainWindow(store, manager, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.status.clock.isVisible())
    assert f"seharusnya {clock_notice.short_moment(newest)}" in window.status.clock.text()
    assert "data terbaru" in window.status.clock_notice.text()
    window.status.clock_notice.close()
    assert wall_clock.today() >= wall_clock.local(newest).date()


def test_a_right_clock_shows_nothing(qtbot, main_window):
    bar = main_window.status
    qtbot.waitUntil(lambda: bar._status is not None)
    assert not bar.clock.isVisible() and bar.clock_notice is None


def test_numbering_in_another_year_asks_first(qtbot, main_window, store):
    dialog = open_new_letter(qtbot, main_window, "surat_keluar")
    last_year = wall_clock.today().year - 1
    field = dialog.form.fields["tanggal_surat"]
    field.selectAll()
    qtbot.keyClicks(field, f"30/12/{last_year}")
    fill_outgoing(qtbot, dialog)
    seen: list[str] = []
    answer_next_box("Tidak, periksa tanggal", seen)
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    assert str(last_year) in seen[0] and "tidak dapat dipindah" in seen[0]
    assert store.find(letters.LETTERS, "direction = 'keluar'") == []
    assert dialog.focusWidget() is field

    answer_next_box(f"Ya, tahun {last_year}", seen)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    letter = store.find(letters.LETTERS, "direction = 'keluar'")[0]
    assert letter["year"] == last_year and letter["nomor_surat"] == f"400.12/0001/DST-MB/{last_year}"


def test_unlikely_dates_warn_and_ask_before_saving(qtbot, main_window, store):
    dialog = open_new_letter(qtbot, main_window, "surat_masuk")
    fields = dialog.form.fields
    tomorrow = wall_clock.today() + dt.timedelta(days=1)
    fields["tanggal_terima"].selectAll()
    qtbot.keyClicks(fields["tanggal_terima"], tomorrow.strftime("%d/%m/%Y"))
    qtbot.keyClick(fields["tanggal_terima"], Qt.Key.Key_Tab)
    assert dialog.form.errors["tanggal_terima"].isVisibleTo(dialog)
    assert dialog.form.error_text("tanggal_terima").startswith("Tanggal terima ada di masa depan")
    assert dialog.form.errors["tanggal_terima"].property("warning") is True
    qtbot.keyClick(fields["nomor_surat"], Qt.Key.Key_Tab)
    after = tomorrow + dt.timedelta(days=3)
    qtbot.keyClicks(fields["tanggal_surat"], after.strftime("%d/%m/%Y"))
    qtbot.keyClick(fields["tanggal_surat"], Qt.Key.Key_Tab)
    assert dialog.form.error_text("tanggal_surat").startswith("Tanggal surat sesudah tanggal terima")
    qtbot.keyClicks(fields["asal"], "Dinas Sosial")
    qtbot.keyClicks(fields["perihal"], "Undangan")

    seen: list[str] = []
    answer_next_box("Tidak, periksa lagi", seen)
    dialog.save()
    assert "masa depan" in seen[0] and "sesudah tanggal terima" in seen[0]
    assert store.find(letters.LETTERS, "direction = 'masuk'") == []
    assert dialog.focusWidget() is fields["tanggal_terima"]

    answer_next_box("Ya, simpan", seen)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    letter = store.find(letters.LETTERS, "direction = 'masuk'")[0]
    assert letter["tanggal_terima"] == tomorrow.isoformat() and letter["tanggal_surat"] == after.isoformat()


def test_a_date_that_cannot_be_is_refused_at_its_field(qtbot, main_window, store):
    dialog = open_new_letter(qtbot, main_window, "surat_masuk")
    fields = dialog.form.fields
    qtbot.keyClicks(fields["asal"], "Dinas Sosial")
    qtbot.keyClicks(fields["perihal"], "Undangan")
    fields["tanggal_surat"].setFocus()
    qtbot.keyClicks(fields["tanggal_surat"], "31/02/2026")
    with qtbot.waitSignal(dialog.save_failed):
        qtbot.keyClick(fields["perihal"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.form.error_text("tanggal_surat") == "Februari 2026 hanya 28 hari."
    assert fields["tanggal_surat"].text() == "31/02/2026"  # kept, to be mended
    assert dialog.focusWidget() is fields["tanggal_surat"]
    assert store.find(letters.LETTERS, "direction = 'masuk'") == []
    fields["tanggal_surat"].selectAll()
    qtbot.keyClicks(fields["tanggal_surat"], "28/02/2026")
    assert not dialog.form.errors["tanggal_surat"].isVisibleTo(dialog)  # gone as soon as it is a date
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(fields["tanggal_surat"], Qt.Key.Key_Return)
    assert store.find(letters.LETTERS, "direction = 'masuk'")[0]["tanggal_surat"] == "2026-02-28"


def test_the_permohonan_form_refuses_an_impossible_date_at_its_field(qtbot, main_window, store):
    from desktop.domain import services
    from desktop.ui.services.request_form import RequestDialog

    from .test_services_screens import register

    page = register(qtbot, main_window)
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.open_dialogs[-1]
    assert isinstance(dialog, RequestDialog)
    dialog.service.setCurrentIndex(dialog.service.findData("domisili"))
    dialog.tanggal.selectAll()
    qtbot.keyClicks(dialog.tanggal, "31/11/2026")
    qtbot.keyClicks(dialog.keperluan, "Melamar pekerjaan")
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    assert dialog.top_form.error_text("tanggal") == "November 2026 hanya 30 hari."
    assert dialog.tanggal.text() == "31/11/2026"
    assert store.find(services.SERVICE_REQUESTS) == []
