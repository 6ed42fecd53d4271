"""The centre's public look-ups at Mimika's size in a few years: a tracking code and a certificate among
N records (default 1,000,000: requests and complaints, two status events each) in the
server's SQLite database, through the same functions the pages call (sync/server/web/lookup.py).

Run: ``.venv/bin/python -m tests.bench public``; ``LAYAN_BENCH_PUBLIC_N=100000`` for a quicker run.
PostgreSQL: set ``LAYAN_BENCH_PG_URL`` to an empty database to run the same there."""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
import uuid

from sqlalchemy import insert

from sync import tracking
from sync.server.storage import Storage, records
from sync.server.web import lookup

N = int(os.environ.get("LAYAN_BENCH_PUBLIC_N") or 1_000_000)


def _code(rnd: random.Random) -> str:
    body = "".join(rnd.choice(tracking.ALPHABET) for _ in range(tracking.LENGTH - 1))
    return body + tracking.check_character(body)


def fill(storage: Storage, n: int) -> list[tuple[str, str]]:
    """n records: a third requests and complaints, two thirds their events. Returns some (code, id)."""
    rnd = random.Random(7)
    picked, rev, batch = [], 0, []
    with storage.write() as conn:
        for i in range(n // 3):
            coll = "service_requests" if i % 2 == 0 else "complaints"
            rid, code = str(uuid.UUID(int=rnd.getrandbits(128), version=4)), _code(rnd)
            fields = {"tracking_code": code, "tanggal": "2026-03-02", "status": "diproses", "nama": "Maria Kogoya",
                      "service_type": "domisili", "kategori": "Infrastruktur"}
            event_coll, key = lookup.EVENTS[coll]
            for r_id, c, f in ((rid, coll, fields),
                               (str(uuid.uuid4()), event_coll, {key: rid, "status": "diterima", "tanggal": "2026-03-02"}),
                               (str(uuid.uuid4()), event_coll, {key: rid, "status": "diproses", "tanggal": "2026-03-03"})):
                rev += 1
                batch.append({"id": r_id, "collection": c, "office_id": f"DST-{i % 18:02d}", "rev": rev,
                              "hlc": "0", "deleted": False, "fields": json.dumps(f), "meta": "{}"})
            if i % 997 == 0:
                picked.append((code, rid))
            if len(batch) >= 5000:
                conn.execute(insert(records), batch)
                batch = []
        if batch:
            conn.execute(insert(records), batch)
    return picked


def run() -> None:
    url = os.environ.get("LAYAN_BENCH_PG_URL")
    with tempfile.TemporaryDirectory() as tmp:
        storage = Storage(url) if url else Storage.open(tmp)
        t = time.perf_counter()
        picked = fill(storage, N)
        print(f"filled {N // 3 * 3:,} records in {time.perf_counter() - t:.0f} s ({'PostgreSQL' if url else 'SQLite'})")
        timings = []
        for code, _ in picked[:200]:
            t = time.perf_counter()
            found = lookup.by_tracking_code(storage, code)
            timings.append(time.perf_counter() - t)
            assert found and len(found[0]["events"]) == 2
        print(f"tracking code look-up (record + 2 events): median {statistics.median(timings) * 1000:.1f} ms, "
              f"max {max(timings) * 1000:.1f} ms over {len(timings)}")
        timings = []
        for _, rid in picked[:200]:
            t = time.perf_counter()
            lookup.service_request(storage, rid)
            timings.append(time.perf_counter() - t)
        print(f"certificate's request by id: median {statistics.median(timings) * 1000:.2f} ms")
        storage.close()
