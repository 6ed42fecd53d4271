"""Fixtures for the sync server and client tests: the REAL server process (``python -m
sync.server.cli serve``) on a loopback port, over SQLite and over a throwaway PostgreSQL cluster,
and ``MemoryReplica``, the reference implementation of ``sync.engine.LocalReplica``.

PostgreSQL: LAYAN_TEST_PG_URL if set, else a cluster started with scripts/start-postgres.sh;
the postgres-parametrized tests are skipped only when neither works.
"""

from __future__ import annotations

import copy
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
import requests
import uuid6

from sync import hlc
from sync.client import SyncClient
from sync.protocol import ENROLL_TTL_DAYS, SCHEMA_V, encode_body
from sync.server.storage import Storage

ROOT = Path(__file__).resolve().parents[2]
MIN_APP_VERSION = "0.1.0"  # the test servers refuse older clients (426)
APP_VERSION = "0.1.0"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def new_id() -> str:
    return str(uuid6.uuid7())


def unique_code(prefix: str = "T") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8].upper()}"


# --- PostgreSQL ------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def pg_base_url(tmp_path_factory):
    """A PostgreSQL URL with CREATEDB rights, or None when PostgreSQL is unavailable."""
    env = os.environ.get("LAYAN_TEST_PG_URL")
    if env:
        yield env
        return
    script = ROOT / "scripts" / "start-postgres.sh"
    pgdir = Path(tempfile.mkdtemp(prefix="layan-pg-test."))
    try:
        out = subprocess.run(["bash", str(script), "start", str(pgdir)], capture_output=True, text=True,
                             timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        out = None
    if out is None or out.returncode != 0:
        shutil.rmtree(pgdir, ignore_errors=True)
        yield None
        return
    try:
        yield out.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", str(script), "stop", str(pgdir)], capture_output=True, timeout=60)
        shutil.rmtree(pgdir, ignore_errors=True)


def create_pg_database(base_url: str) -> str:
    name = "layan_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    head, _, _ = base_url.rpartition("/")
    return f"{head}/{name}"


# --- the server process ----------------------------------------------------------------------------
class ServerProc:
    """``layan-server serve`` in a subprocess; ``cli()`` runs the other commands on the same database."""

    def __init__(self, data_dir: Path, db_url: str | None = None, min_app_version: str = MIN_APP_VERSION):
        self.data_dir = Path(data_dir)
        self.db_url = db_url
        self.min_app_version = min_app_version
        self.backend = "postgres" if db_url else "sqlite"
        self.port: int | None = None
        self.proc: subprocess.Popen | None = None
        self.log_path = self.data_dir / f"server-{uuid.uuid4().hex[:6]}.log"
        self._storage: Storage | None = None
        self._clients: list[SyncClient] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def db_args(self) -> list[str]:
        return ["--data", str(self.data_dir)] + (["--db", self.db_url] if self.db_url else [])

    def start(self, port: int | None = None) -> ServerProc:
        """Starts the server (on ``port``, e.g. the same one again after a kill, or a free one)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        for _attempt in range(3 if port is None else 30):
            self.port = port or free_port()
            with open(self.log_path, "ab") as log:
                self.proc = subprocess.Popen(
                    [sys.executable, "-m", "sync.server.cli", "serve", "--port", str(self.port),
                     "--min-app-version", self.min_app_version, "--log-level", "warning", *self.db_args()],
                    stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
            if self._wait_healthy():
                return self
            self.stop()
            if port is not None:
                time.sleep(0.2)  # the old process's socket may linger a moment
        raise RuntimeError(f"server did not start; log:\n{self.log_path.read_text(errors='replace')[-4000:]}")

    def _wait_healthy(self) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                r = requests.get(self.url + "/v1/health", timeout=2)
                if r.status_code == 200 and r.json().get("ok"):
                    return True
            except requests.RequestException:
                pass
            time.sleep(0.05)
        return False

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        for client in self._clients:
            client.close()
        self._clients.clear()
        if self._storage is not None:
            self._storage.close()
            self._storage = None

    def kill(self) -> None:
        """kill -9, as a power cut would."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def cli(self, *args: str, input: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "sync.server.cli", *args, *self.db_args()]
        res = subprocess.run(cmd, input=input, capture_output=True, text=True, cwd=ROOT, timeout=120)
        if check and res.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed ({res.returncode}):\n{res.stdout}\n{res.stderr}")
        return res

    @property
    def storage(self) -> Storage:
        """The same database, opened in the test process (for setup and for looking inside)."""
        if self._storage is None:
            self._storage = Storage.open(self.data_dir, self.db_url)
        return self._storage

    # --- setup helpers -----------------------------------------------------------------------------
    def new_office(self, kind: str = "distrik") -> str:
        code = unique_code("D" if kind == "distrik" else "P")
        self.storage.add_office(code, f"Kantor {code}", kind)
        return code

    def enroll_code(self, office: str) -> str:
        """A one-time enrollment code, made in this process: set-up, not the command under test
        (test_server_cli.py runs ``enroll-code``), and a command costs a Python start-up each time."""
        return self.storage.create_enroll_code(office, ENROLL_TTL_DAYS)[0]

    def desktop_pc(self, folder: Path, office: str, *, kind: str = "distrik", initialize: bool = True):
        """A real desktop store in ``folder``, enrolled for ``office`` (from the server when not initialized)."""
        from desktop.domain import office as office_mod
        from desktop.domain import open_store, syncing

        store = open_store(folder)
        if initialize:
            office_mod.initialize(store, code=office, name=f"Kantor {office}", kind=kind)
        syncing.enroll(store, self.url, self.enroll_code(office), device_name=folder.name)
        return store

    def new_device(self, office: str, name: str = "PC", app_version: str = APP_VERSION) -> Device:
        code, _ = self.storage.create_enroll_code(office, 1)
        client = SyncClient(self.url, app_version=app_version, retries=2, backoff=0.05, timeout=(5, 60))
        self._clients.append(client)
        reply = client.enroll(code, name)
        return Device(self, office, reply["device_id"], reply["token"], client)


def _start_server(tmp_path_factory, backend: str, pg_base_url: str | None, **kw) -> ServerProc:
    data = tmp_path_factory.mktemp(f"server-{backend}")
    if backend == "postgres":
        if not pg_base_url:
            pytest.skip("PostgreSQL not available (set LAYAN_TEST_PG_URL or install postgresql)")
        return ServerProc(data, create_pg_database(pg_base_url), **kw).start()
    return ServerProc(data, **kw).start()


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=BACKENDS)
def server(request, tmp_path_factory, pg_base_url):
    """One real server per test module and backend; tests isolate themselves with fresh offices."""
    srv = _start_server(tmp_path_factory, request.param, pg_base_url)
    yield srv
    srv.stop()


