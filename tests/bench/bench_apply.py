"""The server's apply path in one process: each page's gzip body decoded as the server does, then
``handle_sync`` (sync/server/app.py), on pages of new letters, without HTTP, clients or other processes
in the figures. CPU of this process and of PostgreSQL
(the postmaster and its children, from /proc) per applied mutation.

Run: ``.venv/bin/python -m tests.bench apply``. PostgreSQL from ``LAYAN_TEST_PG_URL`` or a throwaway
cluster (scripts/start-postgres.sh); ``LAYAN_BENCH_APPLY_DEVICES`` (10), ``LAYAN_BENCH_APPLY_PAGES`` (5
pages of ``LAYAN_BENCH_APPLY_PAGE`` (200) each), ``LAYAN_BENCH_APPLY_PROFILE=FILE`` writes a cProfile of the timed part,
``LAYAN_BENCH_APPLY_SQLITE=1`` adds a SQLite run (server CPU only).
"""

from __future__ import annotations

import cProfile
import functools
import os
import random
import tempfile
import time
from pathlib import Path

import uuid6
from sqlalchemy import text

from sync import hlc
from sync.protocol import SCHEMA_V, decode_body, encode_body
from sync.server import app
from sync.server.app import Settings, handle_sync
from sync.server.storage import Storage
from tests.bench.bench_sync import Postgres, cpu_seconds, loadavg, wire_letter

DEVICES = int(os.environ.get("LAYAN_BENCH_APPLY_DEVICES", "10"))
PAGES = int(os.environ.get("LAYAN_BENCH_APPLY_PAGES", "5"))
PAGE = int(os.environ.get("LAYAN_BENCH_APPLY_PAGE", "200"))
APP_VERSION = "99.0.0"


def _bodies(device_id: str, seed: int) -> list[dict]:
    rnd = random.Random(seed)
    clock = hlc.Clock(device_id)
    muts = [{"mseq": i + 1, "collection": "letters", "id": str(uuid6.uuid7()), "op": "put", "base_rev": 0,
             "fields": wire_letter(rnd, i + 1, "bench"), "hlc": clock.now(), "actor": "bench"}
            for i in range(PAGES * PAGE)]
    return [{"schema_v": SCHEMA_V, "app_version": APP_VERSION, "device_id": device_id, "client_time": 0,
             "mutations": muts[p * PAGE:(p + 1) * PAGE], "cursor": 0, "limit": 200, "waiting": 0,
             "compact_stamps": True, "no_echo": True} for p in range(PAGES)]


def measure(storage: Storage, label: str, postmaster: int | None) -> None:
    devices, bodies = [], []
    for i in range(DEVICES + 1):  # the first one warms up (imports, compiled checkers and statements), untimed
        office = f"B{i:03d}-{uuid6.uuid7().hex[-6:]}"
        storage.add_office(office, office, "distrik")
        code, _ = storage.create_enroll_code(office, 1)
        device, _token, _office = storage.enroll(code, f"bench-{i}", APP_VERSION)
        devices.append(device)
        bodies.append(_bodies(device.id, seed=i))
    settings = Settings()
    handle_sync(storage, settings, devices.pop(0), bodies.pop(0)[0])
    collect_less = getattr(app, "collect_less", None)  # as a serving process does after start-up (older trees: none)
    if collect_less is not None:
        collect_less()
    # every device's pages in turn (as many devices do), each reply's cursor carried to the next page
    order = [(d, b) for p in range(PAGES) for d, b in zip(devices, (bs[p] for bs in bodies), strict=True)]
    try:  # the server's decoder (older trees: the protocol's own)
        from sync.server.json_codec import loads
        decode = functools.partial(decode_body, content_encoding="gzip", loads=loads)
    except ImportError:
        decode = functools.partial(decode_body, content_encoding="gzip")
    cursors: dict[str, int] = {}
    profile = cProfile.Profile(time.process_time) if os.environ.get("LAYAN_BENCH_APPLY_PROFILE") else None
    py0, pg0 = time.process_time(), cpu_seconds(postmaster) if postmaster else 0.0
    if profile:
        profile.enable()
    applied, encoding = 0, 0.0
    for device, body in order:
        t = time.process_time()
        data = encode_body({**body, "cursor": cursors.get(device.id, 0)})  # the client's part: not counted
        encoding += time.process_time() - t
        reply = handle_sync(storage, settings, device, decode(data))
        cursors[device.id] = reply["cursor"]
        applied += sum(r[1] for r in reply.get("exact_runs", [])) + sum(
            1 for r in reply["results"] if r["status"] == "applied")
    if profile:
        profile.disable()
        profile.dump_stats(os.environ["LAYAN_BENCH_APPLY_PROFILE"])
    py = time.process_time() - py0 - encoding
    pg = (cpu_seconds(postmaster) - pg0) if postmaster else 0.0
    us_py, us_pg = py / applied * 1e6, pg / applied * 1e6
    print(f"| {label} | {applied:,} | {us_py:.0f} | {us_pg:.0f} | **{applied / (py + pg):,.0f}** | {loadavg()} |")


def run() -> None:
    print(f"\n### Apply path in one process: {DEVICES} devices × {PAGES} pages of {PAGE} new letters, "
          f"`handle_sync` without HTTP")
    print("| database | applied | server Python µs per mutation | PostgreSQL µs per mutation | "
          "applied per server+PG CPU-second | load average |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    if os.environ.get("LAYAN_BENCH_APPLY_SQLITE"):
        with tempfile.TemporaryDirectory(prefix="layan-bench-apply.") as tmp:
            storage = Storage.open(Path(tmp))
            try:
                measure(storage, "SQLite", None)
            finally:
                storage.close()
    pg = Postgres()
    try:
        if not pg.url:
            print(f"- PostgreSQL: not available ({pg.error})")
            return
        storage = Storage(pg.database())
        try:
            with storage.read() as conn:
                backend = conn.execute(text("SELECT pg_backend_pid()")).scalar()
            postmaster = int(open(f"/proc/{backend}/stat").read().rsplit(")", 1)[1].split()[1])
            measure(storage, "PostgreSQL", postmaster)
        finally:
            storage.close()
    finally:
        pg.stop()
