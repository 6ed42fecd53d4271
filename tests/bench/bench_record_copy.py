"""What writing one record costs, its ``meta`` in the per-field form servers stored before against
the compact form stored now (sync/server/record_meta.py): PostgreSQL's CPU for the COPY of a page's
records (its backend's, from /proc) and the server's Python CPU to format the rows (psycopg's
``write_row``), the two forms alternating in one process so that the machine's load falls on both.

Why a bench of its own: the workers bench's figures move by ±20 % from run to run on a shared
machine, more than this part of the cost; here nothing else runs in the backend being measured.

Run: ``.venv/bin/python -m tests.bench record_copy``. ``LAYAN_BENCH_COPY_ROWS`` rows per COPY
[20000], ``LAYAN_BENCH_COPY_REPS`` pairs [4]. PostgreSQL from ``LAYAN_TEST_PG_URL`` (a local cluster,
so its backend's /proc is readable) or a throwaway cluster from scripts/start-postgres.sh.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import time
import uuid

import psycopg

from sync.server import record_meta
from sync.server.storage import Storage

from .bench_sync import Postgres, loadavg, wire_letter

ROWS = int(os.environ.get("LAYAN_BENCH_COPY_ROWS", "20000"))
REPS = int(os.environ.get("LAYAN_BENCH_COPY_REPS", "4"))
DEVICE = "0196a0b2-7c1d-7e44-9a3b-55e0c7d1a2b3"
COLS = ("id", "collection", "office_id", "rev", "hlc", "deleted", "fields", "meta", "echo_device", "echo_rev")


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _rows(form: str, first_rev: int, rnd: random.Random) -> list[list]:
    """New letters as the server writes them: same fields, stamps and device in both forms."""
    out = []
    for i in range(ROWS):
        fields = wire_letter(rnd, i + 1, "operator.distrik")
        state = [f"1795817417082-{i % 99999:05d}-{DEVICE}", first_rev + i, "operator.distrik", DEVICE]
        fmeta = dict.fromkeys(fields, state)
        meta = {"f": fmeta} if form == "per-field" else record_meta.document(fmeta, None, None)
        out.append([str(uuid.uuid4()), "letters", "DST-A", first_rev + i, state[0], False,
                    _dumps(fields), _dumps(meta), None, None])
    return out


def _backend_cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def run() -> None:
    pg = Postgres()
    if not pg.url:
        print(f"PostgreSQL not available: {pg.error}")
        return
    try:
        url = pg.database()
        Storage(url).close()  # the records table as the server makes it: indexes, lz4 compression
        rnd = random.Random(13)
        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
            pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
            got: dict[str, list[tuple[float, float]]] = {"per-field": [], "compact": []}
            sizes: dict[str, float] = {}
            rev = 1
            print(f"{ROWS:,} new letters per COPY, {REPS} pairs, load average {loadavg()} at the start\n")
            for _ in range(REPS):
                for form in got:
                    rows = _rows(form, rev, rnd)
                    rev += ROWS
                    sizes[form] = statistics.mean(len(r[7]) for r in rows)
                    with conn.transaction(), conn.cursor() as cur:
                        pg0, py0 = _backend_cpu(pid), time.process_time()
                        with cur.copy(f"COPY records ({', '.join(COLS)}) FROM STDIN") as copy:
                            for row in rows:
                                copy.write_row(row)
                        got[form].append(((_backend_cpu(pid) - pg0) / ROWS * 1e6,
                                          (time.process_time() - py0) / ROWS * 1e6))
            stored = dict(conn.execute("SELECT length(meta) < 1000, avg(pg_column_size(meta)) FROM records "
                                       "GROUP BY 1").fetchall())
        print("| meta form | meta bytes (stored) | PostgreSQL µs per record, median (range) | server Python µs (COPY rows) |")
        print("| --- | ---: | ---: | ---: |")
        for form, runs in got.items():
            pgs, pys = [r[0] for r in runs], [r[1] for r in runs]
            stored_size = stored.get(form == "compact")
            print(f"| {form} | {sizes[form]:,.0f} ({stored_size or 0:,.0f}) | {statistics.median(pgs):.1f} "
                  f"({min(pgs):.1f}–{max(pgs):.1f}) | {statistics.median(pys):.1f} ({min(pys):.1f}–{max(pys):.1f}) |")
        print(f"\nload average {loadavg()} at the end")
    finally:
        pg.stop()
