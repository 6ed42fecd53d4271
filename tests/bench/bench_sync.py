"""Sync against the real server process (``python -m sync.server.cli serve``), on loopback.

1. Bytes on the wire per letter, push and pull, for batches of 10, 100 and 1,000, against the
   letters' fields as compact JSON (goal: ≤ 25 % for 100+); HTTP requests per incremental sync
   (goal: 1) and when number blocks or transfers add some. Real desktop stores, enrolled.
2. A second PC's initial sync of 10,000 letters through the link emulator (64 kbit/s each way,
   300 ms one-way = 600 ms RTT), against the link's own limit (goal: within 1.2×), with the
   engine's page (DEFAULT_PAGE) and with the protocol's largest page (1,000).
3. Server throughput: 50 devices (5 processes × 10 threads, each its own SyncClient and engine)
   pushing 2,000 new letters each in pages of 200, on SQLite, PostgreSQL, PostgreSQL --workers 2
   (goals: ≥ 2,000/s SQLite, ≥ 10,000/s PostgreSQL).
4. A fresh device's initial sync of 100,000 letters (seeded by HTTP pushes of 1,000 from one
   device), on SQLite and PostgreSQL.
5. Pushes from a real desktop store with the engine's own page sizes: 2,000 letters over the link
   emulator against the gzip floor of the records (goal ≤ 1.3×); 10,000 on loopback (goal ≥ 5,000
   letters/s); an outbox of 1,000, 10,000 and 100,000 (``LAYAN_BENCH_OUTBOX_BIG``), each pushed
   ``LAYAN_BENCH_OUTBOX_ROUNDS`` times (3) by a store opened afresh, its checkpoint included: same rate, CPU and
   bytes read and written per letter; a second PC pulling those 100,000, the same CPU per letter in its first and
   last pages.

Run: ``.venv/bin/python -m tests.bench sync``. ``LAYAN_BENCH_SYNC_PARTS=1,3`` runs some parts
only; ``LAYAN_BENCH_SYNC_SCALE=0.1`` shrinks every count (a quick check, not a measurement).
PostgreSQL: ``LAYAN_TEST_PG_URL`` if set, else a throwaway cluster from scripts/start-postgres.sh
(fsync off), stopped at the end. Everything binds to 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import random
import resource
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import uuid6

from sync import hlc
from sync.client import SyncClient
from sync.engine import sync_once
from sync.protocol import DEFAULT_PAGE, MAX_MUTATIONS, SCHEMA_V, dumps

from .dataset import KLASIFIKASI, SENDERS, SIFAT, WORDS

ROOT = Path(__file__).resolve().parents[2]
SCALE = float(os.environ.get("LAYAN_BENCH_SYNC_SCALE", "1"))
PARTS = {p.strip() for p in os.environ.get("LAYAN_BENCH_SYNC_PARTS", "1,2,3,4,5").split(",") if p.strip()}

RATE_BPS = 64_000
LATENCY_MS = 300  # one way: RTT 600 ms
RTT_S = 2 * LATENCY_MS / 1000

BATCHES = (10, 100, 1000)
LINK_LETTERS = 10_000
DEVICES, PROCS = 50, 5
PER_DEVICE = 2_000
PUSH_PAGE = 200
INITIAL = 100_000
SEED_PAGE = MAX_MUTATIONS


def scaled(n: int) -> int:
    return max(1, int(n * SCALE))


# --- realistic letters ---------------------------------------------------------------------------
MORE_WORDS = ("penyaluran dana desa tahap pertama kedua ketiga verifikasi usulan peserta pelatihan aparatur "
              "evaluasi realisasi anggaran pendapatan belanja pengadaan barang jasa permintaan narasumber "
              "musyawarah perencanaan pembangunan penanganan stunting imunisasi posyandu pendataan keluarga "
              "miskin penerima bantuan pangan beras cadangan pemerintah perbaikan jembatan gorong-gorong "
              "pengaduan masyarakat tanah ulayat adat penertiban pasar sentral timika pemutakhiran dokumen "
              "kependudukan kartu identitas anak akta kelahiran kematian perkawinan pindah datang").split()
VOCAB = tuple(WORDS) + tuple(MORE_WORDS)
SENDER_CODES = ("SETDA", "DUKCAPIL", "DINKES", "DINSOS", "DISDIK", "BAPPEDA", "BPS", "POLSEK-MB", "KWAMKI",
                "PTFI", "BPKAD", "DPMK")
DITERUSKAN = ("Sekretaris Distrik", "Kepala Seksi Pemerintahan", "Kepala Seksi Kesejahteraan Sosial",
              "Kepala Seksi Ketenteraman dan Ketertiban Umum", "Kepala Seksi Pemberdayaan Masyarakat Kampung",
              "Bendahara Pengeluaran")


def letter_fields(rnd: random.Random, seq: int, year: int = 2025) -> dict:
    """An incoming letter as a clerk types it (agenda-book import path: explicit year and seq)."""
    day = rnd.randint(0, 359)
    received = f"{year}-{1 + day // 30:02d}-{1 + day % 28:02d}"
    written = f"{year}-{1 + day // 30:02d}-{1 + max(0, day % 28 - rnd.randint(0, 6)):02d}"
    k = rnd.choice(KLASIFIKASI)
    fields = {
        "year": year, "seq": seq, "tanggal_terima": received, "tanggal_surat": written,
        "asal": rnd.choice(SENDERS),
        "nomor_surat": f"{k}/{rnd.randint(1, 2999):04d}/{rnd.choice(SENDER_CODES)}/{year}",
        "perihal": " ".join(rnd.choice(VOCAB) for _ in range(rnd.randint(6, 14))).capitalize(),
        "sifat": rnd.choice(SIFAT), "klasifikasi": k, "lampiran": rnd.randint(0, 5),
    }
    if rnd.random() < 0.6:
        fields["diteruskan_kepada"] = rnd.choice(DITERUSKAN)
    if rnd.random() < 0.4:
        fields["keterangan"] = " ".join(rnd.choice(VOCAB) for _ in range(rnd.randint(5, 12))).capitalize()
    return fields


def wire_letter(rnd: random.Random, seq: int, actor: str) -> dict:
    """The same letter as the desktop's outbox sends it on creation (with direction and system fields)."""
    now = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + f".{rnd.randint(0, 999):03d}Z"
    return {**letter_fields(rnd, seq), "direction": "masuk", "created_at": now, "created_by": actor,
            "updated_at": now, "updated_by": actor}


