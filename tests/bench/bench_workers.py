"""The sync server on PostgreSQL with ``serve --workers 1``, 2, 3: does throughput grow with workers?

Why a bench of its own: part 3 of bench_sync runs 50 real engines (requests, JSON, reply checks)
beside the server, and on a 2-core machine their CPU takes the core a second worker would use.
Here the load generator costs almost nothing while the clock runs:

- Every sync request is built BEFORE timing by the real engine (``sync_once``) and the real
  ``SyncClient`` (its ``encode_body``, its headers), with the network replaced by a recorder that
  answers each page the way the server answers a page of new records from a no-echo client.
- The one value not known in advance is each page's ``cursor``: the engine sends the one the
  previous reply gave. A page is therefore kept as the gzip stream (level 6, like the client) of
  its JSON up to ``"cursor":``, ended on a sync-flush boundary; at send time the rest (the cursor
  and ``,"limit":…}``, a few dozen bytes) follows as a stored deflate block, with the CRC continued.
  The server decompresses exactly the JSON the real client sends for that page;
  tests/integration/test_bench_workers_bodies.py compares them byte for byte.
- A few threads (one keep-alive ``http.client`` connection each) send the pages, each device's in
  order, and read the small replies. Their CPU is measured and printed.

Every run uses a fresh database and the same request set (same letters, same pages), then checks
that the server holds exactly the letters sent (count and checksum per office), and that reader
devices pulling during the run (one per tenth office) saw every letter of their office with revs
that only rise: no rev skipped while writers were still open.

Run: ``.venv/bin/python -m tests.bench workers``. Environment (defaults in brackets):
``LAYAN_BENCH_WORKERS`` worker counts [1,2,3]; ``LAYAN_BENCH_WORKERS_DEVICES`` [50];
``LAYAN_BENCH_WORKERS_LETTERS`` letters per device [2000]; ``LAYAN_BENCH_WORKERS_PAGE`` [200];
``LAYAN_BENCH_WORKERS_CONNS`` sending connections [one per device]; ``LAYAN_BENCH_WORKERS_READERS`` a
reader device in every Nth office [10; 0: no readers, the writers' cost alone]; ``LAYAN_BENCH_WORKERS_PYSPY=FILE``
py-spy's raw stacks of each worker while the clock runs (FILE-wN.<pid>). When the cluster loads
``pg_stat_statements``, each run also prints what every statement cost per mutation. PostgreSQL: ``LAYAN_TEST_PG_URL`` (a local
cluster, superuser, so its processes' CPU can be found), else a throwaway cluster from
scripts/start-postgres.sh (fsync off). Everything binds to 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import json
import os
import resource
import statistics
import struct
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from sqlalchemy import select

from sync.client import SyncClient
from sync.engine import sync_once
from sync.protocol import SCHEMA_V, encode_body

from .bench_sync import Load, Postgres, PushReplica, _servers, cpu_seconds, loadavg, machine, new_letters, pct
from .server_probes import (
    PySpy,
    Statements,
    WaitSampler,
    connections_by_process,
    postmaster_pid,
    process_cpu,
    wal_lsn,
)

WORKERS = [int(w) for w in os.environ.get("LAYAN_BENCH_WORKERS", "1,2,3").split(",") if w.strip()]
DEVICES = int(os.environ.get("LAYAN_BENCH_WORKERS_DEVICES", "50"))
LETTERS = int(os.environ.get("LAYAN_BENCH_WORKERS_LETTERS", "2000"))
PAGE = int(os.environ.get("LAYAN_BENCH_WORKERS_PAGE", "200"))
CONNS = int(os.environ.get("LAYAN_BENCH_WORKERS_CONNS", str(DEVICES)))  # one per device, as PCs have
READERS_EVERY = int(os.environ.get("LAYAN_BENCH_WORKERS_READERS", "10"))  # a reader in every Nth office; 0: none
PYSPY = os.environ.get("LAYAN_BENCH_WORKERS_PYSPY")  # a file name: py-spy's stacks of the server (server_probes.PySpy)
WARMUP_LETTERS = 20  # per connection, untimed: the worker behind it has run the sync path once
READ_LIMIT = 1000

CURSOR_KEY = b',"cursor":'
CURSOR_MARK = 10**12  # the recorder's cursors: found again in the next page's JSON, replaced at send time
GZIP_HEADER = gzip.compress(b"", compresslevel=6, mtime=0)[:10]  # what gzip.compress writes at level 6


# --- pre-built pages ---------------------------------------------------------------------------------
class RecordingClient(SyncClient):
    """The real client with the network replaced by a recorder: ``_call`` encodes every request as it
    would send it; the answer is what the server gives a no-echo device for a page of new records
    (all applied "exact", nothing to pull), with a cursor the next page's JSON can be searched for."""

    def __init__(self, url: str, token: str):
        super().__init__(url, token)
        self.sent: list[tuple[bytes, dict]] = []  # (body as sent, headers)

    def _once(self, session, method, path, data, headers):
        assert path == "/v1/sync" and headers.get("Content-Encoding") == "gzip"
        self.sent.append((data, {**session.headers, **headers}))
        muts = json.loads(gzip.decompress(data))["mutations"]
        reply = {"acked_mseq": muts[-1]["mseq"] if muts else 0, "results": [], "changes": [],
                 "cursor": CURSOR_MARK + len(self.sent), "has_more": False, "server_time": int(time.time() * 1000)}
        if muts:
            reply["exact_runs"] = [[muts[0]["mseq"], len(muts), CURSOR_MARK + len(self.sent)]]
        return 200, reply


