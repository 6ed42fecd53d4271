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
        # The register's own queries (desktop/ui/registers/letter_query.py, plain SQL): the first
        # screenful the clerk sees, then the whole ordered id list that replaces it.
        from desktop.ui.registers import letter_query

        for term in ("malaria", "freeport", "undangan rapat", "0042", ""):
            f = letter_query.LetterFilter("masuk").with_(text=term)
            hits = len(letter_query.find_ids(store, f))
            first = measure(lambda f=f: letter_query.find_ids(store, f, limit=100), 15)
            whole = measure(lambda f=f: letter_query.find_ids(store, f), 7, warmup=1)
            label = f"search '{term}'" if term else "open Surat Masuk (no search)"
            print(f"- {label} ({hits:,} of {N * 2 // 3:,} incoming letters): first screenful {summary(first)}; "
                  f"whole ordered list {summary(whole)}")
        print(f"- RSS after benches: {rss_mb():.0f} MB")
    finally:
        store.close()
