"""Sync by USB stick: file sizes and times for a remote office's month and for a year's backlog.

Real desktop store, real server process (SQLite), real `layan-server usb import` (a subprocess, as
IT runs it). Letters come from bench_sync.letter_fields (~506 bytes of fields each).
Run: .venv/bin/python -m tests.bench usb
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from tests.bench.bench_sync import _servers, desktop_pc, letter_fields, loadavg


def round_trip(srv, root: Path, n: int) -> None:
    from desktop.domain import letters, syncing, usb_sync
    from sync import usb

    office = srv.new_office()
    remote = desktop_pc(srv, root, office, f"remote-{n}", initialize=True)
    online = desktop_pc(srv, root, office, f"online-{n}", initialize=False)
    try:
        rnd = random.Random(n)
        done = 0
        while done < n:
            with remote.transaction() as tx:
                for _ in range(min(500, n - done)):
                    done += 1
                    letters.register(tx, "masuk", letter_fields(rnd, done), actor="ani")
        # The online PC of the office registered as many letters meanwhile: the reply carries them.
        done = 0
        while done < n:
            with online.transaction() as tx:
                for _ in range(min(500, n - done)):
                    done += 1
                    letters.register(tx, "masuk", letter_fields(rnd, n + done), actor="budi")
        assert syncing.run_sync(online).ok
        stick = root / f"stick-{n}"
        t0 = time.perf_counter()
        result = usb_sync.export_request(remote, stick)
        t1 = time.perf_counter()
        out = srv.cli("usb", "import", str(stick))
        t2 = time.perf_counter()
        report = usb_sync.import_replies(remote, stick)
        t3 = time.perf_counter()
        assert result.changes == n and report.acknowledged == n and report.pulled >= n, (out.stdout, report)
        reply = usb.bundle_files(stick, usb.REPLY_SUFFIX)[0]
        req_size, reply_size = result.path.stat().st_size, reply.stat().st_size
        print(f"| {n:,} | {req_size / 1024:,.0f} KiB ({req_size / n:.0f} B/letter) | {t1 - t0:.2f} s | "
              f"{t2 - t1:.1f} s | {reply_size / 1024:,.0f} KiB ({reply_size / report.pulled:.0f} B/record) | "
              f"{t3 - t2:.2f} s |")
    finally:
        remote.close()
        online.close()


def run() -> None:
    print(f"\n### USB stick round trip (SQLite server on this machine; load average {loadavg()})")
    print("| letters each way | request file | export | `layan-server usb import` (process) | reply file | "
          "import at the office |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="layan-bench-usb-") as tmp:
        root = Path(tmp)
        srv = _servers()(root / "srv").start()
        try:
            for n in (1_000, 10_000):
                round_trip(srv, root, n)
        finally:
            srv.stop()
