"""The main window: modules per office kind, keyboard navigation, status bar, language switch."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.domain import letters, office
from desktop.ui.app import LayanApp
from desktop.ui.main_window import MainWindow
from desktop.ui.registers.register_page import RegisterPage
from desktop.ui.reports.page import ReportsPage


def nav_titles(window) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_distrik_modules_in_indonesian(main_window):
    assert nav_titles(main_window) == ["Surat Masuk", "Surat Keluar", "Permohonan Layanan", "Pengaduan",
                                       "Laporan", "Sinkronisasi", "Pengaturan"]
    assert isinstance(main_window.page_by_module["surat_masuk"], RegisterPage)
    assert isinstance(main_window.page_by_module["laporan"], ReportsPage)


def test_puskesmas_sees_patients_not_complaints(qtbot, store, manager, user):
    with store.transaction() as tx:
        tx.set_meta("office_kind", "puskesmas")
    window = MainWindow(store, manager, user)
    qtbot.addWidget(window)
    assert window.modules == office.modules_for("puskesmas")
    assert "Pasien & Kunjungan" in nav_titles(window) and "Pengaduan" not in nav_titles(window)


def test_ctrl_number_switches_module(qtbot, main_window):
    qtbot.waitUntil(lambda: main_window.isActiveWindow())
    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.nav.currentRow() == 1
    assert main_window.current_page() is main_window.page_by_module["surat_keluar"]
    qtbot.keyClick(main_window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page() is main_window.page_by_module["pengaturan"]


def test_down_from_the_search_selects_a_row_and_enter_opens_it(qtbot, main_window, store):
    """↓ from the search box put the focus in the list with no row selected (the first cell only framed), and
    Enter opened nothing: the clerk's "↓ Enter" to open the newest letter or request did nothing."""
    from desktop.domain import services
    from desktop.ui.forms.letter_dialog import LetterDialog
    from desktop.ui.services.request_detail import RequestDetailDialog
    from tests.unit.test_services_samples import sample

    from .conftest import wait_loaded

    letters.register_incoming(store, {"tanggal_terima": "2026-11-02", "asal": "Dinas Sosial", "perihal": "Uji",
                                      "sifat": "biasa"}, actor="admin")
    services.new_request(store, "domisili", sample("domisili"), actor="admin")
    for module in ("surat_masuk", "permohonan"):
        main_window.activateWindow()
        qtbot.waitUntil(lambda: main_window.isActiveWindow())
        page = main_window.show_module(module)
        page.model.refresh()
        wait_loaded(qtbot, page.model)
        page.focus_search()
        qtbot.keyClick(page.search, Qt.Key.Key_Down)
        assert page.table.hasFocus() and page.current_row() == 0, (module, page.model.rowCount())
        assert [index.row() for index in page.table.selectionModel().selectedRows()] == [0]
        if module == "surat_masuk":
            qtbot.keyClick(page.table, Qt.Key.Key_Return)
            dialog = page.findChild(LetterDialog)
            qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
            dialog.done(0)
        else:
            qtbot.keyClick(page.table, Qt.Key.Key_Return)
            dialog = page.open_dialogs[-1]
            assert isinstance(dialog, RequestDetailDialog)
            qtbot.waitUntil(lambda: dialog.record is not None)
            assert dialog.record["id"] == page.model.record_id(0)
            dialog.done(0)