class Page:
    """One sync request, compressed up to its cursor; ``body(cursor)`` completes it in microseconds."""

    def __init__(self, text: bytes, first_mseq: int, last_mseq: int):
        at = text.rfind(CURSOR_KEY) + len(CURSOR_KEY)
        end = text.index(b",", at)
        if at < len(CURSOR_KEY) or not text[at:end].isdigit():
            raise ValueError("no cursor in the request's JSON")
        self.recorded_cursor = int(text[at:end])
        head, self.rest = text[:at], text[end:]
        z = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        self.head = GZIP_HEADER + z.compress(head) + z.flush(zlib.Z_SYNC_FLUSH)  # byte-aligned, not final
        self.head_crc, self.head_len = zlib.crc32(head), len(head)
        self.first_mseq, self.last_mseq = first_mseq, last_mseq

    def body(self, cursor: int) -> bytes:
        rest = str(cursor).encode() + self.rest
        # A final stored block: 1 header byte, LEN and its complement, the bytes themselves.
        stored = b"\x01" + struct.pack("<HH", len(rest), len(rest) ^ 0xFFFF) + rest
        trailer = struct.pack("<II", zlib.crc32(rest, self.head_crc), (self.head_len + len(rest)) & 0xFFFFFFFF)
        return self.head + stored + trailer


def prebuild(url: str, device_id: str, token: str, mutations: list[dict], page: int) -> tuple[list[Page], dict]:
    """A device's whole push as the real engine and client send it: (pages, HTTP headers)."""
    rec = RecordingClient(url, token)
    report = sync_once(PushReplica(device_id, mutations), rec, page_size=page)
    rec.close()
    if not report.ok or report.pushed != len(mutations):
        raise RuntimeError(f"recording the push failed: {report.error!r}")
    pages = []
    for data, _ in rec.sent:
        text = gzip.decompress(data)
        muts = json.loads(text)["mutations"]
        pages.append(Page(text, muts[0]["mseq"], muts[-1]["mseq"]))
    for i, p in enumerate(pages):  # the cursors the engine took from the recorder's replies, in order
        if p.recorded_cursor != (CURSOR_MARK + i if i else 0):
            raise RuntimeError(f"page {i}: unexpected cursor {p.recorded_cursor}")
    headers = {k: v for k, v in rec.sent[0][1].items() if k.lower() not in ("content-length", "connection")}
    return pages, headers


# --- sending -------------------------------------------------------------------------------------------
def post(conn: http.client.HTTPConnection, body: bytes, headers: dict) -> dict:
    conn.request("POST", "/v1/sync", body=body, headers=headers)
    resp = conn.getresponse()
    raw = resp.read()
    if resp.getheader("Content-Encoding") == "gzip":
        raw = gzip.decompress(raw)
    reply = json.loads(raw)
    if resp.status != 200:
        raise RuntimeError(f"HTTP {resp.status}: {str(reply)[:300]}")
    return reply