def compact_len(obj) -> int:
    return len(dumps(obj))


# --- small helpers -------------------------------------------------------------------------------
def machine() -> str:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
        mem_gb = f"{mem / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        mem_gb = "? RAM"
    return f"{os.cpu_count()} cores ({cpu}), {mem_gb}"


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of ``pid`` and every live descendant, plus reaped children's."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = open(f"/proc/{entry}/stat").read()
        except OSError:
            continue
        fields = text[text.rfind(")") + 2:].split()
        stats[int(entry)] = (int(fields[1]), [int(x) for x in fields[11:15]])  # ppid, utime stime cutime cstime
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen or p not in stats:
            continue
        seen.add(p)
        _, (ut, st, cut, cst) = stats[p]
        total += ut + st + (cut + cst if p == pid else 0)
        todo += [c for c, (ppid, _) in stats.items() if ppid == p]
    return total / tick


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, all cores (/proc/stat)."""
    vals = [int(x) for x in open("/proc/stat").readline().split()[1:9]]
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(vals) - vals[3] - vals[4]) / tick, sum(vals) / tick


class Load:
    """How busy the whole machine was between start and stop (other programs share these 2 cores)."""

    def __init__(self):
        self.busy0, _ = machine_cpu()
        self.t0 = time.perf_counter()

    def cores(self) -> float:
        busy, _ = machine_cpu()
        return (busy - self.busy0) / (time.perf_counter() - self.t0)


def loadavg() -> str:
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else 0.0


class CountingClient(SyncClient):
    """The real client; also counts the sync bodies' uncompressed JSON sizes."""

    def __init__(self, *a, keep: bool = False, **kw):
        super().__init__(*a, **kw)
        self.json_up = 0
        self.json_down = 0
        self.replies: list[dict] = []
        self.keep = keep

    def sync_page(self, request: dict) -> dict:
        reply = super().sync_page(request)
        if self.keep:
            self.replies.append(reply)
        self.json_up += compact_len({**request, "app_version": request.get("app_version", self.app_version)})
        self.json_down += compact_len(reply)
        return reply


def _servers():
    from tests.integration.conftest import ServerProc

    class BenchServer(ServerProc):
        """ServerProc, optionally with ``serve --workers N`` (PostgreSQL)."""

        def __init__(self, data_dir, db_url=None, workers: int = 1):
            super().__init__(data_dir, db_url)
            self.workers = workers
            self._serving = False

        def start(self, port=None):
            self._serving = True
            try:
                return super().start(port)
            finally:
                self._serving = False

        def db_args(self):
            extra = ["--workers", str(self.workers)] if self._serving and self.workers > 1 else []
            return super().db_args() + extra

        def enroll_code(self, office: str) -> str:
            code, _ = self.storage.create_enroll_code(office, 1)
            return code

    return BenchServer


class Postgres:
    """LAYAN_TEST_PG_URL, or a throwaway cluster from scripts/start-postgres.sh (stopped by stop())."""

    def __init__(self):
        self.dir: Path | None = None
        self.url = os.environ.get("LAYAN_TEST_PG_URL")
        self.error = ""
        if self.url:
            return
        self.dir = Path(tempfile.mkdtemp(prefix="layan-bench-pg."))
        try:
            out = subprocess.run(["bash", str(ROOT / "scripts" / "start-postgres.sh"), "start", str(self.dir)],
                                 capture_output=True, text=True, timeout=120)
            if out.returncode == 0:
                self.url = out.stdout.strip().splitlines()[-1]
            else:
                self.error = (out.stderr or out.stdout).strip()[-300:]
        except (OSError, subprocess.TimeoutExpired) as e:
            self.error = str(e)

    def database(self) -> str:
        from tests.integration.conftest import create_pg_database

        return create_pg_database(self.url)

    def postmaster_pid(self) -> int | None:
        try:
            return int((self.dir / "data" / "postmaster.pid").read_text().split()[0]) if self.dir else None
        except (OSError, ValueError, IndexError):
            return None

    def stop(self) -> None:
        if self.dir is not None:
            subprocess.run(["bash", str(ROOT / "scripts" / "start-postgres.sh"), "stop", str(self.dir)],
                           capture_output=True, timeout=60)
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None


def desktop_pc(srv, root: Path, office: str, name: str, *, initialize: bool):
    """A real desktop store, enrolled with ``srv`` (takes its office from the server if not initialized)."""
    from desktop.domain import office as office_mod
    from desktop.domain import open_store, syncing

    store = open_store(root / name)
    if initialize:
        office_mod.initialize(store, code=office, name=f"Kantor {office}", kind="distrik")
    syncing.enroll(store, srv.url, srv.enroll_code(office), device_name=name)
    return store


