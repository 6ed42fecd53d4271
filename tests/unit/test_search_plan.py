"""The register's first screen of a search keeps its plan whether or not SQLite has statistics.

With 1,000,000 letters the first screen for "malaria" took 21 ms before ANALYZE and 129–135 ms after it:
with statistics the planner read every FTS match and sorted them, instead of walking the agenda-number
index and stopping after a screenful. The statistics here are the ones ANALYZE wrote for the benchmark's
million letters (tests/bench/dataset.py), so the planner sees what it saw there; no timing involved.
"""

from __future__ import annotations

import pytest
import uuid6

from desktop.domain import office, open_store
from desktop.store.db import connect
from desktop.ui.registers import letter_query as lq

# sqlite_stat1 of the benchmark's 1,000,000 letters after ANALYZE (the letters' indexes and FTS tables).
MILLION_LETTER_STATS = (
    ("letters_fts_config", "letters_fts_config", "1 1"),
    ("letters_fts_idx", "letters_fts_idx", "1488 149 1"),
    ("letters_fts_docsize", None, "1000000"),
    ("letters", "letters_number", "1000000 1000000 500000 50000 1"),
    ("letters", "letters_by_date", "1000000 500000 137"),
    ("letters", "letters_by_received", "1000000 500000 274"),
    ("letters", "letters_register", "1000000 500000 50000 1"),
    ("letters", "idx_letters_updated_at", "1000000 1000000"),
    ("letters", "idx_letters_tanggal_surat", "1000000 274"),
    ("letters", "idx_letters_tanggal_terima", "1000000 274"),
    ("letters", "idx_letters_year", "1000000 100000"),
    ("letters", "idx_letters_direction", "1000000 500000"),
    ("letters", "sqlite_autoindex_letters_1", "1000000 1"),
    ("letters_fts_data", None, "15597"),
)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "data")
    office.initialize(s, code="DST-MB", name="Distrik Mimika Baru", kind="distrik")
    rows = [(str(uuid6.uuid7()), "DST-MB", "masuk" if i % 3 else "keluar", 2026, i + 1, "2026-11-27",
             f"Laporan {'malaria' if i % 5 == 0 else 'gizi'} kampung {i}", "biasa") for i in range(3000)]
    with s.transaction() as tx:
        tx.conn.executemany("INSERT INTO letters(id, office_id, direction, year, seq, tanggal_terima, perihal, sifat) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    yield s
    s.close()


def set_statistics(store, stats) -> None:
    with store.transaction() as tx:
        tx.execute("ANALYZE")  # makes sqlite_stat1
        tx.execute("DELETE FROM sqlite_stat1")
        tx.conn.executemany("INSERT INTO sqlite_stat1(tbl, idx, stat) VALUES (?, ?, ?)", stats)


def plan(store, sql: str, params: list) -> list[str]:
    conn = connect(store.path)  # a new connection loads the statistics as they are now
    try:
        return [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql} LIMIT 100", params)]
    finally:
        conn.close()


def first_screen(store, text: str, **changes) -> tuple[str, list]:
    f = lq.LetterFilter("masuk").with_(text=text, **changes)
    return lq.build_ids_query(f, store.office_id, first_page=True)


def walks_the_agenda_index(steps: list[str]) -> bool:
    return any("USING INDEX letters_number" in s for s in steps) and not any("TEMP B-TREE" in s for s in steps)


@pytest.mark.parametrize("statistics", ["none", "a million letters analyzed", "this store analyzed"])
def test_the_first_screen_of_a_search_walks_the_index_in_display_order(store, statistics):
    if statistics == "a million letters analyzed":
        set_statistics(store, MILLION_LETTER_STATS)
    elif statistics == "this store analyzed":
        store._write_conn.execute("ANALYZE")
    steps = plan(store, *first_screen(store, "malaria"))
    assert walks_the_agenda_index(steps), steps
    ids = lq.find_ids(store, lq.LetterFilter("masuk").with_(text="malaria"), limit=100)
    assert len(ids) == 100  # and it finds the newest matches, in the book's order
    seqs = [store.read().execute("SELECT seq FROM letters WHERE rowid = ?", (i,)).fetchone()[0] for i in ids]
    assert seqs == sorted(seqs, reverse=True) and all(seq % 5 == 1 for seq in seqs)


def test_the_statistics_here_are_the_ones_that_flipped_the_plan(store):
    """The same query without the hint sorts every match once these statistics are loaded: the test above
    would catch the old query."""
    set_statistics(store, MILLION_LETTER_STATS)
    sql, params = first_screen(store, "malaria")
    unhinted = sql.replace(" INDEXED BY letters_number", "")
    assert unhinted != sql
    assert not walks_the_agenda_index(plan(store, unhinted, params))


def test_other_first_screens_keep_their_plans(store):
    set_statistics(store, MILLION_LETTER_STATS)
    sql, params = first_screen(store, "")  # the register opened without a search
    assert walks_the_agenda_index(plan(store, sql, params))
    sql, _ = first_screen(store, "malaria", sort="perihal")  # another order: the hint would not help
    assert "INDEXED BY" not in sql


def letters_statistics(store) -> str | None:
    conn = store.read()
    if not conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()[0]:
        return None
    row = conn.execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'letters_number'").fetchone()
    return row[0] if row else None


def test_optimize_after_opening_gathers_statistics(store):
    """What the app runs on the writer while the login window is shown (desktop/ui/app.py)."""
    before = letters_statistics(store)
    assert before is None or not before.startswith("3000 ")  # the 3,000 letters came after the open
    path = store.data_dir
    store.close()  # PRAGMA optimize at close too
    reopened = open_store(path)
    try:
        reopened.optimize()
        assert letters_statistics(reopened).startswith("3000 ")
    finally:
        reopened.close()
