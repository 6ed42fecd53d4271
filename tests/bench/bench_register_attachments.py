"""The paperclip column's cost on the first screen of Surat Masuk, 1,000,000 letters: the first
screenful (ids + the 100 rows it shows) without and with the attachment counts, with no attachments and
with 10,000 (a third of them on the newest letters, the rest spread over the years).

The counts come with each page of rows (desktop/ui/registers/attachment_column.py): one query over the
attachments' owner index per 100 rows. Run: python -m tests.bench register_attachments
(LAYAN_BENCH_DIR: where the cached 1M-letter dataset lives; this bench adds attachment rows to it once).
"""

from __future__ import annotations

import os
import random

import uuid6

from desktop.domain import open_store

from .dataset import make_letters
from .timing import measure, summary

N = int(os.environ.get("LAYAN_BENCH_LETTERS", "1000000"))
ATTACHMENTS = 10_000


def first_screen(store, with_counts: bool) -> None:
    from desktop.ui.registers import attachment_column, letter_query

    conn = store.read()
    ids = letter_query.find_ids(store, letter_query.LetterFilter("masuk"), limit=100)
    rows = letter_query.fetch_rows(conn, ids)
    if with_counts:
        attachment_column.add_counts(conn, "letters", rows)


def add_attachments(store) -> None:
    if store.read().execute("SELECT count(*) FROM attachments").fetchone()[0] >= ATTACHMENTS:
        return
    rnd = random.Random(7)
    newest = [r[0] for r in store.read().execute(
        "SELECT id FROM letters WHERE direction = 'masuk' ORDER BY year DESC, seq DESC LIMIT 1000")]
    spread = [r[0] for r in store.read().execute(
        "SELECT id FROM letters WHERE direction = 'masuk' AND rowid % 97 = 0 LIMIT 20000")]
    owners = [rnd.choice(newest) for _ in range(ATTACHMENTS // 3)]
    owners += [rnd.choice(spread) for _ in range(ATTACHMENTS - len(owners))]
    rows = [(str(uuid6.uuid7()), "DST-MB", "letters", owner, f"scan-{n}.jpg", "image/jpeg", 150_000,
             f"{n:064x}", 1, "2026-01-01T00:00:00.000Z", "bench") for n, owner in enumerate(owners)]
    with store.transaction() as tx:
        tx.conn.executemany(
            "INSERT INTO attachments(id, office_id, owner_collection, owner_id, name, mime, size, sha256, pages, "
            "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    store._write_conn.execute("ANALYZE attachments")


def run() -> None:
    store = open_store(make_letters(N))
    try:
        present = store.read().execute("SELECT count(*) FROM attachments").fetchone()[0]
        if not present:
            for with_counts in (False, True):
                times = measure(lambda w=with_counts: first_screen(store, w), 30, warmup=3)
                print(f"- first screen, no attachments, {'with' if with_counts else 'without'} the counts: "
                      f"{summary(times)}")
        add_attachments(store)
        for with_counts in (False, True):
            times = measure(lambda w=with_counts: first_screen(store, w), 30, warmup=3)
            print(f"- first screen, {ATTACHMENTS:,} attachments, {'with' if with_counts else 'without'} the counts: "
                  f"{summary(times)}")
        conn = store.read()
        ids = [r["id"] for r in letter_query_rows(store)]
        plan = conn.execute("EXPLAIN QUERY PLAN SELECT owner_id, count(*) FROM attachments WHERE owner_collection = ? "
                            "AND owner_id IN (?, ?) AND deleted = 0 GROUP BY owner_id", ("letters", *ids[:2])).fetchall()
        print(f"- count query plan: {' | '.join(r[-1] for r in plan)}")
    finally:
        store.close()


def letter_query_rows(store) -> list[dict]:
    from desktop.ui.registers import letter_query

    ids = letter_query.find_ids(store, letter_query.LetterFilter("masuk"), limit=100)
    return list(letter_query.fetch_rows(store.read(), ids).values())