# --- part 1: bytes per record, requests per sync -------------------------------------------------
def part_bytes(root: Path) -> None:
    from desktop.domain import complaints, letters, syncing
    from desktop.store.replica import StoreReplica

    print(f"\n### 1. Bytes per letter and requests per sync (real desktop stores, SQLite server; load average {loadavg()})")
    srv = _servers()(root / "srv1").start()
    stores = []
    try:
        office, other = srv.new_office(), srv.new_office()
        pc1 = desktop_pc(srv, root, office, "pc1", initialize=True)
        pc2 = desktop_pc(srv, root, office, "pc2", initialize=False)
        stores += [pc1, pc2]
        for store in (pc1, pc2):
            assert syncing.run_sync(store).ok
        rnd = random.Random(1)
        seq = 0
        print("| batch | direction | body bytes/letter (gzip) | compact JSON of the fields/letter | ratio | "
              "protocol JSON/letter (uncompressed) | requests |")
        print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
        for n in (scaled(b) for b in BATCHES):
            for _ in range(n):
                seq += 1
                letters.register_incoming(pc1, letter_fields(rnd, seq), actor="ani")
            raw = sum(compact_len(m["fields"]) for m in StoreReplica(pc1).pending_mutations(n)) / n
            for direction, store in (("push", pc1), ("pull", pc2)):
                client = CountingClient(srv.url, syncing.tokens(store).load(), keep=direction == "pull")
                try:
                    rep = syncing.run_sync(store, client=client)
                finally:
                    client.close()
                assert rep.ok and (rep.applied if direction == "push" else rep.pulled) == n, rep
                wire = (rep.bytes_up if direction == "push" else rep.bytes_down) / n
                js = (client.json_up if direction == "push" else client.json_down) / n
                print(f"| {n:,} | {direction} | {wire:.0f} | {raw:.0f} | {wire / raw:.1%} | {js:.0f} | {rep.requests} |")
                if direction == "push":
                    print(f"| {n:,} | push reply (echo of the pushed letters) | {rep.bytes_down / n:.0f} | "
                          f"{raw:.0f} | {rep.bytes_down / n / raw:.1%} | {client.json_down / n:.0f} | — |")
        what_if(client.replies, n, raw)
        # Requests per incremental sync, counted by the client itself: run_sync's report counts only
        # the engine's /v1/sync requests, not the /v1/blocks and /v1/transfer calls made after it.
        def synced(store) -> tuple[int, int, int, int]:
            client = CountingClient(srv.url, syncing.tokens(store).load())
            try:
                rep = syncing.run_sync(store, client=client)
            finally:
                client.close()
            assert rep.ok, rep
            return client.requests, client.bytes_up, client.bytes_down, rep.requests

        first = pc1.read().execute("SELECT id FROM letters ORDER BY rowid LIMIT 1").fetchone()[0]
        letters.update_letter(pc1, first, {"perihal": "Undangan rapat koordinasi (jadwal diubah)"}, actor="ani")
        req, up, down, _ = synced(pc1)
        print(f"- one edit (update_letter), then run_sync: **{req} request**, {up} B up, {down} B down (bodies)")
        req, up, down, _ = synced(pc2)
        print(f"- the other PC pulls that edit: {req} request, {up} B up, {down} B down")
        req, up, down, _ = synced(pc2)
        print(f"- nothing to do: {req} request, {up} B up, {down} B down")
        counts, reported = [], []
        for _ in range(30):  # new letters numbered from the server's 50-number block, one sync each
            letters.register_incoming(pc1, {"tanggal_terima": time.strftime("%Y-%m-%d"), "asal": "Dinas Sosial",
                                            "perihal": "Undangan rapat", "sifat": "biasa"}, actor="ani")
            req, _, _, rep_req = synced(pc1)
            counts.append(req)
            reported.append(rep_req)
        extra = [i + 1 for i, c in enumerate(counts) if c > 1]
        print(f"- 30 syncs, each after one new letter numbered from the block (BLOCK_SIZE 50, top-up below 25 "
              f"left): requests {''.join(map(str, counts))}; the sync(s) after letter {extra} also fetched a "
              f"number block (SyncReport.requests said {''.join(map(str, reported))})")
        c = complaints.new_complaint(pc1, {
            "channel": "langsung", "anonim": False, "pelapor_nama": "Maria Beanal", "pelapor_kontak": "0812 3456 7890",
            "kategori": "Infrastruktur", "kampung": "Kwamki", "distrik": "Kwamki Narama",
            "uraian": "Jalan kampung rusak berat sejak banjir"}, actor="ani")
        complaints.advance(pc1, c["id"], "diverifikasi", actor="ani")
        complaints.forward(pc1, c["id"], other, actor="ani")
        req, _, _, rep_req = synced(pc1)
        print(f"- a forwarded complaint, then run_sync: {req} requests (sync, transfer, sync again for the "
              f"read-only stub; SyncReport.requests said {rep_req})")
    finally:
        for s in stores:
            s.close()
        srv.stop()


def what_if(replies: list[dict], n: int, raw: float) -> None:
    """The last pull's replies re-encoded (computed, not sent): where the pull's bytes go."""
    import copy
    import gzip

    def size(transform, level: int = 6) -> float:
        return sum(len(gzip.compress(dumps(transform(r)), level, mtime=0)) for r in replies) / n

    def lean(reply: dict) -> dict:
        reply = copy.deepcopy(reply)
        for ch in reply["changes"]:
            ch["field_hlc"] = {k: v for k, v in ch["field_hlc"].items() if v != ch["hlc"]}
        return reply

    def fields_only(reply: dict) -> list:
        return [ch["fields"] for ch in reply["changes"]]

    rows = [("as sent (gzip level 6)", size(lambda r: r)), ("gzip level 9", size(lambda r: r, 9)),
            ("field_hlc without the stamps equal to the record's hlc", size(lean)),
            ("the same, gzip level 9", size(lean, 9)), ("only the fields (lower bound)", size(fields_only))]
    print(f"- what-if, the {n:,}-letter pull's replies re-encoded (computed, not measured on the wire): "
          + "; ".join(f"{what} {b:.0f} B/letter ({b / raw:.1%})" for what, b in rows))


