"""Encryption at rest, side by side: the same 1,000,000 letters in a SQLCipher file and in a plaintext
copy; save latency and the register's searches on both, interleaved round by round so that the
machine's other load falls on both alike. Goal (issue 12): at most 10 % overhead.

The plaintext side is opened with the key look-up switched off (``keys.load_key`` returning None and
no migration): the app itself has no plaintext mode, so the baseline has to be made here.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from contextlib import contextmanager
from pathlib import Path

from desktop.domain import letters, open_store
from desktop.store import db, keys
from desktop.store.driver import sqlite3

from .dataset import make_letters
from .timing import measure

N = int(os.environ.get("LAYAN_BENCH_LETTERS", "1000000"))
ROUNDS = 5


def plaintext_copy(folder: Path) -> Path:
    target = folder.with_name(folder.name + "-plaintext")
    if (target / "done").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    conn = sqlite3.connect(str(folder / db.DB_FILENAME))
    conn.execute(f"PRAGMA key = \"x'{keys.load_key(folder).hex()}'\"")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target / db.DB_FILENAME),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute(f"PRAGMA plain.user_version = {version}")
    conn.execute(f"PRAGMA plain.application_id = {db.APPLICATION_ID}")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    (target / "done").write_text("ok")
    return target


@contextmanager
def without_encryption():
    saved = keys.load_key, keys.load_or_create_key, db.is_plaintext
    keys.load_key = keys.load_or_create_key = lambda _folder: None
    db.is_plaintext = lambda _path: False
    try:
        yield
    finally:
        keys.load_key, keys.load_or_create_key, db.is_plaintext = saved


def searches(store) -> dict[str, list[float]]:
    from desktop.ui.registers import letter_query

    out = {}
    for term in ("malaria", "undangan rapat", ""):
        f = letter_query.LetterFilter("masuk").with_(text=term)
        out[f"search '{term}' first screenful"] = measure(lambda f=f: letter_query.find_ids(store, f, limit=100), 7)
        out[f"search '{term}' whole list"] = measure(lambda f=f: letter_query.find_ids(store, f), 3, warmup=1)
    return out


def saves(stores: dict, count: int = 80) -> dict[str, dict[str, list[float]]]:
    """Saves alternating between the two stores, one at a time: the fsyncs and the machine's load hit
    both alike. Wall time and this process's CPU time per save."""
    out = {name: {"save (wall)": [], "save (CPU of this process)": []} for name in stores}
    for i in range(count):
        for name, store in stores.items():
            t0, c0 = time.perf_counter(), time.process_time()
            letters.register_incoming(store, {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial",
                                              "perihal": f"Bench save {i}", "sifat": "biasa"}, actor="bench")
            if i >= 5:  # the first saves warm the caches
                out[name]["save (wall)"].append((time.perf_counter() - t0) * 1000)
                out[name]["save (CPU of this process)"].append((time.process_time() - c0) * 1000)
    return out


def run() -> None:
    t0 = time.perf_counter()
    encrypted = make_letters(N)
    plain = plaintext_copy(encrypted)
    print(f"- datasets: {N:,} letters, encrypted {(encrypted / db.DB_FILENAME).stat().st_size / 1e6:.0f} MB and "
          f"plaintext {(plain / db.DB_FILENAME).stat().st_size / 1e6:.0f} MB, ready in {time.perf_counter() - t0:.0f} s")
    results: dict[str, dict[str, list[float]]] = {"encrypted": {}, "plaintext": {}}
    stores = {"encrypted": open_store(encrypted)}
    with without_encryption():
        stores["plaintext"] = open_store(plain)
    try:
        for name, samples in saves(stores).items():
            results[name].update(samples)
        for _ in range(ROUNDS):
            for name, store in stores.items():
                for label, samples in searches(store).items():
                    results[name].setdefault(label, []).extend(samples)
    finally:
        for store in stores.values():
            store.close()
    for label in results["encrypted"]:
        enc = statistics.median(results["encrypted"][label])
        pla = statistics.median(results["plaintext"][label])
        print(f"- {label}: encrypted median {enc:.2f} ms, plaintext {pla:.2f} ms, overhead {100 * (enc / pla - 1):+.0f} %")
