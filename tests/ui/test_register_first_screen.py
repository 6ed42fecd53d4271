"""A register shows its first screenful before the whole list of ids is even asked for.

At start-up the worker used to load every matching id (666,666 on the benchmark's data) at the
same time as the first screen, which cost the first screen CPU. Now the whole list is queried only
after the first rows were applied, and not at all when fewer rows match than a screenful.
"""

from __future__ import annotations

from desktop.domain import letters
from desktop.ui.registers.letters_model import LetterTableModel

from .conftest import wait_loaded


class SmallScreenModel(LetterTableModel):
    """The letters model with a five-row first screen; it notes each ids query's limit (the real
    queries still run)."""

    PREVIEW_ROWS = 5

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limits: list[int | None] = []

    def query_ids(self, store, f, running, limit):
        self.limits.append(limit)
        return super().query_ids(store, f, running, limit)


def add_letters(store, count: int) -> None:
    for n in range(count):
        letters.register_incoming(store, {"tanggal_terima": "2026-11-02", "asal": "Dinas Sosial",
                                          "perihal": f"Surat {n + 1}", "sifat": "biasa"}, actor="admin")


def test_the_whole_list_is_asked_for_only_after_the_first_rows(qtbot, store, manager):
    add_letters(store, 12)
    model = SmallScreenModel(store, "masuk")
    seen_at_first_rows = []
    model.first_rows.connect(lambda n: seen_at_first_rows.append((n, model.rowCount(), list(model.limits))))
    model.refresh()
    wait_loaded(qtbot, model)
    assert seen_at_first_rows == [(5, 5, [5])]  # the screenful came with no whole-list query running
    assert model.limits == [5, None]
    assert model.rowCount() == 12
    assert [model.data(model.index(r, 0)) for r in (0, 11)] == ["12", "1"]  # newest agenda number first


def test_fewer_rows_than_a_screenful_need_one_query(qtbot, store, manager):
    add_letters(store, 3)
    model = SmallScreenModel(store, "masuk")
    first_rows = []
    model.first_rows.connect(first_rows.append)
    with qtbot.waitSignal(model.loaded) as loaded:
        model.refresh()
    assert loaded.args == [3]
    assert model.limits == [5] and first_rows == []
    assert not model.loading and model.rowCount() == 3


def test_a_newer_search_drops_the_older_whole_list(qtbot, store, manager):
    add_letters(store, 12)
    model = SmallScreenModel(store, "masuk")
    model.refresh()
    model.set_filter(model.filter.with_(text="Surat 7"))  # before the first query's rows arrived
    wait_loaded(qtbot, model)
    assert model.rowCount() == 1
    assert model.data(model.index(0, model.columns.index("perihal"))) == "Surat 7"