# --- part 2: 10,000 letters through a 64 kbit/s, 600 ms RTT link -----------------------------------
def part_link(root: Path) -> None:
    from desktop.domain import letters, syncing
    from desktop.store.replica import StoreReplica
    from tests.tools.linkemu import LinkEmulator

    n = scaled(LINK_LETTERS)
    print(f"\n### 2. Second PC's initial sync of {n:,} letters through the link emulator "
          f"({RATE_BPS // 1000} kbit/s each way, {LATENCY_MS} ms one-way = {RTT_S * 1000:.0f} ms RTT; "
          f"load average {loadavg()})")
    srv = _servers()(root / "srv2").start()
    stores = []
    try:
        office = srv.new_office()
        pc1 = desktop_pc(srv, root, office, "link-pc1", initialize=True)
        stores.append(pc1)
        rnd = random.Random(2)
        t0 = time.perf_counter()
        done = 0
        while done < n:
            with pc1.transaction() as tx:
                for _ in range(min(500, n - done)):
                    done += 1
                    letters.register(tx, "masuk", letter_fields(rnd, done), actor="ani")
        t1 = time.perf_counter()
        rep = syncing.run_sync(pc1)
        assert rep.ok and rep.applied == n, rep
        print(f"- setup: {n:,} letters registered on PC 1 in {t1 - t0:.1f} s (letters.register, 500 per "
              f"transaction), pushed directly in {time.perf_counter() - t1:.1f} s ({rep.requests} requests)")
        print("| page | measured | link limit (all bytes ÷ rate + RTTs) | measured ÷ limit | bytes down (link) | "
              "bytes up (link) | body bytes/letter | requests + TCP connects | local apply |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for page in (DEFAULT_PAGE, MAX_MUTATIONS):
            pc = desktop_pc(srv, root, office, f"link-pc-{page}", initialize=False)
            stores.append(pc)
            with LinkEmulator(srv.port, rate_bps=RATE_BPS, latency_ms=LATENCY_MS, seed=1) as link:
                client = SyncClient(f"http://127.0.0.1:{link.port}", syncing.tokens(pc).load(), timeout=(15, 120))
                replica = StoreReplica(pc)
                applying = [0.0]
                real_apply = replica.apply_changes

                def timed_apply(changes, cursor, real_apply=real_apply, applying=applying):
                    a = time.perf_counter()
                    real_apply(changes, cursor)
                    applying[0] += time.perf_counter() - a

                replica.apply_changes = timed_apply
                try:
                    load = Load()
                    t0 = time.perf_counter()
                    rep = sync_once(replica, client, page_size=page)  # what run_sync does, with this page
                    elapsed = time.perf_counter() - t0
                    busy = load.cores()
                finally:
                    client.close()
                link.wait_idle(10)
                stats = link.stats
            assert rep.ok and rep.pulled >= n, rep
            round_trips = rep.requests + stats.connections
            limit = (stats.bytes_up + stats.bytes_down) * 8 / RATE_BPS + round_trips * RTT_S
            print(f"| {page} | {elapsed:.1f} s | {limit:.1f} s | {elapsed / limit:.2f}× | {stats.bytes_down:,} | "
                  f"{stats.bytes_up:,} | {rep.bytes_down / n:.1f} | {rep.requests} + {stats.connections} | "
                  f"{applying[0]:.1f} s |")
            headers = (stats.bytes_up + stats.bytes_down - rep.bytes_up - rep.bytes_down) / rep.requests
            print(f"  (page {page}: {rep.pulled:,} changes; HTTP headers ≈ {headers:.0f} B per request "
                  f"round trip; body-only limit {(rep.bytes_up + rep.bytes_down) * 8 / RATE_BPS + round_trips * RTT_S:.1f} s; "
                  f"machine busy {busy:.1f} of {os.cpu_count()} cores)")
    finally:
        for s in stores:
            s.close()
        srv.stop()


# --- part 3: server throughput, 50 devices ---------------------------------------------------------
def new_letters(device_id: str, seed: int, n: int, first_mseq: int = 1) -> list[dict]:
    """``n`` new letters in outbox form, as a PC creates them (same seed, same letters)."""
    rnd, clock = random.Random(seed), hlc.Clock(device_id)
    return [{"mseq": first_mseq + i, "collection": "letters", "id": str(uuid6.uuid7()), "op": "put",
             "base_rev": 0, "fields": wire_letter(rnd, first_mseq + i, "bench"), "hlc": clock.now(),
             "actor": "bench"} for i in range(n)]


class PushReplica:
    """A ``LocalReplica`` whose outbox is a given list of mutations, handed out oldest first; it takes
    "exact" acknowledgements (no echo: the server need not send its letters back) and counts the changes
    it pulls. The real engine runs over it (parts 3 and 4 here; bench_workers records and sends with it)."""

    no_echo = True

    def __init__(self, device_id: str, mutations: list[dict]):
        self._device, self._muts = device_id, mutations
        self._acked = self._cursor = self.pulled = 0

    def device_id(self) -> str:
        return self._device

    def pending_mutations(self, limit: int) -> list[dict]:
        return self._muts[self._acked:self._acked + limit]

    def outbox_size(self) -> int:
        return len(self._muts) - self._acked

    def acknowledge(self, upto_mseq: int, results: list[dict]) -> None:
        self._acked = max(self._acked, upto_mseq - self._muts[0]["mseq"] + 1) if self._muts else 0

    def cursor(self) -> int:
        return self._cursor

    def apply_changes(self, changes: list[dict], cursor: int) -> None:
        self.pulled += len(changes)
        self._cursor = cursor

    def observe_server_time(self, server_ms: int, sent_ms: int, received_ms: int) -> None:
        pass


class GenReplica(PushReplica):
    """A device that only creates letters: ``total`` of them, pre-generated from ``seed``."""

    def __init__(self, device_id: str, office: str, total: int, seed: int):
        super().__init__(device_id, new_letters(device_id, seed, total))
        self.raw_bytes = sum(compact_len(m["fields"]) for m in self._muts)


def _device_proc(url: str, devices: list[tuple[str, str, str]], per_device: int, page: int, ready, go, out) -> None:
    """One client process: a thread per device, each with its own SyncClient and engine run."""
    replicas = [GenReplica(dev_id, office, per_device, seed=int(dev_id.replace("-", "")[-8:], 16)) for dev_id, _tok, office in devices]
    clients = [TimedClient(url, tok, timeout=(15, 300), retries=2) for _dev, tok, _o in devices]
    results = [None] * len(devices)

    def work(i: int) -> None:
        t0 = time.perf_counter()
        rep = sync_once(replicas[i], clients[i], page_size=page)
        results[i] = {"ok": rep.ok, "error": repr(rep.error) if rep.error else None, "applied": rep.applied,
                      "rejected": rep.rejected, "requests": rep.requests, "pulled": replicas[i].pulled,
                      "start": t0, "end": time.perf_counter(), "latencies": clients[i].latencies,
                      "bytes_up": rep.bytes_up}

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(len(devices))]
    ready.put(os.getpid())
    if not go.wait(120):
        out.put({"pid": os.getpid(), "results": [], "cpu": 0.0, "error": "never started"})
        return
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    for c in clients:
        c.close()
    out.put({"pid": os.getpid(), "results": [r for r in results if r is not None],
             "cpu": (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), "error": None})