@pytest.fixture
def fresh_server(request, tmp_path_factory, pg_base_url):
    """A server of its own (for tests that kill it, or need its counters from zero). SQLite unless
    the test is parametrized with ``backend``."""
    backend = getattr(request, "param", "sqlite")
    servers = []

    def make(backend: str = backend, **kw) -> ServerProc:
        srv = _start_server(tmp_path_factory, backend, pg_base_url, **kw)
        servers.append(srv)
        return srv

    yield make
    for srv in servers:
        srv.stop()


# --- a device speaking the raw protocol ------------------------------------------------------------
@dataclass
class Device:
    server: ServerProc
    office: str
    device_id: str
    token: str
    client: SyncClient
    next_mseq: int = 1
    clock: hlc.Clock = None  # type: ignore[assignment]
    actor: str = "tester"

    def __post_init__(self):
        self.clock = hlc.Clock(self.device_id)

    def mut(self, collection: str, record_id: str, fields: dict | None = None, *, op: str = "put",
            base_rev: int = 0, stamp: str | None = None, mseq: int | None = None) -> dict:
        if mseq is None:
            mseq = self.next_mseq
            self.next_mseq += 1
        return {"mseq": mseq, "collection": collection, "id": record_id, "op": op, "base_rev": base_rev,
                "fields": fields or {}, "hlc": stamp or self.clock.now(), "actor": self.actor}

    def request(self, mutations=(), cursor: int = 0, limit: int = 200, **extra) -> dict:
        return {"schema_v": SCHEMA_V, "app_version": APP_VERSION, "device_id": self.device_id,
                "client_time": int(time.time() * 1000), "mutations": list(mutations), "cursor": cursor,
                "limit": limit, "waiting": 0, **extra}

    def sync(self, *mutations: dict, cursor: int = 0, limit: int = 200, **extra) -> dict:
        return self.client.sync_page(self.request(mutations, cursor, limit, **extra))

    def raw(self, path: str, body: bytes | dict | None = None, *, headers: dict | None = None,
            token: str | None = "self", method: str = "POST", gzip_body: bool = True) -> requests.Response:
        """One raw HTTP request (no retries, no checks) for hostile-input and tenancy tests."""
        h = {"Accept-Encoding": "identity"}
        if token == "self":
            token = self.token
        if token is not None:
            h["Authorization"] = f"Bearer {token}"
        if isinstance(body, dict):
            body = encode_body(body, compress=gzip_body)
            h["Content-Type"] = "application/json"
            if gzip_body:
                h["Content-Encoding"] = "gzip"
        h.update(headers or {})
        return requests.request(method, self.server.url + path, data=body, headers=h, timeout=60)

    def pull_all(self, cursor: int = 0, limit: int = 500) -> dict[str, dict]:
        """Every record visible to this device, by id (pages through from ``cursor``)."""
        out: dict[str, dict] = {}
        while True:
            reply = self.sync(cursor=cursor, limit=limit)
            for ch in reply["changes"]:
                out[ch["id"]] = ch
            cursor = reply["cursor"]
            if not reply["has_more"]:
                return out