@dataclass
class Pusher:
    """One device's pre-built push and what came back."""

    office: str
    device_id: str
    pages: list[Page]
    headers: dict
    sent: dict[str, dict]  # id -> fields, for the check afterwards
    cursor: int = 0
    next: int = 0
    applied: int = 0
    problems: list[str] = field(default_factory=list)

    def send_next(self, conn: http.client.HTTPConnection) -> dict:
        page = self.pages[self.next]
        reply = post(conn, page.body(self.cursor), self.headers)
        self.next += 1
        self.cursor = reply["cursor"]
        applied = sum(run[1] for run in reply.get("exact_runs", ())) + sum(
            1 for r in reply["results"] if r["status"] == "applied")
        self.applied += applied
        if reply["acked_mseq"] != page.last_mseq or applied != page.last_mseq - page.first_mseq + 1:
            self.problems.append(f"page {self.next}: acked {reply['acked_mseq']}, applied {applied}, "
                                 f"results {str(reply['results'])[:200]}")
        # Reference data may come down with the first pages (the engine would pull the rest of it
        # with one more request when the push ends first); the device's own letters never (no echo).
        echoed = sum(1 for ch in reply["changes"] if ch["collection"] == "letters")
        if echoed:
            self.problems.append(f"page {self.next}: {echoed} of the device's own letters came back")
        return reply

    @property
    def done(self) -> bool:
        return self.next >= len(self.pages)


class Reader:
    """A second device of an office that pulls while the others write, as a PC of that office would."""

    def __init__(self, office: str, device_id: str, token: str):
        self.office, self.device_id = office, device_id
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                        "Content-Encoding": "gzip", "Accept-Encoding": "gzip"}
        self.cursor = self.last_rev = self.requests = 0
        self.letters: dict[str, dict] = {}
        self.problems: list[str] = []

    def pull(self, conn: http.client.HTTPConnection) -> bool:
        """One page; True when the server has more."""
        body = encode_body({"schema_v": SCHEMA_V, "app_version": "0.1.0", "device_id": self.device_id,
                            "client_time": int(time.time() * 1000), "mutations": [], "cursor": self.cursor,
                            "limit": READ_LIMIT, "waiting": 0, "compact_stamps": True})
        reply = post(conn, body, self.headers)
        self.requests += 1
        for ch in reply["changes"]:
            if ch["rev"] <= self.last_rev:
                self.problems.append(f"rev {ch['rev']} after {self.last_rev}")
            self.last_rev = ch["rev"]
            if ch["collection"] == "letters":
                self.letters[ch["id"]] = ch["fields"]
        self.cursor = reply["cursor"]
        return reply["has_more"]


def _connect(url: str) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)


class Sender(threading.Thread):
    """One keep-alive connection: warms its worker up, waits for the start, then sends its devices'
    pages round-robin (each device's in order)."""

    def __init__(self, url: str, warmup: Pusher, pushers: list[Pusher], ready: threading.Barrier,
                 go: threading.Event):
        super().__init__(daemon=True)
        self.url, self.warmup, self.pushers, self.ready, self.go = url, warmup, pushers, ready, go
        self.latencies: list[float] = []
        self.cpu = 0.0
        self.error: str | None = None

    def run(self) -> None:
        conn = _connect(self.url)
        try:
            while not self.warmup.done:
                self.warmup.send_next(conn)
            self.ready.wait()
            self.go.wait()
            cpu0 = time.thread_time()
            todo = list(self.pushers)
            while todo:
                for p in list(todo):
                    t0 = time.perf_counter()
                    p.send_next(conn)
                    self.latencies.append((time.perf_counter() - t0) * 1000)
                    if p.done:
                        todo.remove(p)
            self.cpu = time.thread_time() - cpu0
        except Exception as e:  # reported with the results; the run goes on to its checks
            self.error = f"{type(e).__name__}: {str(e)[:300]}"
            if not self.go.is_set():
                self.ready.abort()
        finally:
            conn.close()