class TimedClient(SyncClient):
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.latencies: list[float] = []

    def sync_page(self, request: dict) -> dict:
        t0 = time.perf_counter()
        try:
            return super().sync_page(request)
        finally:
            self.latencies.append((time.perf_counter() - t0) * 1000)


def throughput(srv, label: str, pg: Postgres | None = None) -> None:
    from tests.integration.conftest import APP_VERSION

    n_dev, per = DEVICES, scaled(PER_DEVICE)
    devices = []
    for i in range(n_dev):
        office = srv.new_office()
        with SyncClient(srv.url, app_version=APP_VERSION) as c:
            reply = c.enroll(srv.enroll_code(office), f"bench-{i}")
        devices.append((reply["device_id"], reply["token"], office))
    ctx = multiprocessing.get_context("spawn")
    ready, out, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    groups = [devices[i::PROCS] for i in range(PROCS)]
    procs = [ctx.Process(target=_device_proc, args=(srv.url, g, per, PUSH_PAGE, ready, go, out), daemon=True)
             for g in groups]
    for p in procs:
        p.start()
    try:
        for _ in procs:
            ready.get(timeout=180)
        time.sleep(0.5)
        server_cpu0 = cpu_seconds(srv.proc.pid)
        pm = pg.postmaster_pid() if pg else None
        pg_cpu0 = cpu_seconds(pm) if pm else 0.0
        load = Load()
        t0 = time.perf_counter()
        go.set()
        outs = [out.get(timeout=900) for _ in procs]
        wall = time.perf_counter() - t0
        machine = load.cores()
        server_cpu = cpu_seconds(srv.proc.pid) - server_cpu0
        pg_cpu = (cpu_seconds(pm) - pg_cpu0) if pm else 0.0
    finally:
        for p in procs:
            p.join(30)
            if p.is_alive():
                p.terminate()
                p.join(10)
    results = [r for o in outs for r in o["results"]]
    errors = [r["error"] for r in results if not r["ok"]] + [o["error"] for o in outs if o["error"]]
    applied = sum(r["applied"] for r in results)
    # Busy window: from the first device's start to the last one's end (the processes share a clock).
    span = max(r["end"] for r in results) - min(r["start"] for r in results) if results else wall
    lat = [x for r in results for x in r["latencies"]]
    client_cpu = sum(o["cpu"] for o in outs)
    others = max(0.0, machine - (server_cpu + pg_cpu + client_cpu) / wall)
    per_cpu = applied / (server_cpu + pg_cpu) if server_cpu + pg_cpu else 0
    print(f"| {label} | {applied:,} | {span:.1f} s | **{applied / span:,.0f}/s** | {statistics.median(lat):.0f} / "
          f"{pct(lat, 0.95):.0f} ms | {server_cpu / span:.2f} | {pg_cpu / span:.2f} | {client_cpu / span:.2f} | "
          f"{others:.2f} | {per_cpu:,.0f} | {len(errors)} |")
    if errors:
        print(f"  errors: {errors[:3]}")
    if sum(r["rejected"] for r in results):
        print(f"  rejected: {sum(r['rejected'] for r in results)}")


