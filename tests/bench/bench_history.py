"""The cost of keeping the IT console's sync history in the database: ``history.record`` (one upsert into the
device's session row per answered sync request) among 300,000 earlier sessions (1,000 devices × 300), next to a
write transaction changing one row (on SQLite its fsync is most of the cost).

Run: ``.venv/bin/python -m tests.bench history``; PostgreSQL: set ``LAYAN_BENCH_PG_URL`` to an empty database."""

from __future__ import annotations

import statistics
import time
from types import SimpleNamespace

from sqlalchemy import insert, update

from sync.server.storage import Storage
from sync.server.web import history
from sync.server.web.tables import sync_sessions

from .timing import on_each_server_database

DEVICES, SESSIONS, ROUNDS = 1_000, 300, 300


def _fill(storage: Storage) -> None:
    with storage.write() as conn:
        rows = [{"device_id": f"dev-{d:04d}", "started_ms": 1_000_000 + s * 3_600_000,
                 "at_ms": 1_000_000 + s * 3_600_000 + 5_000, "pushed": 3, "pulled": 4}
                for d in range(DEVICES) for s in range(SESSIONS)]
        for i in range(0, len(rows), 10_000):
            conn.execute(insert(sync_sessions), rows[i:i + 10_000])


def _median_ms(fn) -> tuple[float, float]:
    times = []
    for i in range(ROUNDS):
        t = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def _measure(name: str, storage: Storage) -> None:
    _fill(storage)
    body = {"app_version": "0.2.0", "waiting": 0, "cursor": 10, "client_time": 0}
    results = [{"status": "applied"}] * 20

    def empty(i):  # the floor of any write: one row changed, committed (on SQLite: the WAL's fsync)
        with storage.write() as conn:
            conn.execute(update(sync_sessions).where(sync_sessions.c.id == 1).values(waiting=i))

    def record(i):
        history.record(storage, SimpleNamespace(id=f"dev-{i % DEVICES:04d}"), body, results, 20, False, 99)

    e50, e95 = _median_ms(empty)
    r50, r95 = _median_ms(record)
    print(f"{name}: history.record median {r50:.2f} ms (p95 {r95:.2f}); one-row write "
          f"median {e50:.2f} ms (p95 {e95:.2f}); {ROUNDS} requests over {DEVICES * SESSIONS:,} sessions")


def run() -> None:
    on_each_server_database(_measure)