class ReaderThread(threading.Thread):
    """Pulls for every reader until told to stop, then to the end."""

    def __init__(self, url: str, readers: list[Reader]):
        super().__init__(daemon=True)
        self.url, self.readers = url, readers
        self.stop = threading.Event()
        self.cpu = 0.0
        self.error: str | None = None

    def run(self) -> None:
        conn = _connect(self.url)
        cpu0 = time.thread_time()
        try:
            while not self.stop.is_set():
                for r in self.readers:
                    while r.pull(conn) and not self.stop.is_set():
                        pass
                self.stop.wait(0.05)
            self.cpu = time.thread_time() - cpu0
            for r in self.readers:  # after the writers: drain what is left (not timed)
                while r.pull(conn):
                    pass
        except Exception as e:
            self.error = f"{type(e).__name__}: {str(e)[:300]}"
        finally:
            conn.close()


# --- checking ------------------------------------------------------------------------------------------
def checksum(letters: dict[str, dict]) -> str:
    h = hashlib.sha256()
    for rid in sorted(letters):
        h.update(rid.encode() + b"\0" + json.dumps(letters[rid], sort_keys=True, ensure_ascii=False).encode() + b"\n")
    return h.hexdigest()[:16]


def verify(srv, pushers: list[Pusher], readers: list[Reader]) -> list[str]:
    """What the server holds against what was sent; what readers saw against what the server holds."""
    from sync.server.storage import records

    sent: dict[str, dict[str, dict]] = {}
    for p in pushers:
        sent.setdefault(p.office, {}).update(p.sent)
    held: dict[str, dict[str, dict]] = {}
    with srv.storage.read() as conn:
        for office, rid, fields in conn.execute(select(records.c.office_id, records.c.id, records.c.fields)
                                                .where(records.c.collection == "letters")):
            held.setdefault(office, {})[rid] = json.loads(fields)
    problems = []
    n_sent, n_held = sum(map(len, sent.values())), sum(map(len, held.values()))
    if n_sent != n_held:
        problems.append(f"{n_held:,} letters on the server, {n_sent:,} sent")
    for office, letters in sent.items():
        if checksum(letters) != checksum(held.get(office, {})):
            problems.append(f"office {office}: the server's letters differ from those sent")
    for r in readers:
        problems += [f"reader of {r.office}: {x}" for x in r.problems[:3]]
        if checksum(r.letters) != checksum(held.get(r.office, {})):
            problems.append(f"reader of {r.office}: saw {len(r.letters):,} letters, the server holds "
                            f"{len(held.get(r.office, {})):,}")
    for p in pushers:
        problems += [f"device {p.device_id[-6:]}: {x}" for x in p.problems[:3]]
    return problems


# --- one run -------------------------------------------------------------------------------------------
def enroll(srv, office: str, name: str) -> tuple[str, str]:
    with SyncClient(srv.url, app_version="0.1.0") as c:
        reply = c.enroll(srv.enroll_code(office), name)
    return reply["device_id"], reply["token"]


