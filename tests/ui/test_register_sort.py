"""A letter register's first query runs in the header's order without handing Python a Qt enum
(register_base.RegisterBase.show_sorted), and a click on a column title sorts once the table is painted."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QTableView

from desktop.domain import letters
from desktop.ui.registers.register_base import sort_order_in
from desktop.ui.registers.register_page import RegisterPage
from desktop.ui.settings import app_settings

from .conftest import wait_loaded


def test_the_sort_order_is_read_from_the_headers_saved_state(qtbot):
    table = QTableView()
    qtbot.addWidget(table)
    header = table.horizontalHeader()
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder  # Qt's own default: newest first
    assert sort_order_in(header.saveState()) == Qt.SortOrder.DescendingOrder.value
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        header.setSortIndicator(2, order)
        assert sort_order_in(header.saveState()) == order.value


def add(store, *subjects: str) -> None:
    for subject in subjects:
        letters.register_incoming(store, {"tanggal_terima": "2026-11-02", "asal": "Dinas Kesehatan",
                                          "perihal": subject, "sifat": "biasa"}, actor="admin")


def perihal_shown(page) -> list[str]:
    column = page.model.columns.index("perihal")
    return [page.model.data(page.model.index(row, column)) for row in range(page.model.rowCount())]


def test_a_remembered_sort_is_the_first_querys_and_a_click_sorts_after_the_paint(qtbot, store, manager):
    add(store, "Bravo", "Alfa", "Charlie")
    # A page left sorted by Perihal, A to Z: its header's state is remembered.
    first = RegisterPage(store, "masuk", "admin")
    qtbot.addWidget(first)
    perihal = first.model.columns.index("perihal")
    first.table.horizontalHeader().setSortIndicator(perihal, Qt.SortOrder.AscendingOrder)
    first.save_state()
    assert isinstance(app_settings().value(first.settings_key), QByteArray)

    page = RegisterPage(store, "masuk", "admin")
    qtbot.addWidget(page)
    wait_loaded(qtbot, page.model)
    assert perihal_shown(page) == ["Alfa", "Bravo", "Charlie"]
    assert not page.table.isSortingEnabled()  # not painted yet
    queries = page.model._generation
    page.show()
    qtbot.waitUntil(page.table.isSortingEnabled)
    assert page.model._generation == queries  # turning sorting on asked for the same order: no second query
    assert page.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder

    page.table.sortByColumn(perihal, Qt.SortOrder.DescendingOrder)  # what a click on the title does
    wait_loaded(qtbot, page.model)
    assert perihal_shown(page) == ["Charlie", "Bravo", "Alfa"]