def wait_until(condition, limit_s: float = 60.0) -> None:
    """Poll ``condition`` until it holds; the limit is a safety net only, the test's asserts decide."""
    deadline = time.monotonic() + limit_s
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)


def advisory_locks_waiting(storage: Storage) -> int:
    """PostgreSQL: how many advisory locks are asked for and not yet granted (a page or a recount waiting)."""
    from sqlalchemy import text

    with storage.read() as conn:
        return conn.execute(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                 "AND NOT granted")).scalar_one()


def letter(seq: int = 1, **extra) -> dict:
    """A valid incoming letter (surat masuk)."""
    return {"direction": "masuk", "year": 2026, "seq": seq, "perihal": f"Undangan rapat {seq}",
            "sifat": "biasa", "tanggal_terima": "2026-03-02", "asal": "Sekretariat Daerah", **extra}


def complaint(**extra) -> dict:
    return {"tracking_code": "ADU-" + uuid.uuid4().hex[:6].upper(), "tanggal": "2026-03-02",
            "channel": "langsung", "uraian": "Lampu jalan di kampung mati.", "status": "masuk", **extra}


# --- MemoryReplica: the reference LocalReplica -----------------------------------------------------
@dataclass
class MemoryReplica:
    """An in-memory implementation of ``sync.engine.LocalReplica``, with the rules the desktop store
    must follow too: base_rev is the rev the user saw (the oldest pending mutation's base_rev while
    the record has pending mutations), received stamps are observed by the clock, the outbox keeps
    local edits on top of server changes until they are acknowledged."""

    device: str
    actor: str = "tester"
    skew_ms: int = 0  # how wrong this PC's clock is
    server: dict = field(default_factory=dict)  # id -> last change received from the server
    outbox: list = field(default_factory=list)
    acked: list = field(default_factory=list)  # (mutation, rev): acknowledged, not yet received back
    rejected: list = field(default_factory=list)  # (mutation, errors)
    next_mseq: int = 1
    _cursor: int = 0
    server_offsets: list = field(default_factory=list)
    clock: hlc.Clock = None  # type: ignore[assignment]
    history: list = field(default_factory=list)  # every mutation created, with what it overwrote locally

    def __post_init__(self):
        self.clock = hlc.Clock(self.device, now_ms=self.device_clock_ms)

    def device_clock_ms(self) -> int:
        return int(time.time() * 1000) + self.skew_ms

    # local edits
    def local(self, record_id: str) -> dict | None:
        """What the clerk sees: the server's copy, then our acknowledged-but-not-yet-received
        mutations, then the pending ones."""
        base = self.server.get(record_id)
        view = None if base is None else {"collection": base["collection"], "deleted": base["deleted"],
                                          "fields": dict(base["fields"]), "rev": base["rev"]}
        for m in [a for a, _ in self.acked] + self.outbox:
            if m["id"] != record_id:
                continue
            if view is None:
                view = {"collection": m["collection"], "deleted": False, "fields": {}, "rev": 0}
            if m["op"] == "put":
                view["deleted"] = False
                view["fields"].update(m["fields"])
            else:
                view["deleted"] = True
        return view

    def _base_rev(self, record_id: str) -> int:
        for m in [a for a, _ in self.acked] + self.outbox:
            if m["id"] == record_id:
                return m["base_rev"]
        return self.server.get(record_id, {}).get("rev", 0)

    def _add(self, collection: str, record_id: str, op: str, fields: dict) -> dict:
        before = self.local(record_id)
        m = {"mseq": self.next_mseq, "collection": collection, "id": record_id, "op": op,
             "base_rev": self._base_rev(record_id), "fields": dict(fields), "hlc": self.clock.now(),
             "actor": self.actor}
        self.next_mseq += 1
        self.outbox.append(m)
        self.history.append({"m": copy.deepcopy(m), "before": copy.deepcopy(before)})
        return m

    def put(self, collection: str, record_id: str, fields: dict) -> dict:
        return self._add(collection, record_id, "put", fields)

    def delete(self, collection: str, record_id: str) -> dict:
        return self._add(collection, record_id, "delete", {})

    # LocalReplica
    def device_id(self) -> str:
        return self.device

    def pending_mutations(self, limit: int) -> list[dict]:
        return copy.deepcopy(self.outbox[:limit])

    def outbox_size(self) -> int:
        return len(self.outbox)

    def acknowledge(self, upto_mseq: int, results: list[dict]) -> None:
        by_mseq = {r["mseq"]: r for r in results}
        keep = []
        for m in self.outbox:
            if m["mseq"] > upto_mseq:
                keep.append(m)
                continue
            res = by_mseq.get(m["mseq"], {})
            if res.get("status") == "rejected":
                self.rejected.append((m, res.get("errors", [])))
            else:  # shown locally until the server's version of the record arrives
                self.acked.append((m, res.get("rev", 0)))
        self.outbox = keep

    def cursor(self) -> int:
        return self._cursor

    def apply_changes(self, changes: list[dict], cursor: int) -> None:
        for ch in changes:
            self.server[ch["id"]] = copy.deepcopy(ch)
            self.clock.observe(ch["hlc"])
            self.acked = [(m, rev) for m, rev in self.acked if not (m["id"] == ch["id"] and rev <= ch["rev"])]
        self._cursor = cursor

    def observe_server_time(self, server_ms: int, sent_ms: int, received_ms: int) -> None:
        offset = server_ms - (sent_ms + received_ms) // 2
        self.server_offsets.append(offset)
        self.clock.offset_ms = offset

    # views for assertions
    def state(self) -> dict[str, tuple]:
        return {rid: (ch["collection"], ch["office_id"], ch["deleted"], _canon(ch["fields"]))
                for rid, ch in self.server.items()}


def _canon(fields: dict) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in fields.items()))


def server_state(dev: Device) -> dict[str, tuple]:
    return {rid: (ch["collection"], ch["office_id"], ch["deleted"], _canon(ch["fields"]))
            for rid, ch in dev.pull_all().items()}