def part_throughput(root: Path, pg: Postgres) -> None:
    BenchServer = _servers()
    per = scaled(PER_DEVICE)
    print(f"\n### 3. Server throughput: {DEVICES} devices ({PROCS} processes × {DEVICES // PROCS} threads, one "
          f"SyncClient + sync_once each), {per:,} new letters per device in pages of {PUSH_PAGE}; "
          f"load average {loadavg()}")
    print("| server | applied | busy time | applied/s | page latency median / p95 | server CPU (cores) | "
          "PostgreSQL CPU (cores) | client CPU (cores) | other programs (cores) | applied per server+PG CPU-second | "
          "errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    srv = BenchServer(root / "srv3-sqlite").start()
    try:
        throughput(srv, "SQLite, 1 process")
    finally:
        srv.stop()
    if not pg.url:
        print(f"- PostgreSQL: not available ({pg.error})")
        return
    for workers in (1, 2):
        srv = BenchServer(root / f"srv3-pg{workers}", pg.database(), workers=workers).start()
        try:
            time.sleep(2 if workers > 1 else 0)  # every worker up
            throughput(srv, f"PostgreSQL, --workers {workers}", pg)
        finally:
            srv.stop()


# --- part 5: pushing from a real desktop store: slow link, loopback, long outbox ---------------------
LINK_PUSH = 2_000
LOOPBACK_PUSH = 10_000
OUTBOX_SMALL = 1_000
OUTBOX_MID = 10_000
OUTBOX_BIG = int(os.environ.get("LAYAN_BENCH_OUTBOX_BIG", "100000"))
OUTBOX_ROUNDS = int(os.environ.get("LAYAN_BENCH_OUTBOX_ROUNDS", "3"))  # pushes per outbox size


def fill_outbox(store, n: int, rnd: random.Random, first_seq: int = 1) -> None:
    """``n`` letters registered (agenda-book path, 500 per transaction): ``n`` outbox entries waiting."""
    from desktop.domain import letters

    done = 0
    while done < n:
        with store.transaction() as tx:
            for _ in range(min(500, n - done)):
                letters.register(tx, "masuk", letter_fields(rnd, first_seq + done), actor="ani")
                done += 1


def gzip_floor_bytes(mutations: list[dict]) -> int:
    """The records pushed (id and fields), as one gzip stream: what a link must carry at least."""
    import gzip

    return len(gzip.compress(dumps([{"id": m["id"], "fields": m["fields"]} for m in mutations]), 6, mtime=0))


def push(store, url: str, token: str, on_progress=None):
    """The engine as run_sync runs it (its own page sizes), timed; (report, seconds)."""
    from desktop.store.replica import StoreReplica

    client = SyncClient(url, token, timeout=(15, 300))
    try:
        t0 = time.perf_counter()
        rep = sync_once(StoreReplica(store), client, on_progress=on_progress)
        return rep, time.perf_counter() - t0
    finally:
        client.close()


def push_folded(store, url: str, token: str, on_progress=None):
    """push(), then the checkpoint its writes owe the database file; (report, seconds of both). A push shorter
    than ~1,400 letters leaves that checkpoint to whatever writes next, a longer one pays one every ~1,400
    letters inside the push: folded here, every outbox size pays its own (docs/BENCHMARKS.md, "Sync at scale")."""
    t0 = time.perf_counter()
    rep, _ = push(store, url, token, on_progress)
    store._fold_wal()
    return rep, time.perf_counter() - t0


def reopened(stores: list, store, path: Path):
    """``store`` closed and opened afresh, as after the app was started again (kept in ``stores``)."""
    from desktop.domain import open_store

    stores.remove(store)
    store.close()
    store = open_store(path)
    stores.append(store)
    return store


def cpu_per_letter(marks: list[tuple[int, float]], first: bool) -> float | None:
    """PC CPU per letter (µs) of the first or the last tenth of a push's pages, from (letters pushed, CPU seconds)
    after each page; None for a push of fewer than 10 pages."""
    if len(marks) < 11:
        return None
    tenth = len(marks) // 10
    a, b = (marks[0], marks[tenth]) if first else (marks[-1 - tenth], marks[-1])
    return (b[1] - a[1]) * 1e6 / (b[0] - a[0])


class CollectorTime:
    """CPU seconds this process spent in Python's cyclic garbage collector while in the ``with`` block. A long
    push runs full collections that a short one leaves to whatever runs next (like its checkpoints)."""

    def __init__(self):
        self.seconds = 0.0
        self._start = 0.0

    def _timed(self, phase: str, _info: dict) -> None:
        if phase == "start":
            self._start = time.process_time()
        else:
            self.seconds += time.process_time() - self._start

    def __enter__(self):
        gc.callbacks.append(self._timed)
        return self

    def __exit__(self, *exc) -> None:
        gc.callbacks.remove(self._timed)


def io_bytes() -> tuple[int, int]:
    """(bytes read, bytes written) by this process so far: SQLCipher reads and writes whole 4 KiB pages of the
    database and its WAL, one system call each. (0, 0) where Linux does not count them."""
    try:
        counters = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
    except OSError:
        return 0, 0
    return int(counters["rchar"]), int(counters["wchar"])


def with_cpu(srv, work, *args):
    """(work(*args), CPU seconds of this process, of the server process) while ``work`` ran."""
    server0, own0 = cpu_seconds(srv.proc.pid), resource.getrusage(resource.RUSAGE_SELF)
    result = work(*args)
    own1 = resource.getrusage(resource.RUSAGE_SELF)
    return (result, (own1.ru_utime - own0.ru_utime) + (own1.ru_stime - own0.ru_stime),
            cpu_seconds(srv.proc.pid) - server0)


def pull_backlog(srv, root: Path, office: str, n: int) -> None:
    """A second PC of ``office`` pulls its ``n`` letters; CPU per letter (this process, the server) of the
    first and of the last tenth of the pages: flat when applying a page costs the same however many
    letters the store already holds."""
    from desktop.domain import syncing

    store = desktop_pc(srv, root, office, f"pull-{n}", initialize=False)
    marks = []  # (letters pulled, own CPU, server CPU) after each page

    def page_done(report) -> None:
        marks.append((report.pulled, time.process_time(), cpu_seconds(srv.proc.pid)))

    try:
        marks.append((0, time.process_time(), cpu_seconds(srv.proc.pid)))
        t0 = time.perf_counter()
        rep = syncing.run_sync(store, on_progress=page_done)
        elapsed = time.perf_counter() - t0
    finally:
        store.close()
    assert rep.ok and rep.pulled >= n, rep
    tenth = max(len(marks) // 10, 1)

    def per_letter(a, b) -> str:
        letters_ = b[0] - a[0]
        return f"PC {(b[1] - a[1]) * 1e6 / letters_:.0f} µs, server {(b[2] - a[2]) * 1e6 / letters_:.0f} µs"

    print(f"- d) a second PC of that office pulls its {rep.pulled:,} letters: **{rep.pulled / elapsed:,.0f} "
          f"letters/s** ({elapsed:.1f} s, {rep.requests} requests); CPU per letter, first tenth of the pages: "
          f"{per_letter(marks[0], marks[tenth])}; last tenth: **{per_letter(marks[-1 - tenth], marks[-1])}**; "
          f"load average {loadavg()}")


def apply_cost(store, n_outbox: int, rnd: random.Random) -> float:
    """Seconds to apply 1,000 incoming letters (another PC's) with ``n_outbox`` entries waiting here."""
    from desktop.store.replica import StoreReplica

    stamp = hlc.Clock("other-pc").now()
    office = store.office_id
    changes = [{"collection": "letters", "id": str(uuid6.uuid7()), "office_id": office, "rev": 10**9 + i,
                "hlc": stamp, "deleted": False, "fields": {**wire_letter(rnd, 900_000 + i, "budi"), "year": 2024},
                "field_hlc": {}} for i in range(1000)]
    replica = StoreReplica(store)
    cursor = replica.cursor()
    t0 = time.perf_counter()
    replica.apply_changes(changes, cursor)
    return time.perf_counter() - t0


def part_push(root: Path) -> None:
    from desktop.domain import syncing
    from tests.tools.linkemu import LinkEmulator

    print(f"\n### 5. Pushing from a real desktop store (engine's own page sizes; SQLite server; load average "
          f"{loadavg()})")
    srv = _servers()(root / "srv5").start()
    stores = []
    try:
        rnd = random.Random(5)
        # a) 2,000 letters over 64 kbit/s, 600 ms RTT, against the gzip floor of the records themselves
        n = scaled(LINK_PUSH)
        office = srv.new_office()
        pc = desktop_pc(srv, root, office, "push-link", initialize=True)
        stores.append(pc)
        assert syncing.run_sync(pc).ok
        fill_outbox(pc, n, rnd)
        from desktop.store.replica import StoreReplica

        floor_bytes = gzip_floor_bytes(StoreReplica(pc).pending_mutations(n))
        floor = floor_bytes * 8 / RATE_BPS + RTT_S
        with LinkEmulator(srv.port, rate_bps=RATE_BPS, latency_ms=LATENCY_MS, seed=5) as link:
            rep, elapsed = push(pc, f"http://127.0.0.1:{link.port}", syncing.tokens(pc).load())
            link.wait_idle(10)
            stats = link.stats
        assert rep.ok and rep.applied == n, rep
        print(f"- a) {n:,} letters over {RATE_BPS // 1000} kbit/s, {RTT_S * 1000:.0f} ms RTT: **{elapsed:.1f} s** "
              f"against a floor of {floor:.1f} s (gzip of the records, {floor_bytes:,} B, ÷ rate + one RTT) = "
              f"**{elapsed / floor:.2f}×**; {rep.requests} requests + {stats.connections} connects; link "
              f"{stats.bytes_up:,} B up, {stats.bytes_down:,} B down; SyncReport: {rep.pushed} pushed, "
              f"{rep.pulled} pulled")
        # b) loopback push of 10,000 letters
        n = scaled(LOOPBACK_PUSH)
        pc = desktop_pc(srv, root, srv.new_office(), "push-loop", initialize=True)
        stores.append(pc)
        assert syncing.run_sync(pc).ok
        fill_outbox(pc, n, rnd)
        load = Load()
        (rep, elapsed), pc_cpu, server_cpu = with_cpu(srv, push, pc, srv.url, syncing.tokens(pc).load())
        assert rep.ok and rep.applied == n, rep
        print(f"- b) {n:,} letters pushed on loopback: **{n / elapsed:,.0f} letters/s** ({elapsed:.1f} s, "
              f"{rep.requests} requests, {rep.bytes_down / n:.0f} B down per letter); CPU: PC {pc_cpu:.1f} s, "
              f"server {server_cpu:.1f} s = **{n / (pc_cpu + server_cpu):,.0f} letters per CPU-second** of both; "
              f"machine busy {load.cores():.1f} of {os.cpu_count()} cores, load average {loadavg()}")
        # c) the same per-letter rate with a short and a long outbox; applying 1,000 incoming letters
        office = None
        # Each size is pushed several times (a fresh PC each, the sizes interleaved): a push of 1,000 lasts
        # ~0.15 s, and one hiccup of a shared VM moved a single run's rate by a third.
        sizes = sorted({scaled(OUTBOX_SMALL), scaled(OUTBOX_MID), scaled(OUTBOX_BIG)})
        runs: dict[int, list[dict]] = {size: [] for size in sizes}
        for round_ in range(OUTBOX_ROUNDS):
            for size in sizes:
                office = srv.new_office()
                pc = desktop_pc(srv, root, office, f"push-{size}-{round_}", initialize=True)
                stores.append(pc)
                assert syncing.run_sync(pc).ok
                t0 = time.perf_counter()
                fill_outbox(pc, size, rnd)
                setup = time.perf_counter() - t0
                applying = apply_cost(pc, size, rnd) if round_ == 0 else 0.0
                # On a real PC the letters waited for days: the app was started again since, and their pages are
                # on disk. Just registered, this process holds their decrypted pages (200 MB for 50,000: memory a
                # short outbox's push does not have), and up to 400 MB are still dirty in the OS cache, which the
                # push's first checkpoint (fsync of the database file) would wait for: costs of the filling.
                pc = reopened(stores, pc, root / f"push-{size}-{round_}")
                os.sync()
                # After each page: a cost that grew with what waits would make a long push's first pages (all of
                # it waiting) dearer than its last ones, in the same run.
                marks = [(0, time.process_time())]
                io0 = io_bytes()
                with CollectorTime() as collector:
                    (rep, elapsed), pc_cpu, server_cpu = with_cpu(
                        srv, push_folded, pc, srv.url, syncing.tokens(pc).load(),
                        lambda report, marks=marks: marks.append((report.pushed, time.process_time())))
                io1 = io_bytes()
                assert rep.ok and rep.applied == size, rep
                # What any sync costs the PC whatever it sends (opening the read connection, the first request,
                # the device's stats): an empty one, by the store opened afresh again. A push of 500 carries it.
                pc = reopened(stores, pc, root / f"push-{size}-{round_}")
                (rep, _), fixed_cpu, _ = with_cpu(srv, push_folded, pc, srv.url, syncing.tokens(pc).load())
                assert rep.ok and rep.pushed == 0, rep
                runs[size].append({
                    "rate": size / elapsed, "pc": pc_cpu * 1e6 / size, "server": server_cpu * 1e6 / size,
                    "applying": applying, "setup": setup, "read": (io1[0] - io0[0]) / size,
                    "written": (io1[1] - io0[1]) / size, "beyond": (pc_cpu - fixed_cpu) * 1e6 / size,
                    "fixed_ms": fixed_cpu * 1e3, "gc": collector.seconds * 1e6 / size,
                    "first": cpu_per_letter(marks, first=True),
                    "last": cpu_per_letter(marks, first=False)})
                pc.close()
                stores.remove(pc)
        for size in sizes:
            rates, pc_us, server_us = ([r[k] for r in runs[size]] for k in ("rate", "pc", "server"))
            applying, setup = runs[size][0]["applying"], runs[size][0]["setup"]
            read, written, beyond, fixed, collecting = (statistics.median(r[k] for r in runs[size])
                                                        for k in ("read", "written", "beyond", "fixed_ms", "gc"))
            tenths = ""
            if runs[size][0]["first"] is not None:
                first, last = (statistics.median(r[k] for r in runs[size]) for k in ("first", "last"))
                tenths = (f"; within the push, PC CPU per letter of the first tenth of its pages (all {size:,} "
                          f"waiting) **{first:.0f} µs**, of the last tenth **{last:.0f} µs**")
            print(f"- c) outbox of {size:,}, {len(rates)} pushes (store opened afresh, checkpoint included): "
                  f"**{statistics.median(rates):,.0f} letters/s** median ({min(rates):,.0f}–{max(rates):,.0f}); "
                  f"CPU per letter, median (range): **PC {statistics.median(pc_us):.0f} µs** "
                  f"({min(pc_us):.0f}–{max(pc_us):.0f}; {beyond:.0f} µs beyond an empty sync's {fixed:.0f} ms; "
                  f"Python's cyclic collector {collecting:.1f} µs of it), "
                  f"**server {statistics.median(server_us):.0f} µs** "
                  f"({min(server_us):.0f}–{max(server_us):.0f}); PC read {read:,.0f} B and wrote {written:,.0f} B "
                  f"per letter{tenths}; applying 1,000 incoming letters meanwhile took {applying:.2f} s; registering them "
                  f"took {setup:.1f} s ({size / setup:,.0f}/s); load average {loadavg()}")
        # d) the pull of a long backlog: the largest office's letters, by a second PC
        pull_backlog(srv, root, office, scaled(OUTBOX_BIG))
    finally:
        for s_ in stores:
            s_.close()
        srv.stop()


# --- part 4: initial sync of 100,000 ----------------------------------------------------------------
class CountReplica(GenReplica):
    def __init__(self, device_id: str):
        super().__init__(device_id, "", 0, 0)


def seed_office(srv, office: str, n: int) -> float:
    """``n`` letters pushed by one device, 1,000 mutations per request (the replies ask for 1 change)."""
    from tests.integration.conftest import APP_VERSION

    with SyncClient(srv.url, app_version=APP_VERSION, timeout=(15, 300)) as c:
        dev = c.enroll(srv.enroll_code(office), "seeder")["device_id"]
        rnd, clock = random.Random(4), hlc.Clock(dev)
        t0 = time.perf_counter()
        mseq = 0
        while mseq < n:
            muts = []
            for _ in range(min(SEED_PAGE, n - mseq)):
                mseq += 1
                muts.append({"mseq": mseq, "collection": "letters", "id": str(uuid6.uuid7()), "op": "put",
                             "base_rev": 0, "fields": wire_letter(rnd, mseq, "seeder"), "hlc": clock.now(),
                             "actor": "seeder"})
            reply = c.sync_page({"schema_v": SCHEMA_V, "device_id": dev, "client_time": int(time.time() * 1000),
                                 "mutations": muts, "cursor": 0, "limit": 1, "waiting": n - mseq})
            bad = [r for r in reply["results"] if r["status"] != "applied"]
            assert reply["acked_mseq"] == mseq and not bad, bad[:3]
        return time.perf_counter() - t0


def initial_sync(srv, root: Path, label: str, with_store: bool) -> None:
    from desktop.domain import syncing

    n = scaled(INITIAL)
    office = srv.new_office()
    load = Load()
    seed_s = seed_office(srv, office, n)
    seed_busy = load.cores()
    print(f"- {label}: seeded {n:,} letters in {seed_s:.1f} s ({n / seed_s:,.0f}/s; HTTP pushes of {SEED_PAGE}, "
          f"one device; machine busy {seed_busy:.1f} of {os.cpu_count()} cores)")
    runs = [("engine, counting replica (no local store)", DEFAULT_PAGE, False)]
    if with_store:  # SQLite: also into a real desktop store, and with the largest page
        runs = [("run_sync into a real desktop store", DEFAULT_PAGE, True), *runs,
                ("engine, counting replica (no local store)", MAX_MUTATIONS, False)]
    for what, page, real in runs:
        store = None
        if real:
            store = desktop_pc(srv, root, office, f"init-{label[:6]}", initialize=False)
            client = SyncClient(srv.url, syncing.tokens(store).load(), timeout=(15, 300))
        else:
            with SyncClient(srv.url) as c:
                dev = c.enroll(srv.enroll_code(office), "fresh")
            client = SyncClient(srv.url, dev["token"], timeout=(15, 300))
        try:
            load = Load()
            t0 = time.perf_counter()
            if real:
                rep = syncing.run_sync(store, client=client)
            else:
                replica = CountReplica(dev["device_id"])
                rep = sync_once(replica, client, page_size=page)
            elapsed = time.perf_counter() - t0
            busy = load.cores()
            if store is not None:
                count = store.read().execute("SELECT count(*) FROM letters").fetchone()[0]
                size = sum(p.stat().st_size for p in store.data_dir.glob("layan.sqlite3*"))
                local = f"; {count:,} letters in the store, database {size / 1e6:.0f} MB"
            else:
                local = ""
        finally:
            client.close()
            if store is not None:
                store.close()
        assert rep.ok and rep.pulled >= n, rep
        print(f"  - {what}, page {page}: **{elapsed:.1f} s** ({rep.pulled / elapsed:,.0f} records/s), "
              f"{rep.requests} requests, {rep.bytes_down / 1e6:.2f} MB down ({rep.bytes_down / rep.pulled:.0f} "
              f"B/record), {rep.bytes_up / 1e3:.0f} kB up; at 64 kbit/s that download alone is "
              f"{rep.bytes_down * 8 / RATE_BPS / 60:.0f} min{local}; machine busy {busy:.1f} of "
              f"{os.cpu_count()} cores")


def part_initial(root: Path, pg: Postgres) -> None:
    BenchServer = _servers()
    print(f"\n### 4. Initial sync of {scaled(INITIAL):,} letters by a fresh device (loopback, no link shaping; "
          f"load average {loadavg()})")
    srv = BenchServer(root / "srv4-sqlite").start()
    try:
        initial_sync(srv, root, "SQLite", with_store=True)
    finally:
        srv.stop()
    if pg.url:
        srv = BenchServer(root / "srv4-pg", pg.database()).start()
        try:
            initial_sync(srv, root, "PostgreSQL", with_store=False)
        finally:
            srv.stop()


def run() -> None:
    os.environ["LAYAN_TOKEN_STORE"] = "file"  # never the OS keyring for throwaway bench devices
    root = Path(tempfile.mkdtemp(prefix="layan-bench-sync."))
    print(f"- machine: {machine()}; server, PostgreSQL and clients all on it, over 127.0.0.1"
          + (f"; SCALE {SCALE}" if SCALE != 1 else ""))
    t_all = time.perf_counter()
    pg = None
    try:
        if "1" in PARTS:
            part_bytes(root)
        if "2" in PARTS:
            part_link(root)
        if "3" in PARTS or "4" in PARTS:
            pg = Postgres()
            if pg.url and pg.dir:
                print(f"- PostgreSQL: throwaway cluster from scripts/start-postgres.sh (fsync off) at {pg.url}")
        if "3" in PARTS:
            part_throughput(root, pg)
        if "4" in PARTS:
            part_initial(root, pg)
        if "5" in PARTS:
            part_push(root)
    finally:
        if pg is not None:
            pg.stop()
        shutil.rmtree(root, ignore_errors=True)
    print(f"\n- total bench time {time.perf_counter() - t_all:.0f} s")
