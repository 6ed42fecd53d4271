"""What the server did with each pushed mutation, kept one row per page (sync/server/applied_log.py):
retries answered from it, nothing applied twice, a reused mseq refused, the IT console's refused list,
and old servers' per-mutation rows converted at start. SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect, text

from sync import hlc
from sync.server import applied_log
from sync.server.storage import ReusedError, Storage
from sync.server.web import history

from .conftest import create_pg_database, letter, new_id
from .test_server_record_writes import _device, _mut


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def open_storage(request, tmp_path, pg_base_url):
    """A function opening the same server database again each time it is called."""
    if request.param == "sqlite":
        def opener():
            return Storage.open(tmp_path / "srv")
    else:
        if not pg_base_url:
            pytest.skip("PostgreSQL not available (set LAYAN_TEST_PG_URL or install postgresql)")
        url = create_pg_database(pg_base_url)

        def opener():
            return Storage(url)
    opened = []
    yield lambda: opened.append(opener()) or opened[-1]
    for st_ in opened:
        st_.close()


def _page(clock: hlc.Clock, first: int, n: int, missing: int | None = None) -> list:
    """n new letters from mseq ``first``; mseq ``missing`` deletes a record that does not exist (refused)."""
    return [_mut(clock, first + i, new_id(), None, op="delete") if first + i == missing
            else _mut(clock, first + i, new_id(), letter(first + i)) for i in range(n)]


def _letters(st_: Storage) -> int:
    with st_.read() as conn:
        return conn.execute(text("SELECT count(*) FROM records WHERE collection = 'letters'")).scalar()


def test_a_page_is_one_row_and_its_retry_is_answered_from_it(open_storage):
    storage = open_storage()
    pc = _device(storage, "DST-A", "pc1")
    clock = hlc.Clock("pc1")
    page = _page(clock, 1, 5, missing=3)
    acked, first = storage.apply(pc, page, {})
    assert acked == 5 and [r["status"] for r in first] == ["applied", "applied", "rejected", "applied", "applied"]
    with storage.read() as conn:
        rows = conn.execute(text("SELECT lo, hi, rejected FROM applied_pages")).all()
    assert [tuple(r) for r in rows] == [(1, 5, 1)]  # one row for the page (was one per mutation)

    # The same page again (its reply was lost): answered from what was applied, nothing applied twice.
    acked, again = storage.apply(pc, page, {})
    assert acked == 5 and _letters(storage) == 4
    assert again == [{"mseq": r["mseq"], "status": "duplicate", "rev": r["rev"]} if r["status"] == "applied"
                     else r for r in first]
    # A retry that overlaps the next page: the old part duplicates, the new part applies.
    later = _page(clock, 6, 2)
    acked, mixed = storage.apply(pc, page[3:] + later, {})
    assert acked == 7 and [r["status"] for r in mixed] == ["duplicate", "duplicate", "applied", "applied"]
    assert _letters(storage) == 6
    # A mseq used again for another change (a PC restored from an old backup) is refused, nothing applied.
    with pytest.raises(ReusedError):
        storage.apply(pc, [_mut(clock, 2, new_id(), letter(2))], {})
    assert _letters(storage) == 6
    refused = history.refused(storage, pc.id)
    assert [r["mseq"] for r in refused] == [3] and refused[0]["errors"] == first[2]["errors"]


def test_old_per_mutation_rows_are_converted_when_the_server_starts(open_storage):
    storage = open_storage()
    one, two = _device(storage, "DST-A", "pc1"), _device(storage, "DST-B", "pc2")
    c1, c2 = hlc.Clock("pc1"), hlc.Clock("pc2")
    page1, page2 = _page(c1, 1, 4, missing=2), _page(c2, 1, 3)
    _, res1 = storage.apply(one, page1, {})
    _, res2 = storage.apply(two, page2, {})
    # The database as a server before this table left it: one `applied` row per mutation.
    with storage.write() as conn:
        conn.execute(text("DROP TABLE applied_pages"))
        conn.execute(text("CREATE TABLE applied (device_id VARCHAR(64) NOT NULL, mseq BIGINT NOT NULL, "
                          "hlc VARCHAR(100) NOT NULL, rev BIGINT, errors TEXT, PRIMARY KEY (device_id, mseq))"))
        for device, page, res in ((one, page1, res1), (two, page2, res2)):
            for m, r in zip(page, res, strict=True):
                conn.execute(text("INSERT INTO applied VALUES (:d, :m, :h, :r, :e)"), {
                    "d": device.id, "m": m.mseq, "h": m.hlc_raw, "r": r.get("rev"),
                    "e": json.dumps(r["errors"]) if r["status"] == "rejected" else None})
    storage.close()

    storage = open_storage()
    with storage.read() as conn:
        assert not inspect(conn).has_table("applied")
        pages = conn.execute(text("SELECT device_id, lo, hi, rejected FROM applied_pages ORDER BY lo, rejected")).all()
    assert sorted(tuple(p) for p in pages) == sorted([(one.id, 1, 4, 1), (two.id, 1, 3, 0)])
    _, again = storage.apply(one, page1, {})
    assert again == [{"mseq": r["mseq"], "status": "duplicate", "rev": r["rev"]} if r["status"] == "applied"
                     else r for r in res1]
    _, again = storage.apply(two, page2[1:], {})
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]
    with pytest.raises(ReusedError):
        storage.apply(two, [_mut(c2, 3, new_id(), letter(3))], {})
    assert [r["mseq"] for r in history.refused(storage, one.id)] == [2]
    assert _letters(storage) == 6


def test_old_rows_become_pages_of_consecutive_mseqs():
    class Row:
        def __init__(self, device_id, mseq, errors=None):
            self.device_id, self.mseq, self.hlc, self.rev, self.errors = device_id, mseq, f"h{mseq}", mseq * 10, errors

    rows = [Row("a", 1), Row("a", 2, '[{"field": ""}]'), Row("a", 5), Row("b", 6), Row("b", 7, "not json")]
    assert list(applied_log._runs(rows)) == [
        ("a", 1, [["h1", 10], ["h2", None, [{"field": ""}]]]),
        ("a", 5, [["h5", 50]]),
        ("b", 6, [["h6", 60], ["h7", None, []]]),
    ]
    many = [Row("c", i) for i in range(1, applied_log.PAGE_MAX + 3)]
    assert [(d, lo, len(e)) for d, lo, e in applied_log._runs(many)] == [
        ("c", 1, applied_log.PAGE_MAX), ("c", applied_log.PAGE_MAX + 1, 2)]