def one_run(root: Path, pg: Postgres, workers: int) -> dict:
    BenchServer = _servers()
    db = pg.database()
    srv = BenchServer(root / f"srv-w{workers}", db, workers=workers).start()
    try:
        t_build = time.perf_counter()
        pushers, warmups, readers = [], [], []
        for i in range(DEVICES + CONNS):
            office = srv.new_office()
            device_id, token = enroll(srv, office, f"bench-{i}")
            warm = i >= DEVICES
            muts = new_letters(device_id, seed=i, n=WARMUP_LETTERS if warm else LETTERS)
            pages, headers = prebuild(srv.url, device_id, token, muts, PAGE)
            p = Pusher(office, device_id, pages, headers, {m["id"]: m["fields"] for m in muts})
            (warmups if warm else pushers).append(p)
            if not warm and READERS_EVERY and i % READERS_EVERY == 0:
                readers.append(Reader(office, *enroll(srv, office, f"reader-{i}")))
        build_s = time.perf_counter() - t_build
        wait_for_workers(srv, workers)
        ready, go = threading.Barrier(CONNS + 1), threading.Event()
        senders = [Sender(srv.url, warmups[c], pushers[c::CONNS], ready, go) for c in range(CONNS)]
        for s in senders:
            s.start()
        try:
            ready.wait(timeout=300)
        except threading.BrokenBarrierError:
            raise RuntimeError(f"warming up failed: {[s.error for s in senders if s.error]}") from None
        server_pids = list(process_cpu(srv.proc.pid))
        conns = [c for c in connections_by_process(server_pids, srv.port) if c]
        reader, waits = ReaderThread(srv.url, readers), WaitSampler(db)
        pm = postmaster_pid(pg.url)
        server0, pg0 = process_cpu(srv.proc.pid), cpu_seconds(pm) if pm else 0.0
        wal0, ru0, load = wal_lsn(pg.url), resource.getrusage(resource.RUSAGE_SELF), Load()
        statements = Statements(pg.url)
        spy = PySpy(PYSPY and f"{PYSPY}-w{workers}", server_pids[1:] if workers > 1 else server_pids)
        t0 = time.perf_counter()
        reader.start()
        waits.start()
        go.set()
        for s in senders:
            s.join()
        wall = time.perf_counter() - t0
        waits.stop.set()
        spy.stop()
        server1, pg1 = process_cpu(srv.proc.pid), cpu_seconds(pm) if pm else 0.0
        ru1, machine_cores, wal1 = resource.getrusage(resource.RUSAGE_SELF), load.cores(), wal_lsn(pg.url)
        reader.stop.set()
        reader.join()
        waits.join()
        top = statements.top(db.rpartition("/")[2], sum(p.applied for p in pushers))
        errors = [s.error for s in senders if s.error] + ([reader.error] if reader.error else [])
        problems = errors + verify(srv, pushers + warmups, readers)
    finally:
        srv.stop()
        drop_database(pg.url, db)
    per_process = sorted((server1[p] - server0.get(p, 0.0) for p in server1), reverse=True)
    server_cpu = sum(per_process)
    gen_cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    applied = sum(p.applied for p in pushers)
    lat = [x for s in senders for x in s.latencies]
    return {"workers": workers, "applied": applied, "wall": wall, "server_cpu": server_cpu,
            "server_procs": per_process[:workers], "pg_cpu": pg1 - pg0 if pm else None, "gen_cpu": gen_cpu,
            "senders_cpu": sum(s.cpu for s in senders), "reader_cpu": reader.cpu,
            "reads": sum(r.requests for r in readers), "machine": machine_cores,
            "lat": (statistics.median(lat), pct(lat, 0.95)) if lat else (0, 0), "build_s": build_s,
            "problems": problems, "load": loadavg(), "conns": sorted(conns, reverse=True),
            "waits": waits.summary(), "wal": wal1 - wal0, "statements": top}


def wait_for_workers(srv, workers: int) -> None:
    """``serve --workers N`` answers as soon as one worker is up: wait until all N are."""
    deadline = time.monotonic() + 120
    while workers > 1 and time.monotonic() < deadline:
        if len(process_cpu(srv.proc.pid)) > workers:  # the supervisor and its N workers
            time.sleep(1.0)  # their imports end shortly after they appear
            return
        time.sleep(0.1)


