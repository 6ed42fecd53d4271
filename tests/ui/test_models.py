"""Every model we wrote, through Qt's model tester, plus the register's SQL."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.domain import demo, letters
from desktop.ui.forms.history_panel import HistoryPanel
from desktop.ui.forms.list_model import DictListModel
from desktop.ui.registers import letter_query
from desktop.ui.registers.letter_query import LetterFilter
from desktop.ui.registers.letters_model import RECORD_ID_ROLE, LetterTableModel

from .conftest import wait_loaded


def add(store, perihal, *, day="2026-11-02", sifat="biasa", klasifikasi=None, asal="Dinas Sosial"):
    fields = {"tanggal_terima": day, "asal": asal, "perihal": perihal, "sifat": sifat}
    if klasifikasi:
        fields["klasifikasi"] = klasifikasi
    return letters.register_incoming(store, fields, actor="admin")


def test_letter_model_passes_the_model_tester(qtbot, qtmodeltester, store, manager):
    demo.fill(store, actor="admin", count=30)
    model = LetterTableModel(store, "masuk")
    model.refresh()
    wait_loaded(qtbot, model)
    assert model.rowCount() == store.read().execute(
        "SELECT count(*) FROM letters WHERE direction = 'masuk'").fetchone()[0]
    qtmodeltester.check(model)


def test_letter_model_rows_follow_the_agenda_book(qtbot, store, manager):
    first = add(store, "Pertama", sifat="sangat_segera")
    add(store, "Kedua", day="2026-11-03")
    model = LetterTableModel(store, "masuk")
    model.refresh()
    wait_loaded(qtbot, model)
    # Newest agenda number first, like the last page of the paper book.
    assert [model.data(model.index(r, 0)) for r in range(2)] == ["2", "1"]
    assert model.data(model.index(1, model.columns.index("tanggal_terima"))) == "2 November 2026"
    assert model.data(model.index(1, model.columns.index("sifat"))) == "Sangat Segera"
    assert model.data(model.index(1, 0), RECORD_ID_ROLE) == first.record_id
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is not None  # urgent: highlighted
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    model.sort(0, Qt.SortOrder.AscendingOrder)
    wait_loaded(qtbot, model)
    assert [model.data(model.index(r, 0)) for r in range(2)] == ["1", "2"]


def test_filters_are_sql(qtbot, store, manager):
    add(store, "Undangan rapat", day="2026-10-01", klasifikasi="400.12")
    add(store, "Laporan malaria", day="2026-11-05", sifat="segera", klasifikasi="400.7")
    add(store, "Data penduduk", day="2026-11-20", klasifikasi="100.2")

    def ids(**kw):
        return len(letter_query.find_ids(store, LetterFilter("masuk", **kw)))

    assert ids() == 3
    assert ids(date_from="2026-11-01", date_to="2026-11-30") == 2
    assert ids(sifat="segera") == 1
    assert ids(klasifikasi="400") == 2
    assert ids(klasifikasi="400.1") == 1
    assert ids(klasifikasi="%") == 0  # a typed % is a character, not a wildcard
    assert ids(text="undang") == 1
    assert ids(text="lapor mal") == 1
    assert ids(text="lapor rapat") == 0
    assert len(letter_query.find_ids(store, LetterFilter("keluar"))) == 0


@pytest.mark.parametrize("text", ['"', '" OR "', "NEAR(a b)", "a AND", "-", "*", "^x", "x:y", "(", "'", "))"])
def test_hostile_search_text_is_plain_text(store, text):
    add(store, "Undangan rapat")
    letter_query.find_ids(store, LetterFilter("masuk", text=text))  # never an FTS syntax error


def test_fts_match_quotes_every_word():
    assert letter_query.fts_match('rapat "kwamki') == '"rapat"* "kwamki"*'
    assert letter_query.fts_match("  ") is None
    assert letter_query.fts_match("- ^ *") is None


def test_dict_list_model_passes_the_model_tester(qtmodeltester):
    model = DictListModel([("A", lambda r: r["a"]), ("B", lambda r: str(r["b"]))])
    model.set_rows([{"a": "x", "b": 1}, {"a": "y", "b": 2}])
    qtmodeltester.check(model)


def test_history_model_passes_the_model_tester(qtbot, qtmodeltester, store, manager):
    change = add(store, "Undangan rapat")
    letters.update_letter(store, change.record_id, {"perihal": "Undangan rapat koordinasi"}, actor="admin")
    panel = HistoryPanel(store, "letters", change.record_id)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    qtmodeltester.check(panel.model)
