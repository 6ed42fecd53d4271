"""The outbox's length is a row kept by triggers (migration m016), not a count(*) over the outbox.

A sync asks for it twice a round: with 100,000 entries waiting, counting them a page of 1,000 at a time
made the push quadratic (docs/BENCHMARKS.md, "Sync at scale"). Real store file; every answer is
compared with a count of the table itself.
"""

from __future__ import annotations

import pytest

from desktop.domain import letters
from desktop.domain.syncing import renumber_outbox
from desktop.store import db as dbmod
from desktop.store.driver import sqlite3
from desktop.store.records import ValidationError
from desktop.store.replica import StoreReplica

MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}


def counted(store) -> int:
    return store.read().execute("SELECT count(*) FROM outbox").fetchone()[0]


def register(store, n: int) -> None:
    with store.transaction() as tx:
        for i in range(n):
            letters.register(tx, "masuk", {**MASUK, "perihal": f"Surat {i}"}, actor="ani")


def test_the_count_follows_saves_acknowledgements_and_renumbering(store):
    replica = StoreReplica(store)
    assert replica.outbox_size() == counted(store) == 0
    register(store, 5)
    assert replica.outbox_size() == counted(store) == 5

    # An applied and a rejected entry both leave the outbox (the rejected one is kept in ``rejected``).
    replica.acknowledge(2, [{"mseq": 1, "status": "applied", "rev": 10, "exact": True},
                            {"mseq": 2, "status": "rejected", "errors": [{"field": "sifat", "message": "salah"}]}])
    assert replica.outbox_size() == counted(store) == 3

    with store.transaction() as tx:
        renumber_outbox(tx)
    assert [m["mseq"] for m in replica.pending_mutations(10)] == [1, 2, 3]
    assert replica.outbox_size() == counted(store) == 3

    replica.acknowledge(3, [{"mseq": m, "status": "applied", "rev": 20 + m} for m in (1, 2, 3)])
    assert replica.outbox_size() == counted(store) == 0


def test_a_save_that_fails_leaves_the_count_as_it_was(store):
    register(store, 2)
    with pytest.raises(ValidationError):
        with store.transaction() as tx:
            letters.register(tx, "masuk", {**MASUK, "perihal": "Baik"}, actor="ani")
            letters.register(tx, "masuk", {**MASUK, "sifat": "bukan-sifat"}, actor="ani")
    assert store.outbox_size() == counted(store) == 2


def test_counting_reads_no_outbox_entry(store):
    """Fails on a count(*): the read connection may not read the outbox table at all."""
    register(store, 3)
    conn = store.read()

    def no_outbox(action, table, *_):
        return sqlite3.SQLITE_DENY if action == sqlite3.SQLITE_READ and table == "outbox" else sqlite3.SQLITE_OK

    conn.set_authorizer(no_outbox)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("SELECT count(*) FROM outbox").fetchone()
        assert store.outbox_size() == 3
    finally:
        conn.set_authorizer(None)


def test_the_migration_counts_what_already_waits(data_dir):
    """A store made before m016 with changes waiting: the migration starts the count from them."""
    from desktop.domain import open_store

    store = open_store(data_dir)
    register(store, 4)
    with store.transaction() as tx:  # back to the schema before m016
        tx.execute("DROP TRIGGER outbox_counted_in")
        tx.execute("DROP TRIGGER outbox_counted_out")
        tx.execute("DROP TABLE outbox_count")
        tx.execute("DELETE FROM _sqlite_migrations WHERE name = 'm016_outbox_count'")
    store.close()

    store = open_store(data_dir)
    try:
        assert "m016_outbox_count" not in dbmod.pending_migrations(store.read())
        assert store.outbox_size() == counted(store) == 4
        register(store, 1)
        assert store.outbox_size() == counted(store) == 5
    finally:
        store.close()