def drop_database(base_url: str, url: str) -> None:
    name = url.rpartition("/")[2]
    try:
        with psycopg.connect(base_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.Error as e:
        print(f"  (could not drop {name}: {e})")


# --- report --------------------------------------------------------------------------------------------
def row(r: dict) -> str:
    w, n = r["wall"], r["applied"]
    pg_cpu = r["pg_cpu"]
    both = r["server_cpu"] + (pg_cpu or 0.0)
    procs = " + ".join(f"{c / w:.2f}" for c in r["server_procs"]) + f"; connections {'/'.join(map(str, r['conns']))}"
    return (f"| {r['workers']} | {n:,} | {w:.1f} s | **{n / w:,.0f}/s** | {r['server_cpu'] / w:.2f} ({procs}) | "
            f"{'?' if pg_cpu is None else f'{pg_cpu / w:.2f}'} | {r['gen_cpu'] / w:.3f} | "
            f"{max(0.0, r['machine'] - (both + r['gen_cpu']) / w):.2f} | {n / both:,.0f} | "
            f"{r['server_cpu'] / n * 1e6:.0f} / {'?' if pg_cpu is None else f'{pg_cpu / n * 1e6:.0f}'} | "
            f"{r['lat'][0]:.0f} / {r['lat'][1]:.0f} ms | {r['load']} | {'✔' if not r['problems'] else '✘'} |")


def ceiling(r: dict) -> str:
    """What this run's costs allow on this machine when nothing else runs: each worker is one
    process (its Python holds the GIL: at most one core), and all of them with PostgreSQL and the
    load generator share the machine's cores."""
    n = r["applied"]
    s_us, p_us, g_us = (r[k] / n * 1e6 for k in ("server_cpu", "pg_cpu", "gen_cpu"))
    cores = os.cpu_count() or 1
    gil, machine_cores = r["workers"] / s_us * 1e6, cores / (s_us + p_us + g_us) * 1e6
    return (f"--workers {r['workers']} ≤ min({r['workers']} core(s) of Python ÷ {s_us:.0f} µs = {gil:,.0f}/s, "
            f"{cores} cores ÷ {s_us + p_us + g_us:.0f} µs = {machine_cores:,.0f}/s) = {min(gil, machine_cores):,.0f}/s")


def model(r: dict, cores: int = 16) -> str:
    """Cores split between workers and PostgreSQL in the ratio of their measured cost per mutation."""
    s_us, p_us = r["server_cpu"] / r["applied"] * 1e6, r["pg_cpu"] / r["applied"] * 1e6
    w = max(1, min(cores - 1, round(cores * s_us / (s_us + p_us))))
    rate = min(w / s_us, (cores - w) / p_us) * 1e6
    return (f"from --workers {r['workers']}: server {s_us:.0f} µs + PostgreSQL {p_us:.0f} µs per mutation → "
            f"{cores} cores as --workers {w} + PostgreSQL {cores - w}: ≈ {rate:,.0f} mutations/s")


def run() -> None:
    pg = Postgres()
    root = Path(tempfile.mkdtemp(prefix="layan-bench-workers."))
    try:
        if not pg.url:
            print(f"PostgreSQL not available: {pg.error}")
            return
        print(f"machine: {machine()}; load average {loadavg()} at the start")
        print(f"{DEVICES} devices × {LETTERS:,} new letters in pages of {PAGE} (each device its own office; "
              f"{f'one reader device per {READERS_EVERY}th office' if READERS_EVERY else 'no reader devices'} pulls during "
              f"the run), sent over {CONNS} keep-alive "
              f"connections; bodies built before timing, fresh database per run\n")
        print("| --workers | applied | wall | applied/s | server CPU, cores (per process; its connections) | PostgreSQL CPU, cores | "
              "load generator CPU, cores | other programs, cores | applied per server+PG CPU-second | "
              "µs per mutation, server / PostgreSQL | page latency median / p95 | load average | checks |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |")
        results = []
        for workers in WORKERS:
            r = one_run(root, pg, workers)
            results.append(r)
            print(row(r), flush=True)
        for r in results:
            if r["problems"]:
                print(f"- --workers {r['workers']}: {len(r['problems'])} problems: {r['problems'][:5]}")
        print(f"\nload generator: senders {sum(r['senders_cpu'] for r in results):.2f} s CPU, reader "
              f"{sum(r['reader_cpu'] for r in results):.2f} s CPU ({sum(r['reads'] for r in results):,} pulls) "
              f"in all runs; building the bodies took {statistics.mean(r['build_s'] for r in results):.0f} s per "
              f"run (not timed)")
        print("\nPostgreSQL backends of the run's database, on average (pg_stat_activity every 50 ms):")
        for r in results:
            print(f"- --workers {r['workers']}: {r['waits']}; WAL {r['wal'] / r['applied']:,.0f} bytes per mutation")
        for r in results:
            if r["statements"]:
                print(f"\nPostgreSQL's statements with --workers {r['workers']} (pg_stat_statements, the timed part):")
                print("\n".join(f"    {line}" for line in r["statements"]))
        print()
        for r in results:
            if r["pg_cpu"]:
                print(f"- here, on {os.cpu_count()} free cores: {ceiling(r)}")
        for r in results:
            if r["pg_cpu"]:
                print(f"- 16-core model {model(r)}")
        if len(results) > 1:
            base = results[0]["applied"] / results[0]["wall"]
            print("- throughput against --workers " f"{results[0]['workers']}: " + ", ".join(
                f"{r['workers']}: ×{r['applied'] / r['wall'] / base:.2f}" for r in results[1:]))
    finally:
        pg.stop()
        import shutil

        shutil.rmtree(root, ignore_errors=True)