def test_the_register_keys_work_on_the_first_screen(qtbot, main_window, store):
    """The keys are made from their text (widgets/shortcuts.py): Ctrl+F, ↓ from the search into the table, Ctrl+2 and
    Ctrl+1 (Ctrl+N and Enter: test_keystrokes.py)."""
    letters.register_incoming(store, {"tanggal_terima": "2026-11-02", "asal": "Dinas Kesehatan", "perihal": "Undangan",
                                      "sifat": "biasa"}, actor="admin")
    page = main_window.page_by_module["surat_masuk"]
    page.model.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.waitUntil(lambda: main_window.isActiveWindow())
    page.table.setFocus()
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page() is main_window.page_by_module["surat_keluar"]
    qtbot.keyClick(main_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page() is page


def test_a_register_title_moves_above_its_buttons_on_a_narrow_window(qtbot, main_window):
    """The page follows its scroll area's width from the first screen's paint on (RegisterBase.watch_width)."""
    page = main_window.page_by_module["surat_masuk"]
    beside = lambda: page.header_row.indexOf(page.title_label) >= 0  # noqa: E731
    main_window.resize(1200, 700)
    qtbot.waitUntil(beside)
    main_window.resize(420, 700)
    qtbot.waitUntil(lambda: not beside())
    main_window.resize(1200, 700)
    qtbot.waitUntil(beside)


def test_the_status_texts_are_laid_out_before_the_next_paint(qtbot, main_window):
    """The texts arrive from a query of their own, often just before the first rows are painted: the labels take
    their widths at once, not on a layout request handled after that paint (the texts were cut to a sliver)."""
    status = main_window.status
    qtbot.waitUntil(lambda: status.last_sync.text() != "")
    later = {**status._status, "last_sync": "2026-12-07T10:30:00+09:00", "waiting": 1234567}
    status.show_status(later)  # no event handled from here to the checks
    for label in (status.last_sync, status.waiting):
        assert label.width() >= label.sizeHint().width(), label.text()


def test_status_bar_counts_changes_waiting(qtbot, main_window, store):
    status = main_window.status
    qtbot.waitUntil(lambda: status.connection.text() != "")
    assert status.connection.text() == "Belum terdaftar"
    assert status.last_sync.text() == "Belum pernah sinkronisasi"
    before = store.outbox_size()
    # A write made on the writer thread reaches the status bar through `changed`.
    from desktop.tasks import WriteOp

    WriteOp(main_window, lambda s: letters.register_incoming(
        s, {"tanggal_terima": "2026-11-02", "asal": "Dinas Sosial", "perihal": "Uji", "sifat": "biasa"},
        actor="admin")).run()
    qtbot.waitUntil(lambda: status.waiting.text() == f"{before + 1} perubahan menunggu sinkronisasi")


def test_last_sync_is_formatted(qtbot, main_window, store):
    store.set_meta("last_sync_at", "2026-11-27T03:00:00.000Z")
    main_window.status.refresh()
    qtbot.waitUntil(lambda: "November 2026" in main_window.status.last_sync.text())
    assert main_window.status.last_sync.text().startswith("Sinkronisasi terakhir: 27 November 2026")


def test_language_switch_shows_english(qtbot, store, manager, user):
    controller = LayanApp(store, manager, user)
    window = controller.show_main_window()  # not given to qtbot: the switch below deletes it
    settings = window.show_module("pengaturan")
    settings.language.setCurrentIndex(settings.language.findData("en"))
    settings.language.activated.emit(settings.language.currentIndex())
    english = controller.window
    qtbot.addWidget(english)
    assert english is not window
    assert nav_titles(english) == ["Incoming letters", "Outgoing letters", "Service requests", "Complaints",
                                   "Reports", "Sync", "Settings"]
    register = english.page_by_module["surat_masuk"]
    headers = [register.table.horizontalHeader().model().headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Agenda no.", "Date received", "Letter number"]
    assert register.new_button.text() == "New letter (Ctrl+N)"
    qtbot.waitUntil(lambda: english.status.connection.text() != "")
    assert english.status.connection.text() == "Not enrolled"


def test_english_dates_and_numbers(qtbot, store):
    from desktop.ui import i18n

    i18n.install_language("en")
    assert i18n.format_date("2026-11-27") == "27 November 2026"
    assert i18n.format_number(1234567) == "1,234,567"
    i18n.install_language("id")
    assert i18n.format_date("2026-08-17") == "17 Agustus 2026"
    assert i18n.format_number(1234567) == "1.234.567"


def test_window_layout_is_remembered(qtbot, store, manager, user):
    window = MainWindow(store, manager, user)
    qtbot.addWidget(window)
    register = window.page_by_module["surat_masuk"]
    header = register.table.horizontalHeader()
    header.resizeSection(5, 333)
    header.moveSection(header.visualIndex(5), 1)  # logical section 5 (the paperclip column sits second)
    window.splitter.setSizes([260, 900])
    window.close()  # saves state
    again = MainWindow(store, manager, user)
    qtbot.addWidget(again)
    header2 = again.page_by_module["surat_masuk"].table.horizontalHeader()
    assert header2.sectionSize(5) == 333
    assert header2.visualIndex(5) == 1


def test_stylesheet_parses_and_finds_its_icons(qtbot, qtlog):
    from PySide6.QtWidgets import QDateEdit

    from desktop.ui.style import stylesheet

    qss = stylesheet()
    assert "@ICONS@" not in qss and "chevron-down.svg" in qss
    widget = QDateEdit()
    qtbot.addWidget(widget)
    widget.setStyleSheet(qss)
    widget.show()
    assert not [m for m in qtlog.records if "style" in m.message.lower() or "parse" in m.message.lower()]
