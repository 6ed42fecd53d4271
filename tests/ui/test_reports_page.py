"""The Laporan page of a distrik: period picker, one table and chart per report, empty tables that
say why, the files; and the puskesmas page that hosts the health reports beside its letters."""

from __future__ import annotations

import datetime as dt

import openpyxl
from PySide6.QtCore import Qt

from desktop.domain import complaints, letters
from desktop.domain.office_reports import Period
from desktop.ui.health.reports_page import HealthReportsPage
from desktop.ui.reports.page import ReportsPage

NOVEMBER = Period.month(2026, 11)


def seed(store) -> None:
    for day, sifat, code in (("2026-11-02", "biasa", "000.1"), ("2026-11-05", "penting", "000.1"),
                             ("2026-11-10", "segera", "400.7")):
        letters.register_incoming(store, {"tanggal_terima": day, "asal": "Dinas Sosial", "perihal": "Undangan",
                                          "sifat": sifat, "klasifikasi": code}, actor="admin")
    complaints.new_complaint(store, {"tanggal": "2026-11-20", "channel": "langsung", "pelapor_nama": "Yohana",
                                     "kategori": "Kesehatan", "uraian": "Obat habis"}, actor="admin",
                             today=dt.date(2026, 11, 20))


def open_page(qtbot, store, user) -> ReportsPage:
    page = ReportsPage(store, user)
    qtbot.addWidget(page)
    page.resize(1200, 650)
    page.show()
    panel = page.office
    qtbot.waitUntil(lambda: not panel.loading)
    with qtbot.waitSignal(panel.loaded):
        panel.set_period(NOVEMBER)
    return page


def cells(panel_table) -> list[list[str]]:
    model = panel_table.model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_month_s_letters_table_and_chart(qtbot, store, user, manager):
    seed(store)
    page = open_page(qtbot, store, user)
    view = page.office.views["surat"]
    assert cells(view.sifat)[:3] == [["Biasa", "1", "0"], ["Penting", "1", "0"], ["Segera", "1", "0"]]
    assert cells(view.sifat)[-1] == ["Jumlah", "3", "0"]
    assert [row[0] for row in cells(view.klasifikasi)] == ["000.1", "400.7"]
    assert view.chart.categories == ["Biasa", "Penting", "Segera"]
    assert view.chart.series[0][1] == [1, 1, 1]
    complaints_view = page.office.views["pengaduan"]
    assert cells(complaints_view.table)[0][0] == "Kesehatan"
    assert complaints_view.chart.categories == ["Kesehatan"]


def test_an_empty_period_says_why_and_the_keyboard_moves_the_period(qtbot, store, user, manager):
    seed(store)
    page = open_page(qtbot, store, user)
    panel = page.office
    view = panel.views["surat"]
    with qtbot.waitSignal(panel.loaded):
        panel.picker.kind.setFocus()
        qtbot.keyClick(panel.picker.kind, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert panel.period() == Period.month(2026, 12)
    assert view.sifat.is_empty() and view.sifat.empty.text() == "Belum ada surat pada Desember 2026."
    assert view.list.is_empty() and "Desember 2026" in view.list.empty.text()
    assert page.office.views["layanan"].table.empty.text() == "Belum ada permohonan layanan pada Desember 2026."
    assert view.chart.categories == []
    # Bulan → Triwulan keeps the part of the year: December is in the fourth quarter, with November.
    with qtbot.waitSignal(panel.loaded):
        panel.picker.kind.setCurrentIndex(panel.picker.kind.findData("quarter"))
    assert panel.period() == Period.quarter(2026, 4)
    assert cells(view.sifat)[-1] == ["Jumlah", "3", "0"]


def test_a_new_letter_refreshes_the_page(qtbot, store, user, manager):
    seed(store)
    page = open_page(qtbot, store, user)
    from desktop.tasks import WriteOp

    with qtbot.waitSignal(page.office.loaded, timeout=10000):
        WriteOp(page, lambda s: letters.register_outgoing(
            s, {"tanggal_surat": "2026-11-12", "tujuan": "Bupati", "perihal": "Balasan", "sifat": "biasa",
                "klasifikasi": "000.1"}, actor="admin")).run()
    assert cells(page.office.views["surat"].sifat)[-1] == ["Jumlah", "3", "1"]


def test_the_report_on_screen_saves_as_pdf_and_xlsx(qtbot, store, user, manager, tmp_path):
    seed(store)
    page = open_page(qtbot, store, user)
    panel = page.office
    with qtbot.waitSignal(panel.saved) as saved:
        panel.save_xlsx(tmp_path / "surat.xlsx")
    assert saved.args == [str(tmp_path / "surat.xlsx")]
    rows = [tuple(v for v in r if v is not None)
            for r in openpyxl.load_workbook(tmp_path / "surat.xlsx").worksheets[0].iter_rows(values_only=True)]
    assert ("Jumlah", 3, 0) in rows
    panel.tabs.setCurrentIndex(panel.kinds.index("pengaduan"))
    with qtbot.waitSignal(panel.saved):
        panel.save_pdf(tmp_path / "pengaduan.pdf")
    assert (tmp_path / "pengaduan.pdf").read_bytes().startswith(b"%PDF")
    assert "Tersimpan" in panel.status.text()


def test_a_puskesmas_sees_its_health_reports_and_its_letters(qtbot, store, user, manager):
    with store.transaction() as tx:
        tx.set_meta("office_kind", "puskesmas")
    page = ReportsPage(store, user)
    qtbot.addWidget(page)
    assert isinstance(page.health, HealthReportsPage)
    assert page.office.kinds == ("surat",)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["Kesehatan (LB1, kunjungan, malaria)", "Surat"]
    qtbot.waitUntil(lambda: not page.office.loading)


def test_no_module_of_any_office_is_a_placeholder(qtbot, store, user, manager):
    import importlib.util

    from PySide6.QtWidgets import QLabel

    from desktop.ui.main_window import MainWindow

    assert importlib.util.find_spec("desktop.ui.placeholder_page") is None
    for kind in ("distrik", "puskesmas", "central"):
        with store.transaction() as tx:
            tx.set_meta("office_kind", kind)
        window = MainWindow(store, manager, user)
        qtbot.addWidget(window)
        for module in window.modules:
            page = window.show_module(module)
            shown = " ".join(label.text() for label in page.findChildren(QLabel))
            assert "belum tersedia" not in shown and "isu" not in shown.split(), (kind, module)
        assert isinstance(window.show_module("laporan"), ReportsPage)
        window.close()
