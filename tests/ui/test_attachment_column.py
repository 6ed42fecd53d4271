"""The paperclip column of the registers: a count and an icon when a record has attachments, "3 lampiran"
for a screen reader, one query per page of rows (not per row), second from the left, not sortable."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QTableView

from desktop.domain import attachments, letters
from desktop.tasks import WriteOp
from desktop.ui.registers import attachment_column
from desktop.ui.registers.letters_model import LetterTableModel, connect_model
from desktop.ui.registers.register_base import header_titles
from desktop.ui.registers.register_page import RegisterPage
from desktop.ui.services.register_model import ComplaintTableModel, RequestTableModel
from desktop.ui.settings import app_settings
from tests.ui.test_services_models import fill_complaints, fill_requests
from tests.unit import attachment_samples as samples

from .conftest import wait_loaded

MASUK = {"tanggal_terima": "2026-11-27", "asal": "Sekretariat Daerah", "sifat": "segera"}


def add_letters(store, count: int) -> list[str]:
    return [letters.register_incoming(store, dict(MASUK, perihal=f"Surat {n}"), actor="admin").record_id
            for n in range(count)]


def attach(store, user, collection: str, owner: str, times: int = 1) -> None:
    for n in range(times):
        attachments.attach(store, user, collection, owner,
                           attachments.inspect_bytes(f"scan-{n}.png", samples.small_png()))


def clip_cell(model, row: int, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, model.columns.index(attachment_column.KEY)), role)


def test_letters_show_how_many_attachments_and_say_it(qtbot, qtmodeltester, store, manager, user):
    ids = add_letters(store, 3)
    attach(store, user, "letters", ids[1], times=3)
    model = LetterTableModel(store, "masuk")
    model.refresh()
    wait_loaded(qtbot, model)
    qtmodeltester.check(model)
    row = model.row_of(ids[1])
    assert clip_cell(model, row) == "3"
    assert clip_cell(model, row, Qt.ItemDataRole.ToolTipRole) == "3 lampiran"
    assert clip_cell(model, row, Qt.ItemDataRole.AccessibleTextRole) == "3 lampiran"
    assert not clip_cell(model, row, Qt.ItemDataRole.DecorationRole).isNull()
    other = model.row_of(ids[0])
    assert clip_cell(model, other) == "" and clip_cell(model, other, Qt.ItemDataRole.DecorationRole) is None
    section = model.columns.index(attachment_column.KEY)
    titles = header_titles(model, None)  # what a register's header shows
    assert not titles.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DecorationRole).isNull()
    assert "Lampiran" in titles.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    before = model.filter
    model.sort(section, Qt.SortOrder.AscendingOrder)  # counts have no order in SQL: nothing happens
    assert model.filter == before


def test_a_new_attachment_shows_in_the_register_at_once(qtbot, store, manager, user):
    ids = add_letters(store, 2)
    model = LetterTableModel(store, "masuk")
    connect_model(model, manager)
    model.refresh()
    wait_loaded(qtbot, model)
    row = model.row_of(ids[0])
    assert clip_cell(model, row) == ""
    WriteOp(None, lambda s: attach(s, user, "letters", ids[0], times=2)).run()
    qtbot.waitUntil(lambda: clip_cell(model, row) == "2")


def test_counts_come_one_query_per_page_of_rows_not_per_row(qtbot, store, manager, user):
    ids = add_letters(store, 300)
    for owner in ids[::7]:
        attach(store, user, "letters", owner)
    model = LetterTableModel(store, "masuk")
    model.refresh()
    wait_loaded(qtbot, model)
    asked: list[str] = []
    store.read().set_trace_callback(lambda sql: asked.append(sql) if "FROM attachments" in sql else None)
    try:
        shown = [clip_cell(model, row) for row in range(model.rowCount())]
    finally:
        store.read().set_trace_callback(None)
    assert shown.count("1") == len(ids[::7])
    assert 1 <= len(asked) <= 5  # 300 rows, fetched 100 at a time


def test_requests_and_complaints_have_the_column_too(qtbot, store, manager, user):
    request = fill_requests(store, 3)[1]
    complaint = fill_complaints(store, 3)[2]
    attach(store, user, "service_requests", request["id"], times=2)
    attach(store, user, "complaints", complaint["id"])
    for model, owner, count in ((RequestTableModel(store), request["id"], "2"),
                                (ComplaintTableModel(store), complaint["id"], "1")):
        model.refresh()
        wait_loaded(qtbot, model)
        assert clip_cell(model, model.row_of(owner)) == count
        assert clip_cell(model, model.row_of(owner), Qt.ItemDataRole.AccessibleTextRole) == f"{count} lampiran"


def test_the_column_is_narrow_and_second_even_with_an_older_remembered_layout(qtbot, store, manager):
    # A layout remembered before the column existed (one section fewer) must not push it to the far right.
    old = QTableView()
    qtbot.addWidget(old)
    old_model = LetterTableModel(store, "masuk")
    old_model.columns = old_model.columns[:-1]
    old.setModel(old_model)
    old.horizontalHeader().resizeSection(2, 333)
    app_settings().setValue("registers/masuk/header", old.horizontalHeader().saveState())
    try:
        page = RegisterPage(store, "masuk", "admin")
        qtbot.addWidget(page)
        header = page.table.horizontalHeader()
        logical = page.model.columns.index(attachment_column.KEY)
        assert header.visualIndex(logical) == 1
        assert header.sectionSize(logical) == attachment_column.WIDTH
        assert header.sectionSize(2) == 333  # the remembered widths stay with their columns
    finally:
        app_settings().setValue("registers/masuk/header", QByteArray())
