"""The LB1 on screen keeps its row labels when scrolled sideways; its PDF carries the kepala's signature block."""
# ruff: noqa: F811 - pytest fixtures imported from tests.ui.test_health_support

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QPoint

from desktop.domain.health import reports
from desktop.printing.health_reports import write_pdf
from desktop.printing.settings import update_print_settings
from desktop.ui.health.frozen_table import FrozenColumnTable

from .test_health_reports import MONTH, open_page, seed_month
from .test_health_support import (  # noqa: F401 - fixtures
    NIK_MARIA,
    nakes,
    pkm,
    pkm_dir,
    pkm_manager,
    pkm_template,
    pkm_window,
    register,
    users,
)


def pdf_text(path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def test_lb1_row_labels_stay_when_scrolled_right(qtbot, pkm, nakes, pkm_manager):
    seed_month(pkm, nakes)
    page = open_page(qtbot, pkm, nakes)
    page.resize(900, 500)  # narrower than the 33 columns
    page.show()
    qtbot.waitExposed(page)
    table = page.lb1_table
    assert isinstance(table, FrozenColumnTable)
    frozen = table.frozen
    assert frozen.isVisible()
    assert frozen.width() == table.columnWidth(0) + table.columnWidth(1) + table.columnWidth(2)
    assert [frozen.isColumnHidden(c) for c in range(5)] == [False, False, False, True, True]  # and the row's total
    bar = table.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    assert table.columnViewportPosition(2) < 0  # the main view's own label columns scrolled away …
    index = frozen.indexAt(QPoint(3, 3))  # … while the frozen view still shows the code, diagnosis and total
    assert index.column() == 0 and index.data() == "B50.9"
    total = frozen.indexAt(QPoint(table.columnWidth(0) + table.columnWidth(1) + 3, 3))
    assert total.column() == 2 and total.data() == str(table.model().rows[0]["total"])
    # on the same line as their numbers: both headers equally tall, the rows at the same height
    assert frozen.horizontalHeader().height() == table.horizontalHeader().height()
    for row in range(table.model().rowCount()):
        mine = frozen.viewport().mapTo(table, frozen.visualRect(table.model().index(row, 0)).topLeft())
        theirs = table.viewport().mapTo(table, table.visualRect(table.model().index(row, 5)).topLeft())
        assert mine.y() == theirs.y()
    assert frozen.indexAt(QPoint(table.columnWidth(0) + 3, 3)).data() == table.model().index(0, 1).data()
    # the two scroll together vertically and share the selection
    table.selectRow(2)
    assert frozen.selectionModel() is table.selectionModel() and frozen.selectionModel().isRowSelected(2)
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
    assert frozen.verticalScrollBar().value() == table.verticalScrollBar().value()


def test_lb1_pdf_has_the_kepalas_signature_block(qtbot, pkm, nakes, users, tmp_path):
    seed_month(pkm, nakes)
    update_print_settings(pkm, {"ttd_nama": "dr. Maria Yeimo", "ttd_nip": "197508122000031005",
                                "ttd_jabatan": "Kepala Puskesmas Timika"})
    data = reports.monthly(pkm, nakes, MONTH)
    assert data["lb1"]["signer"]["nama"] == "dr. Maria Yeimo"
    target = write_pdf(data, tmp_path / "lb1.pdf")
    text = " ".join(pdf_text(target).split())
    assert "Mengetahui, Kepala Puskesmas Timika" in text
    assert "dr. Maria Yeimo" in text and "NIP. 19750812 200003 1 005" in text
    assert "Petugas pelapor" in text
    assert "Positivity" not in text and "Angka positif" in text
    # no signatory set: the block is there, to be signed by hand
    update_print_settings(pkm, {"ttd_nama": None, "ttd_nip": None})
    bare = write_pdf(reports.monthly(pkm, nakes, MONTH), tmp_path / "bare.pdf")
    text = " ".join(pdf_text(bare).split())
    assert "Mengetahui, Kepala Puskesmas Timika" in text and "NIP." in text
