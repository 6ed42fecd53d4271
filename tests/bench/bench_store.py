"""Store with 1,000,000 letters: save latency and search (FTS5) latency. Goals: save < 20 ms, search < 100 ms."""

from __future__ import annotations

import os
import time

from desktop.domain import letters, open_store

from .dataset import make_letters
from .timing import measure, rss_mb, summary

N = int(os.environ.get("LAYAN_BENCH_LETTERS", "1000000"))


def run() -> None:
    t0 = time.perf_counter()
    folder = make_letters(N)
    print(f"- dataset: {N:,} letters ready in {time.perf_counter() - t0:.1f} s ({folder})")
    store = open_store(folder)
    try:
        counter = iter(range(10**9))

        def save():
            letters.register_incoming(store, {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial",
                                              "perihal": f"Bench save {next(counter)}", "sifat": "biasa"},
                                      actor="bench")

        print(f"- save (register_incoming: row + outbox + audit + FTS, synchronous=FULL): {summary(measure(save, 50))}")
        conn = store.read()
        for term in ("malaria", "freeport", "undangan rapat", "0042"):
            query = " ".join(f'"{w}"*' for w in term.split())

            def search(q=query):
                return conn.execute(
                    "SELECT rowid FROM letters WHERE rowid IN (SELECT rowid FROM letters_fts WHERE letters_fts MATCH ?) "
                    "AND deleted = 0 ORDER BY year DESC, seq DESC LIMIT 200", (q,)).fetchall()

            hits = conn.execute("SELECT count(*) FROM letters_fts WHERE letters_fts MATCH ?", (query,)).fetchone()[0]
            print(f"- search '{term}' ({hits:,} hits, first 200 by number): {summary(measure(search, 20))}")
        print(f"- RSS after benches: {rss_mb():.0f} MB")
    finally:
        store.close()
