"""Attachment bytes over a bad link, and record sync beside 10,000 attachments (docs/BENCHMARKS.md).

1. One 150 KB attachment (a reduced A4 scan) up and down through the link emulator at 64 kbit/s
   each way, 600 ms RTT, with a real desktop store and the real server process: time against the
   link's floor (the blob's bytes ÷ rate + one RTT; goal: within 1.2×) and against the limit of
   everything that crossed the link (all bytes ÷ rate + one RTT per request and connection).
2. A 600 KB upload on the same link, cut every 30 s (every open connection reset): cuts, bytes
   sent again (goal: at most one chunk per cut), time.
3. Record sync of an office with 10,000 attachments (records synced, bytes settled) against one
   without: pushing 1,000 new letters, and an idle sync (goal: no slower).

Run: ``.venv/bin/python -m tests.bench attachments``; ``LAYAN_BENCH_ATT_PARTS=1,3`` runs some parts.
Everything binds to 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

from .bench_sync import RATE_BPS, RTT_S, _servers, cpu_seconds, desktop_pc, letter_fields, loadavg, machine

PARTS = {p.strip() for p in os.environ.get("LAYAN_BENCH_ATT_PARTS", "1,2,3").split(",") if p.strip()}
ATTACHMENTS = 10_000
CUT_EVERY_S = 30
ROUNDS = int(os.environ.get("LAYAN_BENCH_ATT_ROUNDS", "7"))


def _attach_random(store, size: int, seed: int) -> tuple[str, bytes]:
    from desktop.domain import letters
    from desktop.store.attachment_blobs import blob_store

    data = random.Random(seed).randbytes(size)
    sha = blob_store(store.data_dir).put_bytes(data)
    letter = letters.register_incoming(store, {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial",
                                               "perihal": "Undangan", "sifat": "biasa"}, actor="op").record_id
    store.save("attachments", {"owner_collection": "letters", "owner_id": letter, "name": "scan.jpg",
                               "mime": "image/jpeg", "size": size, "sha256": sha, "pages": 1}, actor="op")
    return sha, data


def _records_only(store) -> None:
    from desktop.domain import syncing
    from sync.engine import sync_once

    client = syncing.make_client(store)
    try:
        assert sync_once(syncing.replica_for(store), client).ok
    finally:
        client.close()


def part_link(root: Path) -> None:
    from desktop.domain import syncing
    from desktop.store.attachment_blobs import blob_store
    from sync.blob_transfer import CHUNK_BYTES, BlobTransfer
    from sync.client import SyncClient
    from tests.tools.linkemu import LinkEmulator

    print(f"\n### 1. One 150 KB attachment through the link emulator ({RATE_BPS // 1000} kbit/s each way, "
          f"{RTT_S * 1000:.0f} ms RTT; load average {loadavg()})")
    srv = _servers()(root / "srv1").start()
    try:
        office = srv.new_office()
        pc1 = desktop_pc(srv, root, office, "att-pc1", initialize=True)
        pc2 = desktop_pc(srv, root, office, "att-pc2", initialize=False)
        sha, data = _attach_random(pc1, 150_000, 1)
        _records_only(pc1)
        _records_only(pc2)
        print("| direction | measured | floor (blob ÷ rate + 1 RTT) | measured ÷ floor | link limit (all bytes + "
              "RTTs) | bytes on the link | requests + TCP connects |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        floor = len(data) * 8 / RATE_BPS + RTT_S
        for direction, store in (("upload", pc1), ("download", pc2)):
            with LinkEmulator(srv.port, rate_bps=RATE_BPS, latency_ms=RTT_S * 500, seed=1) as link:
                client = SyncClient(f"http://127.0.0.1:{link.port}", syncing.tokens(store).load(), timeout=(15, 120))
                transfer = BlobTransfer(client, blob_store(store.data_dir))
                t0 = time.perf_counter()
                if direction == "upload":
                    transfer.upload([(sha, len(data))])
                    assert sha in transfer.report.uploaded, transfer.report
                else:
                    assert transfer.download(sha, len(data)), transfer.report
                elapsed = time.perf_counter() - t0
                client.close()
                link.wait_idle(10)
                stats = link.stats
            wire = stats.bytes_up + stats.bytes_down
            limit = wire * 8 / RATE_BPS + (transfer.report.requests + stats.connections) * RTT_S
            print(f"| {direction} | {elapsed:.1f} s | {floor:.1f} s | {elapsed / floor:.2f}× | {limit:.1f} s | "
                  f"{wire:,} | {transfer.report.requests} + {stats.connections} |")
        assert blob_store(pc2.data_dir).read(sha) == data
        print(f"  (chunk {CHUNK_BYTES // 1024} KiB; one status request, then the chunks; the download is one "
              "Range request)")
        pc1.close()
        pc2.close()
    finally:
        srv.stop()


def part_cuts(root: Path) -> None:
    from desktop.domain import syncing
    from desktop.store.attachment_blobs import blob_store
    from sync.blob_transfer import CHUNK_BYTES, BlobTransfer
    from sync.client import SyncClient
    from tests.tools.linkemu import LinkEmulator

    size = 600_000
    print(f"\n### 2. A {size // 1000} KB upload at {RATE_BPS // 1000} kbit/s, {RTT_S * 1000:.0f} ms RTT, the link "
          f"cut every {CUT_EVERY_S} s")
    srv = _servers()(root / "srv2").start()
    try:
        office = srv.new_office()
        pc1 = desktop_pc(srv, root, office, "cut-pc1", initialize=True)
        sha, data = _attach_random(pc1, size, 2)
        _records_only(pc1)
        with LinkEmulator(srv.port, rate_bps=RATE_BPS, latency_ms=RTT_S * 500, seed=2) as link:
            stop = threading.Event()
            cuts = [0]

            def cutter():
                while not stop.wait(CUT_EVERY_S):
                    cuts[0] += link.kill_connections()

            threading.Thread(target=cutter, daemon=True).start()
            client = SyncClient(f"http://127.0.0.1:{link.port}", syncing.tokens(pc1).load(), retries=2,
                                timeout=(15, 120))
            transfer = BlobTransfer(client, blob_store(pc1.data_dir))
            t0 = time.perf_counter()
            for _ in range(30):  # each pass resumes at the server's offset
                transfer.upload([(sha, len(data))])
                if sha in transfer.report.uploaded:
                    break
                transfer.report.error = None
            elapsed = time.perf_counter() - t0
            stop.set()
            client.close()
        rep = transfer.report
        assert sha in rep.uploaded, rep
        floor = size * 8 / RATE_BPS + RTT_S
        print(f"- stored whole after {cuts[0]} cut(s) in {elapsed:.1f} s (floor {floor:.1f} s, {elapsed / floor:.2f}×); "
              f"blob bytes sent {rep.bytes_up:,} for {size:,}: {rep.resent:,} sent again "
              f"({rep.resent / max(cuts[0], 1):,.0f} per cut; chunk {CHUNK_BYTES:,}); {rep.requests} requests")
        pc1.close()
    finally:
        srv.stop()


def part_records(root: Path) -> None:
    from desktop.domain import attachment_sync, letters, syncing

    n = ATTACHMENTS
    print(f"\n### 3. Record sync beside {n:,} attachments (load average {loadavg()})")
    srv = _servers()(root / "srv3").start()
    try:
        rnd = random.Random(3)
        stores, first = {}, {}
        for label, with_attachments in (("without", False), ("with", True)):
            office = srv.new_office()
            store = stores[label] = desktop_pc(srv, root, office, f"rec-{label}", initialize=True)
            with store.transaction() as tx:  # the same office history on both: n letters
                letter_ids = [letters.register(tx, "masuk", letter_fields(rnd, i + 1), actor="ani").record_id
                              for i in range(n)]
            if with_attachments:
                for start in range(0, n, 500):
                    with store.transaction() as tx:
                        for i in range(start, min(start + 500, n)):
                            sha = f"{rnd.getrandbits(256):064x}"
                            tx.save("attachments", {"owner_collection": "letters", "owner_id": letter_ids[i],
                                                    "name": f"scan-{i}.jpg", "mime": "image/jpeg",
                                                    "size": 150_000, "sha256": sha, "pages": 1}, actor="ani")
                            tx.execute("INSERT INTO blob_sync(sha256, uploaded_at) VALUES (?, '2026-12-01')", (sha,))
            t0 = time.perf_counter()
            rep = syncing.run_sync(store)
            assert rep.ok, rep.error
            first[label] = (time.perf_counter() - t0, rep.pushed, rep.bytes_up)
        # Wall time, and CPU time of this process (the PC's side) and of the server process: the
        # machine is shared, so CPU seconds say what the work costs when wall time is noisy.
        timings = {label: {kind: [] for kind in ("push", "idle")} for label in stores}
        server_pid = srv.proc.pid

        def timed(store) -> tuple[object, tuple[float, float, float]]:
            w0, c0, s0 = time.perf_counter(), time.process_time(), cpu_seconds(server_pid)
            report = syncing.run_sync(store)
            return report, (time.perf_counter() - w0, time.process_time() - c0, cpu_seconds(server_pid) - s0)

        for round_no in range(ROUNDS):  # interleaved, so both see the same load on this shared machine
            for label, store in stores.items():
                with store.transaction() as tx:
                    for i in range(1000):
                        letters.register(tx, "masuk", letter_fields(rnd, 10 * n + round_no * 1000 + i + 1),
                                         actor="ani")
                push, cost = timed(store)
                assert push.ok
                timings[label]["push"].append(cost)
                idle, cost = timed(store)
                assert idle.ok and idle.requests == 1, idle.requests
                timings[label]["idle"].append(cost)

        def med(label: str, kind: str, i: int, scale: float = 1.0) -> float:
            return statistics.median(c[i] for c in timings[label][kind]) * scale

        print(f"| office | first push (records, bytes up per record) | push 1,000 new letters: wall / PC CPU / "
              f"server CPU (median of {ROUNDS}) | idle sync: wall / PC CPU / server CPU (median of {ROUNDS}) | "
              "Sinkronisasi page's attachment line |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for label, store in stores.items():
            t0 = time.perf_counter()
            assert attachment_sync.state(store).waiting == 0
            state_ms = (time.perf_counter() - t0) * 1000
            secs, pushed, up = first[label]
            print(f"| {label} {n:,} attachments | {secs:.0f} s ({pushed:,}, {up / pushed:.0f} B) | "
                  f"{med(label, 'push', 0):.2f} s / {med(label, 'push', 1):.2f} s / {med(label, 'push', 2):.2f} s | "
                  f"{med(label, 'idle', 0, 1000):.0f} ms / {med(label, 'idle', 1, 1000):.0f} ms / "
                  f"{med(label, 'idle', 2, 1000):.0f} ms | {state_ms:.1f} ms |")
            store.close()
        print(f"  (load average {loadavg()} at the end; CPU times at the server are /proc ticks of 10 ms)")
    finally:
        srv.stop()


def run() -> None:
    os.environ["LAYAN_TOKEN_STORE"] = "file"
    root = Path(tempfile.mkdtemp(prefix="layan-bench-att."))
    print(f"- machine: {machine()}; server and clients on it, over 127.0.0.1")
    if "1" in PARTS:
        part_link(root)
    if "2" in PARTS:
        part_cuts(root)
    if "3" in PARTS:
        part_records(root)
