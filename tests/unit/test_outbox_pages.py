"""A page of the push reads and writes the same number of database pages whatever waits behind it.

"A PC with 100,000 letters waiting pushes at the same rate per letter as one with 1,000" (docs/BENCHMARKS.md,
"Sync at scale"). Timing cannot show that on a shared machine; the bytes this thread reads from and writes to
the database file and its WAL can: SQLCipher reads and writes whole pages, one system call each, and Linux
counts them per thread (/proc/thread-self/io). A walk of the outbox or of the records (a count(*), a scan)
makes a long outbox's page read more. Real store file, the replica's own calls in the engine's order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain import letters
from desktop.store.replica import StoreReplica

IO = Path("/proc/thread-self/io")
PAGE = 100
MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}

pytestmark = pytest.mark.skipif(not IO.exists(), reason="needs Linux's per-thread I/O counters")


def register(store, n: int) -> None:
    with store.transaction() as tx:
        for i in range(n):
            letters.register(tx, "masuk", {**MASUK, "perihal": f"Surat nomor {i} tentang undangan rapat"}, actor="ani")


def io_bytes() -> tuple[int, int]:
    counters = dict(line.split(": ") for line in IO.read_text().splitlines())
    return int(counters["rchar"]), int(counters["wchar"])


def push_one_page(store, replica: StoreReplica, rev: int) -> tuple[float, float]:
    """One page as sync_once runs it, with the server's "exact" answers; (bytes read, bytes written) per letter.
    The WAL is folded first, so no checkpoint falls inside (its cost is per letter too, measured apart)."""
    store._fold_wal()
    read0, written0 = io_bytes()
    mutations = replica.pending_mutations(PAGE)
    replica.outbox_size()
    replica.acknowledge(mutations[-1]["mseq"], [{"mseq": m["mseq"], "status": "applied", "exact": True,
                                                 "rev": rev + i} for i, m in enumerate(mutations)])
    replica.outbox_size()
    read1, written1 = io_bytes()
    return (read1 - read0) / len(mutations), (written1 - written0) / len(mutations)


def test_a_page_touches_as_many_database_pages_with_3000_waiting_as_with_100(store):
    replica = StoreReplica(store)
    register(store, 2 * PAGE)
    push_one_page(store, replica, 1000)  # statements compiled, connections open
    short = push_one_page(store, replica, 2000)  # the last 100: nothing waits behind them
    assert replica.outbox_size() == 0

    register(store, 30 * PAGE)
    long_ = push_one_page(store, replica, 3000)  # 2,900 wait behind this page
    assert replica.outbox_size() == 29 * PAGE

    # The B-trees are one level deeper with 3,000 letters (one more interior page per lookup, cached); a
    # walk of what waits would read 2,900 entries again for every page of 100.
    assert long_[0] <= short[0] * 1.25, (short, long_)
    assert long_[1] <= short[1] * 1.25, (short, long_)
    assert short[0] > 0 and short[1] > 0  # the counters saw the page's reads and its WAL writes
