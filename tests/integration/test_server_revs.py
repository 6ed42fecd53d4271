"""Revs on PostgreSQL without a lock held across the page (sync/server/revs.py, docs/SYNC.md §6):
a writer still in flight holds readers below its leased revs, a later writer is not made to wait
for it, and a writer that died holds nothing back."""

from __future__ import annotations

import pytest

from sync.server.revs import watermark
from sync.server.storage import Storage, counter, rev_leases

from .conftest import create_pg_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_storage(pg_base_url):
    if not pg_base_url:
        pytest.skip("PostgreSQL not available (set LAYAN_TEST_PG_URL or install postgresql)")
    storage = Storage(create_pg_database(pg_base_url))
    yield storage
    storage.close()


def _office_changes(storage: Storage, office: str, cursor: int) -> tuple[set[str], int]:
    changes, new_cursor, _ = storage.changes(office, cursor, 1000)
    return {c["fields"].get("code") for c in changes if c["collection"] == "offices"}, new_cursor


def test_a_writer_in_flight_holds_readers_below_its_revs_without_blocking_other_writers(pg_storage):
    storage = pg_storage
    storage.add_office("A-0", "Kantor A", "distrik")
    _, cursor = _office_changes(storage, "A-0", 0)
    with storage.write() as slow:  # a page still being applied: its revs are leased, not committed
        revs = storage._revs(slow)
        held = revs.next()
        # Another writer commits meanwhile, at higher revs, without waiting for the first.
        storage.add_office("B-0", "Kantor B", "distrik")
        assert storage.office("B-0")["record_id"]
        with storage.read() as conn:
            assert watermark(conn, counter, rev_leases) == held - 1
        seen, new_cursor = _office_changes(storage, "A-0", cursor)
        assert "B-0" not in seen and new_cursor < held  # served later, never skipped
        revs.flush(slow)
    seen, after = _office_changes(storage, "A-0", new_cursor)
    assert "B-0" in seen and after > held


def test_a_writer_that_died_holds_nothing_back(pg_storage):
    storage = pg_storage
    storage.add_office("C-0", "Kantor C", "distrik")
    with pytest.raises(RuntimeError):
        with storage.write() as conn:
            storage._revs(conn).next()
            raise RuntimeError("the page failed")  # rolled back: its lease is left, its xid aborted
    with storage.read() as conn:
        assert conn.execute(rev_leases.select()).first() is not None
        assert watermark(conn, counter, rev_leases) == storage.max_rev()
    storage.add_office("D-0", "Kantor D", "distrik")  # the next lease tidies the dead one away
    with storage.read() as conn:
        assert conn.execute(rev_leases.select()).first() is None
    seen, _ = _office_changes(storage, "C-0", 0)
    assert {"C-0", "D-0"} <= seen
